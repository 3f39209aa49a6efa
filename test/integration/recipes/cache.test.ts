/** The caching recipes in the world: cache-aside, the stale-read fixes, stampede protection; each under a fault too. */
import { describe, expect, it } from 'vitest';
import {
  cacheAsideRead,
  cacheAsideWrite,
  doubleDeleteWrite,
  lockedRead,
  releaseLock,
  setIfNewer,
  versionedRead,
  versionedWrite,
  xfetchRead,
  type CacheRead,
} from '../../../src/integration/recipes/cache.js';
import { createWorld, toValue, type DbClient, type ProcessContext, type RedisClient, type World } from '../../../src/integration/index.js';

function world(seed = 1): World {
  return createWorld({ seed }).redis('cache').database('db');
}

/** Redis commands as the server ran them, for one client: "GET k → …". */
function commands(w: World, client: string): string[] {
  return w.trace.flatMap((r) => (r.type === 'command' && r.client === client ? [r.argv.join(' ')] : []));
}

/** What the Redis server holds at `key` now (read from the engine: no command in the trace). */
function inCache(w: World, key: string): unknown {
  return toValue(w.redisEngine('cache').exec(['GET', key]));
}

const brief = (r: CacheRead) => `${r.from} ${r.value}${r.version === undefined ? '' : ` v${r.version}`}${r.early ? ' early' : ''}`;

describe('cache-aside', () => {
  it('a miss reads the database and SETs with PX; then hits; a write invalidates with DEL', async () => {
    const got: string[] = [];
    let pttl = 0;
    const w = world().app('a', async (p) => {
      const redis = p.redis();
      const db = p.database();
      await db.set('k', 'one');
      got.push(brief(await cacheAsideRead(redis, db, 'k', { ttl: 5000 })));
      pttl = await redis.pttl('k');
      got.push(brief(await cacheAsideRead(redis, db, 'k', { ttl: 5000 })));
      got.push(JSON.stringify(await cacheAsideWrite(redis, db, 'k', 'two')));
      got.push(brief(await cacheAsideRead(redis, db, 'k', { ttl: 5000 })));
      got.push(brief(await cacheAsideRead(redis, db, 'absent', { ttl: 5000 })));
    });
    await w.runFor(500);
    expect(got).toEqual(['database one v1', 'cache one', '{"version":2,"invalidated":true}', 'database two v2', 'database null']);
    expect(pttl).toBeGreaterThan(4990);
    expect(commands(w, 'a')).toEqual(['GET k', 'SET k one PX 5000', 'PTTL k', 'GET k', 'DEL k', 'GET k', 'SET k two PX 5000', 'GET absent']);
    expect(w.databaseNode('db').stats).toMatchObject({ reads: 3, writes: 2 });
  });

  it('Redis down: reads are served from the database, the write reports it could not invalidate; after the restart the cache refills', async () => {
    const got: string[] = [];
    const w = world().app('a', async (p) => {
      const redis = p.redis();
      const db = p.database();
      await db.set('k', 'one');
      got.push(brief(await cacheAsideRead(redis, db, 'k', { ttl: 5000 })));
      await p.sleep(100 - p.now()); // Redis crashes at t=50
      got.push(brief(await cacheAsideRead(redis, db, 'k', { ttl: 5000 })));
      got.push(JSON.stringify(await cacheAsideWrite(redis, db, 'k', 'two')));
      await p.sleep(300 - p.now()); // restarted at t=200, empty
      got.push(brief(await cacheAsideRead(redis, db, 'k', { ttl: 5000 })));
      got.push(brief(await cacheAsideRead(redis, db, 'k', { ttl: 5000 })));
    });
    w.at(50, (x) => x.crash('cache'));
    w.at(200, (x) => x.restart('cache'));
    await w.runFor(500);
    expect(got).toEqual(['database one v1', 'database one v1', '{"version":2,"invalidated":false}', 'database two v2', 'cache two']);
  });

  it('the race: a reader slower than the writer puts the old value back after the DEL', async () => {
    const w = raceWorld(async (_p, redis, db) => cacheAsideRead(redis, db, 'k', { ttl: 5000 }), async (_p, redis, db) => (await cacheAsideWrite(redis, db, 'k', 'two')).version);
    await w.runFor(1000);
    const order = w.trace.flatMap((r) => (r.type === 'command' ? [`${r.client}: ${r.argv.join(' ')}`] : []));
    expect(order).toEqual(['slow: GET k', 'writer: DEL k', 'slow: SET k one PX 5000']);
    expect(inCache(w, 'k')).toBe('one');
  });
});

