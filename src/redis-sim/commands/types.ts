import type { Reply } from '../reply.js';
import type { Ctx } from '../context.js';

/**
 * A command as data, the shape of Redis's src/commands/*.json: the table drives arity checks,
 * MULTI queueing, key extraction, COMMAND INFO/DOCS and docs/redis.md.
 */
export type Flag =
  | 'write'
  | 'readonly'
  | 'denyoom'
  | 'admin'
  | 'pubsub'
  | 'noscript'
  | 'blocking'
  | 'loading'
  | 'stale'
  | 'skip_monitor'
  | 'skip_slowlog'
  | 'fast'
  | 'no_auth'
  | 'may_replicate'
  | 'no_multi'
  | 'allow_busy';

export type Group =
  | 'string'
  | 'list'
  | 'set'
  | 'sorted-set'
  | 'hash'
  | 'generic'
  | 'transactions'
  | 'pubsub'
  | 'connection'
  | 'server';

export interface CommandSpec {
  /** Lower-case name, as Redis reports it in errors. */
  readonly name: string;
  /** Redis's convention: N means exactly N arguments (name included), -N at least N. */
  readonly arity: number;
  readonly flags: readonly Flag[];
  /** Key positions: first, last (negative counts from the end), step; 0,0,0 when keyless. */
  readonly keys: readonly [first: number, last: number, step: number];
  readonly group: Group;
  /** The syntax line, as in Redis's docs: `SET key value [NX | XX] ...`. */
  readonly syntax: string;
  readonly summary: string;
  readonly since: string;
  readonly handler: (ctx: Ctx, argv: string[]) => Reply;
  /**
   * Container commands (CONFIG, OBJECT, CLIENT …): each subcommand is a command of its own, named
   * `parent|sub`, with its own arity, as in Redis 7.0's command table.
   */
  readonly subcommands?: readonly CommandSpec[];
}

/**
 * Builds every spec with the same properties in the same order, however its literal was spread
 * together: one object shape for the whole table keeps the dispatcher's reads of `arity`,
 * `subcommands` and `handler` monomorphic (a megamorphic load costs on every command).
 */
export const command = (spec: CommandSpec): CommandSpec => ({
  name: spec.name,
  arity: spec.arity,
  flags: spec.flags,
  keys: spec.keys,
  group: spec.group,
  syntax: spec.syntax,
  summary: spec.summary,
  since: spec.since,
  handler: spec.handler,
  subcommands: spec.subcommands,
});
