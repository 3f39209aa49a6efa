import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallWorld } from './world-helpers.js';

describe('determinism', () => {
  it('the same seed, code and fault plan give the same trace, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 1e6 }), async (seed, apps, faultSeed) => {
        const a = smallWorld(seed, apps, faultSeed, 3000);
        const b = smallWorld(seed, apps, faultSeed, 3000);
        await a.runFor(3000);
        await b.runFor(3000);
        expect(a.step).toBeGreaterThan(20);
        expect(b.jsonl()).toBe(a.jsonl());
        expect(b.hash()).toBe(a.hash());
      }),
      { numRuns: 15 },
    );
  });

  it('different seeds draw different latencies, so the traces differ', async () => {
    const hashes = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5]) {
      const w = smallWorld(seed, 2, 9, 1000);
      await w.runFor(1000);
      hashes.add(w.hash());
    }
    expect(hashes.size).toBe(5);
  });

  it('exports the trace as JSON Lines, one parseable record per line with step, time and process', async () => {
    const w = smallWorld(1, 2, 1, 500);
    await w.runFor(500);
    const lines = w.jsonl().trimEnd().split('\n');
    expect(lines).toHaveLength(w.trace.length);
    const parsed = lines.map((l) => JSON.parse(l) as { step: number; time: number; proc: string; type: string });
    for (const r of parsed) expect(r).toMatchObject({ step: expect.any(Number), time: expect.any(Number), proc: expect.any(String), type: expect.any(String) });
    // Steps and times never go back.
    for (let i = 1; i < parsed.length; i++) {
      expect(parsed[i]!.step).toBeGreaterThanOrEqual(parsed[i - 1]!.step);
      expect(parsed[i]!.time).toBeGreaterThanOrEqual(parsed[i - 1]!.time);
    }
    expect(w.hash()).toMatch(/^[0-9a-f]{16}$/);
    expect(w.traceLength).toBe(w.trace.length);
    expect(w.traceAt(-1)).toEqual(w.trace.at(-1));
    expect(w.traceAt(3)).toEqual(w.trace[3]);
  });
});

describe('time travel', () => {
  it('seek(k) rebuilds exactly the world a fresh run stopped at k would be', async () => {
    const full = smallWorld(11, 3, 5, 4000);
    await full.runFor(4000);
    const total = full.step;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: total }), async (k) => {
        const fresh = smallWorld(11, 3, 5, 4000);
        await fresh.stepForward(k);
        await full.seek(k);
        expect(full.step).toBe(k);
        expect(full.now).toBe(fresh.now);
        expect(full.hash()).toBe(fresh.hash());
        expect(full.snapshot()).toEqual(fresh.snapshot());
      }),
      { numRuns: 12 },
    );
  });

  it('inputs made between runs (faults typed at a prompt) are replayed at the step and time they were made', async () => {
    const w = smallWorld(3, 2, 99, 0);
    await w.runFor(700);
    w.crash('app0');
    await w.runFor(300);
    w.partition(['app1'], ['zk']);
    await w.runFor(1500);
    w.restart('app0');
    await w.runFor(500);
    const hash = w.hash();
    const end = w.step;
    await w.seek(Math.floor(end / 3));
    await w.seek(end);
    expect(w.hash()).toBe(hash);
    // Stepping back and acting forks history: the old future is gone.
    await w.seek(Math.floor(end / 2));
    w.heal();
    await w.runFor(500);
    expect(w.trace.filter((r) => r.type === 'fault' && r.fault === 'restart')).toHaveLength(0);
  });

  it('an input refused for a bad name changes nothing and is not replayed by a seek', async () => {
    const w = smallWorld(3, 2, 99, 0);
    await w.runFor(700);
    const hash = w.hash();
    expect(() => w.crash('nobody')).toThrow();
    expect(() => w.partition(['app1'], ['zk', 'app1'])).toThrow('app1 is on both sides: a partition cuts one group off from another');
    expect(() => w.cut('app1', 'app1')).toThrow('a process always reaches itself: cut app1 from another process');
    expect(() => w.slow('app1', 'app1', 50)).toThrow('app1 talks to itself without the network');
    expect(() => w.partition(w.processNames)).toThrow('a partition needs a process on each side');
    expect(w.hash()).toBe(hash);
    await w.runFor(300);
    const end = w.step;
    const later = w.hash();
    await w.seek(Math.floor(end / 2)); // would throw if a refused input had been journaled
    await w.seek(end);
    expect(w.hash()).toBe(later);
  });
});
