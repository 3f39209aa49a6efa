import { Subject, type Observable } from 'rxjs';
import { Config } from './config.js';
import { Ctx } from './context.js';
import { ERR, RedisError } from './errors.js';
import { globMatch } from './glob.js';
import { Keyspace, isExpired, type Entry } from './keyspace.js';
import { Xoshiro128, type Random } from './random.js';
import { array, bulk, error, QUEUED, type Reply } from './reply.js';
import { toBytes } from './bytes.js';
import { ManualClock, type Clock } from './clock.js';
import type { CommandSpec } from './commands/types.js';
import { COMMANDS, findCommand } from './commands/index.js';

/**
 * The server: databases, clients, pub/sub, WATCH bookkeeping and the dispatcher. Everything is
 * synchronous and driven from outside: commands through `Client.send`, time through `tick()`.
 */
export interface RedisOptions {
  clock?: Clock;
  seed?: number;
  random?: Random;
  port?: number;
}

/** What happened, for the TUI and the scenarios. */
export type RedisEvent =
  | { kind: 'keyspace'; time: number; db: number; key: string; event: string; via?: 'lazy' | 'active' }
  | { kind: 'command'; time: number; client: number; argv: readonly string[]; reply: Reply };

export interface Stats {
  keyspaceHits: number;
  keyspaceMisses: number;
  expiredKeys: number;
  commandsProcessed: number;
  connectionsReceived: number;
  pubsubMessages: number;
}

const IN_MULTI_NOW = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);
const IN_SUBSCRIBED = new Set(['subscribe', 'ssubscribe', 'unsubscribe', 'sunsubscribe', 'psubscribe', 'punsubscribe', 'ping', 'quit', 'reset']);

export class RedisServer {
  readonly clock: Clock;
  readonly random: Random;
  readonly config: Config;
  readonly dbs: Keyspace[];
  readonly commands: ReadonlyMap<string, CommandSpec>;
  readonly stats: Stats = {
    keyspaceHits: 0,
    keyspaceMisses: 0,
    expiredKeys: 0,
    commandsProcessed: 0,
    connectionsReceived: 0,
    pubsubMessages: 0,
  };
  readonly clients = new Map<number, Client>();
  /** channel → subscribers; pattern → subscribers. */
  readonly channels = new Map<string, Set<Client>>();
  readonly patterns = new Map<string, Set<Client>>();
  readonly startTime: number;
  private readonly watchers = new Map<string, Set<Client>>();
  private readonly eventSubject = new Subject<RedisEvent>();
  readonly events$: Observable<RedisEvent> = this.eventSubject.asObservable();
  private nextClientId = 1;
  private lastCron: number;
  /** The client behind `exec`, created on first use. */
  private defaultClient: Client | undefined;

  constructor(options: RedisOptions = {}) {
    // Engines never read the machine's time: without a clock they run on one stopped at 0.
    this.clock = options.clock ?? new ManualClock(0);
    this.random = options.random ?? new Xoshiro128(options.seed ?? 0);
    this.config = new Config(options.port);
    this.dbs = Array.from({ length: this.config.int('databases') }, (_, i) => new Keyspace(i));
    this.commands = COMMANDS;
    this.startTime = this.clock.now();
    this.lastCron = this.startTime;
  }

  /** lookupCommand: the command a request's first argument names, case-insensitively. */
  lookupCommand(name: string): CommandSpec | undefined {
    return findCommand(name);
  }

  private readonly subcommandIndex = new Map<string, CommandSpec>();

  /** The `parent|sub` command for a container command's first argument, case-insensitively. */
  subcommand(parent: CommandSpec, sub: string): CommandSpec | undefined {
    const full = `${parent.name}|${sub.toLowerCase()}`;
    let spec = this.subcommandIndex.get(full);
    if (spec === undefined) {
      spec = parent.subcommands!.find((s) => s.name === full);
      if (spec) this.subcommandIndex.set(full, spec);
    }
    return spec;
  }

