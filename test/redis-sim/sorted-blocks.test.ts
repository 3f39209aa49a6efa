import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  emptyLexRange,
  emptyScoreRange,
  lexGteMin,
  lexLteMax,
  scoreGteMin,
  scoreLteMax,
  SortedBlocks,
  type LexBound,
  type LexRange,
  type ScoreRange,
} from '../../src/redis-sim/structures/sorted-blocks.js';

/** The model: (score, member) pairs kept sorted the way Redis orders a sorted set. */
interface Entry {
  score: number;
  member: string;
}
type Model = Entry[];
type Real = SortedBlocks;

const cmp = (a: Entry, b: Entry): number =>
  a.score < b.score ? -1 : a.score > b.score ? 1 : a.member < b.member ? -1 : a.member > b.member ? 1 : 0;
const find = (m: Model, member: string): number => m.findIndex((e) => e.member === member);
const pick = (m: Model, f: number): Entry => m[Math.floor(f * m.length)]!;
const view = (rank: number, r: Real): Entry | null => (rank === 0 ? null : r.at(rank));

/** Every invariant the commands rely on: order, length, ranks both ways, walks both ways. */
function check(m: Model, r: Real): void {
  expect(r.length).toBe(m.length);
  expect([...r]).toEqual(m);
  m.forEach((e, i) => {
    expect(r.rank(e.score, e.member)).toBe(i + 1);
    expect(r.at(i + 1)).toEqual(e);
  });
  expect(r.first()).toEqual(m[0] ?? null);
  expect(r.last()).toEqual(m[m.length - 1] ?? null);
  expect(r.at(0)).toBeNull();
  expect(r.at(m.length + 1)).toBeNull();
  expect(r.range(1, m.length, false)).toEqual(m);
  expect(r.range(m.length, m.length, true)).toEqual([...m].reverse());
  if (m.length > 2) expect(r.range(2, m.length, false)).toEqual(m.slice(1));
}

class Insert implements fc.Command<Model, Real> {
  constructor(readonly score: number, readonly member: string) {}
  check = (m: Readonly<Model>) => find(m as Model, this.member) < 0;
  run(m: Model, r: Real): void {
    r.insert(this.score, this.member);
    m.push({ score: this.score, member: this.member });
    m.sort(cmp);
    check(m, r);
  }
  toString = () => `insert(${this.score}, ${JSON.stringify(this.member)})`;
}

class Delete implements fc.Command<Model, Real> {
  constructor(readonly f: number, readonly miss: boolean) {}
  check = (m: Readonly<Model>) => m.length > 0;
  run(m: Model, r: Real): void {
    const e = pick(m, this.f);
    if (this.miss) {
      // The right member at another score is not there.
      const other = e.score === 1 ? 2 : 1;
      expect(r.delete(other, e.member)).toBe(false);
    } else {
      expect(r.delete(e.score, e.member)).toBe(true);
      m.splice(m.indexOf(e), 1);
    }
    check(m, r);
  }
  toString = () => `delete(${this.f}, miss=${this.miss})`;
}

class UpdateScore implements fc.Command<Model, Real> {
  constructor(readonly f: number, readonly score: number) {}
  check = (m: Readonly<Model>) => m.length > 0;
  run(m: Model, r: Real): void {
    const e = pick(m, this.f);
    r.updateScore(e.score, e.member, this.score);
    e.score = this.score;
    m.sort(cmp);
    check(m, r);
  }
  toString = () => `updateScore(${this.f}, ${this.score})`;
}

const modelScoreRanks = (m: Model, range: ScoreRange) => ({
  below: m.filter((e) => !scoreGteMin(e.score, range)).length,
  through: m.filter((e) => scoreLteMax(e.score, range)).length,
});

class ScoreLookups implements fc.Command<Model, Real> {
  constructor(readonly range: ScoreRange) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const inRange = m.filter((e) => scoreGteMin(e.score, this.range) && scoreLteMax(e.score, this.range));
    const { below, through } = modelScoreRanks(m, this.range);
    expect(r.countWhile((s) => !scoreGteMin(s, this.range))).toBe(below);
    expect(r.countWhile((s) => scoreLteMax(s, this.range))).toBe(through);
    expect(r.countScores(this.range.min, this.range.minex)).toBe(below);
    expect(r.countScores(this.range.max, !this.range.maxex)).toBe(through);
    expect(r.range(below + 1, through - below, false)).toEqual(inRange);
    if (emptyScoreRange(this.range)) expect(inRange).toEqual([]);
  }
  toString = () => `scoreLookups(${JSON.stringify(this.range)})`;
}

