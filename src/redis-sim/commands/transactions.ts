import { ERR, fail } from '../errors.js';
import { array, NIL_ARRAY, OK, type Reply } from '../reply.js';
import type { Ctx } from '../context.js';
import { command, type CommandSpec } from './types.js';

/**
 * MULTI / EXEC / DISCARD / WATCH / UNWATCH. Queueing happens in the dispatcher (Client.dispatch);
 * a command rejected while queueing (unknown, wrong arity) marks the transaction failed, so EXEC
 * answers EXECABORT. Errors raised while running (WRONGTYPE) only land in EXEC's array.
 */
function exec(c: Ctx): Reply {
  const client = c.client;
  const multi = client.multi;
  if (!multi) fail(ERR.execWithoutMulti);
  client.multi = null;
  const aborted = multi!.failed;
  const dirty = client.dirty || c.server.watchedKeyExpired(client);
  c.server.unwatchAll(client);
  if (aborted) fail(ERR.execAbort);
  if (dirty) return NIL_ARRAY;
  const replies: Reply[] = [];
  for (const argv of multi!.queue) {
    let cmd = c.server.lookupCommand(argv[0]!)!;
    if (cmd.subcommands && argv.length >= 2) cmd = c.server.subcommand(cmd, argv[1]!)!;
    replies.push(client.call(cmd, argv, c.now));
  }
  return array(replies);
}

const T = { group: 'transactions' as const, keys: [0, 0, 0] as [number, number, number] };

export const TRANSACTION_COMMANDS: readonly CommandSpec[] = [
  command({
    ...T, since: '1.2.0', name: 'multi', arity: 1, flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
    syntax: 'MULTI', summary: 'Starts a transaction.',
    handler: (c) => {
      if (c.client.multi) fail(ERR.multiNested);
      c.client.multi = { queue: [], failed: false };
      return OK;
    },
  }),
  command({
    ...T, since: '1.2.0', name: 'exec', arity: 1, flags: ['noscript', 'loading', 'stale', 'skip_slowlog'],
    syntax: 'EXEC', summary: 'Executes all commands in a transaction.', handler: exec,
  }),
  command({
    ...T, since: '2.0.0', name: 'discard', arity: 1, flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
    syntax: 'DISCARD', summary: 'Discards a transaction.',
    handler: (c) => {
      if (!c.client.multi) fail(ERR.discardWithoutMulti);
      c.client.multi = null;
      c.server.unwatchAll(c.client);
      return OK;
    },
  }),
  command({
    ...T, since: '2.2.0', name: 'watch', arity: -2, flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'], keys: [1, -1, 1],
    syntax: 'WATCH key [key ...]', summary: 'Monitors changes to keys to determine the execution of a transaction.',
    handler: (c, a) => {
      if (c.client.multi) fail(ERR.watchInMulti);
      for (let i = 1; i < a.length; i++) c.server.watch(c.client, c.client.db, a[i]!);
      return OK;
    },
  }),
  command({
    ...T, since: '2.2.0', name: 'unwatch', arity: 1, flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
    syntax: 'UNWATCH', summary: 'Forgets about watched keys of a transaction.',
    handler: (c) => {
      c.server.unwatchAll(c.client);
      return OK;
    },
  }),
];