  /** A new connection with its own database, transaction and subscription state. */
  client(info: { addr?: string; laddr?: string } = {}): Client {
    const c = new Client(this, this.nextClientId++, info.addr ?? '127.0.0.1:0', info.laddr ?? `127.0.0.1:${this.config.get('port')}`);
    this.clients.set(c.id, c);
    this.stats.connectionsReceived++;
    return c;
  }

  /** Runs one command on the default client and returns its reply. */
  exec(argv: readonly (string | Uint8Array)[]): Reply {
    this.defaultClient ??= this.client();
    return this.defaultClient.exec(argv);
  }

  /** serverCron, as often as `hz` says it would have run by now: the active expiry cycle. */
  tick(): void {
    const now = this.clock.now();
    const period = 1000 / this.config.int('hz');
    let runs = 0;
    while (this.lastCron + period <= now && runs < 100) {
      this.lastCron += period;
      this.activeExpireCycle(now);
      runs++;
    }
    if (this.lastCron + period <= now) this.lastCron = now;
  }

  /**
   * activeExpireCycle (slow mode, Redis 7.0): per database, sample 20 keys that have a TTL and
   * delete the expired ones; go again while more than 10% of a sample had expired.
   */
  private activeExpireCycle(now: number): void {
    const effort = this.config.int('active-expire-effort') - 1;
    const perLoop = 20 + (20 / 4) * effort;
    const acceptableStale = 10 - effort;
    for (const db of this.dbs) {
      for (let round = 0; round < 1000; round++) {
        const n = db.expires.size;
        if (n === 0) break;
        let sampled = 0;
        let expired = 0;
        for (let i = 0; i < perLoop && i < n && db.expires.size > 0; i++) {
          const key = db.expires.randomKey(this.random)!;
          const entry = db.peek(key)!;
          sampled++;
          if (isExpired(entry, now)) {
            this.expire(db, key, 'active');
            expired++;
          }
        }
        if (sampled === 0 || (expired * 100) / sampled <= acceptableStale) break;
      }
    }
  }

  /** Deletes an expired key: 'expired' event, watchers dirtied, counted. */
  expire(db: Keyspace, key: string, via: 'lazy' | 'active'): void {
    db.delete(key);
    this.stats.expiredKeys++;
    this.touchWatched(db.id, key);
    this.notify('x', 'expired', key, db.id, via);
  }

  /** Updates the access clock (LRU) or the logarithmic counter (LFU) as Redis's policies do. */
  touch(entry: Entry, now: number): void {
    if (this.config.lfu) {
      const minutes = Math.floor(now / 60000) & 0xffff;
      const decay = this.config.int('lfu-decay-time');
      const elapsed = minutes >= entry.lfuMinutes ? minutes - entry.lfuMinutes : 65535 - entry.lfuMinutes + minutes;
      if (decay > 0) entry.lfuCounter = Math.max(0, entry.lfuCounter - Math.floor(elapsed / decay));
      if (entry.lfuCounter < 255) {
        const base = Math.max(0, entry.lfuCounter - 5);
        if (this.random.next() < 1 / (base * this.config.int('lfu-log-factor') + 1)) entry.lfuCounter++;
      }
      entry.lfuMinutes = minutes;
    } else {
      entry.lru = now;
    }
  }

  /** notifyKeyspaceEvent: always on events$, on pub/sub only as notify-keyspace-events allows. */
  notify(cls: string, event: string, key: string, db: number, via?: 'lazy' | 'active'): void {
    if (this.eventSubject.observed) {
      const time = this.clock.now();
      this.eventSubject.next(via ? { kind: 'keyspace', time, db, key, event, via } : { kind: 'keyspace', time, db, key, event });
    }
    const flags = this.config.notify;
    if (flags.size === 0 || !flags.has(cls)) return;
    if (flags.has('K')) this.publish(`__keyspace@${db}__:${key}`, event);
    if (flags.has('E')) this.publish(`__keyevent@${db}__:${event}`, key);
  }

