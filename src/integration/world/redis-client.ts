import { bytesToText, type Reply } from '../../redis-sim/index.js';
import type { AppProc, Deferred } from './app.js';
import { RedisPush, RedisReplies, RedisRequest } from './messages.js';
import type { Connection } from './network.js';
import type { ScheduledEvent } from '../kernel/index.js';
import type { Proc } from './process.js';

export interface RedisClientOptions {
  /** Per-command timeout in ms (local clock). Default 1000. */
  timeout?: number;
}

/** The client could not get an answer: refused, reset, closed, or timed out. */
export class RedisConnectionError extends Error {
  constructor(
    readonly code: 'ECONNREFUSED' | 'ECONNRESET' | 'ECLOSED' | 'ETIMEDOUT',
    message: string,
  ) {
    super(message);
    this.name = 'RedisConnectionError';
  }
}

/** The server answered with an error reply (`WRONGTYPE …`, `ERR …`). */
export class RedisReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisReplyError';
  }
}

type Value = string | number | null | Value[];
type PubSubHandler = (message: string, channel: string, pattern?: string) => void;

interface Pending {
  d: Deferred<Reply>;
  /** Local time by which the reply must be in. */
  deadline: number;
}

/**
 * A Redis client on one connection, opened on first use and again after it breaks (like ioredis
 * with a command timeout). Replies come back in request order. When a command times out the
 * client gives up on the connection (a late reply could otherwise be taken for the next one's),
 * so every command still waiting on it fails too; the next command opens a new connection.
 * A subscriber has no next command, so after a break it reconnects by itself and subscribes
 * again (ioredis's autoResubscribe), retrying every min(50 ms × attempt, 2 s).
 */
export class RedisClient {
  private conn: Connection | null = null;
  private readonly pending: Pending[] = [];
  private readonly channelHandlers = new Map<string, PubSubHandler>();
  private readonly patternHandlers = new Map<string, PubSubHandler>();
  /** Failed resubscription attempts in a row (the retry delay grows with them). */
  private resubscribeAttempts = 0;
  /** The connection a WATCH went out on, until EXEC, DISCARD or UNWATCH: a watch belongs to it. */
  private watchedOn: Connection | null = null;
  /** One timer, for the oldest command's deadline (replies come in order, so it is the first due). */
  private timer: ScheduledEvent | undefined;
  readonly timeout: number;

  constructor(
    private readonly proc: AppProc,
    private readonly server: Proc,
    options: RedisClientOptions = {},
  ) {
    this.timeout = options.timeout ?? 1000;
  }

  /** Sends one command; resolves with the raw reply (error replies included, as values). */
  exec(argv: readonly (string | number)[]): Promise<Reply> {
    const d = this.proc.promise<Reply>();
    const conn = this.connection();
    const verb = String(argv[0]);
    if (verb.length === 5 && verb.toUpperCase() === 'WATCH') this.watchedOn = conn;
    else if (this.watchedOn !== null && /^(exec|discard|unwatch)$/i.test(verb)) this.watchedOn = null;
    else if (this.channelHandlers.size + this.patternHandlers.size > 0 && /^(p?unsubscribe|reset)$/i.test(verb)) this.forget(verb, argv.slice(1).map(String));
    this.pending.push({ d, deadline: this.proc.localNow() + this.timeout });
    if (this.timer === undefined) this.armTimer();
    conn.send(this.proc, new RedisRequest(argv.map(String)));
    return d.promise;
  }

  /** Sends one command and turns the reply into JS values; an error reply throws RedisReplyError. */
  async call(...argv: (string | number)[]): Promise<Value> {
    return toValue(await this.exec(argv));
  }

