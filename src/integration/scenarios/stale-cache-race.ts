/**
 * The stale-cache-race scenario: a slow reader fills the cache with the value it read before a
 * write, after the writer invalidated it. Plain cache-aside keeps that stale value until its TTL;
 * the versioned cache and the delayed double delete, run side by side, do not.
 */
import { cacheAsideRead, cacheAsideWrite, doubleDeleteWrite, versionedRead, versionedWrite, type CacheRead } from '../recipes/cache.js';
import type { Checker, DbClient, ProcessContext, RedisClient, TraceRecord } from '../world/index.js';
import type { Scenario } from './scenario.js';

const TTL = 1500;
/** The slow reader's link to the database: +300 ms each way, so its reply comes back after the write. */
const SLOW_MS = 300;
const SLOW_READ_AT = 100;
const WRITE_AT = 500;
const DOUBLE_DELETE_DELAY = 500;
const READS_FROM = 800;
const READS_EVERY = 100;
const READS_UNTIL = 3000;
/** The row's values: version 1, then version 2. */
const PRICES = ['10 EUR', '12 EUR'];
const versionOf = (value: string | null) => PRICES.indexOf(value ?? '') + 1;

const GROUPS = ['plain', 'versioned', 'double-delete'] as const;
type Group = (typeof GROUPS)[number];
const LABEL: Record<Group, string> = { plain: 'plain cache-aside', versioned: 'versioned cache', 'double-delete': 'double delete' };
const keyOf = (group: Group) => `price:${group}`;

function read(group: Group, redis: RedisClient, db: DbClient): Promise<CacheRead> {
  if (group === 'versioned') return versionedRead(redis, db, keyOf(group), { ttl: TTL });
  return cacheAsideRead(redis, db, keyOf(group), { ttl: TTL });
}

async function write(group: Group, p: ProcessContext, redis: RedisClient, db: DbClient, value: string): Promise<number> {
  if (group === 'versioned') return versionedWrite(redis, db, keyOf(group), value, { ttl: TTL });
  if (group === 'double-delete') return doubleDeleteWrite(p, redis, db, keyOf(group), value, { delay: DOUBLE_DELETE_DELAY });
  return (await cacheAsideWrite(redis, db, keyOf(group), value)).version;
}

interface Read {
  group: Group;
  version: number;
  from: string;
  started: number;
  proc: string;
  time: number;
}

function readOf(r: TraceRecord): Read | undefined {
  if (r.type !== 'mark' || r.label !== 'read') return undefined;
  const d = r.data;
  return { group: d['group'] as Group, version: Number(d['version']), from: String(d['from']), started: Number(d['started']), proc: r.proc, time: r.time };
}

function markOf(r: TraceRecord, label: string): { group: Group; version: number; time: number } | undefined {
  if (r.type !== 'mark' || r.label !== label) return undefined;
  return { group: r.data['group'] as Group, version: Number(r.data['version']), time: r.time };
}

/**
 * For each group: a slow reader misses at t=100ms and reads version 1 from the database over a slow
 * link; at t=500ms a writer writes version 2 and invalidates the cache; the slow reader's reply
 * arrives afterwards and it fills the cache with version 1. A reader then reads every 100 ms.
 */