  /** PUBLISH: delivers to channel subscribers, then to matching patterns; returns receivers. */
  publish(channel: string, message: string): number {
    let receivers = 0;
    const subs = this.channels.get(channel);
    if (subs) {
      for (const c of subs) c.push(array([bulk('message'), bulk(channel), bulk(message)]));
      receivers += subs.size;
    }
    for (const [pattern, clients] of this.patterns) {
      if (!globMatch(pattern, channel)) continue;
      for (const c of clients) c.push(array([bulk('pmessage'), bulk(pattern), bulk(channel), bulk(message)]));
      receivers += clients.size;
    }
    this.stats.pubsubMessages++;
    return receivers;
  }

  // --- WATCH bookkeeping -------------------------------------------------------------------

  watch(client: Client, db: number, key: string): void {
    const id = `${db}\0${key}`;
    if (client.watched.has(id)) return;
    const entry = this.dbs[db]!.peek(key);
    client.watched.set(id, { db, key, expiredAtWatch: entry !== undefined && isExpired(entry, this.clock.now()) });
    let set = this.watchers.get(id);
    if (!set) this.watchers.set(id, (set = new Set()));
    set.add(client);
  }

  unwatchAll(client: Client): void {
    this.forgetWatches(client);
    client.dirty = false;
  }

  /** The client watches nothing any more; whether it is dirty stays as it was. */
  private forgetWatches(client: Client): void {
    for (const id of client.watched.keys()) {
      const set = this.watchers.get(id);
      set?.delete(client);
      if (set?.size === 0) this.watchers.delete(id);
    }
    client.watched.clear();
  }

  /**
   * signalModifiedKey → touchWatchedKey (7.0): every client watching the key will fail its EXEC
   * (and stops watching), except one that WATCHed the key while it was already expired: deleting
   * such a key changes nothing logically, so that watch only forgets it was expired. As in Redis,
   * meeting such a watch while the key still exists ends the walk: later watchers are not dirtied.
   */
  touchWatched(db: number, key: string): void {
    if (this.watchers.size === 0) return;
    const id = `${db}\0${key}`;
    const set = this.watchers.get(id);
    if (!set) return;
    for (const c of [...set]) {
      const w = c.watched.get(id)!;
      if (w.expiredAtWatch) {
        if (this.dbs[db]!.peek(key) !== undefined) break;
        w.expiredAtWatch = false;
        continue;
      }
      c.dirty = true;
      this.forgetWatches(c);
    }
  }

  /** FLUSHDB/FLUSHALL/SWAPDB: watchers of keys that existed (or now exist) are dirtied. */
  touchAllWatched(db: number, alsoIfIn?: Keyspace): void {
    for (const [, set] of this.watchers) {
      for (const c of set) {
        for (const w of c.watched.values()) {
          if (w.db !== db) continue;
          if (this.dbs[db]!.peek(w.key) || alsoIfIn?.peek(w.key)) c.dirty = true;
        }
      }
    }
  }

  /** EXEC's late check (Redis 7.0): a watched key that has expired since WATCH aborts too. */
  watchedKeyExpired(client: Client): boolean {
    const now = this.clock.now();
    for (const w of client.watched.values()) {
      if (w.expiredAtWatch) continue;
      const entry = this.dbs[w.db]!.peek(w.key);
      if (entry && isExpired(entry, now)) return true;
    }
    return false;
  }

  // --- clients ------------------------------------------------------------------------------

  disconnect(client: Client): void {
    this.unwatchAll(client);
    for (const ch of client.channels) this.unsubscribe(client, ch);
    for (const p of client.patterns) this.punsubscribe(client, p);
    this.clients.delete(client.id);
  }

