import { formatReply, toBytes, type Reply } from '../../redis-sim/index.js';
import { splitArgs } from '../../redis-sim/resp-parser.js';
import { Code, ZkError, type AddWatchMode, type CreateMode, type Stat, type WatchedEvent, type WatcherType } from '../../zk-sim/index.js';
import { RedisConnectionError, type ProcessContext, type RedisClient, type ZkClient } from '../../integration/index.js';
import { CliParseError, hasOption, javaParseInt, optionValue, parseCliOptions, splitZkLine, type OptionSpec } from '../../cli/zk-args.js';
import { cliErrorMessage, COMMAND_USAGE, formatStat, formatWatcherLines, javaListString, usageOf } from '../../cli/zk-format.js';

/**
 * The prompt: Redis commands and zkCli commands typed by the learner, sent from a process of
 * their choice over the simulated network, so they meet the same partitions, pauses and crashes
 * as the process's own code would. A line whose first word is a zkCli command and whose path
 * starts with '/' (`get /a`, `ls /`, `create -e /x hi`) goes to ZooKeeper; anything else is a
 * Redis command (split as redis-cli splits it). `redis …` and `zk …` force the choice.
 *
 * The session runs a line with `world.as(process, …)`, a world input, so it is journaled: a seek
 * back re-runs it at the same step. This module is what runs as the process: it opens (once per
 * life of the process) a Redis connection and a ZooKeeper handle, sends the request, and
 * resolves with what redis-cli or zkCli would print.
 */

export type ConsoleRequest =
  | { target: 'redis'; argv: string[]; line: string }
  | { target: 'zk'; tokens: string[]; line: string }
  | { target: 'none'; error: string; line: string };

/** zkCli commands the prompt runs (a subset of zkCli.sh 3.8's). */
export const ZK_COMMANDS = ['ls', 'get', 'set', 'create', 'delete', 'deleteall', 'stat', 'getEphemerals', 'sync', 'addWatch', 'removewatches', 'close'] as const;
// Words Redis has no command for: a line starting with one goes to ZooKeeper even without a path.
const ZK_ONLY = new Set(['ls', 'create', 'delete', 'deleteall', 'stat', 'getEphemerals', 'addWatch', 'removewatches', 'close']);

/** Decides where a line goes, and splits it. */
export function classify(line: string): ConsoleRequest {
  const trimmed = line.trim();
  const forced = /^(redis|zk)\s+(.*)$/i.exec(trimmed);
  if (forced !== null) return forced[1]!.toLowerCase() === 'zk' ? zkRequest(forced[2]!, line) : redisRequest(forced[2]!, line);
  const tokens = splitZkLine(trimmed);
  const first = tokens[0] ?? '';
  const looksZk = (ZK_COMMANDS as readonly string[]).includes(first) && (ZK_ONLY.has(first) || tokens.slice(1).some((t) => t.startsWith('/')));
  return looksZk ? zkRequest(trimmed, line) : redisRequest(trimmed, line);
}

function redisRequest(text: string, line: string): ConsoleRequest {
  const argv = splitArgs(text);
  if (argv === null) return { target: 'none', error: 'Invalid argument(s)', line };
  if (argv.length === 0) return { target: 'none', error: '', line };
  return { target: 'redis', argv, line };
}

function zkRequest(text: string, line: string): ConsoleRequest {
  const tokens = splitZkLine(text);
  if (tokens.length === 0) return { target: 'none', error: '', line };
  return { target: 'zk', tokens, line };
}

/** One life of one process, as the prompt uses it: its context and the clients it opened. */
interface Seat {
  ctx: ProcessContext;
  redis: Map<string, RedisClient>;
  zk: Map<string, ZkClient>;
  /** Channels and patterns each Redis connection is subscribed to (for SUBSCRIBE's count). */
  subscribed: Map<string, { channels: Set<string>; patterns: Set<string> }>;
}

/**
 * Called with what arrived for a process unasked, and the lines its CLI prints for it: redis-cli's
 * for a pub/sub message, zkCli's `WATCHER::` block for an event at the default watcher.
 */
export type PushListener = (ctx: ProcessContext, what: string, lines: string[]) => void;

const bulkReply = (text: string): Reply => ({ type: 'bulk', value: toBytes(text) });
const lines = (reply: Reply): string[] => formatReply(reply).replace(/\n$/, '').split('\n');

export class Console {
  /** Keyed by the process's context: each life of a process (and each rebuilt world) has its own. */
  private readonly seats = new WeakMap<ProcessContext, Seat>();

