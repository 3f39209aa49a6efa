import { invariant, type ZkClient } from '../world/index.js';
import type { Scenario } from './scenario.js';

const SESSION_TIMEOUT = 6000;
const PARTITION_AT = 2000;
const PARTITION_FOR = 15_000;

/**
 * An application registered in ZooKeeper is cut off from it. Its client goes Disconnected, the
 * server expires the session, the ephemeral registration vanishes for everyone else, and when the
 * partition heals the client learns it was expired and registers again with a new session.
 */
export const partitionAndHeal: Scenario = {
  name: 'partition-and-heal',
  summary: 'an app cut off from ZooKeeper is expired, its ephemeral vanishes, and it re-registers after the heal',
  story:
    'An application registers itself as an ephemeral znode /members/app and keeps its ZooKeeper session alive with heart-beats. ' +
    `At t=${PARTITION_AT / 1000}s the network cuts it off from ZooKeeper for ${PARTITION_FOR / 1000}s. Watch its client: after two thirds of the ` +
    `${SESSION_TIMEOUT / 1000}s session timeout without a reply it goes DISCONNECTED, but it cannot know whether its session is still alive. ` +
    'The server, hearing nothing, expires the session: the ephemeral node is deleted and a monitor watching /members sees it go. ' +
    'When the partition heals, the client reconnects, is told its session EXPIRED (only now does it learn), and registers again with a new session.',
  watch:
    'The gap between the client going DISCONNECTED (its own read timeout) and the server expiring the session (the session timeout, ' +
    'rounded up to the tick): during it the app is still registered but unreachable. And that EXPIRED reaches the app only after the heal.',
  duration: PARTITION_AT + PARTITION_FOR + 8000,
  setup(world) {
    world.zookeeper('zk', { tickTime: 2000 });
    // Everything the checks need is read back from the trace, never kept in this closure: a
    // rebuilt world (seek) runs the same process code again, and must not add to stale state.
    const states = () => world.trace.flatMap((r) => (r.type === 'session' && r.proc === 'app' ? [{ state: r.state, time: r.time }] : []));
    const memberships = () => world.marks('members').map((m) => ({ members: m.data['members'] as string[], time: m.time }));
    const registrations = () => world.marks('registered').length;

    world.app('app', async (p) => {
      for (;;) {
        const zk: ZkClient = p.zookeeper('zk', { sessionTimeout: SESSION_TIMEOUT });
        try {
          await zk.connected();
          await zk.create('/members', '').catch(() => {});
          await zk.create('/members/app', p.name, { mode: 'EPHEMERAL' });
          p.mark('registered', { session: `0x${zk.sessionId!.toString(16)}` });
          await zk.waitFor('EXPIRED');
          p.log('my session expired: registering again with a new one');
        } catch (e) {
          p.log(`retrying after ${(e as Error).message}`);
          await p.sleep(500);
        }
      }
    });

    world.app('monitor', async (p) => {
      const zk = p.zookeeper('zk', { sessionTimeout: 30_000 });
      await zk.connected();
      await zk.create('/members', '').catch(() => {});
      const watchMembers = async (): Promise<void> => {
        const members = await zk.getChildren('/members', { watch: () => void watchMembers() });
        p.mark('members', { members });
      };
      await watchMembers();
    });

    world.at(PARTITION_AT, (w) => w.partition(['app'], ['zk'], PARTITION_FOR));

    const firstTime = (state: string) => states().find((s) => s.state === state)?.time;
    world.check(
      invariant(
        'Disconnected comes first',
        'the partitioned client goes DISCONNECTED before it learns EXPIRED, and learns it only after the heal',
        () => {
          const d = firstTime('DISCONNECTED');
          const e = firstTime('EXPIRED');
          if (d === undefined || e === undefined) return `states seen: ${states().map((s) => s.state).join(' → ') || 'none'}`;
          if (!(d < e)) return `EXPIRED (t=${e}ms) came before DISCONNECTED (t=${d}ms)`;
          if (e < PARTITION_AT + PARTITION_FOR) return `EXPIRED at t=${e}ms, before the heal`;
        },
        'at end',
      ),
    );
    world.check(
      invariant(
        'ephemeral vanishes while partitioned',
        'others see /members/app deleted while the app is still cut off',
        () => {
          const gone = memberships().find((m) => m.time > PARTITION_AT && !m.members.includes('app'));
          if (gone === undefined) return 'the monitor never saw /members/app go';
          if (gone.time >= PARTITION_AT + PARTITION_FOR) return `it went only at t=${gone.time}ms, after the heal`;
        },
        'at end',
      ),
    );
    world.check(
      invariant(
        're-registered after the heal',
        'the app registers again with a new session once it learns it expired',
        () => {
          const last = memberships().at(-1);
          if (registrations() < 2) return `registered ${registrations()} time(s)`;
          if (last === undefined || !last.members.includes('app')) return 'the monitor does not see /members/app at the end';
        },
        'at end',
      ),
    );

    return {
      stats: () => {
        const d = firstTime('DISCONNECTED');
        const gone = memberships().find((m) => m.time > PARTITION_AT && !m.members.includes('app'));
        const e = firstTime('EXPIRED');
        return {
          sessionTimeoutMs: SESSION_TIMEOUT,
          disconnectedAfterMs: d === undefined ? 'never' : d - PARTITION_AT,
          ephemeralGoneAfterMs: gone === undefined ? 'never' : gone.time - PARTITION_AT,
          expiredLearnedAfterHealMs: e === undefined ? 'never' : e - (PARTITION_AT + PARTITION_FOR),
          registrations: registrations(),
        };
      },
    };
  },
};
