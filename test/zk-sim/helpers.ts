import { createZooKeeper, ManualClock, ZkError, type Session, type WatchedEvent, type Watcher, type ZooKeeperOptions } from '../../src/zk-sim/index.js';

/** A fresh server on a manual clock, and a log of watch events as `label type path state` lines. */
export function setup(options: ZooKeeperOptions & { start?: number } = {}) {
  const clock = new ManualClock(options.start ?? 0);
  const zk = createZooKeeper({ ...options, clock });
  const log: string[] = [];
  const watcher = (label: string): Watcher => (e: WatchedEvent) => {
    log.push(`${label} ${e.type} ${e.path} ${e.state}`);
  };
  const connect = (label: string, sessionTimeout = 30_000): Session => zk.connect({ sessionTimeout, watcher: watcher(label) });
  /** Takes the events logged so far. */
  const take = (): string[] => log.splice(0, log.length);
  return { clock, zk, log, watcher, connect, take };
}

/** The ZkError `fn` throws (fails the test if it throws nothing or something else). */
export function zkError(fn: () => unknown): ZkError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ZkError) return e;
    throw e;
  }
  throw new Error('expected a ZkError');
}

export const text = (b: Uint8Array): string => new TextDecoder().decode(b);
