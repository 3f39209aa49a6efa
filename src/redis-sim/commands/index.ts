/**
 * Layout: one file per command family, each exporting a list of CommandSpec; this file merges
 * them into the one command table the dispatcher, COMMAND and docs/redis.md read.
 *   strings.ts       GET SET INCR … (string values)
 *   lists.ts         LPUSH LPOP LRANGE LPOS LMOVE …
 *   sets.ts          SADD SINTER SSCAN …
 *   sorted-sets.ts   ZADD ZRANGE ZUNIONSTORE …
 *   zset-ranges.ts   score/lex range parsing and walking, shared by the sorted-set commands
 *   hashes.ts        HSET HGETALL HSCAN …
 *   keys.ts          DEL EXPIRE SCAN OBJECT SELECT … (any type)
 *   transactions.ts  MULTI EXEC DISCARD WATCH UNWATCH
 *   pubsub.ts        SUBSCRIBE PUBLISH PUBSUB …
 *   server.ts        PING HELLO CLIENT COMMAND INFO CONFIG TIME …
 *   types.ts         the CommandSpec shape
 */
import type { CommandSpec } from './types.js';
import { STRING_COMMANDS } from './strings.js';
import { LIST_COMMANDS } from './lists.js';
import { SET_COMMANDS } from './sets.js';
import { ZSET_COMMANDS } from './sorted-sets.js';
import { HASH_COMMANDS } from './hashes.js';
import { KEY_COMMANDS } from './keys.js';
import { TRANSACTION_COMMANDS } from './transactions.js';
import { PUBSUB_COMMANDS } from './pubsub.js';
import { SERVER_COMMANDS } from './server.js';

export const COMMAND_LIST: readonly CommandSpec[] = [
  ...STRING_COMMANDS,
  ...LIST_COMMANDS,
  ...SET_COMMANDS,
  ...ZSET_COMMANDS,
  ...HASH_COMMANDS,
  ...KEY_COMMANDS,
  ...TRANSACTION_COMMANDS,
  ...PUBSUB_COMMANDS,
  ...SERVER_COMMANDS,
];

export const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map(COMMAND_LIST.map((c) => [c.name, c]));

/** Every name in lower and upper case: the usual spellings hit without lower-casing a copy first. */
const BY_NAME = new Map<string, CommandSpec>();
for (const c of COMMAND_LIST) BY_NAME.set(c.name, c).set(c.name.toUpperCase(), c);

/** The command a request names, case-insensitively (Redis's lookupCommand). */
export function findCommand(name: string): CommandSpec | undefined {
  return BY_NAME.get(name) ?? BY_NAME.get(name.toLowerCase());
}
