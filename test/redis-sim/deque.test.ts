import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Deque } from '../../src/redis-sim/structures/deque.js';

/**
 * Model-based test: every Deque operation, in random sequences, against a plain array doing the
 * same thing the obvious way. Small values make duplicates (what removeMatching looks for)
 * common; small capacities make the ring wrap and grow often.
 */

type Model = number[];
type Real = Deque<number>;

const check = (m: Model, r: Real): void => {
  expect(r.length).toBe(m.length);
  expect([...r.values()]).toEqual(m);
  expect(Array.from({ length: m.length }, (_, i) => r.get(i))).toEqual(m);
};

class PushFront implements fc.Command<Model, Real> {
  constructor(readonly v: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    m.unshift(this.v);
    r.pushFront(this.v);
    check(m, r);
  }
  toString = () => `pushFront(${this.v})`;
}

class PushBack implements fc.Command<Model, Real> {
  constructor(readonly v: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    m.push(this.v);
    r.pushBack(this.v);
    check(m, r);
  }
  toString = () => `pushBack(${this.v})`;
}

/** Grows the deque quickly, so that middle inserts and removals see long, wrapped buffers. */
class PushMany implements fc.Command<Model, Real> {
  constructor(readonly vs: number[], readonly front: boolean) {}
  check = () => true;
  run(m: Model, r: Real): void {
    for (const v of this.vs) {
      if (this.front) {
        m.unshift(v);
        r.pushFront(v);
      } else {
        m.push(v);
        r.pushBack(v);
      }
    }
    check(m, r);
  }
  toString = () => `pushMany([${this.vs}], ${this.front ? 'front' : 'back'})`;
}

class PopFront implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    expect(r.popFront()).toBe(m.shift());
    check(m, r);
  }
  toString = () => 'popFront()';
}

class PopBack implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    expect(r.popBack()).toBe(m.pop());
    check(m, r);
  }
  toString = () => 'popBack()';
}

/** Index given as a fraction of the length so it is always in range when the list is not empty. */
class SetAt implements fc.Command<Model, Real> {
  constructor(readonly at: number, readonly v: number) {}
  check = (m: Readonly<Model>) => m.length > 0;
  run(m: Model, r: Real): void {
    const i = Math.floor(this.at * m.length);
    m[i] = this.v;
    r.set(i, this.v);
    check(m, r);
  }
  toString = () => `set(${this.at}, ${this.v})`;
}

class Insert implements fc.Command<Model, Real> {
  constructor(readonly at: number, readonly v: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const i = Math.floor(this.at * (m.length + 1));
    m.splice(i, 0, this.v);
    r.insert(i, this.v);
    check(m, r);
  }
  toString = () => `insert(${this.at}, ${this.v})`;
}

class Retain implements fc.Command<Model, Real> {
  constructor(readonly drop: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const kept = m.filter((v) => v !== this.drop);
    expect(r.retain((v) => v !== this.drop)).toBe(m.length - kept.length);
    m.splice(0, m.length, ...kept);
    check(m, r);
  }
  toString = () => `retain(!== ${this.drop})`;
}

class RemoveMatching implements fc.Command<Model, Real> {
  constructor(readonly v: number, readonly limit: number, readonly fromBack: boolean) {}
  check = () => true;
  run(m: Model, r: Real): void {
    // The model: walk from the chosen end, dropping up to limit (0 = all) matches.
    const order = m.map((_, i) => i);
    if (this.fromBack) order.reverse();
    const drop = new Set<number>();
    for (const i of order) {
      if (m[i] === this.v && (this.limit === 0 || drop.size < this.limit)) drop.add(i);
    }
    const kept = m.filter((_, i) => !drop.has(i));
    expect(r.removeMatching((x) => x === this.v, this.limit, this.fromBack)).toBe(drop.size);
    m.splice(0, m.length, ...kept);
    check(m, r);
  }
  toString = () => `removeMatching(${this.v}, ${this.limit}, ${this.fromBack})`;
}

class Trim implements fc.Command<Model, Real> {
  constructor(readonly front: number, readonly back: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    m.splice(0, Math.min(this.front, m.length));
    m.splice(Math.max(0, m.length - this.back), this.back);
    r.trim(this.front, this.back);
    check(m, r);
  }
  toString = () => `trim(${this.front}, ${this.back})`;
}

const value = fc.integer({ min: 0, max: 5 });
const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const commands = [
  value.map((v) => new PushFront(v)),
  value.map((v) => new PushBack(v)),
  fc.tuple(fc.array(value, { maxLength: 12 }), fc.boolean()).map(([vs, front]) => new PushMany(vs, front)),
  fc.tuple(fraction, value).map(([a, v]) => new Insert(a, v)),
  fc.constant(new PopFront()),
  fc.constant(new PopBack()),
  fc.tuple(fraction, value).map(([a, v]) => new SetAt(a, v)),
  fc.tuple(fraction, value).map(([a, v]) => new Insert(a, v)),
  value.map((v) => new Retain(v)),
  fc.tuple(value, fc.integer({ min: 0, max: 3 }), fc.boolean()).map(([v, l, b]) => new RemoveMatching(v, l, b)),
  fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })).map(([f, b]) => new Trim(f, b)),
];

describe('Deque (model-based, against a plain array)', () => {
  it('behaves like an array under any sequence of operations', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.commands(commands, { maxCommands: 300, size: 'medium' }), (capacity, cmds) => {
        fc.modelRun(() => ({ model: [] as Model, real: new Deque<number>(capacity) }), cmds);
      }),
      { numRuns: 400 },
    );
  });

  it('inserts at every position of every wrapped layout (exhaustive, small)', () => {
    for (let len = 0; len <= 9; len++) {
      for (let offset = 0; offset < 8; offset++) {
        for (let at = 0; at <= len; at++) {
          const d = new Deque<number>(8);
          // Shift the ring's head by `offset` so inserts cross the wrap point.
          for (let k = 0; k < offset; k++) d.pushBack(-1);
          for (let k = 0; k < offset; k++) d.popFront();
          const m = Array.from({ length: len }, (_, i) => i);
          for (const v of m) d.pushBack(v);
          d.insert(at, 99);
          m.splice(at, 0, 99);
          expect([...d.values()]).toEqual(m);
        }
      }
    }
  });

  it('pops undefined when empty and rounds its capacity up to a power of two', () => {
    const d = new Deque<string>(3);
    expect(d.popFront()).toBeUndefined();
    expect(d.popBack()).toBeUndefined();
    for (const v of ['a', 'b', 'c', 'd', 'e']) d.pushFront(v);
    expect([...d.values()]).toEqual(['e', 'd', 'c', 'b', 'a']);
  });
});
