import { is } from '../args.js';
import { ERR, fail } from '../errors.js';
import { globMatch } from '../glob.js';
import { parseInt64 } from '../numbers.js';
import { array, bulk, bulks, EMPTY_ARRAY, integer, NIL, OK, PONG, status, type Reply } from '../reply.js';
import type { Ctx } from '../context.js';
import type { Client } from '../server.js';
import type { RedisValue } from '../values.js';
import { command, type CommandSpec } from './types.js';

/** The version redzoo answers to: the Redis it is measured against. */
export const REDIS_VERSION = '7.0.15';

function hello(c: Ctx, argv: string[]): Reply {
  if (argv.length >= 2) {
    const ver = parseInt64(argv[1]!);
    if (ver === null) fail(ERR.protocolVersion);
    // RESP3 is not spoken here: only version 2 is accepted.
    if (ver !== 2) fail(ERR.noProto);
  }
  // Each option takes effect as it is read: a later bad option leaves an earlier name set.
  for (let i = 2; i < argv.length; i++) {
    const more = argv.length - i - 1;
    if (is(argv[i]!, 'auth') && more >= 2) {
      // The only user is `default`, with no password: any password works for it, any other user fails.
      if (argv[i + 1] !== 'default') fail(ERR.wrongPass);
      i += 2;
    } else if (is(argv[i]!, 'setname') && more >= 1) setName(c.client, argv[++i]!);
    else fail(ERR.helloSyntax(argv[i]!));
  }
  return array([
    bulk('server'), bulk('redis'),
    bulk('version'), bulk(REDIS_VERSION),
    bulk('proto'), integer(2),
    bulk('id'), integer(c.client.id),
    bulk('mode'), bulk('standalone'),
    bulk('role'), bulk('master'),
    bulk('modules'), EMPTY_ARRAY,
  ]);
}

function setName(client: Client, name: string): void {
  for (let i = 0; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    if (ch < 0x21 || ch > 0x7e) fail(ERR.clientName);
  }
  client.name = name;
}

/** One CLIENT LIST line, in Redis 7.0's field order; buffer sizes are not simulated (0). */
function clientLine(cl: Client, now: number): string {
  const flags = (cl.multi ? 'x' : '') + (cl.subscriptionCount > 0 ? 'P' : '') || 'N';
  return (
    `id=${cl.id} addr=${cl.addr} laddr=${cl.laddr} fd=-1 name=${cl.name} ` +
    `age=${Math.floor((now - cl.createdAt) / 1000)} idle=${Math.floor((now - cl.lastInteraction) / 1000)} ` +
    `flags=${flags} db=${cl.db} sub=${cl.channels.size} psub=${cl.patterns.size} ssub=0 ` +
    `multi=${cl.multi ? cl.multi.queue.length : -1} qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 ` +
    `obl=0 oll=0 omem=0 tot-mem=0 events=r cmd=${cl.lastCommand} user=default redir=-1 resp=2`
  );
}

/** Approximate bytes a value takes in Redis (object header, allocator rounding, per-element overhead). */
function approxBytes(key: string, v: RedisValue): number {
  const entry = 16 + 24 + key.length + 8;
  switch (v.type) {
    case 'string':
      return entry + (v.encoding === 'int' ? 0 : v.bytes.length + 9);
    case 'list': {
      let n = 0;
      for (const x of v.items.values()) n += x.length + 11;
      return entry + 48 + n;
    }
    case 'set': {
      let n = 0;
      for (const m of v.members.keys()) n += v.encoding === 'intset' ? 8 : m.length + 40;
      return entry + 48 + n;
    }
    case 'hash': {
      let n = 0;
      for (const [f, x] of v.fields.entries()) n += f.length + x.length + (v.encoding === 'listpack' ? 4 : 72);
      return entry + 48 + n;
    }
    case 'zset': {
      let n = 0;
      for (const m of v.scores.keys()) n += m.length + (v.encoding === 'listpack' ? 12 : 80);
      return entry + 64 + n;
    }
  }
}

const BASELINE_MEMORY = 876120; // what an empty redis-server 7.0 reports as used_memory_startup

