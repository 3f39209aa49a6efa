/**
 * The cache-aside scenario: the same skewed read load on two databases, one behind a Redis
 * cache and one read directly, side by side.
 */
import { cacheAsideRead } from '../recipes/cache.js';
import { invariant, type Checker, type TraceRecord } from '../world/index.js';
import type { Scenario } from './scenario.js';

const KEYS = 50;
const CLIENTS = 6;
const REQUESTS = 100;
/** Each client sends one request every INTERVAL ms: 6 clients, 240 requests/s per side, more than a database serves. */
const INTERVAL = 25;
const START = 800;
const TTL = 2000;
const DB_LATENCY = 5;
const DB_CAPACITY = 200;

const KEY_NAMES = Array.from({ length: KEYS }, (_, i) => `product:${i + 1}`);
/** Zipf-like popularity: the i-th key is asked for in proportion to 1/i. */
const POPULARITY = KEY_NAMES.map((k, i) => [k, 1 / (i + 1)] as const);
const valueOf = (key: string) => `${key} details`;

type Side = 'cached' | 'direct';
const DATABASE: Record<Side, string> = { cached: 'db-cached', direct: 'db-direct' };

interface Request {
  side: Side;
  ms: number;
  from: string;
  ok: boolean;
  proc: string;
  time: number;
}

function requestOf(r: TraceRecord): Request | undefined {
  if (r.type !== 'mark' || r.label !== 'request') return undefined;
  const d = r.data;
  return { side: d['side'] as Side, ms: Number(d['ms']), from: String(d['from']), ok: d['ok'] === true, proc: r.proc, time: r.time };
}

function percentile(xs: number[], q: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/**
 * Hot keys served from Redis: clients ask for 50 products with skewed popularity. Half read
 * through a cache (cache-aside, 2 s TTL) in front of db-cached; the other half read db-direct.
 * Same clients, same schedule, same popularity: the database queries, hit ratio and latency differ.
 */
export const cacheAside: Scenario = {
  name: 'cache-aside',
  summary: 'hot keys served from Redis: database load and latency with and without a cache, side by side',
  story:
    `Two groups of ${CLIENTS} clients send the same load, ${(CLIENTS * 1000) / INTERVAL} requests a second each group, for ${KEYS} products ` +
    'whose popularity is skewed (a few are asked for all the time, most rarely). The cached group uses cache-aside: GET from Redis, ' +
    `and on a miss read the database and SET the value with a ${TTL / 1000} s TTL. The direct group reads its own database every time. ` +
    'Watch the GETs that hit, the misses that go to db-cached (mostly the first request for each product, and again after its TTL), ' +
    `and db-direct serving every single request: it can serve ${DB_CAPACITY} queries a second, fewer than it is sent, so queries queue and latency grows.`,
  watch:
    'The database behind the cache gets only the first request for each product (and one again after each 2 s TTL), while the database without a cache serves every request beyond its capacity, so its queries queue and its latency climbs. The answers are the same on both sides: the cache changes load and latency, never results.',
  duration: START + REQUESTS * INTERVAL + 1500,
  setup(world) {
    world.redis('cache').database(DATABASE.cached, { latency: DB_LATENCY, capacity: DB_CAPACITY }).database(DATABASE.direct, { latency: DB_LATENCY, capacity: DB_CAPACITY });

    world.app('loader', async (p) => {
      p.log(`loading ${KEYS} products into both databases`);
      await Promise.all(
        (['cached', 'direct'] as const).map(async (side) => {
          const db = p.database(DATABASE[side]);
          for (const key of KEY_NAMES) await db.set(key, valueOf(key));
        }),
      );
      p.log('loaded');
    });

    for (const side of ['cached', 'direct'] as const) {
      for (let c = 0; c < CLIENTS; c++) {
        world.app(`${side}-${c + 1}`, async (p) => {
          const db = p.database(DATABASE[side]);
          const redis = p.redis('cache');
          // Clients take turns, so requests are spread evenly over time.
          const offset = (c * INTERVAL) / CLIENTS;
          for (let i = 0; i < REQUESTS; i++) {
            const due = START + offset + i * INTERVAL;
            if (p.now() < due) await p.sleep(due - p.now());
            const key = p.random.weighted(POPULARITY);
            const t0 = p.now();
            try {
              const r = side === 'cached' ? await cacheAsideRead(redis, db, key, { ttl: TTL }) : { value: (await db.get(key))?.value ?? null, from: 'database' };
              p.mark('request', { side, key, from: r.from, ms: p.now() - t0, ok: r.value === valueOf(key) });
            } catch (e) {
              p.mark('request', { side, key, from: 'error', ms: p.now() - t0, ok: false, error: (e as Error).message });
            }
          }
        });
      }
    }

    const reads = (side: Side) => world.databaseNode(DATABASE[side]).stats.reads;
    world.check(
      invariant(
        'the cache takes most reads off the database',
        'with the cache, the database serves fewer than a third of the reads it serves without one',
        () => {
          const cached = reads('cached');
          const direct = reads('direct');
          if (!(cached * 3 < direct)) return `db-cached served ${cached} reads, db-direct ${direct}: more than a third`;
        },
        'at end',
      ),
    );
    world.check(everyRequestAnswered());

    return {
      stats: () => {
        const requests = world.trace.map(requestOf).filter((r) => r !== undefined);
        const of = (side: Side) => requests.filter((r) => r.side === side);
        const hits = of('cached').filter((r) => r.from === 'cache').length;
        return {
          requestsPerSide: of('cached').length,
          dbReadsWithCache: reads('cached'),
          dbReadsWithoutCache: reads('direct'),
          hitRatioPercent: Math.round((1000 * hits) / Math.max(1, of('cached').length)) / 10,
          p50MsWithCache: percentile(of('cached').map((r) => r.ms), 0.5),
          p50MsWithoutCache: percentile(of('direct').map((r) => r.ms), 0.5),
          p99MsWithCache: percentile(of('cached').map((r) => r.ms), 0.99),
          p99MsWithoutCache: percentile(of('direct').map((r) => r.ms), 0.99),
          maxQueueWithCache: world.databaseNode(DATABASE.cached).stats.maxQueue,
          maxQueueWithoutCache: world.databaseNode(DATABASE.direct).stats.maxQueue,
        };
      },
    };
  },
};

/** Every request, cached or not, gets the product's value, and every client sends all of its requests. */
function everyRequestAnswered(): Checker {
  return {
    name: 'every request is answered',
    description: `all ${2 * CLIENTS * REQUESTS} requests get the right value, with or without the cache`,
    create() {
      let answered = 0;
      return {
        onRecord(r) {
          const q = requestOf(r);
          if (q === undefined) return;
          if (!q.ok) return `${q.proc}'s request at t=${q.time}ms got no value or a wrong one`;
          answered++;
        },
        atEnd() {
          if (answered !== 2 * CLIENTS * REQUESTS) return `${answered} of ${2 * CLIENTS * REQUESTS} requests were answered`;
        },
      };
    },
  };
}