  get(key: string): Promise<string | null> {
    return this.call('GET', key) as Promise<string | null>;
  }
  /** SET key value [EX s | PX ms] [NX | XX] [GET]: 'OK', null when NX/XX refused, or the old value with GET. */
  set(key: string, value: string | number, opts: { ex?: number; px?: number; nx?: boolean; xx?: boolean; get?: boolean } = {}): Promise<string | null> {
    const argv: (string | number)[] = ['SET', key, value];
    if (opts.ex !== undefined) argv.push('EX', opts.ex);
    if (opts.px !== undefined) argv.push('PX', opts.px);
    if (opts.nx) argv.push('NX');
    if (opts.xx) argv.push('XX');
    if (opts.get) argv.push('GET');
    return this.call(...argv) as Promise<string | null>;
  }
  del(...keys: string[]): Promise<number> {
    return this.call('DEL', ...keys) as Promise<number>;
  }
  incr(key: string): Promise<number> {
    return this.call('INCR', key) as Promise<number>;
  }
  incrBy(key: string, by: number): Promise<number> {
    return this.call('INCRBY', key, by) as Promise<number>;
  }
  expire(key: string, seconds: number): Promise<number> {
    return this.call('EXPIRE', key, seconds) as Promise<number>;
  }
  pexpire(key: string, ms: number): Promise<number> {
    return this.call('PEXPIRE', key, ms) as Promise<number>;
  }
  ttl(key: string): Promise<number> {
    return this.call('TTL', key) as Promise<number>;
  }
  pttl(key: string): Promise<number> {
    return this.call('PTTL', key) as Promise<number>;
  }
  exists(...keys: string[]): Promise<number> {
    return this.call('EXISTS', ...keys) as Promise<number>;
  }
  hget(key: string, field: string): Promise<string | null> {
    return this.call('HGET', key, field) as Promise<string | null>;
  }
  hset(key: string, field: string, value: string | number): Promise<number> {
    return this.call('HSET', key, field, value) as Promise<number>;
  }
  lpush(key: string, ...values: (string | number)[]): Promise<number> {
    return this.call('LPUSH', key, ...values) as Promise<number>;
  }
  rpop(key: string): Promise<string | null> {
    return this.call('RPOP', key) as Promise<string | null>;
  }
  sadd(key: string, ...members: string[]): Promise<number> {
    return this.call('SADD', key, ...members) as Promise<number>;
  }
  zadd(key: string, score: number, member: string): Promise<number> {
    return this.call('ZADD', key, score, member) as Promise<number>;
  }
  publish(channel: string, message: string): Promise<number> {
    return this.call('PUBLISH', channel, message) as Promise<number>;
  }
  watch(...keys: string[]): Promise<Value> {
    return this.call('WATCH', ...keys);
  }

  /**
   * MULTI, the commands, EXEC, pipelined on this connection. Resolves with EXEC's replies, or
   * null when a WATCHed key changed. A command refused while queueing aborts it all (EXECABORT).
   * Also null, without sending anything, when the connection that sent the WATCH has broken since:
   * a new connection watches nothing, so its EXEC would run unconditionally (node-redis refuses the
   * same way, with "Client reconnected after WATCH").
   */
  async multi(commands: readonly (readonly (string | number)[])[]): Promise<Reply[] | null> {
    const watched = this.watchedOn;
    if (watched !== null && (watched !== this.conn || !watched.isOpen(this.proc))) {
      this.watchedOn = null;
      return null;
    }
    const sent = [this.exec(['MULTI']), ...commands.map((c) => this.exec(c))];
    const exec = this.exec(['EXEC']);
    await Promise.all(sent);
    const r = await exec;
    if (r.type === 'error') throw new RedisReplyError(r.value);
    return r.type === 'array' && r.value !== null ? [...r.value] : null;
  }

  /** SUBSCRIBE: `handler(message, channel)` for each message published on the channel. */
  async subscribe(channel: string, handler: PubSubHandler): Promise<void> {
    this.channelHandlers.set(channel, handler);
    await this.exec(['SUBSCRIBE', channel]);
  }

  /** PSUBSCRIBE: `handler(message, channel, pattern)`. */
  async psubscribe(pattern: string, handler: PubSubHandler): Promise<void> {
    this.patternHandlers.set(pattern, handler);
    await this.exec(['PSUBSCRIBE', pattern]);
  }

  /** UNSUBSCRIBE: from the channels given, or from all of them. */
  async unsubscribe(...channels: string[]): Promise<void> {
    await this.exec(['UNSUBSCRIBE', ...channels]);
  }

  /** PUNSUBSCRIBE: from the patterns given, or from all of them. */
  async punsubscribe(...patterns: string[]): Promise<void> {
    await this.exec(['PUNSUBSCRIBE', ...patterns]);
  }

  /**
   * An UNSUBSCRIBE, PUNSUBSCRIBE or RESET on its way out: its handlers go now, however it was sent,
   * so a resubscription after a break does not bring back what the process left.
   */
  private forget(verb: string, names: string[]): void {
    const v = verb.toLowerCase();
    if (v !== 'punsubscribe') {
      if (v === 'reset' || names.length === 0) this.channelHandlers.clear();
      else for (const n of names) this.channelHandlers.delete(n);
    }
    if (v !== 'unsubscribe') {
      if (v === 'reset' || names.length === 0) this.patternHandlers.clear();
      else for (const n of names) this.patternHandlers.delete(n);
    }
  }

