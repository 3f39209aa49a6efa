/**
 * Caching with Redis in front of a database: cache-aside, and the fixes for its two classic
 * failures: the stale value a slow reader leaves behind when it races a writer (versioned
 * compare-and-set, or a delayed second delete), and the stampede of rebuilds when a hot key
 * expires under load (a per-key rebuild lock, or probabilistic early recomputation, "XFetch").
 *
 * Each recipe is plain code against the clients: Redis commands a learner would type, no Lua
 * (WATCH/MULTI/EXEC where a check and a write must go together).
 */
import { RedisConnectionError, type DbClient, type ProcessContext, type RedisClient } from '../world/index.js';

/** What a cached read returns. */
export interface CacheRead {
  /** The value, or null when the database has no such row. */
  value: string | null;
  /** A cache hit, or the database (a miss, or an early recomputation). */
  from: 'cache' | 'database';
  /** The row version, when known (plain cache-aside entries do not carry it). */
  version?: number;
  /** XFetch only: the value was still cached, but this reader chose to recompute it early. */
  early?: boolean;
}

// ---------------------------------------------------------------- cache-aside

/**
 * Cache-aside read: GET the key; on a miss read the database and `SET key value PX ttl`.
 *
 * The cache is optional: when Redis cannot be reached the read goes to the database, so an
 * outage makes reads slower (and the database busier), never failing. Absent rows are not
 * cached. The race it leaves open: a reader that read the database before a write can SET its
 * old value after the writer's DEL (see `versionedRead` and `doubleDeleteWrite`).
 */
export async function cacheAsideRead(redis: RedisClient, db: DbClient, key: string, options: { ttl: number }): Promise<CacheRead> {
  const cached = await unlessRedisDown(redis.get(key), null);
  if (cached !== null) return { value: cached, from: 'cache' };
  const row = await db.get(key);
  if (row === null) return { value: null, from: 'database' };
  await unlessRedisDown(redis.set(key, row.value, { px: options.ttl }), null);
  return { value: row.value, from: 'database', version: row.version };
}

/**
 * Cache-aside write ("invalidation on write"): write the database first, then DEL the cache key,
 * so the next reader misses and loads the new row.
 *
 * Deleting rather than SETting the new value means two racing writers cannot leave the older
 * value in the cache. `invalidated` is false when Redis could not be reached: the old value may
 * then be served until its TTL (unless Redis lost it, as a crash without persistence does).
 */
export async function cacheAsideWrite(redis: RedisClient, db: DbClient, key: string, value: string): Promise<{ version: number; invalidated: boolean }> {
  const version = await db.set(key, value);
  const deleted = await unlessRedisDown(redis.del(key), null);
  return { version, invalidated: deleted !== null };
}

/** The result of a Redis command, or `fallback` when Redis cannot be reached (refused, reset, timed out). */
async function unlessRedisDown<T, F>(command: Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await command;
  } catch (e) {
    if (e instanceof RedisConnectionError) return fallback;
    throw e;
  }
}

// ---------------------------------------------------------------- fixing the stale-read race

/** A versioned cache entry: the row's value at `version`, or a tombstone (`value: null`) left by a write. */
export interface VersionedEntry {
  version: number;
  value: string | null;
}

/** Whether `mine` may replace `there`: a newer version, or the value of the version a tombstone invalidated. */
function supersedes(mine: VersionedEntry, there: VersionedEntry | null): boolean {
  if (there === null) return true;
  if (mine.version !== there.version) return mine.version > there.version;
  return there.value === null && mine.value !== null;
}

function parseVersioned(raw: string | null): VersionedEntry | null {
  return raw === null ? null : (JSON.parse(raw) as VersionedEntry);
}

/**
 * Compare-and-set on a versioned entry: WATCH the key, GET it, and only if our entry is newer
 * MULTI/SET/EXEC. EXEC returns null when someone changed the key after our WATCH; we then look
 * again. Resolves true when our entry was stored, false when the cache already holds something
 * at least as new.
 *
 * WATCH belongs to the connection: give each concurrent task its own client.
 */
export async function setIfNewer(redis: RedisClient, key: string, entry: VersionedEntry, ttl: number): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await redis.watch(key);
    const there = parseVersioned(await redis.get(key));
    if (!supersedes(entry, there)) {
      await redis.call('UNWATCH');
      return false;
    }
    const stored = await redis.multi([['SET', key, JSON.stringify(entry), 'PX', ttl]]);
    if (stored !== null) return true;
  }
  return false;
}

/**
 * Versioned cache-aside read: entries carry the row version (`{"version":3,"value":"…"}`). On a
 * miss (or a tombstone) read the database and fill the cache only if the row is not older than
 * what is there (`setIfNewer`). A reader that read version 1 before a write cannot overwrite the
 * writer's tombstone for version 2, which is what closes the race plain cache-aside leaves open.
 */
export async function versionedRead(redis: RedisClient, db: DbClient, key: string, options: { ttl: number }): Promise<CacheRead> {
  const there = parseVersioned(await redis.get(key));
  if (there !== null && there.value !== null) return { value: there.value, from: 'cache', version: there.version };
  const row = await db.get(key);
  if (row === null) return { value: null, from: 'database' };
  await setIfNewer(redis, key, { version: row.version, value: row.value }, options.ttl);
  return { value: row.value, from: 'database', version: row.version };
}