/**
 * The stale-read race: `slow` misses at t=10 and reads the database over a link 100 ms slower
 * each way (it is served version 1 at ≈t=115); `writer` writes version 2 at t=150 and invalidates;
 * the slow reader's fill lands at ≈t=220.
 */
function raceWorld(
  read: (p: ProcessContext, redis: RedisClient, db: DbClient) => Promise<CacheRead>,
  write: (p: ProcessContext, redis: RedisClient, db: DbClient) => Promise<number>,
  log: string[] = [],
): World {
  const w = world()
    .app('writer', async (p) => {
      const db = p.database();
      await db.set('k', 'one');
      await p.sleep(150 - p.now());
      log.push(`writer wrote v${await write(p, p.redis(), db)} by t=${p.now()}`);
    })
    .app('slow', async (p) => {
      await p.sleep(10);
      const r = await read(p, p.redis(), p.database());
      log.push(`slow read ${brief(r)}, done at t=${p.now()}`);
    });
  w.slow('slow', 'db', 100);
  return w;
}

describe('versioned cache (compare-and-set)', () => {
  it('under the race: the writer leaves a tombstone for version 2, the slow reader\'s version 1 fill is refused', async () => {
    const log: string[] = [];
    const w = raceWorld(
      (_p, redis, db) => versionedRead(redis, db, 'k', { ttl: 5000 }),
      (_p, redis, db) => versionedWrite(redis, db, 'k', 'two', { ttl: 5000 }),
      log,
    );
    await w.runFor(1000);
    expect(log.map((l) => l.replace(/t=\d+/, 't'))).toEqual(['writer wrote v2 by t', 'slow read database one v1, done at t']);
    expect(commands(w, 'slow')).toEqual(['GET k', 'WATCH k', 'GET k', 'UNWATCH']);
    expect(commands(w, 'writer')).toEqual(['WATCH k', 'GET k', 'MULTI', 'SET k {"version":2,"value":null} PX 5000', 'EXEC']);
    expect(inCache(w, 'k')).toBe('{"version":2,"value":null}');
  });

  it('a tombstone is a miss; the reader fills it with the version it invalidated; then hits', async () => {
    const got: string[] = [];
    const w = world().app('a', async (p) => {
      const redis = p.redis();
      const db = p.database();
      await db.set('k', 'one');
      got.push(brief(await versionedRead(redis, db, 'k', { ttl: 5000 })));
      got.push(`wrote v${await versionedWrite(redis, db, 'k', 'two', { ttl: 5000 })}`);
      got.push(String(await redis.get('k')));
      got.push(brief(await versionedRead(redis, db, 'k', { ttl: 5000 })));
      got.push(brief(await versionedRead(redis, db, 'k', { ttl: 5000 })));
    });
    await w.runFor(500);
    expect(got).toEqual(['database one v1', 'wrote v2', '{"version":2,"value":null}', 'database two v2', 'cache two v2']);
  });

  it('setIfNewer under a slow link: a newer entry written between its GET and EXEC aborts the EXEC, and it gives up on a second look', async () => {
    let stored: boolean | undefined;
    const w = world()
      .app('a', async (p) => {
        stored = await setIfNewer(p.redis(), 'k', { version: 2, value: 'two' }, 5000);
      })
      .app('b', async (p) => {
        await p.sleep(175); // a's WATCH and GET are done; its MULTI … EXEC are on the way
        await p.redis().set('k', JSON.stringify({ version: 3, value: 'three' }));
      });
    w.slow('a', 'cache', 50);
    await w.runFor(1000);
    expect(stored).toBe(false);
    expect(commands(w, 'a')).toEqual(['WATCH k', 'GET k', 'MULTI', 'SET k {"version":2,"value":"two"} PX 5000', 'EXEC', 'WATCH k', 'GET k', 'UNWATCH']);
    const exec = w.trace.find((r) => r.type === 'command' && r.client === 'a' && r.argv[0] === 'EXEC');
    expect(exec).toMatchObject({ reply: { type: 'array', value: null } });
    expect(inCache(w, 'k')).toBe('{"version":3,"value":"three"}');
  });
});