export const staleCacheRace: Scenario = {
  name: 'stale-cache-race',
  summary: 'a slow reader puts an old value back in the cache after a write; versions or a second delete prevent it',
  story:
    'The classic cache-aside race, made to happen on purpose, three times side by side. A slow reader misses the cache and queries the database ' +
    `over a slow link (+${SLOW_MS} ms each way): the database answers version 1 (${PRICES[0]}). Meanwhile a writer stores version 2 (${PRICES[1]}) ` +
    'and invalidates the cache. Then the slow reader\'s answer arrives and it fills the cache with version 1. ' +
    `Plain cache-aside: SET puts the old price back, and every reader is served it until the ${TTL / 1000} s TTL runs out, long after the write. ` +
    'Versioned cache: entries carry the row version and the writer leaves a tombstone for version 2 instead of a DEL; the slow reader\'s ' +
    'WATCH/GET/MULTI fill sees that its version 1 is older and gives up. ' +
    `Double delete: the writer deletes the key again ${DOUBLE_DELETE_DELAY} ms later, removing the old price; it is served for a while, but not once the write has settled.`,
  watch:
    'Follow the slow reader: it reads the old row before the write, and its cache fill lands after the writer\'s invalidation, putting the old value back until the TTL. The versioned group refuses that fill (the tombstone carries a newer version); double delete removes the stale value one delay later.',
  duration: READS_UNTIL + 200,
  setup(world) {
    world.redis('cache').database('db');

    for (const group of GROUPS) {
      world.app(`writer-${group}`, async (p) => {
        const db = p.database('db');
        const redis = p.redis('cache');
        await db.set(keyOf(group), PRICES[0]!);
        await p.sleep(WRITE_AT - p.now());
        p.setRole('writer');
        p.mark('write-started', { group, version: 2 });
        p.log(`writing ${PRICES[1]} and invalidating the cache`);
        const version = await write(group, p, redis, db, PRICES[1]!);
        p.mark('write-settled', { group, version });
        p.log(`version ${version} written, cache invalidated`);
        p.setRole(undefined);
      });

      world.app(`slow-reader-${group}`, async (p) => {
        const db = p.database('db');
        const redis = p.redis('cache');
        await p.sleep(SLOW_READ_AT);
        p.setRole('slow reader');
        const started = p.now();
        const r = await read(group, redis, db);
        p.mark('read', { group, version: versionOf(r.value), from: r.from, started });
        p.log(`read version ${versionOf(r.value)} from the ${r.from} and tried to cache it`);
        p.setRole(undefined);
      });

      world.app(`reader-${group}`, async (p) => {
        const db = p.database('db');
        const redis = p.redis('cache');
        for (let due = READS_FROM; due <= READS_UNTIL; due += READS_EVERY) {
          await p.sleep(due - p.now());
          const started = p.now();
          const r = await read(group, redis, db);
          p.mark('read', { group, version: versionOf(r.value), from: r.from, started });
        }
      });

      world.slow(`slow-reader-${group}`, 'db', SLOW_MS);
    }

    for (const group of GROUPS) world.check(noStaleReadAfterWrite(group));
    world.check(raceHappens());

    return {
      expect: { [noStaleReadAfterWrite('plain').name]: false },
      stats: () => {
        const stats: Record<string, number | string> = {};
        const writes = new Map<Group, number>();
        for (const r of world.trace) {
          const w = markOf(r, 'write-started');
          if (w !== undefined) writes.set(w.group, w.time);
        }
        const reads = world.trace.map(readOf).filter((r) => r !== undefined);
        for (const group of GROUPS) {
          const stale = reads.filter((r) => r.group === group && r.started > (writes.get(group) ?? Infinity) && r.version < 2);
          const name = group === 'double-delete' ? 'doubleDelete' : group;
          stats[`${name}StaleReads`] = stale.length;
          stats[`${name}StaleUntil`] = stale.length === 0 ? 'never' : `t=${stale.at(-1)!.started}ms`;
        }
        stats['readsPerGroup'] = reads.filter((r) => r.group === 'plain').length;
        return stats;
      },
    };
  },
};

/** Once the group's write has settled, no read that starts later is served an older version. */
function noStaleReadAfterWrite(group: Group): Checker {
  return {
    name: `${LABEL[group]}: no stale read once the write settles`,
    description: `after the ${group} writer's write and invalidation have finished, every read returns version 2 (${PRICES[1]}), never the older ${PRICES[0]}`,
    create() {
      let settled: { version: number; time: number } | undefined;
      return {
        onRecord(r) {
          const w = markOf(r, 'write-settled');
          if (w !== undefined && w.group === group) settled = w;
          const read = readOf(r);
          if (read === undefined || read.group !== group || settled === undefined || read.started < settled.time) return;
          if (read.version < settled.version) {
            return `${read.proc} was served version ${read.version} (${PRICES[read.version - 1]}) from the ${read.from} at t=${read.time}ms, but version ${settled.version} had been written and the cache invalidated at t=${settled.time}ms`;
          }
        },
      };
    },
  };
}

/** The race is really run in every group: each slow reader read version 1 and tried to fill the cache after the write began. */
function raceHappens(): Checker {
  return {
    name: 'the race happens in every group',
    description: 'each slow reader reads version 1 from the database before the write and tries to fill the cache after the write began',
    create() {
      const writeStarted = new Map<Group, number>();
      const raced = new Set<Group>();
      return {
        onRecord(r) {
          const w = markOf(r, 'write-started');
          if (w !== undefined) writeStarted.set(w.group, w.time);
          const read = readOf(r);
          if (read === undefined || !r.proc.startsWith('slow-reader-')) return;
          const began = writeStarted.get(read.group);
          if (read.version !== 1 || read.from !== 'database' || began === undefined || read.time < began) {
            return `${r.proc} read version ${read.version} from the ${read.from} at t=${read.time}ms, ${began === undefined ? 'before the write began' : `the write began at t=${began}ms`}: no race`;
          }
          raced.add(read.group);
        },
        atEnd() {
          const missing = GROUPS.filter((g) => !raced.has(g));
          if (missing.length > 0) return `no race in: ${missing.join(', ')}`;
        },
      };
    },
  };
}
