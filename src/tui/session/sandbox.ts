import { createWorld, type AppMain, type World } from '../../integration/index.js';

/**
 * The sandbox: one Redis ('redis'), one ZooKeeper ('zk', tickTime 2000) and three idle
 * application processes. The idle apps run no code of their own: the learner acts through them
 * from the prompt (`:as bob`), and breaks them with `:` commands.
 */
export const SANDBOX_APPS = ['alice', 'bob', 'carol'] as const;

/** An app that waits forever: it holds nothing and does nothing until the prompt uses it. */
const idle: AppMain = () => new Promise<void>(() => {});

export function sandboxWorld(seed: number): World {
  const world = createWorld({ seed });
  world.redis('redis').zookeeper('zk', { tickTime: 2000 });
  for (const name of SANDBOX_APPS) world.app(name, idle);
  return world;
}

/** What the console says when the sandbox opens. */
export const SANDBOX_WELCOME = [
  'sandbox: redis, zk and three idle apps (alice, bob, carol). Try:',
  '  SET greeting hello EX 30   create -e /lock alice   :as bob   :partition alice | zk   :crash redis',
];