describe('delayed double delete', () => {
  it('under the race: the old value the slow reader put back is gone after the second DEL', async () => {
    const log: string[] = [];
    const seen: (string | null)[] = [];
    const w = raceWorld(
      (_p, redis, db) => cacheAsideRead(redis, db, 'k', { ttl: 5000 }),
      (p, redis, db) => doubleDeleteWrite(p, redis, db, 'k', 'two', { delay: 300 }),
      log,
    ).app('observer', async (p) => {
      const redis = p.redis();
      for (const t of [300, 600]) {
        await p.sleep(t - p.now());
        seen.push(await redis.get('k'));
      }
    });
    await w.runFor(1000);
    expect(seen).toEqual(['one', null]);
    expect(commands(w, 'writer')).toEqual(['DEL k', 'DEL k']);
    expect(log.map((l) => l.replace(/t=\d+/, 't'))).toEqual(['slow read database one v1, done at t', 'writer wrote v2 by t']);
  });
});

describe('rebuild lock', () => {
  it('six readers miss a cold key at once: one query; the others wait and read the cache', async () => {
    const got: string[] = [];
    const w = createWorld({ seed: 1 }).redis('cache').database('db', { latency: 50 });
    w.app('loader', async (p) => void (await p.database('db').set('k', 'page')));
    for (let i = 1; i <= 6; i++) {
      w.app(`r${i}`, async (p) => {
        await p.sleep(100);
        got.push(`${p.name} ${brief(await lockedRead(p, p.redis(), p.database('db'), 'k', { ttl: 5000, lockTtl: 1000, poll: 20 }))}`);
      });
    }
    await w.runFor(1000);
    expect(got.filter((g) => g.includes('database'))).toHaveLength(1);
    expect(got.filter((g) => g.endsWith('cache page'))).toHaveLength(5);
    expect(w.databaseNode('db').stats.reads).toBe(1);
    expect(inCache(w, 'lock:k')).toBeNull();
  });

  it('the lock holder crashes mid-rebuild: its lock expires after lockTtl and a waiter rebuilds', async () => {
    const got: string[] = [];
    const w = createWorld({ seed: 1 }).redis('cache').database('db', { latency: 200 });
    w.app('loader', async (p) => void (await p.database('db').set('k', 'page')));
    w.app('holder', async (p) => {
      await p.sleep(300);
      p.setRole('holder');
      got.push(brief(await lockedRead(p, p.redis(), p.database('db'), 'k', { ttl: 5000, lockTtl: 500, poll: 20 })));
    });
    w.app('waiter', async (p) => {
      await p.sleep(320);
      got.push(`waiter ${brief(await lockedRead(p, p.redis(), p.database('db'), 'k', { ttl: 5000, lockTtl: 500, poll: 20 }))} at t=${p.now()}`);
    });
    w.at(350, (x) => x.crash('holder'));
    await w.runFor(2000);
    // The holder took the lock at ≈t=302 and died; the lock expired at ≈t=802; the waiter's rebuild took 200 ms.
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/^waiter database page v1 at t=10\d\d$/);
    expect(w.databaseNode('db').stats.reads).toBe(2);
  });

  it('releaseLock deletes only its own lock: a paused holder whose lock expired leaves the new holder\'s alone', async () => {
    const got: string[] = [];
    const w = world()
      .app('old', async (p) => {
        const redis = p.redis();
        got.push(`old SET NX: ${await redis.set('lock:k', 'old-token', { nx: true, px: 200 })}`);
        await p.sleep(10); // paused for 500 ms here
        got.push(`old released: ${await releaseLock(redis, 'lock:k', 'old-token')}`);
      })
      .app('new', async (p) => {
        const redis = p.redis();
        await p.sleep(300);
        got.push(`new SET NX: ${await redis.set('lock:k', 'new-token', { nx: true, px: 5000 })}`);
      });
    w.at(5, (x) => x.pause('old', 500));
    await w.runFor(1000);
    expect(got).toEqual(['old SET NX: OK', 'new SET NX: OK', 'old released: false']);
    expect(inCache(w, 'lock:k')).toBe('new-token');
  });
});

