/**
 * Model-based test of strings, keys and expiry: random SET/GET/DEL/APPEND/INCR/EXPIRE/PERSIST/
 * RENAME sequences interleaved with clock advances, against a deliberately simple model (a Map of
 * value and absolute expiry time, checked lazily).
 */
import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { createRedis, ManualClock, type Reply } from '../../src/redis-sim/index.js';

interface Model {
  now: number;
  keys: Map<string, { value: string; expireAt: number }>;
}
interface Real {
  clock: ManualClock;
  r: ReturnType<typeof createRedis>;
}

const live = (m: Model, k: string) => {
  const e = m.keys.get(k);
  if (e && e.expireAt >= 0 && m.now > e.expireAt) {
    m.keys.delete(k);
    return undefined;
  }
  return e;
};
const val = (r: Reply) => (r.type === 'bulk' || r.type === 'integer' || r.type === 'status' ? r.value : r.type);

const key = fc.constantFrom('a', 'b', 'c');
const str = fc.constantFrom('', 'x', '12', '-7', 'hello', '9223372036854775807');

class SetCmd implements fc.Command<Model, Real> {
  constructor(readonly k: string, readonly v: string, readonly px: number | null) {}
  check = () => true;
  run(m: Model, real: Real) {
    expect(val(real.r.exec(['SET', this.k, this.v, ...(this.px ? ['PX', String(this.px)] : [])]))).toBe('OK');
    m.keys.set(this.k, { value: this.v, expireAt: this.px ? m.now + this.px : -1 });
  }
  toString = () => `SET ${this.k} ${this.v} ${this.px ?? ''}`;
}
class GetCmd implements fc.Command<Model, Real> {
  constructor(readonly k: string) {}
  check = () => true;
  run(m: Model, real: Real) {
    expect(val(real.r.exec(['GET', this.k]))).toBe(live(m, this.k)?.value ?? null);
  }
  toString = () => `GET ${this.k}`;
}
class DelCmd implements fc.Command<Model, Real> {
  constructor(readonly k: string) {}
  check = () => true;
  run(m: Model, real: Real) {
    const existed = live(m, this.k) !== undefined;
    m.keys.delete(this.k);
    expect(val(real.r.exec(['DEL', this.k]))).toBe(existed ? 1 : 0);
  }
  toString = () => `DEL ${this.k}`;
}
class AppendCmd implements fc.Command<Model, Real> {
  constructor(readonly k: string, readonly v: string) {}
  check = () => true;
  run(m: Model, real: Real) {
    const e = live(m, this.k);
    const next = (e?.value ?? '') + this.v;
    m.keys.set(this.k, { value: next, expireAt: e?.expireAt ?? -1 });
    expect(val(real.r.exec(['APPEND', this.k, this.v]))).toBe(next.length);
  }
  toString = () => `APPEND ${this.k} ${this.v}`;
}
class IncrCmd implements fc.Command<Model, Real> {
  constructor(readonly k: string) {}
  check = () => true;
  run(m: Model, real: Real) {
    const e = live(m, this.k);
    const reply = real.r.exec(['INCR', this.k]);
    const cur = e ? e.value : '0';
    if (!/^(0|-?[1-9][0-9]*)$/.test(cur) || BigInt(cur) > 9223372036854775806n || BigInt(cur) < -9223372036854775808n) {
      expect(reply.type).toBe('error');
      return;
    }
    const next = (BigInt(cur) + 1n).toString();
    m.keys.set(this.k, { value: next, expireAt: e?.expireAt ?? -1 });
    expect(String(val(reply))).toBe(next);
  }
  toString = () => `INCR ${this.k}`;
}
class ExpireCmd implements fc.Command<Model, Real> {
  constructor(readonly k: string, readonly ms: number) {}
  check = () => true;
  run(m: Model, real: Real) {
    const e = live(m, this.k);
    const reply = real.r.exec(['PEXPIRE', this.k, String(this.ms)]);
    if (!e) return void expect(val(reply)).toBe(0);
    expect(val(reply)).toBe(1);
    if (this.ms <= 0) m.keys.delete(this.k);
    else e.expireAt = m.now + this.ms;
  }
  toString = () => `PEXPIRE ${this.k} ${this.ms}`;
}
class TtlCmd implements fc.Command<Model, Real> {
  constructor(readonly k: string) {}
  check = () => true;
  run(m: Model, real: Real) {
    const e = live(m, this.k);
    expect(val(real.r.exec(['PTTL', this.k]))).toBe(!e ? -2 : e.expireAt < 0 ? -1 : e.expireAt - m.now);
  }
  toString = () => `PTTL ${this.k}`;
}
class PersistCmd implements fc.Command<Model, Real> {
  constructor(readonly k: string) {}
  check = () => true;
  run(m: Model, real: Real) {
    const e = live(m, this.k);
    const had = e !== undefined && e.expireAt >= 0;
    if (e) e.expireAt = -1;
    expect(val(real.r.exec(['PERSIST', this.k]))).toBe(had ? 1 : 0);
  }
  toString = () => `PERSIST ${this.k}`;
}
class RenameCmd implements fc.Command<Model, Real> {
  constructor(readonly from: string, readonly to: string) {}
  check = () => true;
  run(m: Model, real: Real) {
    const e = live(m, this.from);
    live(m, this.to);
    const reply = real.r.exec(['RENAME', this.from, this.to]);
    if (!e) return void expect(reply).toEqual({ type: 'error', value: 'ERR no such key' });
    expect(val(reply)).toBe('OK');
    m.keys.delete(this.from);
    m.keys.set(this.to, e);
  }
  toString = () => `RENAME ${this.from} ${this.to}`;
}
class AdvanceCmd implements fc.Command<Model, Real> {
  constructor(readonly ms: number, readonly tick: boolean) {}
  check = () => true;
  run(m: Model, real: Real) {
    m.now += this.ms;
    real.clock.advance(this.ms);
    if (this.tick) real.r.tick();
    // Whatever the cycle removed must be something the model also considers gone.
    expect(val(real.r.exec(['DBSIZE']))).toBeLessThanOrEqual(m.keys.size);
  }
  toString = () => `advance ${this.ms}${this.tick ? ' +tick' : ''}`;
}

describe('keyspace and expiry against a model', () => {
  it('agrees with the model on every reply', () => {
    const commands = [
      fc.tuple(key, str, fc.option(fc.integer({ min: 1, max: 300 }))).map(([k, v, px]) => new SetCmd(k, v, px)),
      key.map((k) => new GetCmd(k)),
      key.map((k) => new DelCmd(k)),
      fc.tuple(key, str).map(([k, v]) => new AppendCmd(k, v)),
      key.map((k) => new IncrCmd(k)),
      fc.tuple(key, fc.integer({ min: -5, max: 300 })).map(([k, ms]) => new ExpireCmd(k, ms)),
      key.map((k) => new TtlCmd(k)),
      key.map((k) => new PersistCmd(k)),
      fc.tuple(key, key).map(([a, b]) => new RenameCmd(a, b)),
      fc.tuple(fc.integer({ min: 0, max: 200 }), fc.boolean()).map(([ms, t]) => new AdvanceCmd(ms, t)),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60 }), fc.integer(), (cmds, seed) => {
        const clock = new ManualClock(1000);
        const setup = () => ({ model: { now: 1000, keys: new Map() } as Model, real: { clock, r: createRedis({ clock, seed }) } });
        fc.modelRun(setup, cmds);
      }),
      { numRuns: 300 },
    );
  });
});
