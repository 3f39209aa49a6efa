import { createRedis, encodeResp, formatReply, ManualClock, type RedisServer, type Reply } from '../../src/redis-sim/index.js';

/** A fresh engine on a manual clock, and `run` that answers what redis-cli would print. */
export function setup(seed = 1, start = 1_000_000) {
  const clock = new ManualClock(start);
  const r = createRedis({ clock, seed });
  const run = (...argv: string[]): string => formatReply(r.exec(argv)).replace(/\n$/, '');
  const exec = (...argv: string[]): Reply => r.exec(argv);
  return { r, clock, run, exec };
}

/** A fresh engine at time 0, seed 1. */
export const fresh = (): RedisServer => createRedis({ clock: new ManualClock(0), seed: 1 });

/** The exact RESP2 bytes of a reply, as text: tells `$-1` (nil) from `*-1` (null array) and `*0` (empty). */
export const resp = (r: RedisServer, ...argv: string[]): string => encodeResp(r.exec(argv)).toString('latin1');

/** Replies, built by hand, for exact comparisons. */
export const int = (value: number | bigint): Reply => ({ type: 'integer', value });
export const bulk = (value: string | null): Reply => ({ type: 'bulk', value });
export const arr = (...values: (string | Reply)[]): Reply => ({
  type: 'array',
  value: values.map((v) => (typeof v === 'string' ? bulk(v) : v)),
});
export const err = (value: string): Reply => ({ type: 'error', value });
export const OK: Reply = { type: 'status', value: 'OK' };
export const NIL = bulk(null);

export const WRONGTYPE = err('WRONGTYPE Operation against a key holding the wrong kind of value');
export const NOT_INTEGER = err('ERR value is not an integer or out of range');
export const SYNTAX = err('ERR syntax error');