describe('XFetch', () => {
  it('stores the value with its compute time and expiry; far from the expiry nobody recomputes; past it the first reader does, early', async () => {
    const got: string[] = [];
    let stored: { value: string; delta: number; expiry: number } | undefined;
    let filledBy = 0;
    const w = createWorld({ seed: 1 }).redis('cache').database('db', { latency: 100 });
    w.app('a', async (p) => {
      const redis = p.redis();
      const db = p.database('db');
      await db.set('k', 'page');
      got.push(brief(await xfetchRead(p, redis, db, 'k', { ttl: 10_000 })));
      filledBy = p.now();
      stored = JSON.parse((await redis.get('k'))!);
      let recomputed = 0;
      for (let i = 0; i < 100; i++) if ((await xfetchRead(p, redis, db, 'k', { ttl: 10_000 })).from === 'database') recomputed++;
      got.push(`recomputed ${recomputed} times in 100 reads far from the expiry`);
      // Past its logical expiry (the Redis key still lives): the next reader must recompute.
      await redis.set('k', JSON.stringify({ ...stored, expiry: p.now() }), { px: 10_000 });
      got.push(brief(await xfetchRead(p, redis, db, 'k', { ttl: 10_000 })));
    });
    await w.runFor(2000);
    expect(got).toEqual(['database page v1', 'recomputed 0 times in 100 reads far from the expiry', 'database page v1 early']);
    expect(stored!.value).toBe('page');
    expect(stored!.delta).toBeGreaterThanOrEqual(102);
    expect(stored!.delta).toBeLessThanOrEqual(106);
    // The expiry is taken when the database answered, one SET round trip (2 to 6 ms) before the read returned.
    expect(stored!.expiry - 10_000).toBeGreaterThanOrEqual(filledBy - 6);
    expect(stored!.expiry - 10_000).toBeLessThanOrEqual(filledBy - 2);
    expect(w.databaseNode('db').stats.reads).toBe(2);
  });

  it('Redis restarts empty: the next reader recomputes (a miss, not early) and stores it again', async () => {
    const got: string[] = [];
    const w = createWorld({ seed: 1 }).redis('cache').database('db', { latency: 20 });
    w.app('a', async (p) => {
      const redis = p.redis();
      const db = p.database('db');
      await db.set('k', 'page');
      got.push(brief(await xfetchRead(p, redis, db, 'k', { ttl: 10_000 })));
      got.push(brief(await xfetchRead(p, redis, db, 'k', { ttl: 10_000 })));
      await p.sleep(300 - p.now());
      got.push(brief(await xfetchRead(p, redis, db, 'k', { ttl: 10_000 })));
      got.push(brief(await xfetchRead(p, redis, db, 'k', { ttl: 10_000 })));
    });
    w.at(100, (x) => x.crash('cache'));
    w.at(200, (x) => x.restart('cache'));
    await w.runFor(1000);
    expect(got).toEqual(['database page v1', 'cache page', 'database page v1', 'cache page']);
  });
});
