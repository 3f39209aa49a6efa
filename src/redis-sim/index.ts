/**
 * redzoo/redis: a pure, in-process Redis 7.0 engine.
 *
 * Layout:
 *   server.ts      RedisServer (databases, clients, pub/sub, WATCH, expiry cycle) and Client (dispatch)
 *   context.ts     Ctx: what a handler sees; keyspace access with Redis's side effects in one place
 *   commands/      the command table, one file per family (see commands/index.ts)
 *   keyspace.ts    one database: keys → entries (value, expiry, LRU/LFU), and the keys with a TTL
 *   values.ts      the five value types and the encoding Redis 7.0 would report for each
 *   structures/    data structures that know nothing of commands: deque, indexed map, sorted blocks
 *   config.ts      CONFIG GET/SET settings and their validation
 *   errors.ts      every error reply text
 *   reply.ts       the Reply type; resp.ts encodes it as RESP2, format.ts as redis-cli prints it
 *   resp-parser.ts incremental RESP2 request parser (multibulk and inline), as Redis's networking.c
 *   scan.ts        the SCAN family's cursor and options
 *   docs.ts        docs/redis.md, generated from the command table
 *   numbers.ts     Redis's integer/float parsing and printing (incl. long double for INCRBYFLOAT)
 *   args.ts        argument parsers that fail with Redis's errors
 *   glob.ts        Redis's glob matcher (KEYS, SCAN MATCH, PSUBSCRIBE)
 *   bytes.ts       keys and values as binary strings; UTF-8 at the boundary
 *   clock.ts       the Clock interface and ManualClock; random.ts the seeded PRNG
 */
export { createRedis, RedisServer, Client, type RedisOptions, type RedisEvent } from './server.js';
export { encodeResp } from './resp.js';
export { formatReply, formatRaw, quoteBytes } from './format.js';
export type { Reply } from './reply.js';
export { ManualClock, type Clock } from './clock.js';
export { Xoshiro128, type Random } from './random.js';
export { toBytes, bytesToText } from './bytes.js';
export { COMMAND_LIST } from './commands/index.js';
export type { CommandSpec } from './commands/types.js';
