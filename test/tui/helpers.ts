import { afterEach } from 'vitest';
import { createElement as h } from 'react';
import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { App, type AppProps } from '../../src/tui/views/App.js';
import { Session, type SessionOptions } from '../../src/tui/session/session.js';
import { ManualTimers } from '../../src/tui/session/clock.js';
import { invariant, type Scenario } from '../../src/integration/index.js';

/**
 * The TUI in ink-testing-library, on a terminal of a given size, with the clock loop's timers in
 * the test's hands (nothing moves unless the test says so), so every frame is deterministic.
 */
export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  tab: '\t',
  shiftTab: '\u001B[Z',
  enter: '\r',
  escape: '\u001B',
  backspace: '\u007F',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
  ctrlC: '\u0003',
} as const;

/** Lets ink handle input (a lone Esc waits one setImmediate) and React commit. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

export interface Tui {
  session: Session;
  timers: ManualTimers;
  frame(): string;
  /** Types keys (each string one input event), letting the app and the world settle after each. */
  press(...keys: string[]): Promise<void>;
  /** Waits for the world operations in flight. */
  idle(): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
  quits: number;
  unmount(): void;
}

export async function openTui(options: SessionOptions & { columns?: number; rows?: number; ui?: AppProps['initialUi'] } = {}): Promise<Tui> {
  const timers = new ManualTimers();
  const session = new Session({ autoplay: false, ...options, timers });
  let columns = options.columns ?? 80;
  let rows = options.rows ?? 24;
  const tui: Partial<Tui> & { quits: number } = { quits: 0 };
  const onQuit = (): void => void tui.quits++;
  const r = render(h(App, { session, onQuit, ...(options.ui === undefined ? {} : { initialUi: options.ui }) }));
  // ink-testing-library's stdout is 100 columns with no rows: give it the size asked for.
  const stdout = r.stdout as unknown as NodeJS.EventEmitter & { columns: number; rows: number };
  Object.defineProperty(stdout, 'columns', { get: () => columns, configurable: true });
  Object.defineProperty(stdout, 'rows', { get: () => rows, configurable: true });
  stdout.emit('resize');
  const idle = async (): Promise<void> => {
    await settle();
    await session.idle();
    await settle();
  };
  Object.assign(tui, {
    session,
    timers,
    frame: () => stripVTControlCharacters(r.lastFrame() ?? '').split('\n').map((l) => l.trimEnd()).join('\n'),
    async press(...keys: string[]) {
      for (const k of keys) {
        r.stdin.write(k);
        await idle();
      }
    },
    idle,
    async resize(c: number, rw: number) {
      columns = c;
      rows = rw;
      stdout.emit('resize');
      await idle();
    },
    unmount: () => {
      r.unmount();
      session.dispose();
    },
  });
  await idle();
  return tui as Tui;
}

/** openTui for a test file: every TUI a test opens is unmounted after it. */
export function tuiPerTest(): typeof openTui {
  const open: Tui[] = [];
  afterEach(() => open.splice(0).forEach((t) => t.unmount()));
  return async (...args) => {
    const t = await openTui(...args);
    open.push(t);
    return t;
  };
}

/** A session with a little of everything: keys of each type and with a TTL, znodes (an ephemeral,
 * a sequential, a watched one), and alice partitioned from zk. */
export async function sampleSession(): Promise<Session> {
  const session = new Session({ autoplay: false, timers: new ManualTimers() });
  for (const line of [
    'SET greeting hello EX 30',
    'RPUSH queue a b c',
    'HSET user:1 name ada lang en',
    'SADD tags 3 1 2',
    'ZADD board 10 ann 20 bob',
    'create /app config',
    'create -e /app/lock alice',
    'create -s /app/job- x',
  ]) await session.prompt(line);
  session.setAs('bob');
  await session.prompt('get -w /app');
  await session.command({ kind: 'partition', a: ['alice'], b: ['zk'], ms: undefined });
  await session.runFor(1000);
  return session;
}

/**
 * A small scenario of the tests' own (the library's scenarios change with their authors): an app
 * registers an ephemeral znode and caches a key; at t=1s it is cut off from ZooKeeper for 6s, its
 * session (4s) expires, the ephemeral goes. One check fails on the way (the violation is the
 * point), one holds at the end.
 */
export const tinyScenario: Scenario = {
  name: 'tiny-partition',
  summary: 'an app cut off from ZooKeeper loses its ephemeral',
  story: 'The app registers /app (ephemeral) and caches seen=yes in Redis. At t=1s it is cut off from ZooKeeper for 6s; its 4s session expires and /app goes.',
  watch: 'the ✂ on app and zk, then /app vanishing from the tree.',
  duration: 10_000,
  setup(world) {
    world.zookeeper('zk', { tickTime: 1000 });
    world.redis('cache');
    world.app('app', async (p) => {
      const zk = p.zookeeper('zk', { sessionTimeout: 4000 });
      await zk.connected();
      await zk.create('/app', p.name, { mode: 'EPHEMERAL' });
      p.setRole('member');
      await p.redis('cache').set('seen', 'yes', { px: 8000 });
      p.log('registered and cached');
    });
    world.at(1000, (w) => w.partition(['app'], ['zk'], 6000));
    world.check(
      invariant('app stays registered', '/app exists from t=0.5s on', () => {
        if (world.now >= 500 && world.zkEngine('zk')?.node('/app') === undefined) return `/app is gone at t=${world.now}ms`;
      }),
    );
    world.check(invariant('healed', 'the partition is over at the end', () => (world.isPartitioned('app') ? 'app is still cut off' : undefined), 'at end'));
    return { expect: { 'app stays registered': false }, stats: () => ({}) };
  },
};
