/**
 * The cache-stampede scenario: a hot key expires under load. Plain cache-aside, a per-key rebuild
 * lock and XFetch (probabilistic early recomputation) side by side, each with its own Redis and database.
 */
import { cacheAsideRead, lockedRead, xfetchRead, type CacheRead } from '../recipes/cache.js';
import type { Checker, DbClient, ProcessContext, RedisClient, TraceRecord } from '../world/index.js';
import type { Scenario } from './scenario.js';

const KEY = 'home-page';
const PAGE = 'the rendered home page';
const WORKERS = 16;
const TTL = 3000;
/** The query that rebuilds the page is slow: 100 ms, at most 5 at once (capacity 50/s). */
const DB_LATENCY = 100;
const DB_CAPACITY = 50;
const READS_FROM = 400;
const READS_UNTIL = 3700;
/** "A handful": more rebuilds than this for one expiry is a stampede. */
const MAX_REBUILDS = 5;
/**
 * XFetch's beta. Once one reader has started recomputing, the others still roll the dice until it
 * is done: on average e^(1/beta) - 1 more recompute too (1.7 at beta 1, 0.65 at beta 2), with a
 * long tail. beta 2 refreshes a little earlier (about a third of the TTL before expiry, here) and
 * keeps the duplicates to a handful.
 */
const BETA = 2;

const GROUPS = ['plain', 'lock', 'xfetch'] as const;
type Group = (typeof GROUPS)[number];
const LABEL: Record<Group, string> = { plain: 'plain cache-aside', lock: 'rebuild lock', xfetch: 'XFetch' };

interface Served {
  group: Group;
  from: string;
  early: boolean;
  ms: number;
  proc: string;
  time: number;
}

function servedOf(r: TraceRecord): Served | undefined {
  if (r.type !== 'mark' || r.label !== 'served') return undefined;
  const d = r.data;
  return { group: d['group'] as Group, from: String(d['from']), early: d['early'] === true, ms: Number(d['ms']), proc: r.proc, time: r.time };
}

/** The group's read recipe. */
function read(group: Group, p: ProcessContext, redis: RedisClient, db: DbClient): Promise<CacheRead> {
  if (group === 'plain') return cacheAsideRead(redis, db, KEY, { ttl: TTL });
  if (group === 'lock') return lockedRead(p, redis, db, KEY, { ttl: TTL, lockTtl: 1000, poll: 20 });
  return xfetchRead(p, redis, db, KEY, { ttl: TTL, beta: BETA });
}

/**
 * Sixteen workers per group read one hot key every ~20 ms. It was cached at t≈0.2 s with a 3 s
 * TTL and its rebuild is a 100 ms query. When it expires, plain cache-aside sends every worker to the
 * database at once; with the lock one worker rebuilds while the others wait; with XFetch one
 * worker (or two) refreshes it shortly before it expires while the rest are still served.
 */