class DeleteRangeByRank implements fc.Command<Model, Real> {
  constructor(readonly start: number, readonly end: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const removed: string[] = [];
    const n = r.deleteRangeByRank(this.start, this.end, (x) => removed.push(x));
    const gone = m.filter((_, i) => i + 1 >= this.start && i + 1 <= this.end);
    expect(n).toBe(gone.length);
    expect(removed).toEqual(gone.map((e) => e.member));
    m.splice(0, m.length, ...m.filter((e) => !gone.includes(e)));
    check(m, r);
  }
  toString = () => `deleteRangeByRank(${this.start}, ${this.end})`;
}

class DeleteRangeByScore implements fc.Command<Model, Real> {
  constructor(readonly range: ScoreRange) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const removed: string[] = [];
    const n = r.deleteRangeByScore(this.range, (x) => removed.push(x));
    const gone = m.filter((e) => scoreGteMin(e.score, this.range) && scoreLteMax(e.score, this.range));
    expect(n).toBe(gone.length);
    expect(removed).toEqual(gone.map((e) => e.member));
    m.splice(0, m.length, ...m.filter((e) => !gone.includes(e)));
    check(m, r);
  }
  toString = () => `deleteRangeByScore(${JSON.stringify(this.range)})`;
}

/** Lex lookups are defined when all scores are equal: the lex suite inserts at one score only. */
class LexLookups implements fc.Command<Model, Real> {
  constructor(readonly range: LexRange) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const inRange = m.filter((e) => lexGteMin(e.member, this.range.min) && lexLteMax(e.member, this.range.max));
    expect(view(r.firstInLexRange(this.range), r)).toEqual(inRange[0] ?? null);
    expect(view(r.lastInLexRange(this.range), r)).toEqual(inRange[inRange.length - 1] ?? null);
    expect(r.isInLexRange(this.range) || inRange.length === 0).toBe(true);
    if (emptyLexRange(this.range)) expect(inRange).toEqual([]);
  }
  toString = () => `lexLookups(${JSON.stringify(this.range)})`;
}

class DeleteRangeByLex implements fc.Command<Model, Real> {
  constructor(readonly range: LexRange) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const removed: string[] = [];
    const n = r.deleteRangeByLex(this.range, (x) => removed.push(x));
    const gone = m.filter((e) => lexGteMin(e.member, this.range.min) && lexLteMax(e.member, this.range.max));
    expect(n).toBe(gone.length);
    expect(removed).toEqual(gone.map((e) => e.member));
    m.splice(0, m.length, ...m.filter((e) => !gone.includes(e)));
    check(m, r);
  }
  toString = () => `deleteRangeByLex(${JSON.stringify(this.range)})`;
}

// Members compare byte-wise: include the empty string and bytes above 0x7f.
const member = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '\x00', '\x7f', '\x80', '\xff'), maxLength: 3 });
const score = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(-0, 0.5, Infinity, -Infinity));
const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const scoreRange: fc.Arbitrary<ScoreRange> = fc.record({ min: score, max: score, minex: fc.boolean(), maxex: fc.boolean() });
const lexBound: fc.Arbitrary<LexBound> = fc.oneof(
  fc.constant({ kind: 'min' as const }),
  fc.constant({ kind: 'max' as const }),
  fc.record({ kind: fc.constant('value' as const), value: member, exclusive: fc.boolean() }),
);
const lexRange: fc.Arbitrary<LexRange> = fc.record({ min: lexBound, max: lexBound });

/** Tiny blocks, so that runs split blocks, empty them and cross them; the default size too. */
const load = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant(undefined));

const common = [
  fc.tuple(fraction, fc.boolean()).map(([f, miss]) => new Delete(f, miss)),
  fc.tuple(fc.integer({ min: -1, max: 12 }), fc.integer({ min: -1, max: 12 })).map(([s, e]) => new DeleteRangeByRank(s, e)),
];

