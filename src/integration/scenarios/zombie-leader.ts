/**
 * The zombie-leader scenario: a leader elected through ZooKeeper is cut off from ZooKeeper but
 * not from the database, and keeps acting after a new leader is elected. Without fencing its
 * writes land; fenced by its epoch (the czxid of its election node), they are refused.
 */
import { Code, ZkError } from '../../zk-sim/index.js';
import { acquireZkLock, fencedWrite, lockQueue } from '../recipes/locks.js';
import { DbError, type AppMain, type Checker, type DbClient, type ProcessContext, type World, type ZkClient } from '../world/index.js';
import type { Scenario } from './scenario.js';

const SESSION_TIMEOUT = 6000;
const ACT_EVERY = 250;
const PARTITION_AT = 2000;
const PARTITION_FOR = 12_000;

interface Cluster {
  /** The database key the leader writes, also the fenced resource. */
  key: string;
  electionPath: string;
  members: string[];
  fenced: boolean;
}

const PLAIN: Cluster = { key: 'orders', electionPath: '/election/orders', members: ['plain-1', 'plain-2', 'plain-3'], fenced: false };
const FENCED: Cluster = { key: 'orders-fenced', electionPath: '/election/orders-fenced', members: ['fenced-1', 'fenced-2', 'fenced-3'], fenced: true };


export const zombieLeader: Scenario = {
  name: 'zombie-leader',
  summary: 'a leader cut off from ZooKeeper keeps writing after its successor is elected; fencing by epoch stops it',
  story:
    'Three processes elect a leader through ZooKeeper (the lowest ephemeral sequential node under /election/orders leads; the others wait on their predecessor). ' +
    `The leader writes its decisions to the database every ${ACT_EVERY} ms. At t=${PARTITION_AT / 1000}s it is cut off from ZooKeeper, but not from the database, for ${PARTITION_FOR / 1000}s. ` +
    'Its code steps down only when told its session expired, which it cannot learn while cut off. The server expires the session after 6 s of silence, deletes the leader\'s node, ' +
    'and the next process becomes leader. Now two leaders write: the old one, a zombie, overwrites its successor\'s decisions until the partition heals. ' +
    'Beside them, a second cluster (fenced-1…3) does the same but writes with its epoch, the czxid of the leader\'s election node, which only grows from one leader to the next. ' +
    'Once the new leader has written, the database refuses the zombie\'s older epoch, and the zombie, told its epoch is stale, steps down at once, without waiting to hear from ZooKeeper.',
  watch:
    'The old leader keeps writing for seconds after its successor was elected, because it learns its session expired only after the heal. With its election epoch on every write, the storage refuses the zombie as soon as the new leader has written once.',
  duration: PARTITION_AT + PARTITION_FOR + 2500,
  setup(world) {
    world.zookeeper('zk', { tickTime: 2000 });
    world.database('db', { latency: 5 });
    for (const cluster of [PLAIN, FENCED]) {
      for (const name of cluster.members) world.app(name, candidate(cluster));
      world.check(noDeposedLeaderWrites(world, cluster.key));
      world.at(PARTITION_AT, (w) => w.partition([leaderOf(w, cluster) ?? cluster.members[0]!], ['zk'], PARTITION_FOR));
    }
    world.check({
      name: 'the zombie is refused and steps down',
      description: `a deposed leader of ${FENCED.key} has a write refused as stale and steps down before the partition heals`,
      create: () => ({
        atEnd() {
          const refused = world.marks('write-result').find((m) => m.data['resource'] === FENCED.key && m.data['outcome'] === 'stale');
          if (refused === undefined) return `no write to ${FENCED.key} was refused`;
          const down = world.marks('stepped-down').find((m) => m.proc === refused.proc && m.time >= refused.time);
          if (down === undefined || down.time >= PARTITION_AT + PARTITION_FOR) return `${refused.proc} had a write refused at t=${refused.time}ms but stepped down ${down === undefined ? 'never' : `only at t=${down.time}ms`}`;
        },
      }),
    });

    return {
      expect: { [`no deposed leader's write lands on ${PLAIN.key}`]: false },
      stats: () => {
        const plain = zombieWrites(world, PLAIN);
        const fenced = zombieWrites(world, FENCED);
        return {
          zombieWritesAccepted: plain.accepted,
          fencedZombieWritesAccepted: fenced.accepted,
          fencedZombieWritesRejected: fenced.rejected,
          failoverMs: failover(world, PLAIN),
          fencedFailoverMs: failover(world, FENCED),
        };
      },
    };
  },
};