  subscribe(client: Client, channel: string): boolean {
    if (client.channels.has(channel)) return false;
    client.channels.add(channel);
    let set = this.channels.get(channel);
    if (!set) this.channels.set(channel, (set = new Set()));
    set.add(client);
    return true;
  }

  unsubscribe(client: Client, channel: string): boolean {
    if (!client.channels.delete(channel)) return false;
    const set = this.channels.get(channel)!;
    set.delete(client);
    if (set.size === 0) this.channels.delete(channel);
    return true;
  }

  psubscribe(client: Client, pattern: string): boolean {
    if (client.patterns.has(pattern)) return false;
    client.patterns.add(pattern);
    let set = this.patterns.get(pattern);
    if (!set) this.patterns.set(pattern, (set = new Set()));
    set.add(client);
    return true;
  }

  punsubscribe(client: Client, pattern: string): boolean {
    if (!client.patterns.delete(pattern)) return false;
    const set = this.patterns.get(pattern)!;
    set.delete(client);
    if (set.size === 0) this.patterns.delete(pattern);
    return true;
  }

  emitCommand(client: Client, argv: readonly string[], reply: Reply): void {
    if (this.eventSubject.observed)
      this.eventSubject.next({ kind: 'command', time: this.clock.now(), client: client.id, argv: argv.slice(), reply });
  }
}

interface Watched {
  db: number;
  key: string;
  expiredAtWatch: boolean;
}

/**
 * One connection. `send` runs a command and returns every reply it wrote (usually one; SUBSCRIBE
 * with several channels writes several). Messages that other clients cause (pub/sub) arrive
 * through `onPush`, in the order Redis would write them to this connection.
 */
export class Client {
  db = 0;
  name = '';
  multi: { queue: string[][]; failed: boolean } | null = null;
  readonly watched = new Map<string, Watched>();
  dirty = false;
  readonly channels = new Set<string>();
  readonly patterns = new Set<string>();
  /** Set by QUIT: the connection should close once its reply is written. */
  closing = false;
  lastCommand = 'NULL';
  readonly createdAt: number;
  lastInteraction: number;
  private pushListener: ((reply: Reply) => void) | undefined;
  private pending: Reply[] = [];
  private readonly ctx: Ctx;
  private out: Reply[] | null = null;

  constructor(
    readonly server: RedisServer,
    readonly id: number,
    readonly addr: string,
    readonly laddr: string,
  ) {
    this.ctx = new Ctx(server, this);
    this.createdAt = server.clock.now();
    this.lastInteraction = this.createdAt;
  }

  get subscriptionCount(): number {
    return this.channels.size + this.patterns.size;
  }

  /** Where pub/sub messages go; those that arrived before a listener was set are flushed to it. */
  onPush(listener: ((reply: Reply) => void) | undefined): void {
    this.pushListener = listener;
    if (listener) for (const r of this.pending.splice(0)) listener(r);
  }

  /** Messages received while nobody listened (for exec-style callers and tests). */
  drainPushes(): Reply[] {
    return this.pending.splice(0);
  }

  push(reply: Reply): void {
    if (this.pushListener) this.pushListener(reply);
    else this.pending.push(reply);
  }

  /** Writes an extra reply of the running command (SUBSCRIBE's per-channel confirmations). */
  write(reply: Reply): void {
    (this.out ??= []).push(reply);
  }

  /** Runs one command; returns its reply (for several, the last: use `send` for all). */
  exec(argv: readonly (string | Uint8Array)[]): Reply {
    // The common case writes one reply: no array for it (`write` makes one when needed).
    const outer = this.out;
    this.out = null;
    const reply = this.dispatch(engineArgv(argv));
    const extra = this.out as Reply[] | null;
    this.out = outer;
    return reply ?? extra?.[extra.length - 1]!;
  }