  constructor(private readonly onPush: PushListener = () => {}) {}

  /** Runs a request as the process whose context is `ctx`; resolves with the lines to print. */
  run(ctx: ProcessContext, servers: { redis: string | undefined; zk: string | undefined }, req: ConsoleRequest): Promise<string[]> {
    if (req.target === 'none') return Promise.resolve(req.error === '' ? [] : [`(error) ${req.error}`]);
    const seat = this.seat(ctx);
    if (req.target === 'redis') {
      if (servers.redis === undefined) return Promise.resolve(['(error) there is no Redis server in this world']);
      return this.redis(seat, servers.redis, req.argv);
    }
    if (servers.zk === undefined) return Promise.resolve(['(error) there is no ZooKeeper server in this world']);
    return this.zk(seat, servers.zk, req.tokens);
  }

  private seat(ctx: ProcessContext): Seat {
    let seat = this.seats.get(ctx);
    if (seat === undefined) this.seats.set(ctx, (seat = { ctx, redis: new Map(), zk: new Map(), subscribed: new Map() }));
    return seat;
  }

  private async redis(seat: Seat, server: string, argv: string[]): Promise<string[]> {
    let client = seat.redis.get(server);
    if (client === undefined) seat.redis.set(server, (client = seat.ctx.redis(server)));
    try {
      const command = argv[0]!.toUpperCase();
      if ((command === 'SUBSCRIBE' || command === 'PSUBSCRIBE') && argv.length > 1) return await this.subscribe(seat, server, client, command === 'PSUBSCRIBE', argv.slice(1));
      const reply = await client.exec(argv);
      if (command === 'UNSUBSCRIBE' || command === 'PUNSUBSCRIBE' || command === 'RESET') this.unsubscribed(seat, server, reply);
      return lines(reply);
    } catch (e) {
      if (e instanceof RedisConnectionError) return [`(error) ${e.code}: ${e.message}`];
      return [`(error) ${(e as Error).message}`];
    }
  }

  /**
   * SUBSCRIBE / PSUBSCRIBE through the client's own subscribe (one command per channel), so that
   * each message that reaches the process is printed (the client hands messages only to handlers).
   * Prints what redis-cli prints: per channel, the kind, the channel and the subscription count.
   */
  private async subscribe(seat: Seat, server: string, client: RedisClient, pattern: boolean, names: string[]): Promise<string[]> {
    let subs = seat.subscribed.get(server);
    if (subs === undefined) seat.subscribed.set(server, (subs = { channels: new Set(), patterns: new Set() }));
    const out: string[] = [];
    for (const name of names) {
      if (pattern)
        await client.psubscribe(name, (message, channel) => this.onPush(seat.ctx, 'received a message', lines({ type: 'array', value: ['pmessage', name, channel, message].map(bulkReply) })));
      else await client.subscribe(name, (message) => this.onPush(seat.ctx, 'received a message', lines({ type: 'array', value: ['message', name, message].map(bulkReply) })));
      (pattern ? subs.patterns : subs.channels).add(name);
      const count: Reply = { type: 'integer', value: subs.channels.size + subs.patterns.size };
      out.push(...lines({ type: 'array', value: [bulkReply(pattern ? 'psubscribe' : 'subscribe'), bulkReply(name), count] }));
    }
    out.push(`(${seat.ctx.name} is subscribed: messages print here as they arrive; ${pattern ? 'PUNSUBSCRIBE' : 'UNSUBSCRIBE'} ends it)`);
    return out;
  }

  /** What an UNSUBSCRIBE, PUNSUBSCRIBE or RESET reply says is left subscribed. */
  private unsubscribed(seat: Seat, server: string, reply: Reply): void {
    const subs = seat.subscribed.get(server);
    if (subs === undefined) return;
    if (reply.type === 'status') {
      subs.channels.clear(); // RESET
      subs.patterns.clear();
      return;
    }
    const replies = reply.type === 'array' && reply.value !== null && reply.value[0]?.type === 'array' ? reply.value : [reply];
    for (const r of replies) {
      if (r.type !== 'array' || r.value === null || r.value[1]?.type !== 'bulk' || r.value[1].value === null) continue;
      const [kind, name] = [r.value[0]?.type === 'bulk' ? r.value[0].value : null, r.value[1].value];
      if (kind === 'unsubscribe') subs.channels.delete(name);
      else if (kind === 'punsubscribe') subs.patterns.delete(name);
    }
  }

