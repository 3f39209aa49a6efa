import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../../src/integration/index.js';
import { runScenario } from '../../../src/integration/scenarios/scenario.js';
import { redisLockPause } from '../../../src/integration/scenarios/redis-lock-pause.js';
import { zkLock } from '../../../src/integration/scenarios/zk-lock.js';
import { zombieLeader } from '../../../src/integration/scenarios/zombie-leader.js';

type Mark = Extract<TraceRecord, { type: 'mark' }>;

describe('zk-lock', () => {
  it('keeps the counter exact and wakes one waiter per hand-over; the naive lock wakes a herd', async () => {
    const r = await runScenario(zkLock, 1);
    expect(r.checks.map((c) => [c.name, c.ok])).toEqual([
      ['mutual exclusion on counter', true],
      ['fencing on counter', true],
      ['no lost updates on counter', true],
      ['mutual exclusion on counter-naive', true],
      ['fencing on counter-naive', true],
      ['no lost updates on counter-naive', true],
      ['the recipe wakes at most one waiter per release', true],
    ]);
    const s = r.stats;
    expect(s['recipeWakeUpsPerHandOver']).toBe('1.00');
    expect(s['recipeWakeUps']).toBe(Number(s['recipeAcquisitions']) - 1);
    expect(Number(s['naiveWakeUpsPerHandOver'])).toBeGreaterThan(4); // four waiters, and newcomers wake them too
    // Every acquisition wrote once, except the crashed holder's (never sent) and the cut-off
    // holder's (sent, delivered after the heal, refused as stale): one of each per lock.
    expect(s['staleWritesRefused']).toBe(2);
    expect(Number(s['counter'])).toBe(Number(s['recipeAcquisitions']) - 2);
    expect(Number(s['counterNaive'])).toBe(Number(s['naiveAcquisitions']) - 2);
    const refusals = r.world.trace.filter((x) => x.type === 'log' && x.proc === 'db').map((x) => (x as { text: string }).text);
    expect(refusals).toHaveLength(2);
    expect(refusals[0]).toMatch(/^refused recipe-\d's write to counter with token \d+: counter is at \d+$/);
  });

  it('the cut-off holder stops using the counter when its client goes DISCONNECTED, before its session expires', async () => {
    const r = await runScenario(zkLock, 1);
    const trace = r.world.trace;
    const partition = trace.find((x) => x.type === 'fault' && x.fault === 'partition' && x.detail.startsWith('recipe-'))! as { detail: string };
    const cut = partition.detail.split(' ')[0]!;
    const released = trace.filter((x): x is Mark => x.type === 'mark' && x.proc === cut && x.label === 'released' && x.time >= 10_000)[0]!;
    const nextAcquired = trace.filter((x): x is Mark => x.type === 'mark' && x.label === 'acquired' && x.data['resource'] === 'counter' && x.time >= 10_000 && x.proc !== cut)[0]!;
    expect(released.time).toBeLessThan(14_000);
    expect(nextAcquired.time).toBeGreaterThanOrEqual(16_000); // the session expired at the 16 s tick
  });
});

describe('redis-lock-pause', () => {
  it('both write without fencing; with fencing the database refuses the paused holder', async () => {
    const r = await runScenario(redisLockPause, 1);
    expect(r.checks.map((c) => [c.name, c.ok, c.expected])).toEqual([
      ['mutual exclusion on report', false, false],
      ['fencing on report-fenced', true, true],
      ['the stale write is refused', true, true],
    ]);
    expect(r.checks[0]!.detail).toMatch(/^bob acquired report at t=\d+ms while alice still held it$/);
    expect(r.stats).toEqual({
      lockTtlMs: 2000,
      pauseMs: 3000,
      writesAccepted: 2,
      fencedWritesAccepted: 1,
      fencedWritesRejected: 1,
      finalReport: 'report by alice',
      finalFencedReport: 'report by bob-fenced',
    });
  });
});

describe('zombie-leader', () => {
  it('the zombie overwrites its successor without fencing; fenced, it is refused once and steps down', async () => {
    const r = await runScenario(zombieLeader, 1);
    expect(r.checks.map((c) => [c.name, c.ok, c.expected])).toEqual([
      ["no deposed leader's write lands on orders", false, false],
      ["no deposed leader's write lands on orders-fenced", true, true],
      ['the zombie is refused and steps down', true, true],
    ]);
    expect(r.checks[0]!.detail).toMatch(/^plain-\d's write \(epoch \d+\) landed on orders at t=\d+ms, after plain-\d's \(epoch \d+, t=\d+ms\)$/);
    const s = r.stats;
    expect(Number(s['zombieWritesAccepted'])).toBeGreaterThan(20); // ~6 s of decisions every 250 ms
    expect(s['fencedZombieWritesAccepted']).toBe(0);
    expect(s['fencedZombieWritesRejected']).toBe(1);
    // The session expires at the first 2 s tick 6 s after the leader was last heard (t=8000).
    expect(Number(s['failoverMs'])).toBeGreaterThanOrEqual(6000);
    expect(Number(s['failoverMs'])).toBeLessThan(6020);
  });
});