  /** Runs one command from JS values (text is UTF-8 encoded) and returns all its replies. */
  send(argv: readonly (string | Uint8Array)[]): Reply[] {
    return this.sendBytes(engineArgv(argv));
  }

  /** Runs one command whose arguments are already engine bytes (the RESP server's path). */
  sendBytes(argv: string[]): Reply[] {
    const outer = this.out;
    this.out = null;
    const reply = this.dispatch(argv);
    const out = (this.out as Reply[] | null) ?? [];
    this.out = outer;
    if (reply !== null) out.push(reply);
    return out;
  }

  /** processCommand: lookup, arity, subscribed-mode and MULTI rules, then the call. */
  private dispatch(argv: string[]): Reply | null {
    const server = this.server;
    const now = server.clock.now();
    this.lastInteraction = now;
    if (argv.length === 0) return null;
    const name = argv[0]!;
    let cmd = findCommand(name);
    if (cmd === undefined) {
      if (this.multi) this.multi.failed = true;
      return error(ERR.unknownCommand(name, argv.slice(1)));
    }
    if (cmd.subcommands !== undefined && argv.length >= 2) {
      const sub = server.subcommand(cmd, argv[1]!);
      if (sub === undefined) {
        if (this.multi) this.multi.failed = true;
        return error(ERR.unknownSubcommand(argv[1]!, cmd.name));
      }
      cmd = sub;
    }
    if ((cmd.arity > 0 && argv.length !== cmd.arity) || argv.length < -cmd.arity) return this.reject(cmd, ERR.wrongArity(cmd.name));
    if (this.subscriptionCount > 0 && !IN_SUBSCRIBED.has(cmd.name)) return this.reject(cmd, ERR.subscribedContext(cmd.name));
    if (this.multi && !IN_MULTI_NOW.has(cmd.name)) {
      if (cmd.flags.includes('no_multi')) {
        this.multi.failed = true;
        return error(ERR.notAllowedInMulti(cmd.name));
      }
      this.multi.queue.push(argv.slice());
      return QUEUED;
    }
    return this.call(cmd, argv, now);
  }

  /**
   * rejectCommand: a command refused before it runs fails the transaction; a refused EXEC
   * discards it (and the watched keys) at once, MULTI or not, naming the reason.
   */
  private reject(cmd: CommandSpec, text: string): Reply {
    if (cmd.name !== 'exec') {
      if (this.multi) this.multi.failed = true;
      return error(text);
    }
    this.multi = null;
    this.server.unwatchAll(this);
    return error(ERR.execAbortBecause(text));
  }

  /** call(): runs a looked-up, checked command. EXEC uses it for the queued ones. */
  call(cmd: CommandSpec, argv: string[], now: number): Reply {
    this.ctx.now = now;
    this.lastCommand = cmd.name;
    this.server.stats.commandsProcessed++;
    let reply: Reply;
    try {
      reply = cmd.handler(this.ctx, argv);
    } catch (e) {
      // A bug must not take the server (or the REPL, or a simulation) down with it.
      const text = e instanceof RedisError ? e.reply : `ERR redzoo internal error in '${cmd.name}': ${String(e)}`;
      // As addReplyErrorFormat does: user bytes in an error must not break the protocol line.
      reply = error(/[\r\n]/.test(text) ? text.replace(/[\r\n]/g, ' ') : text);
    }
    this.server.emitCommand(this, argv, reply);
    return reply;
  }
}

/**
 * A caller's arguments as engine bytes: the caller's own array when they all are ASCII text (the
 * usual case), a converted copy otherwise. Handlers never write to argv, and what outlives the
 * command (a MULTI queue entry, a command event) takes a copy.
 */
function engineArgv(argv: readonly (string | Uint8Array)[]): string[] {
  for (const arg of argv) if (typeof arg !== 'string' || toBytes(arg) !== arg) return argv.map(toBytes);
  return argv as string[];
}

export const createRedis = (options?: RedisOptions): RedisServer => new RedisServer(options);
