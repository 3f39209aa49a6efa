/** The caching scenarios: seed 1's headline numbers and checks, exactly (every seed 1..20: library.test.ts). */
import { describe, expect, it } from 'vitest';
import { cacheAside } from '../../../src/integration/scenarios/cache-aside.js';
import { cacheStampede } from '../../../src/integration/scenarios/cache-stampede.js';
import { runScenario } from '../../../src/integration/scenarios/scenario.js';
import { staleCacheRace } from '../../../src/integration/scenarios/stale-cache-race.js';

describe('cache-aside', () => {
  it('seed 1: the cache takes most reads off the database, and is faster', async () => {
    const r = await runScenario(cacheAside, 1);
    expect(r.verdict).toBe('pass');
    expect(r.stats).toEqual({
      requestsPerSide: 600,
      dbReadsWithCache: 71,
      dbReadsWithoutCache: 600,
      hitRatioPercent: 88.2,
      p50MsWithCache: 4,
      p50MsWithoutCache: 30,
      p99MsWithCache: 21,
      p99MsWithoutCache: 32,
      maxQueueWithCache: 1,
      maxQueueWithoutCache: 5,
    });
    expect(r.checks.map((c) => [c.name, c.ok, c.expected])).toEqual([
      ['the cache takes most reads off the database', true, true],
      ['every request is answered', true, true],
    ]);
  });
});

describe('cache-stampede', () => {
  it('seed 1: plain cache-aside stampedes; the lock rebuilds once; XFetch a handful of times, early', async () => {
    const r = await runScenario(cacheStampede, 1);
    expect(r.verdict).toBe('pass');
    expect(r.stats).toEqual({
      plainRebuilds: 16,
      plainDbQueueMax: 11,
      plainSlowestReadMs: 394,
      lockRebuilds: 1,
      lockDbQueueMax: 0,
      lockSlowestReadMs: 140,
      xfetchRebuilds: 3,
      xfetchDbQueueMax: 0,
      xfetchSlowestReadMs: 113,
      xfetchRebuiltEarly: 3,
      readsPerGroup: 2051,
    });
    expect(r.checks.map((c) => [c.name, c.ok, c.expected])).toEqual([
      ['plain cache-aside: hot key rebuilt at most 5 times', false, false],
      ['rebuild lock: hot key rebuilt at most 5 times', true, true],
      ['XFetch: hot key rebuilt at most 5 times', true, true],
      ['every read is served', true, true],
    ]);
    expect(r.checks[0]!.detail).toBe(
      '6 workers rebuilt home-page from the database: plain-15 at t=3326ms, plain-3 at t=3327ms, plain-12 at t=3334ms, plain-13 at t=3335ms, plain-6 at t=3337ms, plain-11 at t=3426ms',
    );
    // The database counted the same: one query to warm the cache, then the rebuilds.
    expect(['plain', 'lock', 'xfetch'].map((g) => r.world.databaseNode(`db-${g}`).stats.reads)).toEqual([17, 2, 4]);
  });
});

describe('stale-cache-race', () => {
  it('seed 1: plain cache-aside serves the old price until its TTL; the versioned cache never; double delete not after the write settles', async () => {
    const r = await runScenario(staleCacheRace, 1);
    expect(r.verdict).toBe('pass');
    expect(r.stats).toEqual({
      plainStaleReads: 15,
      plainStaleUntil: 't=2200ms',
      versionedStaleReads: 0,
      versionedStaleUntil: 'never',
      doubleDeleteStaleReads: 3,
      doubleDeleteStaleUntil: 't=1000ms',
      readsPerGroup: 24,
    });
    expect(r.checks.map((c) => [c.name, c.ok, c.expected])).toEqual([
      ['plain cache-aside: no stale read once the write settles', false, false],
      ['versioned cache: no stale read once the write settles', true, true],
      ['double delete: no stale read once the write settles', true, true],
      ['the race happens in every group', true, true],
    ]);
    expect(r.checks[0]!.detail).toBe('reader-plain was served version 1 (10 EUR) from the cache at t=804ms, but version 2 had been written and the cache invalidated at t=518ms');
    // The versioned slow reader looked at the writer's tombstone and gave up its fill.
    const slow = r.world.trace.flatMap((x) => (x.type === 'command' && x.client === 'slow-reader-versioned' ? [x.argv[0]] : []));
    expect(slow).toEqual(['GET', 'WATCH', 'GET', 'UNWATCH']);
  });
});
