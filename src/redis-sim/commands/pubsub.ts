import { ERR, fail } from '../errors.js';
import { globMatch } from '../glob.js';
import { array, bulk, bulks, integer, NIL, status, type Reply } from '../reply.js';
import type { Ctx } from '../context.js';
import { command, type CommandSpec } from './types.js';

/**
 * Publish/subscribe. Each (un)subscription writes its own confirmation reply
 * `[kind, channel, subscriptions]`; messages reach subscribers through Client.push.
 */
const confirm = (kind: string, name: string | null, count: number): Reply =>
  array([bulk(kind), name === null ? NIL : bulk(name), integer(count)]);

/** Writes every confirmation but the last through the client; returns the last. */
function confirmAll(c: Ctx, replies: Reply[]): Reply {
  for (let i = 0; i < replies.length - 1; i++) c.client.write(replies[i]!);
  return replies[replies.length - 1]!;
}

function subscribe(c: Ctx, argv: string[], pattern: boolean): Reply {
  const out: Reply[] = [];
  for (let i = 1; i < argv.length; i++) {
    const name = argv[i]!;
    if (pattern) c.server.psubscribe(c.client, name);
    else c.server.subscribe(c.client, name);
    out.push(confirm(pattern ? 'psubscribe' : 'subscribe', name, c.client.subscriptionCount));
  }
  return confirmAll(c, out);
}

function unsubscribe(c: Ctx, argv: string[], pattern: boolean): Reply {
  const kind = pattern ? 'punsubscribe' : 'unsubscribe';
  const names = argv.length > 1 ? argv.slice(1) : [...(pattern ? c.client.patterns : c.client.channels)];
  if (names.length === 0) return confirm(kind, null, c.client.subscriptionCount);
  const out: Reply[] = [];
  for (const name of names) {
    if (pattern) c.server.punsubscribe(c.client, name);
    else c.server.unsubscribe(c.client, name);
    out.push(confirm(kind, name, c.client.subscriptionCount));
  }
  return confirmAll(c, out);
}

const PUBSUB_HELP = [
  'PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CHANNELS [<pattern>]',
  "    Return the currently active channels matching a <pattern> (default: '*').",
  'NUMPAT',
  '    Return number of subscriptions to patterns.',
  'NUMSUB [<channel> ...]',
  '    Return the number of subscribers for the specified channels, excluding',
  '    pattern subscriptions(default: no channels).',
  'SHARDCHANNELS [<pattern>]',
  "    Return the currently active shard level channels matching a <pattern> (default: '*').",
  'SHARDNUMSUB [<shardchannel> ...]',
  '    Return the number of subscribers for the specified shard level channel(s)',
  'HELP',
  '    Prints this help.',
];

const P = { group: 'pubsub' as const, keys: [0, 0, 0] as [number, number, number] };
const SUB = { ...P, since: '2.8.0', flags: ['pubsub', 'loading', 'stale'] as const };

export const PUBSUB_COMMANDS: readonly CommandSpec[] = [
  command({
    ...P, since: '2.0.0', name: 'subscribe', arity: -2, flags: ['pubsub', 'noscript', 'loading', 'stale'],
    syntax: 'SUBSCRIBE channel [channel ...]', summary: 'Listens for messages published to channels.',
    handler: (c, a) => subscribe(c, a, false),
  }),
  command({
    ...P, since: '2.0.0', name: 'unsubscribe', arity: -1, flags: ['pubsub', 'noscript', 'loading', 'stale'],
    syntax: 'UNSUBSCRIBE [channel [channel ...]]', summary: 'Stops listening to messages posted to channels.',
    handler: (c, a) => unsubscribe(c, a, false),
  }),
  command({
    ...P, since: '2.0.0', name: 'psubscribe', arity: -2, flags: ['pubsub', 'noscript', 'loading', 'stale'],
    syntax: 'PSUBSCRIBE pattern [pattern ...]', summary: 'Listens for messages published to channels that match one or more patterns.',
    handler: (c, a) => subscribe(c, a, true),
  }),
  command({
    ...P, since: '2.0.0', name: 'punsubscribe', arity: -1, flags: ['pubsub', 'noscript', 'loading', 'stale'],
    syntax: 'PUNSUBSCRIBE [pattern [pattern ...]]', summary: 'Stops listening to messages published to channels that match one or more patterns.',
    handler: (c, a) => unsubscribe(c, a, true),
  }),
  command({
    ...P, since: '2.0.0', name: 'publish', arity: 3, flags: ['pubsub', 'loading', 'stale', 'fast', 'may_replicate'],
    syntax: 'PUBLISH channel message', summary: 'Posts a message to a channel.',
    handler: (c, a) => integer(c.server.publish(a[1]!, a[2]!)),
  }),
  command({
    ...P, since: '2.8.0', name: 'pubsub', arity: -2, flags: [],
    syntax: 'PUBSUB <subcommand> [<arg> ...]', summary: 'A container for Pub/Sub commands.',
    handler: () => fail(ERR.syntax),
    subcommands: [
      command({
        ...SUB, name: 'pubsub|channels', arity: -2, syntax: 'PUBSUB CHANNELS [pattern]', summary: 'Returns the active channels.',
        handler: (c, a) => {
          if (a.length > 3) fail(ERR.subcommandSyntax(a[1]!, 'pubsub'));
          const pattern = a[2];
          return bulks([...c.server.channels.keys()].filter((ch) => pattern === undefined || globMatch(pattern, ch)));
        },
      }),
      command({
        ...SUB, name: 'pubsub|numsub', arity: -2, syntax: 'PUBSUB NUMSUB [channel [channel ...]]', summary: 'Returns a count of subscribers to channels.',
        handler: (c, a) => {
          const out: Reply[] = [];
          for (const ch of a.slice(2)) out.push(bulk(ch), integer(c.server.channels.get(ch)?.size ?? 0));
          return array(out);
        },
      }),
      command({
        ...SUB, name: 'pubsub|numpat', arity: 2, syntax: 'PUBSUB NUMPAT', summary: 'Returns a count of unique pattern subscriptions.',
        handler: (c) => integer(c.server.patterns.size),
      }),
      command({
        ...SUB, since: '7.0.0', name: 'pubsub|shardchannels', arity: -2, syntax: 'PUBSUB SHARDCHANNELS [pattern]', summary: 'Returns the active shard channels.',
        handler: (_c, a) => {
          if (a.length > 3) fail(ERR.subcommandSyntax(a[1]!, 'pubsub'));
          return bulks([]);
        },
      }),
      command({
        ...SUB, since: '7.0.0', name: 'pubsub|shardnumsub', arity: -2, syntax: 'PUBSUB SHARDNUMSUB [shardchannel [shardchannel ...]]', summary: 'Returns the count of subscribers of shard channels.',
        handler: (_c, a) => array(a.slice(2).flatMap((ch) => [bulk(ch), integer(0)])),
      }),
      command({
        ...SUB, flags: ['loading', 'stale'], name: 'pubsub|help', arity: 2, syntax: 'PUBSUB HELP', summary: 'Returns helpful text about the different subcommands.',
        handler: () => array(PUBSUB_HELP.map(status)),
      }),
    ],
  }),
];