describe('SortedBlocks (model-based, against a sorted array)', () => {
  it('keeps order, ranks and range lookups right under any sequence of operations', () => {
    const commands = [
      fc.tuple(score, member).map(([s, m]) => new Insert(s, m)),
      fc.tuple(score, member).map(([s, m]) => new Insert(s, m)),
      fc.tuple(score, member).map(([s, m]) => new Insert(s, m)),
      fc.tuple(fraction, score).map(([f, s]) => new UpdateScore(f, s)),
      scoreRange.map((r) => new ScoreLookups(r)),
      scoreRange.map((r) => new DeleteRangeByScore(r)),
      ...common,
    ];
    fc.assert(
      fc.property(load, fc.commands(commands, { maxCommands: 120, size: 'medium' }), (l, cmds) => {
        fc.modelRun(() => ({ model: [] as Model, real: new SortedBlocks(l) }), cmds);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps them right with spread-out scores in bigger blocks (the interpolated search)', () => {
    // Many distinct scores, unevenly spread (a few huge, a few infinite, some ties), so the
    // search's guess inside a block lands near, far, and nowhere.
    const wide = fc.oneof(
      fc.integer({ min: -1000, max: 1000 }),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
      fc.constantFrom(-0, 1e300, -1e300, Infinity, -Infinity),
    );
    const wideRange: fc.Arbitrary<ScoreRange> = fc.record({ min: wide, max: wide, minex: fc.boolean(), maxex: fc.boolean() });
    const commands = [
      fc.tuple(wide, member).map(([s, m]) => new Insert(s, m)),
      fc.tuple(wide, member).map(([s, m]) => new Insert(s, m)),
      fc.tuple(wide, member).map(([s, m]) => new Insert(s, m)),
      fc.tuple(fraction, wide).map(([f, s]) => new UpdateScore(f, s)),
      wideRange.map((r) => new ScoreLookups(r)),
      ...common,
    ];
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 8, max: 40 }), fc.constant(undefined)), fc.commands(commands, { maxCommands: 250 }), (l, cmds) => {
        fc.modelRun(() => ({ model: [] as Model, real: new SortedBlocks(l) }), cmds);
      }),
      { numRuns: 40 },
    );
  });

  it('answers lex lookups and lex deletions right when all scores are equal', () => {
    const commands = [
      member.map((m) => new Insert(0, m)),
      member.map((m) => new Insert(0, m)),
      lexRange.map((r) => new LexLookups(r)),
      lexRange.map((r) => new DeleteRangeByLex(r)),
      ...common,
    ];
    fc.assert(
      fc.property(load, fc.commands(commands, { maxCommands: 100, size: 'medium' }), (l, cmds) => {
        fc.modelRun(() => ({ model: [] as Model, real: new SortedBlocks(l) }), cmds);
      }),
      { numRuns: 150 },
    );
  });
});

describe('SortedBlocks: costs', () => {
  it('rank, at and range starts stay logarithmic at 200,000 members', () => {
    const l = new SortedBlocks();
    const n = 200_000;
    for (let i = 0; i < n; i++) l.insert(i, `m${String(i).padStart(6, '0')}`);
    // Count the entries a lookup touches through the predicate countWhile calls.
    let touched = 0;
    const below = l.countWhile((s) => {
      touched++;
      return s < 150_000;
    });
    expect(below).toBe(150_000);
    expect(touched).toBeLessThan(40);
    expect(l.rank(123_456, 'm123456')).toBe(123_457);
    expect(l.at(199_999)!.member).toBe('m199998');
  });

  it('updateScore moves the member, and refuses one that is not at that score', () => {
    const l = new SortedBlocks();
    l.insert(1, 'a');
    l.insert(3, 'c');
    l.insert(2, 'b');
    l.updateScore(2, 'b', 2.5);
    l.updateScore(1, 'a', 4);
    expect([...l].map((x) => `${x.member}:${x.score}`)).toEqual(['b:2.5', 'c:3', 'a:4']);
    expect(() => l.updateScore(9, 'a', 1)).toThrow();
  });

  it('treats - and + as the smallest and largest strings, always exclusive', () => {
    expect(emptyLexRange({ min: { kind: 'min' }, max: { kind: 'min' } })).toBe(true);
    expect(emptyLexRange({ min: { kind: 'max' }, max: { kind: 'max' } })).toBe(true);
    expect(emptyLexRange({ min: { kind: 'max' }, max: { kind: 'min' } })).toBe(true);
    expect(emptyLexRange({ min: { kind: 'min' }, max: { kind: 'max' } })).toBe(false);
    expect(emptyLexRange({ min: { kind: 'value', value: 'a', exclusive: false }, max: { kind: 'value', value: 'a', exclusive: false } })).toBe(false);
    expect(emptyLexRange({ min: { kind: 'value', value: 'a', exclusive: true }, max: { kind: 'value', value: 'a', exclusive: false } })).toBe(true);
    expect(lexGteMin('', { kind: 'min' })).toBe(true);
    expect(lexLteMax('\xff\xff', { kind: 'max' })).toBe(true);
    expect(lexLteMax('a', { kind: 'min' })).toBe(false);
  });
});