  /** Closes the connection (without QUIT): pending commands fail, subscriptions end. */
  disconnect(): void {
    this.channelHandlers.clear();
    this.patternHandlers.clear();
    if (this.conn !== null) this.conn.closeBy(this.proc);
    this.broken(new RedisConnectionError('ECLOSED', 'Connection is closed.'));
  }

  private connection(): Connection {
    if (this.conn !== null && this.conn.isOpen(this.proc)) return this.conn;
    const conn = this.proc.sim.net.connect(this.proc, this.server, {
      onMessage: (msg) => this.receive(msg),
      onClose: (why) => {
        if (this.conn !== conn) return;
        this.broken(
          why === 'refused'
            ? new RedisConnectionError('ECONNREFUSED', `connect ECONNREFUSED ${this.server.name}:6379`)
            : why === 'reset'
              ? new RedisConnectionError('ECONNRESET', 'read ECONNRESET')
              : new RedisConnectionError('ECLOSED', 'Connection is closed.'),
        );
      },
    });
    this.conn = conn;
    return conn;
  }

  private receive(msg: unknown): void {
    if (msg instanceof RedisReplies) {
      const p = this.pending.shift();
      if (p === undefined) return;
      p.d.resolve(msg.replies.length === 1 ? msg.replies[0]! : { type: 'array', value: msg.replies });
    } else if (msg instanceof RedisPush) {
      this.push(msg.reply);
    }
  }

  private push(reply: Reply): void {
    if (reply.type !== 'array' || reply.value === null) return;
    const parts = reply.value.map((r) => (r.type === 'bulk' && r.value !== null ? bytesToText(r.value) : ''));
    this.proc.sim.kernel.wake();
    try {
      if (parts[0] === 'message') this.channelHandlers.get(parts[1]!)?.(parts[2]!, parts[1]!);
      else if (parts[0] === 'pmessage') this.patternHandlers.get(parts[1]!)?.(parts[3]!, parts[2]!, parts[1]!);
    } catch (error) {
      this.proc.sim.trace.append({ type: 'log', proc: this.proc.name, text: `pub/sub handler threw: ${String(error)}` });
    }
  }

  private armTimer(): void {
    const first = this.pending[0];
    if (first === undefined) return;
    this.timer = this.proc.timer(Math.max(0, first.deadline - this.proc.localNow()), () => {
      this.timer = undefined;
      const oldest = this.pending[0];
      if (oldest !== undefined && this.proc.localNow() >= oldest.deadline) this.giveUp();
      else this.armTimer();
    });
  }

  /** The oldest command timed out: give up on the connection. */
  private giveUp(): void {
    this.conn?.closeBy(this.proc);
    this.broken(new RedisConnectionError('ETIMEDOUT', `Command timed out after ${this.timeout} ms`));
  }

  private broken(first: RedisConnectionError): void {
    this.conn = null;
    if (this.timer) this.timer.cancelled = true;
    this.timer = undefined;
    const waiting = this.pending.splice(0);
    waiting.forEach((p, i) => {
      p.d.reject(i === 0 || first.code !== 'ETIMEDOUT' ? first : new RedisConnectionError('ECLOSED', 'Connection is closed.'));
    });
    if (this.channelHandlers.size + this.patternHandlers.size > 0) {
      const delay = Math.min(++this.resubscribeAttempts * 50, 2000);
      this.proc.timer(delay, () => void this.resubscribe());
    }
  }

  /** A new connection, and SUBSCRIBE / PSUBSCRIBE again to all it listened to. */
  private async resubscribe(): Promise<void> {
    if (this.conn !== null) return; // a command reconnected meanwhile (and will resubscribe if it breaks)
    const channels = [...this.channelHandlers.keys()];
    const patterns = [...this.patternHandlers.keys()];
    try {
      if (channels.length > 0) await this.exec(['SUBSCRIBE', ...channels]);
      if (patterns.length > 0) await this.exec(['PSUBSCRIBE', ...patterns]);
      this.resubscribeAttempts = 0;
    } catch {
      // The connection broke again: broken() has scheduled the next attempt.
    }
  }
}

/** A reply as JS values: text for bulk strings (UTF-8), numbers for integers; errors throw. */
export function toValue(r: Reply): Value {
  switch (r.type) {
    case 'status':
      return r.value;
    case 'error':
      throw new RedisReplyError(r.value);
    case 'integer':
      return Number(r.value);
    case 'bulk':
      return r.value === null ? null : bytesToText(r.value);
    case 'array':
      return r.value === null ? null : r.value.map((x) => (x.type === 'error' ? x.value : toValue(x)));
  }
}