function info(c: Ctx, argv: string[]): Reply {
  const server = c.server;
  const wanted = new Set(argv.slice(1).map((s) => s.toLowerCase()));
  const all = wanted.size === 0 || wanted.has('all') || wanted.has('everything') || wanted.has('default');
  const uptime = Math.floor((c.now - server.startTime) / 1000);
  const sections: [string, [string, string | number][]][] = [];
  const include = (name: string) => all || wanted.has(name);
  if (include('server'))
    sections.push(['Server', [
      ['redis_version', REDIS_VERSION], ['redis_mode', 'standalone'], ['os', 'redzoo (in-process simulator)'],
      ['arch_bits', 64], ['multiplexing_api', 'none'], ['process_id', 0], ['run_id', '0'.repeat(40)],
      ['tcp_port', c.config.get('port')!], ['server_time_usec', c.now * 1000],
      ['uptime_in_seconds', uptime], ['uptime_in_days', Math.floor(uptime / 86400)],
      ['hz', c.config.int('hz')], ['configured_hz', c.config.int('hz')], ['executable', 'redzoo'], ['config_file', ''],
    ]]);
  if (include('clients')) {
    let pubsub = 0;
    for (const cl of server.clients.values()) if (cl.subscriptionCount > 0) pubsub++;
    sections.push(['Clients', [
      ['connected_clients', server.clients.size], ['blocked_clients', 0], ['tracking_clients', 0],
      ['pubsub_clients', pubsub], ['maxclients', c.config.int('maxclients')],
    ]]);
  }
  if (include('memory')) {
    let dataset = 0;
    for (const db of server.dbs) for (const [k, e] of db.entries.entries()) dataset += approxBytes(k, e.value);
    const used = BASELINE_MEMORY + dataset;
    // An unsigned long long, printed with %lld: 2^64-1 shows as -1 (the exact value is the setting's text).
    const maxmemory = BigInt(c.config.get('maxmemory')!);
    sections.push(['Memory', [
      ['used_memory', used], ['used_memory_human', human(used)], ['used_memory_startup', BASELINE_MEMORY],
      ['used_memory_dataset', dataset], ['maxmemory', BigInt.asIntN(64, maxmemory).toString()],
      ['maxmemory_human', human(maxmemory)], ['maxmemory_policy', c.config.get('maxmemory-policy')!],
      ['mem_allocator', 'redzoo-estimate'],
    ]]);
  }
  if (include('stats')) {
    const s = server.stats;
    sections.push(['Stats', [
      ['total_connections_received', s.connectionsReceived], ['total_commands_processed', s.commandsProcessed],
      ['expired_keys', s.expiredKeys], ['evicted_keys', 0], ['keyspace_hits', s.keyspaceHits], ['keyspace_misses', s.keyspaceMisses],
      ['pubsub_channels', server.channels.size], ['pubsub_patterns', server.patterns.size],
    ]]);
  }
  if (include('replication')) sections.push(['Replication', [['role', 'master'], ['connected_slaves', 0]]]);
  if (include('keyspace')) {
    const lines: [string, string][] = [];
    for (const db of server.dbs) {
      if (db.size === 0) continue;
      let ttlSum = 0;
      for (const k of db.expires.keys()) ttlSum += Math.max(0, db.peek(k)!.expireAt - c.now);
      const avg = db.expires.size ? Math.floor(ttlSum / db.expires.size) : 0;
      lines.push([`db${db.id}`, `keys=${db.size},expires=${db.expires.size},avg_ttl=${avg}`]);
    }
    sections.push(['Keyspace', lines]);
  }
  const text = sections.map(([title, fields]) => `# ${title}\r\n` + fields.map(([k, v]) => `${k}:${v}\r\n`).join('')).join('\r\n');
  return bulk(text);
}

/** bytesToHuman: plain bytes below 1K, two decimals in K, M, G, T or P, plain bytes again past P. */
function human(bytes: number | bigint): string {
  const n = BigInt(bytes);
  const units = ['K', 'M', 'G', 'T', 'P'];
  for (let i = 0; i < units.length && n >= 1024n ** BigInt(i + 1); i++) {
    if (n < 1024n ** BigInt(i + 2)) return `${(Number(n) / 1024 ** (i + 1)).toFixed(2)}${units[i]}`;
  }
  return `${n}B`;
}