  private zkHandle(seat: Seat, server: string): ZkClient {
    let zk = seat.zk.get(server);
    if (zk === undefined || zk.state === 'EXPIRED' || zk.state === 'CLOSED') {
      // zkCli's: a 30 s session, and a default watcher that prints every event it gets (the
      // connection's states, and the watches set with -w), but for the first SyncConnected, which
      // zkCli prints as it starts, not after a command.
      let started = false;
      const watcher = (e: WatchedEvent): void => {
        if (!started && e.type === 'None' && e.state === 'SyncConnected') {
          started = true;
          return;
        }
        this.onPush(seat.ctx, 'got a ZooKeeper event', formatWatcherLines(e).trim().split('\n'));
      };
      seat.zk.set(server, (zk = seat.ctx.zookeeper(server, { sessionTimeout: 30_000, watcher })));
    }
    return zk;
  }

  private async zk(seat: Seat, server: string, tokens: string[]): Promise<string[]> {
    const out: string[] = [];
    const print = (text: string): void => void out.push(...text.replace(/\n$/, '').split('\n'));
    const cmd = tokens[0]!;
    try {
      if (!(ZK_COMMANDS as readonly string[]).includes(cmd)) {
        if (Object.prototype.hasOwnProperty.call(COMMAND_USAGE, cmd)) return [`(the prompt does not run '${cmd}'; it runs ${ZK_COMMANDS.join(', ')})`];
        return [`Command not found: Command not found ${cmd}`];
      }
      if (cmd === 'close') {
        const zk = seat.zk.get(server);
        if (zk !== undefined) {
          await zk.close();
          seat.zk.delete(server);
        }
        return [];
      }
      await ZK_RUN[cmd as Exclude<(typeof ZK_COMMANDS)[number], 'close'>](this.zkHandle(seat, server), tokens, print);
    } catch (e) {
      if (e instanceof ZkError) print(e.kind === 'keeper' ? cliErrorMessage({ code: e.code, path: e.path ?? null }) : e.message);
      else if (e instanceof CliParseError) print(e.toString());
      else if (e instanceof UsageError) print(e.message);
      else print(`(error) ${(e as Error).message}`);
    }
    return out;
  }
}

class UsageError extends Error {}

const usage = (command: string): UsageError => new UsageError(usageOf(command));
const stat = (s: Stat): string => formatStat(s, 'UTC');
const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

type ZkRun = (zk: ZkClient, tokens: string[], print: (text: string) => void) => Promise<void>;

const CREATE: OptionSpec = { e: false, s: false, c: false, t: true };
const GET: OptionSpec = { s: false, w: false };
const SET: OptionSpec = { s: false, v: true };
const LS: OptionSpec = { s: false, w: false, R: false };
const STAT: OptionSpec = { w: false };
const DELETE: OptionSpec = { v: true };
const ADDWATCH: OptionSpec = { m: true };
const REMOVEWATCHES: OptionSpec = { c: false, d: false, a: false, l: false };

