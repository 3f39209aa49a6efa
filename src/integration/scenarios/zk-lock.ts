/**
 * The zk-lock scenario: five processes increment a counter in a database under the ZooKeeper
 * lock recipe, through crashes and a partition, beside five doing the same under a naive lock
 * that wakes every waiter on every change.
 */
import { Code, ZkError } from '../../zk-sim/index.js';
import { acquireNaiveZkLock, acquireZkLock, fencedWrite, lockQueue, type ZkLock } from '../recipes/locks.js';
import { DbError, fencingTokensIncrease, mutualExclusion, type AppMain, type Checker, type DbClient, type ProcessContext, type World, type ZkClient } from '../world/index.js';
import type { Scenario } from './scenario.js';

const SESSION_TIMEOUT = 6000;
const CONTENDERS = 5;
const CRASH_WAITER_AT = 1500;
const CRASH_HOLDER_AT = 2000;
const DOWN_FOR = 1500;
const PARTITION_AT = 10_000;
const PARTITION_FOR = 10_000;

type Acquire = (p: ProcessContext, zk: ZkClient, lockPath: string) => Promise<ZkLock>;

interface Group {
  /** Also the database key and the checked resource. */
  resource: string;
  lockPath: string;
  members: string[];
  acquire: Acquire;
}

const RECIPE: Group = {
  resource: 'counter',
  lockPath: '/locks/counter',
  members: Array.from({ length: CONTENDERS }, (_, i) => `recipe-${i + 1}`),
  acquire: acquireZkLock,
};
const NAIVE: Group = {
  resource: 'counter-naive',
  lockPath: '/locks/counter-naive',
  members: Array.from({ length: CONTENDERS }, (_, i) => `naive-${i + 1}`),
  acquire: acquireNaiveZkLock,
};

/**
 * Mutual exclusion, and why it genuinely holds here. The ZooKeeper lock cannot stop a holder that
 * does not know its session is gone, so a holder here (1) holds the lock briefly (a few hundred ms
 * against a 6 s session); (2) stops using the counter the moment its client leaves CONNECTED (or
 * a database query times out): the client gives a silent connection up after 2/3 of the session
 * timeout, while the server waits the whole timeout before expiring the session, so a cut-off
 * holder has stopped before anyone else can get the lock; and (3) fences its one write with its
 * node's czxid, for what (2) cannot cover: a write already on its way when it stopped (or a
 * holder stalled past that margin, as in redis-lock-pause) arrives late and is refused, because
 * a later holder, with a larger czxid, has written since. The checks look at the counter itself:
 * mutual exclusion over the holders' marks, fencing at the database, and no lost increment.
 */
export const zkLock: Scenario = {
  name: 'zk-lock',
  summary: 'the ZooKeeper lock recipe keeps a counter safe through faults and wakes one waiter per release; a naive lock wakes all',
  story:
    `Five processes (recipe-1…5) take turns incrementing a counter in a database, each under the ZooKeeper lock recipe: an ephemeral sequential node under ${RECIPE.lockPath}, ` +
    'the lowest holds the lock, each waiter watches only the node just before its own. Five more (naive-1…5) do the same under a naive lock whose waiters all watch the lock\'s children. ' +
    `At t=${CRASH_WAITER_AT / 1000}s the next waiter in line for each lock crashes, and at t=${CRASH_HOLDER_AT / 1000}s the holder: their nodes stay until ZooKeeper expires their sessions, and everyone waits that long. ` +
    `At t=${PARTITION_AT / 1000}s the holder of each lock is cut off from everything for ${PARTITION_FOR / 1000}s. It stops using the counter as soon as its client goes DISCONNECTED, ` +
    'which happens before the server expires its session; a write it had already sent (usually it has one on the way) waits in the network, reaches the database after the heal, and is refused there: its token, the czxid of its lock node, is older than those of the holders that wrote meanwhile. ' +
    'Watch the wake-ups: with the recipe, each release wakes exactly one waiter; with the naive lock, every change to the lock wakes every waiter, only for all but one to go back to sleep.',
  watch:
    'The wake-up counts: the recipe wakes one waiter per hand-over, the naive lock wakes every waiter on every change. And the cut-off holder: its write waits in the network, arrives after the heal, and is refused as stale by the fence.',
  duration: PARTITION_AT + PARTITION_FOR + 4000,
  setup(world) {
    world.zookeeper('zk', { tickTime: 2000 });
    world.database('db', { latency: 5 });
    for (const group of [RECIPE, NAIVE]) {
      for (const name of group.members) world.app(name, contender(group));
      world.check(mutualExclusion(group.resource));
      world.check(fencingTokensIncrease(group.resource));
      world.check(noLostUpdates(world, group.resource));
    }
    world.check(oneWakeUpPerRelease(RECIPE.lockPath));

    // Faults aimed at whoever holds (or is next in line for) each lock at that moment.
    for (const group of [RECIPE, NAIVE]) {
      world.at(CRASH_WAITER_AT, (w) => crashFor(w, inLine(w, group)[1] ?? group.members[1]!, DOWN_FOR));
      world.at(CRASH_HOLDER_AT, (w) => crashFor(w, inLine(w, group)[0] ?? group.members[0]!, DOWN_FOR));
      world.at(PARTITION_AT, (w) => w.partition([inLine(w, group)[0] ?? group.members[0]!], undefined, PARTITION_FOR));
    }

    const acquisitions = (g: Group) => world.marks('acquired').filter((m) => m.data['resource'] === g.resource).length;
    const wakeUps = (g: Group) => world.marks('wake').filter((m) => m.data['lock'] === g.lockPath).length;
    const perHandOver = (g: Group) => (acquisitions(g) > 1 ? (wakeUps(g) / (acquisitions(g) - 1)).toFixed(2) : 'n/a');
    return {
      stats: () => ({
        recipeAcquisitions: acquisitions(RECIPE),
        recipeWakeUps: wakeUps(RECIPE),
        recipeWakeUpsPerHandOver: perHandOver(RECIPE),
        naiveAcquisitions: acquisitions(NAIVE),
        naiveWakeUps: wakeUps(NAIVE),
        naiveWakeUpsPerHandOver: perHandOver(NAIVE),
        counter: world.databaseNode('db').rows.get(RECIPE.resource)?.value ?? '0',
        counterNaive: world.databaseNode('db').rows.get(NAIVE.resource)?.value ?? '0',
        staleWritesRefused: world.databaseNode('db').stats.rejected,
      }),
    };
  },
};

