import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kernel, Rng, Scheduler, VirtualClock } from '../../src/integration/index.js';

describe('scheduler', () => {
  it('pops events in (time, scheduling order), whatever order they were pushed in', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), fc.array(fc.nat(), { maxLength: 300 }), (times, cancels) => {
        const s = new Scheduler();
        const pushed = times.map((at, i) => ({ e: s.schedule(at, () => {}), at, i }));
        for (const c of cancels) if (pushed.length) pushed[c % pushed.length]!.e.cancelled = true;
        const expected = pushed.filter((p) => !p.e.cancelled).sort((a, b) => a.at - b.at || a.i - b.i).map((p) => p.e);
        const got = [];
        for (let e = s.peek(); e !== undefined; e = s.peek()) got.push(s.pop());
        expect(got).toEqual(expected);
      }),
    );
  });
});

describe('virtual clock', () => {
  it('only moves forward', () => {
    const c = new VirtualClock();
    c.advanceTo(5);
    expect(c.now()).toBe(5);
    expect(() => c.advanceTo(4)).toThrow('cannot go back from 5 to 4');
  });
});

describe('rng', () => {
  it('gives the same stream for the same seed and split path, and different ones otherwise', () => {
    const draw = (r: Rng) => Array.from({ length: 8 }, () => r.uint32());
    expect(draw(Rng.fromSeed(42))).toEqual(draw(Rng.fromSeed(42)));
    expect(draw(Rng.fromSeed(42))).not.toEqual(draw(Rng.fromSeed(43)));
    expect(draw(Rng.fromSeed(42).split('net'))).toEqual(draw(Rng.fromSeed(42).split('net')));
    expect(draw(Rng.fromSeed(42).split('net'))).not.toEqual(draw(Rng.fromSeed(42).split('app')));
  });

  it('splits do not depend on what the parent drew before', () => {
    const a = Rng.fromSeed(7);
    const b = Rng.fromSeed(7);
    for (let i = 0; i < 100; i++) b.next();
    expect(a.split('x').uint32()).toBe(b.split('x').uint32());
  });

  it('keeps its domain helpers in range', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (seed, lo, span) => {
        const r = Rng.fromSeed(seed);
        const n = r.int(lo, lo + span);
        expect(n).toBeGreaterThanOrEqual(lo);
        expect(n).toBeLessThanOrEqual(lo + span);
        const j = r.jitter(10, span);
        expect(j).toBeGreaterThanOrEqual(10);
        expect(j).toBeLessThanOrEqual(10 + span);
        const x = r.next();
        expect(x >= 0 && x < 1).toBe(true);
        expect(['a', 'b', 'c']).toContain(r.pick(['a', 'b', 'c']));
        expect(r.weighted([['never', 0], ['always', 1]])).toBe('always');
        expect(r.chance(0)).toBe(false);
        expect(r.chance(1)).toBe(true);
      }),
    );
  });

  it('draws roughly uniformly and by weight', () => {
    const r = Rng.fromSeed(1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[r.int(0, 3)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (r.weighted([['heavy', 3], ['light', 1]]) === 'heavy') heavy++;
    expect(Math.abs(heavy - 7_500)).toBeLessThan(300);
  });

  it('refuses empty ranges and lists', () => {
    const r = Rng.fromSeed(1);
    expect(() => r.int(3, 2)).toThrow('empty range');
    expect(() => r.pick([])).toThrow('empty list');
    expect(() => r.weighted([['a', 0]])).toThrow('no positive weight');
  });
});

describe('kernel', () => {
  it('runs events in time order and stops the clock where asked', async () => {
    const k = new Kernel(1);
    const seen: string[] = [];
    k.at(20, () => seen.push(`b@${k.now()}`));
    k.at(10, () => {
      seen.push(`a@${k.now()}`);
      k.after(5, () => seen.push(`c@${k.now()}`));
    });
    k.at(10, () => seen.push(`a2@${k.now()}`));
    await k.run({ time: 16 });
    expect(seen).toEqual(['a@10', 'a2@10', 'c@15']);
    expect(k.now()).toBe(16);
    expect(k.step).toBe(3);
    await k.run({ time: 100 });
    expect(seen.at(-1)).toBe('b@20');
    expect(k.now()).toBe(100);
  });

  it('lets resumed async code settle before the next event', async () => {
    const k = new Kernel(1);
    const log: string[] = [];
    const sleep = (ms: number) =>
      new Promise<void>((resolve) =>
        k.after(ms, () => {
          k.wake();
          resolve();
        }),
      );
    const deep = async (n: number): Promise<void> => (n === 0 ? undefined : deep(n - 1));
    k.after(0, () => {
      k.wake();
      void (async () => {
        await sleep(10);
        // A long chain of awaits still finishes before the event at t=10 that follows it.
        await deep(50);
        log.push(`process done at ${k.now()}`);
      })();
    });
    // Scheduled after the sleep, for the same millisecond: it must wait for the process to settle.
    k.at(5, () => k.at(10, () => log.push('event at 10')));
    await k.run({ time: 20 });
    expect(log).toEqual(['process done at 10', 'event at 10']);
  });

  it('refuses to run twice at once', async () => {
    const k = new Kernel(1);
    k.at(5, () => k.wake());
    const first = k.run({ time: 10 });
    await expect(k.run({ time: 10 })).rejects.toThrow('already running');
    await first;
  });
});

describe('kernels side by side', () => {
  it('two worlds can run at the same time, each settling its own processes', async () => {
    const { createWorld } = await import('../../src/integration/index.js');
    const make = (seed: number) => {
      const w = createWorld({ seed }).redis('cache');
      w.app('a', async (p) => {
        for (let i = 0; i < 50; i++) await p.redis().incr('n');
      });
      return w;
    };
    const [x, y] = [make(1), make(2)];
    await Promise.all([x.runFor(5000), y.runFor(5000)]);
    const alone = make(1);
    await alone.runFor(5000);
    expect(x.hash()).toBe(alone.hash());
    expect(x.redisEngine().exec(['GET', 'n'])).toEqual({ type: 'bulk', value: '50' });
    expect(y.redisEngine().exec(['GET', 'n'])).toEqual({ type: 'bulk', value: '50' });
  });
});