/** What each zkCli command does and prints (as org.apache.zookeeper.cli.*Command). */
const ZK_RUN: Record<Exclude<(typeof ZK_COMMANDS)[number], 'close'>, ZkRun> = {
  async create(zk, tokens, print) {
    const p = parseCliOptions(CREATE, tokens);
    if (p.args.length < 2) throw usage('create');
    const e = hasOption(p, 'e');
    const s = hasOption(p, 's');
    const c = hasOption(p, 'c');
    const t = hasOption(p, 't');
    if (c && (e || s)) throw new UsageError('-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.');
    if (t && e) throw new UsageError('TTLs cannot be used with Ephemeral znodes');
    let mode: CreateMode = 'PERSISTENT';
    if (e && s) mode = 'EPHEMERAL_SEQUENTIAL';
    else if (e) mode = 'EPHEMERAL';
    else if (s) mode = t ? 'PERSISTENT_SEQUENTIAL_WITH_TTL' : 'PERSISTENT_SEQUENTIAL';
    else if (c) mode = 'CONTAINER';
    else if (t) mode = 'PERSISTENT_WITH_TTL';
    const ttl = t ? Number(optionValue(p, 't')) : undefined;
    if (t && !(ttl! > 0)) throw new UsageError('-t argument must be a long value');
    const created = await zk.create(p.args[1]!, p.args.length > 2 ? utf8.encode(p.args[2]!) : null, { mode, ...(ttl === undefined ? {} : { ttl }) });
    print(`Created ${created}`);
  },
  async get(zk, tokens, print) {
    const p = parseCliOptions(GET, tokens);
    if (p.args.length < 2) throw usage('get');
    const r = await zk.getData(p.args[1]!, { watch: hasOption(p, 'w') });
    print(r.dataIsNull ? 'null' : utf8Decoder.decode(r.data));
    if (hasOption(p, 's')) print(stat(r.stat));
  },
  async set(zk, tokens, print) {
    const p = parseCliOptions(SET, tokens);
    if (p.args.length < 3) throw usage('set');
    const version = hasOption(p, 'v') ? javaParseInt(optionValue(p, 'v')!) : -1;
    const s = await zk.setData(p.args[1]!, utf8.encode(p.args[2]!), version);
    if (hasOption(p, 's')) print(stat(s));
  },
  async ls(zk, tokens, print) {
    const p = parseCliOptions(LS, tokens);
    if (p.args.length < 2) throw usage('ls');
    const path = p.args[1]!;
    const watch = hasOption(p, 'w');
    if (hasOption(p, 'R')) {
      // ZKUtil.visitSubTreeDFS: the node, then each child's subtree, children sorted.
      const visit = async (node: string): Promise<void> => {
        print(node);
        const children = [...(await zk.getChildren(node, { watch }))].sort();
        for (const c of children) await visit(node === '/' ? `/${c}` : `${node}/${c}`);
      };
      if ((await zk.exists(path)) === null) throw new ZkError(Code.NoNode, { path });
      await visit(path);
      return;
    }
    if (hasOption(p, 's')) {
      const r = await zk.getChildren2(path, { watch });
      print(javaListString([...r.children].sort()));
      print(stat(r.stat));
    } else print(javaListString([...(await zk.getChildren(path, { watch }))].sort()));
  },
  async stat(zk, tokens, print) {
    const p = parseCliOptions(STAT, tokens);
    if (p.args.length < 2) throw usage('stat');
    const path = p.args[1]!;
    const s = await zk.exists(path, { watch: hasOption(p, 'w') });
    if (s === null) throw new ZkError(Code.NoNode, { path });
    print(stat(s));
  },
  async delete(zk, tokens) {
    const p = parseCliOptions(DELETE, tokens);
    if (p.args.length < 2) throw usage('delete');
    await zk.delete(p.args[1]!, hasOption(p, 'v') ? javaParseInt(optionValue(p, 'v')!) : -1);
  },
  async deleteall(zk, tokens) {
    const p = parseCliOptions({ b: true }, tokens);
    if (p.args.length < 2) throw usage('deleteall');
    // ZKUtil.listSubTreeBFS, then deletes leaves first (one request each here).
    const all = [p.args[1]!];
    for (let i = 0; i < all.length; i++) for (const c of await zk.getChildren(all[i]!)) all.push(all[i] === '/' ? `/${c}` : `${all[i]}/${c}`);
    for (let i = all.length - 1; i >= 0; i--) if (all[i] !== '/' && all[i] !== '/zookeeper' && !all[i]!.startsWith('/zookeeper/')) await zk.delete(all[i]!);
  },
  async getEphemerals(zk, tokens, print) {
    const p = parseCliOptions({}, tokens);
    print(javaListString(await zk.getEphemerals(p.args[1] ?? '/')));
  },
  async sync(zk, tokens, print) {
    const p = parseCliOptions({}, tokens);
    if (p.args.length < 2) throw usage('sync');
    await zk.sync(p.args[1]!);
    print('Sync is OK');
  },
  async addWatch(zk, tokens) {
    const p = parseCliOptions(ADDWATCH, tokens);
    if (p.args.length < 2) throw usage('addWatch');
    const m = optionValue(p, 'm') ?? 'PERSISTENT_RECURSIVE';
    if (m !== 'PERSISTENT' && m !== 'PERSISTENT_RECURSIVE') throw new UsageError(`${m} is an invalid mode. Use one of PERSISTENT, PERSISTENT_RECURSIVE`);
    await zk.addWatch(p.args[1]!, m as AddWatchMode);
  },
  async removewatches(zk, tokens) {
    const p = parseCliOptions(REMOVEWATCHES, tokens);
    if (p.args.length < 2) throw usage('removewatches');
    const type: WatcherType = hasOption(p, 'c') ? 'Children' : hasOption(p, 'd') ? 'Data' : 'Any';
    await zk.removeWatches(p.args[1]!, type);
  },
};