/** A contender: think, take the lock, increment the counter once, release; a new session when the old one expires. */
function contender(group: Group): AppMain {
  return async (p) => {
    const db = p.database('db');
    for (;;) {
      const zk = p.zookeeper('zk', { sessionTimeout: SESSION_TIMEOUT });
      try {
        await zk.connected();
        for (;;) {
          await p.sleep(p.random.int(50, 200));
          const lock = await group.acquire(p, zk, group.lockPath);
          await incrementUnderLock(p, db, lock, group.resource);
        }
      } catch (e) {
        if (!(e instanceof ZkError && e.code === Code.SessionExpired)) throw e;
        p.log('my ZooKeeper session expired: joining again with a new one');
      }
    }
  };
}

/**
 * Read the counter, work a little, write it + 1 (fenced with the lock's czxid), release. The
 * holder stops believing it holds the lock the moment its session is no longer CONNECTED, and
 * writes only while it is.
 */
async function incrementUnderLock(p: ProcessContext, db: DbClient, lock: ZkLock, resource: string): Promise<void> {
  let holding = true;
  const stop = () => {
    if (!holding) return;
    holding = false;
    p.mark('released', { resource });
    p.setRole(undefined);
  };
  p.setRole('holder');
  p.mark('acquired', { resource, token: lock.token });
  lock.onLost((state) => {
    p.log(`session ${state} while holding the lock: I stop using ${resource}`);
    stop();
  });
  try {
    const row = await db.get(resource);
    await p.sleep(p.random.int(100, 300)); // the work the lock protects
    if (lock.isHeld()) {
      const outcome = await fencedWrite(p, db, resource, String(Number(row?.value ?? 0) + 1), resource, lock.token);
      if (outcome === 'stale') p.log(`the database refused my write: token ${lock.token} is stale`);
    }
  } catch (e) {
    if (!(e instanceof DbError)) throw e;
    p.log(`the database did not answer (${e.message}): I give the lock up`);
  } finally {
    stop();
    await lock.release();
  }
}

/** The live processes in line for the group's lock: the holder, then the waiters. */
function inLine(w: World, group: Group): string[] {
  return lockQueue(w.zkEngine('zk'), group.lockPath).filter((name) => w.process(name).state === 'up');
}

function crashFor(w: World, name: string, ms: number): void {
  w.crash(name);
  w.after(ms, (w2) => w2.restart(name));
}

/**
 * The counter in the database equals the number of increments it accepted: two holders whose
 * read-modify-write overlapped would both write the same value, and one increment would be lost.
 */
function noLostUpdates(world: World, key: string): Checker {
  return {
    name: `no lost updates on ${key}`,
    description: `every increment of ${key} the database accepted is in its value (no two holders' read-modify-write overlapped)`,
    create() {
      let accepted = 0;
      let last = '';
      return {
        onRecord(r) {
          if (r.type !== 'mark' || r.label !== 'fenced-write' || r.data['key'] !== key) return;
          accepted++;
          last = `token ${String(r.data['token'])} at t=${r.time}ms`;
        },
        afterEvent() {
          const value = Number(world.databaseNode('db').rows.get(key)?.value ?? 0);
          if (value !== accepted) return `${key} is ${value} after ${accepted} accepted increments (the last with ${last}): two read-modify-writes overlapped`;
        },
      };
    },
  };
}

/** The recipe's promise: a deleted node wakes at most one waiter (the one whose predecessor it was). */
function oneWakeUpPerRelease(lockPath: string): Checker {
  return {
    name: 'the recipe wakes at most one waiter per release',
    description: `each node deleted under ${lockPath} wakes at most one waiter`,
    create() {
      const woken = new Map<string, string>();
      return {
        onRecord(r) {
          if (r.type !== 'mark' || r.label !== 'wake' || r.data['lock'] !== lockPath) return;
          const watched = String(r.data['watched']);
          const before = woken.get(watched);
          if (before !== undefined) return `the deletion of ${watched} woke ${before} and also ${r.proc} (t=${r.time}ms)`;
          woken.set(watched, r.proc);
        },
      };
    },
  };
}