/**
 * Versioned write: write the database, then invalidate with a tombstone carrying the new version
 * instead of a DEL. A DEL would leave nothing to compare with, and a slow reader's old row would
 * fill the empty key; the tombstone makes that fill lose. It lives `ttl` ms, as long as an entry,
 * which must be longer than a reader may take between its database read and its fill.
 */
export async function versionedWrite(redis: RedisClient, db: DbClient, key: string, value: string, options: { ttl: number }): Promise<number> {
  const version = await db.set(key, value);
  await setIfNewer(redis, key, { version, value: null }, options.ttl);
  return version;
}

/**
 * Delayed double delete: write the database, DEL the cache key, wait `delay` ms, DEL it again.
 * The second DEL removes an old value that a slow reader SET after the first one; readers use
 * plain `cacheAsideRead` with a short TTL, the backstop when a reader is slower than `delay` or
 * the second DEL is lost. It narrows the stale window to `delay` rather than closing it.
 * Resolves after the second delete (fire and forget it if the caller must not wait).
 */
export async function doubleDeleteWrite(p: ProcessContext, redis: RedisClient, db: DbClient, key: string, value: string, options: { delay: number }): Promise<number> {
  const version = await db.set(key, value);
  await redis.del(key);
  await p.sleep(options.delay);
  await redis.del(key);
  return version;
}

// ---------------------------------------------------------------- stampede protection

/**
 * Deletes a lock only if it still holds our token (WATCH, GET, MULTI/DEL/EXEC): a holder whose
 * lock expired while it worked must not delete the lock someone else now holds.
 */
export async function releaseLock(redis: RedisClient, lockKey: string, token: string): Promise<boolean> {
  await redis.watch(lockKey);
  if ((await redis.get(lockKey)) !== token) {
    await redis.call('UNWATCH');
    return false;
  }
  return (await redis.multi([['DEL', lockKey]])) !== null;
}

/**
 * Cache-aside read with a per-key rebuild lock: on a miss, `SET lock:key token NX PX lockTtl`.
 * The one that gets it reads the database and fills the cache; the others wait `poll` ms and
 * read the cache again. So an expired hot key costs the database one query, not one per reader.
 * After taking the lock the holder looks at the cache once more (another holder may have just
 * filled it). The lock's PX frees it if its holder dies; then a waiter takes over.
 */
export async function lockedRead(
  p: ProcessContext,
  redis: RedisClient,
  db: DbClient,
  key: string,
  options: { ttl: number; lockTtl?: number; poll?: number },
): Promise<CacheRead> {
  const lockKey = `lock:${key}`;
  const token = `${p.name}:${p.random.int(0, 0x7fffffff)}`;
  for (;;) {
    const cached = await redis.get(key);
    if (cached !== null) return { value: cached, from: 'cache' };
    if ((await redis.set(lockKey, token, { nx: true, px: options.lockTtl ?? 1000 })) === 'OK') {
      try {
        const filled = await redis.get(key);
        if (filled !== null) return { value: filled, from: 'cache' };
        const row = await db.get(key);
        if (row !== null) await redis.set(key, row.value, { px: options.ttl });
        return { value: row?.value ?? null, from: 'database', version: row?.version };
      } finally {
        await releaseLock(redis, lockKey, token);
      }
    }
    await p.sleep(options.poll ?? 20);
  }
}

/** An XFetch entry: the value, how long it took to compute (ms) and when it expires (local clock). */
export interface XFetchEntry {
  value: string;
  delta: number;
  expiry: number;
}

/**
 * Probabilistic early recomputation, "XFetch" (Vattani, Chierichetti, Lowenstein, VLDB 2015).
 * Entries store the value, `delta` (how long computing it took) and its expiry. Each reader
 * recomputes early when `now - delta * beta * ln(rand) >= expiry`, rand in (0, 1]: rarely while
 * the expiry is far, more often as it nears, and sooner for values that are slow to compute.
 * Usually one reader refreshes the value before it expires while the others keep being served
 * the cached one: no lock, no waiting. beta > 1 favours earlier recomputation.
 * Expiries are compared across processes' clocks: skewed clocks skew the odds.
 */
export async function xfetchRead(p: ProcessContext, redis: RedisClient, db: DbClient, key: string, options: { ttl: number; beta?: number }): Promise<CacheRead> {
  const raw = await redis.get(key);
  const entry = raw === null ? null : (JSON.parse(raw) as XFetchEntry);
  const beta = options.beta ?? 1;
  if (entry !== null && p.now() - entry.delta * beta * Math.log(1 - p.random.next()) < entry.expiry) {
    return { value: entry.value, from: 'cache' };
  }
  const start = p.now();
  const row = await db.get(key);
  const delta = p.now() - start;
  if (row !== null) {
    const fresh: XFetchEntry = { value: row.value, delta, expiry: p.now() + options.ttl };
    await redis.set(key, JSON.stringify(fresh), { px: options.ttl });
  }
  return { value: row?.value ?? null, from: 'database', version: row?.version, early: entry !== null };
}
