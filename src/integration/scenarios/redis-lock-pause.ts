/**
 * The redis-lock-pause scenario: a Redis lock holder stalls (a GC pause) longer than the lock's
 * TTL; the lock passes to another process and both write. Beside it, the same with fencing
 * tokens, where the database refuses the stalled holder's write.
 */
import { acquireRedisLock, fencedWrite, releaseRedisLock } from '../recipes/locks.js';
import { fencingTokensIncrease, invariant, mutualExclusion, type AppMain } from '../world/index.js';
import type { Scenario } from './scenario.js';

const TTL = 2000;
const WORK = 1000;
const PAUSE_AT = 500;
const PAUSE_FOR = 3000;
/** The second process starts a little later, so the first one always gets the lock first. */
const SECOND_STARTS_AT = 100;

interface Pair {
  /** The lock's name, the database key and the checked resource. */
  resource: string;
  first: string;
  second: string;
  fenced: boolean;
}

const PLAIN: Pair = { resource: 'report', first: 'alice', second: 'bob', fenced: false };
const FENCED: Pair = { resource: 'report-fenced', first: 'alice-fenced', second: 'bob-fenced', fenced: true };

export const redisLockPause: Scenario = {
  name: 'redis-lock-pause',
  summary: 'a Redis lock holder pauses past its TTL and two processes write; fencing tokens make the database refuse the late one',
  story:
    `alice takes the Redis lock lock:${PLAIN.resource} (SET NX PX ${TTL}) to write a report to the database; her work takes ${WORK / 1000}s. ` +
    `At t=${PAUSE_AT / 1000}s she stops dead for ${PAUSE_FOR / 1000}s (a GC pause): no code runs, no timer fires. Redis knows nothing of pauses: at ${TTL / 1000}s the lock expires, ` +
    'and bob, who has been retrying, takes it, writes his report and releases. Then alice wakes up, still sure she holds the lock, and writes hers over his: ' +
    'the mutual-exclusion check fails, as it must. Her release finds the lock no longer hers and, because it checks the token, leaves it alone. ' +
    'Beside them, alice-fenced and bob-fenced do the same with fencing tokens: taking the lock also takes INCR fence:report-fenced, and every write carries its token. ' +
    'The database has seen bob-fenced\'s token 2 when alice-fenced\'s write arrives with token 1, and refuses it. Both still believed they held the lock at the same time; ' +
    'only the storage, which sees every write, can tell which one is stale.',
  watch:
    'Alice\'s lock expires during her GC pause and Bob takes it; when Alice wakes she writes over Bob\'s work, still believing she holds the lock. With fencing tokens both still believe they hold the lock, but the storage has seen token 2 and refuses Alice\'s token 1.',
  duration: PAUSE_AT + PAUSE_FOR + 1500,
  setup(world) {
    world.redis('redis');
    world.database('db', { latency: 5 });
    for (const pair of [PLAIN, FENCED]) {
      world.app(pair.first, writer(pair, 0));
      world.app(pair.second, writer(pair, SECOND_STARTS_AT));
      world.at(PAUSE_AT, (w) => w.pause(pair.first, PAUSE_FOR));
    }
    world.check(mutualExclusion(PLAIN.resource));
    world.check(fencingTokensIncrease(FENCED.resource));
    const results = () => world.marks('write-result');
    const outcomeOf = (proc: string) => results().find((r) => r.proc === proc)?.data['outcome'];
    world.check(
      invariant(
        'the stale write is refused',
        `the database refuses ${FENCED.first}'s write, made after her lock expired, and keeps ${FENCED.second}'s`,
        () => {
          const stale = outcomeOf(FENCED.first);
          const kept = outcomeOf(FENCED.second);
          if (stale !== 'stale') return `${FENCED.first}'s write was ${stale === undefined ? 'never answered' : String(stale)}`;
          if (kept !== 'accepted') return `${FENCED.second}'s write was ${kept === undefined ? 'never answered' : String(kept)}`;
          const row = world.databaseNode('db').rows.get(FENCED.resource);
          if (row?.value !== report(FENCED.second)) return `${FENCED.resource} holds ${row?.value ?? 'nothing'} at the end`;
        },
        'at end',
      ),
    );

    const count = (pair: Pair, outcome: string) => results().filter((r) => r.data['resource'] === pair.resource && r.data['outcome'] === outcome).length;
    return {
      expect: { [`mutual exclusion on ${PLAIN.resource}`]: false },
      stats: () => ({
        lockTtlMs: TTL,
        pauseMs: PAUSE_FOR,
        writesAccepted: count(PLAIN, 'accepted'),
        fencedWritesAccepted: count(FENCED, 'accepted'),
        fencedWritesRejected: count(FENCED, 'stale'),
        finalReport: world.databaseNode('db').rows.get(PLAIN.resource)?.value ?? 'none',
        finalFencedReport: world.databaseNode('db').rows.get(FENCED.resource)?.value ?? 'none',
      }),
    };
  },
};

function report(name: string): string {
  return `report by ${name}`;
}

/** Take the lock, work, write the report (fenced or not), release. */
function writer(pair: Pair, startAt: number): AppMain {
  return async (p) => {
    const redis = p.redis('redis');
    const db = p.database('db');
    await p.sleep(startAt);
    const lock = await acquireRedisLock(p, redis, pair.resource, { ttl: TTL, fencing: pair.fenced });
    p.setRole('holder');
    p.mark('acquired', { resource: pair.resource, token: lock.fence });
    p.log(`took lock:${pair.resource} for ${TTL} ms${lock.fence === undefined ? '' : ` with fencing token ${lock.fence}`}`);
    await p.sleep(WORK); // the work; a pause here stretches it past the TTL, and nothing tells us
    if (lock.fence === undefined) {
      await db.set(pair.resource, report(p.name));
      p.mark('write-result', { resource: pair.resource, key: pair.resource, outcome: 'accepted' });
    } else if ((await fencedWrite(p, db, pair.resource, report(p.name), pair.resource, lock.fence)) === 'stale') {
      p.log(`the database refused my write: token ${lock.fence} is stale, someone took the lock after me`);
    }
    p.mark('released', { resource: pair.resource });
    p.setRole(undefined);
    if (!(await releaseRedisLock(redis, lock))) p.log(`lock:${pair.resource} was no longer mine when I released it (it expired while I worked)`);
  };
}