export const cacheStampede: Scenario = {
  name: 'cache-stampede',
  summary: 'a hot key expires under load: plain cache-aside stampedes the database, a rebuild lock and XFetch do not',
  story:
    `Three groups of ${WORKERS} workers each read the same hot key, ${KEY}, about every 20 ms, through their own Redis in front of their own database, ` +
    `where rebuilding the page is a ${DB_LATENCY} ms query and only 5 run at once. The page was cached at t≈0.2 s with a ${TTL / 1000} s TTL. ` +
    'Plain cache-aside: when it expires, every worker misses within a few ms and every one of them queries the database for the same page (the stampede), ' +
    'most of them queueing behind the first five. Rebuild lock: the first to miss takes lock:home-page with SET NX PX; the others poll the cache ' +
    'every 20 ms and get the page the holder stores, a single query. XFetch: each read rolls the dice, recomputing early with a probability that ' +
    `grows as the expiry nears (beta ${BETA}); one worker refreshes the page about a second before it would expire while everyone else is still served, ` +
    'and sometimes a second or third worker wins the roll before the first has finished. Compare the database queries for the hot key, ' +
    'and the slowest read: the lock makes its waiters wait for the rebuild, XFetch makes nobody wait but the one recomputing.',
  watch:
    'The moment the hot key expires: in the plain group every worker misses within a few milliseconds and each one queries the database; with the rebuild lock one worker rebuilds while the others wait; with XFetch someone refreshes the value before it expires and nobody waits. Compare the slowest reads: the lock makes its waiters wait, XFetch does not.',
  duration: READS_UNTIL + 300,
  setup(world) {
    for (const group of GROUPS) {
      world.redis(`cache-${group}`).database(`db-${group}`, { latency: DB_LATENCY, capacity: DB_CAPACITY });

      world.app(`warm-${group}`, async (p) => {
        const db = p.database(`db-${group}`);
        await db.set(KEY, PAGE);
        await read(group, p, p.redis(`cache-${group}`), db);
        p.log(`${KEY} is cached`);
      });

      for (let w = 1; w <= WORKERS; w++) {
        world.app(`${group}-${w}`, async (p) => {
          const db = p.database(`db-${group}`);
          const redis = p.redis(`cache-${group}`);
          await p.sleep(READS_FROM + p.random.int(0, 20));
          while (p.now() < READS_UNTIL) {
            const t0 = p.now();
            let from = 'error';
            let early = false;
            try {
              const r = await read(group, p, redis, db);
              from = r.value === PAGE ? r.from : 'wrong value';
              early = r.early === true;
            } catch (e) {
              p.log(`read failed: ${(e as Error).message}`);
            }
            if (from === 'database') p.log(early ? `recomputed ${KEY} early` : `${KEY} missed: rebuilt it from the database`);
            p.mark('served', { group, from, early, ms: p.now() - t0 });
            await p.sleep(p.random.jitter(15, 10));
          }
        });
      }
    }

    for (const group of GROUPS) world.check(rebuiltAtMost(group));
    world.check(everyReadServed());

    return {
      expect: { [rebuiltAtMost('plain').name]: false },
      stats: () => {
        const served = world.trace.map(servedOf).filter((s) => s !== undefined);
        const stats: Record<string, number> = {};
        for (const group of GROUPS) {
          const mine = served.filter((s) => s.group === group);
          stats[`${group}Rebuilds`] = mine.filter((s) => s.from === 'database').length;
          stats[`${group}DbQueueMax`] = world.databaseNode(`db-${group}`).stats.maxQueue;
          stats[`${group}SlowestReadMs`] = Math.max(0, ...mine.map((s) => s.ms));
        }
        stats['xfetchRebuiltEarly'] = served.filter((s) => s.group === 'xfetch' && s.from === 'database' && s.early).length;
        stats['readsPerGroup'] = served.filter((s) => s.group === 'plain').length;
        return stats;
      },
    };
  },
};

/** The workers of `group` query the database for the hot key at most MAX_REBUILDS times. */
function rebuiltAtMost(group: Group): Checker {
  return {
    name: `${LABEL[group]}: hot key rebuilt at most ${MAX_REBUILDS} times`,
    description: `when ${KEY} expires under load, at most ${MAX_REBUILDS} ${group} workers query the database for it`,
    create() {
      const rebuilds: string[] = [];
      return {
        onRecord(r) {
          const s = servedOf(r);
          if (s === undefined || s.group !== group || s.from !== 'database') return;
          rebuilds.push(`${s.proc} at t=${s.time}ms`);
          if (rebuilds.length > MAX_REBUILDS) return `${rebuilds.length} workers rebuilt ${KEY} from the database: ${rebuilds.join(', ')}`;
        },
      };
    },
  };
}

/** Every read of every group is served the page. */
function everyReadServed(): Checker {
  return {
    name: 'every read is served',
    description: `every worker's read returns ${KEY}, from the cache or the database`,
    create() {
      return {
        onRecord(r) {
          const s = servedOf(r);
          if (s !== undefined && s.from !== 'cache' && s.from !== 'database') return `${s.proc}'s read at t=${s.time}ms failed (${s.from})`;
        },
      };
    },
  };
}