/** COMMAND INFO's per-command array (RESP2): name, arity, flags, first, last, step, ACL categories, tips, key specs, subcommands. */
function commandInfo(spec: CommandSpec): Reply {
  return array([
    bulk(spec.name),
    integer(spec.arity),
    array(spec.flags.map(status)),
    integer(spec.keys[0]),
    integer(spec.keys[1]),
    integer(spec.keys[2]),
    array(aclCategories(spec).map(status)),
    EMPTY_ARRAY,
    EMPTY_ARRAY,
    array((spec.subcommands ?? []).map(commandInfo)),
  ]);
}

/** lookupCommandBySds: `name` or `container|sub`, any case; anything else (`get|x`, `a|b|c`) is none. */
function commandByFullName(c: Ctx, name: string): CommandSpec | undefined {
  const parts = name.toLowerCase().split('|');
  const base = c.server.commands.get(parts[0]!);
  if (parts.length === 1) return base;
  return parts.length === 2 && base?.subcommands ? c.server.subcommand(base, parts[1]!) : undefined;
}

function aclCategories(spec: CommandSpec): string[] {
  const out: string[] = [];
  if (spec.flags.includes('write')) out.push('@write');
  if (spec.flags.includes('readonly')) out.push('@read');
  const group: Record<string, string> = {
    string: '@string', list: '@list', set: '@set', 'sorted-set': '@sortedset', hash: '@hash',
    generic: '@keyspace', transactions: '@transaction', pubsub: '@pubsub', connection: '@connection', server: '@admin',
  };
  out.push(group[spec.group]!);
  if (spec.flags.includes('fast')) out.push('@fast');
  else out.push('@slow');
  return out;
}

function commandDocs(spec: CommandSpec): Reply {
  const fields: Reply[] = [bulk('summary'), bulk(spec.summary), bulk('since'), bulk(spec.since), bulk('group'), bulk(spec.group)];
  if (spec.subcommands) {
    const subs: Reply[] = [];
    for (const s of spec.subcommands) subs.push(bulk(s.name), commandDocs(s));
    fields.push(bulk('subcommands'), array(subs));
  }
  return array(fields);
}

function configSet(c: Ctx, argv: string[]): Reply {
  if (argv.length % 2 !== 0) fail(ERR.wrongArity('config|set'));
  const seen = new Set<string>();
  for (let i = 2; i < argv.length; i += 2) {
    const name = argv[i]!.toLowerCase();
    if (c.config.get(name) === undefined) fail(ERR.configUnknown(argv[i]!));
    if (seen.has(name)) fail(ERR.configInvalid(argv[i]!, argv[i + 1]!, 'duplicate parameter'));
    seen.add(name);
  }
  // All or nothing: remember what was there and put it back if any value is rejected.
  const previous: [string, string][] = [];
  try {
    for (let i = 2; i < argv.length; i += 2) {
      previous.push([argv[i]!, c.config.get(argv[i]!.toLowerCase())!]);
      c.config.set(argv[i]!, argv[i + 1]!);
    }
  } catch (e) {
    for (const [name, value] of previous.reverse()) c.config.set(name, value);
    throw e;
  }
  return OK;
}

function helpReply(lines: string[]): Reply {
  return array(lines.map(status));
}

const C = { group: 'connection' as const, keys: [0, 0, 0] as [number, number, number] };
const SV = { group: 'server' as const, keys: [0, 0, 0] as [number, number, number] };

