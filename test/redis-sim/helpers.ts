import { createRedis, formatReply, ManualClock, type Reply } from '../../src/redis-sim/index.js';

/** A fresh engine on a manual clock, and `run` that answers what redis-cli would print. */
export function setup(seed = 1, start = 1_000_000) {
  const clock = new ManualClock(start);
  const r = createRedis({ clock, seed });
  const run = (...argv: string[]): string => formatReply(r.exec(argv)).replace(/\n$/, '');
  const exec = (...argv: string[]): Reply => r.exec(argv);
  return { r, clock, run, exec };
}
