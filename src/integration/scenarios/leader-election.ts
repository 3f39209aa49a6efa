/**
 * Scenario `leader-election`: candidates elect a leader with ephemeral sequential znodes; the
 * leader crashes and its successor takes over when the session expires; later the new leader is
 * cut off from ZooKeeper, steps down on its own, and the next one takes over.
 */
import { LeaderElection } from '../recipes/election.js';
import { invariant, mutualExclusion, type MarkRecord, type World } from '../world/index.js';
import type { Scenario } from './scenario.js';

const TICK = 1000;
const SESSION_TIMEOUT = 4000;
/** Time for the deletion's notification and the successor's re-read to travel (a few ms in practice). */
const NETWORK_ALLOWANCE = 50;
const CANDIDATES = ['candidate-1', 'candidate-2', 'candidate-3'];
const CRASH_AT = 3000;
const RESTART_AT = 9000;
const PARTITION_AT = 11_000;
const PARTITION_FOR = 8000;
const DURATION = 23_000;


/** Whoever leads now (by role; a crashed process keeps its last role, so only live ones), for the fault plan. */
const leaderOf = (w: World): string | undefined => CANDIDATES.find((n) => w.process(n).role === 'leader' && w.process(n).state === 'up');

export const leaderElection: Scenario = {
  name: 'leader-election',
  summary: 'leader election: a crashed leader is replaced when its session expires; a cut-off leader steps down first',
  story:
    'Three candidates each create an ephemeral sequential node under /election; the lowest leads, and each other candidate watches only ' +
    `the node just before its own (no herd: a deletion wakes one candidate). At t=${CRASH_AT / 1000}s the leader crashes. Its node stays until ` +
    `its session expires (${SESSION_TIMEOUT / 1000}s after ZooKeeper last heard from it, at the next ${TICK / 1000}s tick): that is the failover time, ` +
    `and for that long there is no leader. At t=${RESTART_AT / 1000}s it restarts and queues at the back. At t=${PARTITION_AT / 1000}s the new ` +
    `leader is cut off from ZooKeeper for ${PARTITION_FOR / 1000}s. It cannot know whether its session survives, so it steps down as soon as its ` +
    'client gives the connection up (2/3 of the session timeout), before the server expires the session and the next candidate takes ' +
    'over: never two leaders. After the heal it learns it was expired and volunteers again with a new session.',
  watch:
    'After a crash nobody leads until the old leader\'s session expires (about the session timeout). A cut-off leader steps down as soon as its client gives up the connection, well before the server expires its session and the next candidate takes over, so two leaders never overlap.',
  duration: DURATION,
  setup(world) {
    world.zookeeper('zk', { tickTime: TICK });
    for (const name of CANDIDATES) {
      world.app(name, async (p) => {
        for (;;) {
          const zk = p.zookeeper('zk', { sessionTimeout: SESSION_TIMEOUT });
          try {
            await zk.connected();
            await new LeaderElection(p, zk).run();
            p.log('out of the election (session over): volunteering again');
          } catch (e) {
            p.log(`volunteering again after ${(e as Error).message}`);
            await zk.close();
            await p.sleep(200);
          }
        }
      });
    }

    let crashed: string | undefined;
    let cutOff: string | undefined;
    world.at(CRASH_AT, (w) => {
      crashed = leaderOf(w);
      if (crashed !== undefined) w.crash(crashed);
    });
    world.at(RESTART_AT, (w) => crashed !== undefined && w.restart(crashed));
    world.at(PARTITION_AT, (w) => {
      cutOff = leaderOf(w);
      if (cutOff !== undefined) w.partition([cutOff], ['zk'], PARTITION_FOR);
    });

    const marks = (label: string): MarkRecord[] => world.marks(label).filter((m) => m.data['resource'] === 'leadership');
    /** The first acquisition by someone other than `previous` after `time`. */
    const takeover = (previous: string | undefined, time: number) => marks('acquired').find((m) => m.time >= time && m.proc !== previous);
    const bound = SESSION_TIMEOUT + TICK + NETWORK_ALLOWANCE;

    world.check(mutualExclusion('leadership'));
    world.check(
      invariant(
        'a leader again after each failover',
        `after the leader crashes, and after it is cut off, another candidate leads within the session timeout plus one tick (${SESSION_TIMEOUT} + ${TICK} ms, and ${NETWORK_ALLOWANCE} ms for the network); one leads at the end`,
        () => {
          for (const [what, who, at] of [
            ['crashed', crashed, CRASH_AT],
            ['was cut off', cutOff, PARTITION_AT],
          ] as const) {
            if (who === undefined) return `nobody led at t=${at}ms`;
            const next = takeover(who, at);
            if (next === undefined) return `nobody took over after ${who} ${what} at t=${at}ms`;
            if (next.time - at > bound) return `${next.proc} took over only at t=${next.time}ms, ${next.time - at} ms after ${who} ${what}`;
          }
          const leaders = CANDIDATES.filter((n) => world.process(n).role === 'leader' && world.process(n).state === 'up');
          if (leaders.length !== 1) return `at the end ${leaders.length} candidates lead: ${leaders.join(', ') || 'none'}`;
        },
        'at end',
      ),
    );
    world.check(
      invariant(
        'no herd',
        "each deletion of a candidate's node wakes at most one other candidate (each watches only its predecessor)",
        () => {
          const woken = new Map<string, string[]>();
          for (const r of world.trace) {
            if (r.type !== 'watch' || r.event !== 'NodeDeleted' || !r.path?.startsWith('/election/')) continue;
            woken.set(r.path, [...(woken.get(r.path) ?? []), r.proc]);
          }
          for (const [path, procs] of woken) if (procs.length > 1) return `the deletion of ${path} woke ${procs.join(', ')}`;
        },
        'at end',
      ),
    );

    return {
      stats: () => {
        const crashTakeover = crashed === undefined ? undefined : takeover(crashed, CRASH_AT);
        const cutTakeover = cutOff === undefined ? undefined : takeover(cutOff, PARTITION_AT);
        const steppedDown = marks('released').find((m) => m.proc === cutOff && m.time >= PARTITION_AT);
        return {
          sessionTimeoutMs: SESSION_TIMEOUT,
          tickTimeMs: TICK,
          crashFailoverMs: crashTakeover === undefined ? 'never' : crashTakeover.time - CRASH_AT,
          partitionFailoverMs: cutTakeover === undefined ? 'never' : cutTakeover.time - PARTITION_AT,
          cutOffLeaderSteppedDownAfterMs: steppedDown === undefined ? 'never' : steppedDown.time - PARTITION_AT,
          leaderships: marks('acquired').length,
        };
      },
    };
  },
};