export const SERVER_COMMANDS: readonly CommandSpec[] = [
  command({
    ...C, since: '1.0.0', name: 'ping', arity: -1, flags: ['fast'], syntax: 'PING [message]', summary: 'Returns the server\'s liveliness response.',
    handler: (c, a) => {
      if (a.length > 2) fail(ERR.wrongArity('ping'));
      if (c.client.subscriptionCount > 0) return array([bulk('pong'), bulk(a[1] ?? '')]);
      return a.length === 2 ? bulk(a[1]!) : PONG;
    },
  }),
  command({
    ...C, since: '1.0.0', name: 'echo', arity: 2, flags: ['fast'], syntax: 'ECHO message', summary: 'Returns the given string.',
    handler: (_c, a) => bulk(a[1]!),
  }),
  command({
    ...C, since: '1.0.0', name: 'quit', arity: -1, flags: ['allow_busy', 'noscript', 'loading', 'stale', 'fast', 'no_auth'],
    syntax: 'QUIT', summary: 'Closes the connection.',
    handler: (c) => {
      c.client.closing = true;
      return OK;
    },
  }),
  command({
    ...C, since: '6.2.0', name: 'reset', arity: 1, flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
    syntax: 'RESET', summary: 'Resets the connection.',
    handler: (c) => {
      const cl = c.client;
      cl.multi = null;
      c.server.unwatchAll(cl);
      for (const ch of [...cl.channels]) c.server.unsubscribe(cl, ch);
      for (const p of [...cl.patterns]) c.server.punsubscribe(cl, p);
      cl.db = 0;
      cl.name = '';
      return status('RESET');
    },
  }),
  command({
    ...C, since: '6.0.0', name: 'hello', arity: -1, flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
    syntax: 'HELLO [protover [AUTH username password] [SETNAME clientname]]', summary: 'Handshakes with the Redis server.',
    handler: hello,
  }),
  command({
    ...C, since: '2.4.0', name: 'client', arity: -2, flags: [], syntax: 'CLIENT <subcommand> [<arg> ...]', summary: 'A container for client connection commands.',
    handler: () => fail(ERR.syntax),
    subcommands: [
      command({
        ...C, since: '5.0.0', name: 'client|id', arity: 2, flags: ['noscript', 'loading', 'stale'], syntax: 'CLIENT ID', summary: 'Returns the unique client ID of the connection.',
        handler: (c) => integer(c.client.id),
      }),
      command({
        ...C, since: '2.6.9', name: 'client|setname', arity: 3, flags: ['noscript', 'loading', 'stale'], syntax: 'CLIENT SETNAME connection-name', summary: 'Sets the connection name.',
        handler: (c, a) => {
          setName(c.client, a[2]!);
          return OK;
        },
      }),
      command({
        ...C, since: '2.6.9', name: 'client|getname', arity: 2, flags: ['noscript', 'loading', 'stale'], syntax: 'CLIENT GETNAME', summary: 'Returns the name of the connection.',
        handler: (c) => (c.client.name ? bulk(c.client.name) : NIL),
      }),
      command({
        ...C, since: '6.2.0', name: 'client|info', arity: 2, flags: ['noscript', 'loading', 'stale'], syntax: 'CLIENT INFO', summary: 'Returns information about the connection.',
        handler: (c) => bulk(clientLine(c.client, c.now) + '\n'),
      }),
      command({
        ...C, since: '2.4.0', name: 'client|list', arity: -2, flags: ['admin', 'noscript', 'loading', 'stale'],
        syntax: 'CLIENT LIST [TYPE <NORMAL | MASTER | REPLICA | PUBSUB>] [ID client-id [client-id ...]]', summary: 'Lists open connections.',
        handler: (c, a) => {
          let clients = [...c.server.clients.values()];
          if (a.length >= 4 && is(a[2]!, 'type')) {
            const t = a[3]!.toLowerCase();
            if (!['normal', 'master', 'replica', 'slave', 'pubsub'].includes(t)) fail(ERR.clientType(a[3]!));
            clients = clients.filter((cl) => (t === 'pubsub' ? cl.subscriptionCount > 0 : t === 'normal' ? cl.subscriptionCount === 0 : false));
          } else if (a.length >= 4 && is(a[2]!, 'id')) {
            const ids = a.slice(3).map((s) => {
              const id = parseInt64(s);
              if (id === null) fail(ERR.invalidClientId);
              return Number(id);
            });
            clients = clients.filter((cl) => ids.includes(cl.id));
          } else if (a.length !== 2) fail(ERR.syntax);
          return bulk(clients.map((cl) => clientLine(cl, c.now) + '\n').join(''));
        },
      }),
      command({
        ...C, since: '5.0.0', name: 'client|help', arity: 2, flags: ['loading', 'stale'], syntax: 'CLIENT HELP', summary: 'Returns helpful text about the different subcommands.',
        handler: () =>
          helpReply([
            'CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
            'GETNAME', '    Return the name of the current connection.',
            'ID', '    Return the ID of the current connection.',
            'INFO', '    Return information about the current client connection.',
            'LIST [options ...]', '    Return information about client connections. Options:',
            '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)', '      Return clients of specified type.',
            '    * ID <client-id> [<client-id> ...]', '      Return clients of specified IDs only.',
            'SETNAME <name>', '    Assign the name <name> to the current connection.',
            'HELP', '    Prints this help.',
          ]),
      }),
    ],
  }),
  command({
    ...SV, since: '2.8.13', name: 'command', arity: -1, flags: ['loading', 'stale'], syntax: 'COMMAND', summary: 'Returns detailed information about all commands.',
    handler: (c) => array([...c.server.commands.values()].map(commandInfo)),
    subcommands: [
      command({
        ...SV, since: '2.8.13', name: 'command|count', arity: 2, flags: ['loading', 'stale'], syntax: 'COMMAND COUNT', summary: 'Returns a count of commands.',
        handler: (c) => integer(c.server.commands.size),
      }),
      command({
        ...SV, since: '2.8.13', name: 'command|info', arity: -2, flags: ['loading', 'stale'], syntax: 'COMMAND INFO [command-name [command-name ...]]', summary: 'Returns information about one, multiple or all commands.',
        handler: (c, a) => {
          const names = a.length > 2 ? a.slice(2) : [...c.server.commands.keys()];
          return array(names.map((n) => {
            const spec = commandByFullName(c, n);
            return spec ? commandInfo(spec) : NIL;
          }));
        },
      }),
      command({
        ...SV, since: '7.0.0', name: 'command|docs', arity: -2, flags: ['loading', 'stale'], syntax: 'COMMAND DOCS [command-name [command-name ...]]', summary: 'Returns documentary information about one, multiple or all commands.',
        handler: (c, a) => {
          const names = a.length > 2 ? a.slice(2) : [...c.server.commands.keys()];
          const out: Reply[] = [];
          for (const n of names) {
            const spec = commandByFullName(c, n);
            if (spec) out.push(bulk(spec.name), commandDocs(spec));
          }
          return array(out);
        },
      }),
      command({
        ...SV, since: '7.0.0', name: 'command|list', arity: -2, flags: ['loading', 'stale'], syntax: 'COMMAND LIST [FILTERBY <MODULE module-name | ACLCAT category | PATTERN pattern>]', summary: 'Returns a list of command names.',
        handler: (c, a) => {
          // Subcommands are listed too, by their full `container|sub` names.
          let specs = [...c.server.commands.values()].flatMap((s) => [s, ...(s.subcommands ?? [])]);
          if (a.length === 5 && is(a[2]!, 'filterby') && is(a[3]!, 'pattern')) specs = specs.filter((s) => globMatch(a[4]!, s.name, true));
          else if (a.length === 5 && is(a[2]!, 'filterby') && is(a[3]!, 'aclcat')) specs = specs.filter((s) => aclCategories(s).includes('@' + a[4]!.toLowerCase()));
          else if (a.length === 5 && is(a[2]!, 'filterby') && is(a[3]!, 'module')) specs = [];
          else if (a.length !== 2) fail(ERR.syntax);
          return bulks(specs.map((s) => s.name));
        },
      }),
      command({
        ...SV, since: '5.0.0', name: 'command|help', arity: 2, flags: ['loading', 'stale'], syntax: 'COMMAND HELP', summary: 'Returns helpful text about the different subcommands.',
        handler: () =>
          helpReply([
            'COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
            '(no subcommand)', '    Return details about all Redis commands.',
            'COUNT', '    Return the total number of commands in this Redis server.',
            'LIST', '    Return a list of all commands in this Redis server.',
            'INFO [<command-name> ...]', '    Return details about multiple Redis commands.',
            '    If no command names are given, documentation details for all',
            '    commands are returned.',
            'DOCS [<command-name> ...]', '    Return documentation details about multiple Redis commands.',
            '    If no command names are given, documentation details for all',
            '    commands are returned.',
            'HELP', '    Prints this help.',
          ]),
      }),
    ],
  }),
  command({
    ...SV, since: '1.0.0', name: 'info', arity: -1, flags: ['loading', 'stale'], syntax: 'INFO [section [section ...]]', summary: 'Returns information and statistics about the server.',
    handler: info,
  }),
  command({
    ...SV, since: '2.0.0', name: 'config', arity: -2, flags: [], syntax: 'CONFIG <subcommand> [<arg> ...]', summary: 'A container for server configuration commands.',
    handler: () => fail(ERR.syntax),
    subcommands: [
      command({
        ...SV, since: '2.0.0', name: 'config|get', arity: -3, flags: ['admin', 'noscript', 'loading', 'stale'], syntax: 'CONFIG GET parameter [parameter ...]', summary: 'Returns the effective values of configuration parameters.',
        handler: (c, a) => {
          // A name without glob characters is looked up (any case) and answered as typed; the
          // matches are deduplicated by name, ignoring case.
          const found = new Map<string, [string, string]>();
          for (const p of a.slice(2)) {
            if (!/[[*?]/.test(p)) {
              const value = c.config.get(p.toLowerCase());
              if (value !== undefined && !found.has(p.toLowerCase())) found.set(p.toLowerCase(), [p, value]);
              continue;
            }
            for (const pair of c.config.match((name) => !found.has(name) && globMatch(p, name, true))) found.set(pair[0], pair);
          }
          return bulks([...found.values()].flat());
        },
      }),
      command({
        ...SV, since: '2.0.0', name: 'config|set', arity: -4, flags: ['admin', 'noscript', 'loading', 'stale'], syntax: 'CONFIG SET parameter value [parameter value ...]', summary: 'Sets configuration parameters in-flight.',
        handler: configSet,
      }),
      command({
        ...SV, since: '2.0.0', name: 'config|resetstat', arity: 2, flags: ['admin', 'noscript', 'loading', 'stale'], syntax: 'CONFIG RESETSTAT', summary: 'Resets the server\'s statistics.',
        handler: (c) => {
          const s = c.server.stats;
          s.keyspaceHits = s.keyspaceMisses = s.expiredKeys = s.commandsProcessed = s.connectionsReceived = s.pubsubMessages = 0;
          return OK;
        },
      }),
      command({
        ...SV, since: '2.8.0', name: 'config|rewrite', arity: 2, flags: ['admin', 'noscript', 'loading', 'stale'], syntax: 'CONFIG REWRITE', summary: 'Persists the effective configuration to file.',
        handler: () => fail(ERR.noConfigFile),
      }),
      command({
        ...SV, since: '5.0.0', name: 'config|help', arity: 2, flags: ['loading', 'stale'], syntax: 'CONFIG HELP', summary: 'Returns helpful text about the different subcommands.',
        handler: () =>
          helpReply([
            'CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
            'GET <pattern>', '    Return parameters matching the glob-like <pattern> and their values.',
            'SET <directive> <value>', '    Set the configuration <directive> to <value>.',
            'RESETSTAT', '    Reset statistics reported by the INFO command.',
            'REWRITE', '    Rewrite the configuration file.',
            'HELP', '    Prints this help.',
          ]),
      }),
    ],
  }),
  command({
    ...SV, since: '2.6.0', name: 'time', arity: 1, flags: ['loading', 'stale', 'fast'], syntax: 'TIME', summary: 'Returns the server time.',
    handler: (c) => bulks([String(Math.floor(c.now / 1000)), String((c.now % 1000) * 1000)]),
  }),
  command({
    ...SV, since: '1.0.0', name: 'lastsave', arity: 1, flags: ['loading', 'stale', 'fast'], syntax: 'LASTSAVE', summary: 'Returns the Unix timestamp of the last successful save to disk.',
    handler: (c) => integer(Math.floor(c.server.startTime / 1000)),
  }),
];