/** A candidate: join the election, lead while elected, join again with a new session after losing it. */
function candidate(cluster: Cluster): AppMain {
  return async (p) => {
    const db = p.database('db');
    for (;;) {
      const zk = p.zookeeper('zk', { sessionTimeout: SESSION_TIMEOUT });
      try {
        await zk.connected();
        const leadership = await acquireZkLock(p, zk, cluster.electionPath);
        const epoch = leadership.token;
        p.setRole('leader');
        p.mark('elected', { cluster: cluster.key, epoch });
        p.log(`I am the leader of ${cluster.key}, epoch ${epoch}`);
        await lead(p, zk, db, cluster, epoch);
        p.setRole(undefined);
        p.mark('stepped-down', { cluster: cluster.key, epoch });
        await leadership.release();
      } catch (e) {
        if (!(e instanceof ZkError && e.code === Code.SessionExpired)) throw e;
      }
      p.log('joining the election again with a new session');
    }
  };
}

/**
 * The leader's work: a decision every ACT_EVERY ms. It stops only when ZooKeeper says its
 * session expired, which a leader cut off from ZooKeeper learns only after the heal: the zombie.
 * (Watching for DISCONNECTED would narrow the window, not close it: a GC pause makes zombies too.)
 * Fenced, each write carries the epoch, and a refusal means a newer leader exists.
 */
async function lead(p: ProcessContext, zk: ZkClient, db: DbClient, cluster: Cluster, epoch: number): Promise<void> {
  for (let n = 1; zk.state !== 'EXPIRED'; n++) {
    const decision = JSON.stringify({ by: p.name, epoch, n });
    try {
      if (!cluster.fenced) {
        await db.set(cluster.key, decision);
        p.mark('write-result', { resource: cluster.key, key: cluster.key, token: epoch, outcome: 'accepted' });
      } else if ((await fencedWrite(p, db, cluster.key, decision, cluster.key, epoch)) === 'stale') {
        p.log(`the database refused epoch ${epoch}: a newer leader has written, so I am not the leader any more`);
        return;
      }
    } catch (e) {
      if (!(e instanceof DbError)) throw e;
      p.log(`decision ${n} failed: ${e.message}`);
    }
    await p.sleep(ACT_EVERY);
  }
  p.log('my session expired: I was not the leader any more');
}

/** The live process at the head of the election. */
function leaderOf(w: World, cluster: Cluster): string | undefined {
  return lockQueue(w.zkEngine('zk'), cluster.electionPath).find((name) => w.process(name).state === 'up');
}

/**
 * The storage's view of leadership: once a write from epoch e has landed on `key`, no write from
 * an older epoch may land there. Read from the database's rows after every event (each decision
 * names its leader and epoch), so it judges unfenced writes as well as fenced ones.
 */
function noDeposedLeaderWrites(world: World, key: string): Checker {
  return {
    name: `no deposed leader's write lands on ${key}`,
    description: `once a newer leader's write has landed on ${key}, no write from an older leader (a smaller epoch) lands there`,
    create() {
      let version = 0;
      let newest = { epoch: -Infinity, by: '', time: 0 };
      return {
        afterEvent() {
          const row = world.databaseNode('db').rows.get(key);
          if (row === undefined || row.version === version) return;
          version = row.version;
          const { by, epoch } = JSON.parse(row.value) as { by: string; epoch: number };
          if (epoch < newest.epoch) return `${by}'s write (epoch ${epoch}) landed on ${key} at t=${world.now}ms, after ${newest.by}'s (epoch ${newest.epoch}, t=${newest.time}ms)`;
          if (epoch > newest.epoch) newest = { epoch, by, time: world.now };
        },
      };
    },
  };
}

/** Writes answered to a leader after a newer one was elected in its cluster, by outcome. */
function zombieWrites(world: World, cluster: Cluster): { accepted: number; rejected: number } {
  const elections = world.marks('elected').filter((m) => m.data['cluster'] === cluster.key);
  const newestBefore = (time: number) => Math.max(-Infinity, ...elections.filter((m) => m.time <= time).map((m) => Number(m.data['epoch'])));
  const zombie = world.marks('write-result').filter((m) => m.data['resource'] === cluster.key && Number(m.data['token']) < newestBefore(m.time));
  return { accepted: zombie.filter((m) => m.data['outcome'] === 'accepted').length, rejected: zombie.filter((m) => m.data['outcome'] === 'stale').length };
}

/** From the partition to the next election in the cluster, ms. */
function failover(world: World, cluster: Cluster): number | string {
  const next = world.marks('elected').find((m) => m.data['cluster'] === cluster.key && m.time > PARTITION_AT);
  return next === undefined ? 'never' : next.time - PARTITION_AT;
}
