import type { ScheduledEvent } from '../kernel/index.js';
import type { AppProc, Deferred } from './app.js';
import type { Connection } from './network.js';
import { Proc, type Endpoint, type Message } from './process.js';
import type { Sim } from './sim.js';

export interface DatabaseOptions {
  /** Service time of one query, ms. Default 5. */
  latency?: number;
  /** Queries per second it can serve; beyond that, queries queue. Default 200. */
  capacity?: number;
  /** Rows it starts with (each at version 1). */
  rows?: Readonly<Record<string, string>>;
}

/** A row: its value and a version that every write bumps (for compare-and-set and readers' checks). */
export interface Row {
  value: string;
  version: number;
}

export type DbQuery =
  | { op: 'get'; key: string }
  | { op: 'set'; key: string; value: string }
  | { op: 'cas'; key: string; value: string; expectedVersion: number }
  | { op: 'fencedSet'; key: string; value: string; resource: string; token: number };

/** get → Row | null; set → the new version; cas → the new version or null; fencedSet → the version, or 'stale' for an old token. */
export type DbResult = Row | number | null | 'stale';

class DbRequest implements Message {
  constructor(
    readonly id: number,
    readonly query: DbQuery,
  ) {}
  get label(): string {
    const q = this.query;
    return q.op === 'get' ? `db get ${q.key}` : q.op === 'fencedSet' ? `db set ${q.key} (token ${q.token})` : `db ${q.op} ${q.key}`;
  }
}

class DbReply implements Message {
  constructor(
    readonly id: number,
    readonly result: DbResult,
  ) {}
  get label(): string {
    const r = this.result;
    return r === null ? 'db nil' : typeof r === 'object' ? `db v${r.version}` : r === 'stale' ? 'db rejected: stale token' : `db ok v${r}`;
  }
}

/**
 * A database process: the system of record the recipes cache in front of. A key-value store
 * with versioned rows, a service time per query and a fixed number of queries in service at
 * once (capacity × latency / 1000); the rest wait in a queue, so load beyond capacity shows up
 * as latency. It counts every query, so "the cache took load off the database" is a number.
 * Fenced writes are refused when their token is older than the newest it has accepted for the
 * same resource (the storage side of fencing tokens); each accepted one is marked in the trace.
 * Its data survives a crash (it is durable); queries in service or queued are lost.
 */
export class DatabaseNode extends Proc {
  readonly rows = new Map<string, Row>();
  private readonly fences = new Map<string, number>();
  readonly latency: number;
  readonly slots: number;
  private busy = 0;
  private queue: (() => void)[] = [];
  /** Queries received, per key, the longest queue seen, and fenced writes refused. */
  readonly stats = { queries: 0, reads: 0, writes: 0, maxQueue: 0, rejected: 0, perKey: new Map<string, number>() };

  constructor(sim: Sim, name: string, options: DatabaseOptions = {}) {
    super(sim, name, 'database');
    this.latency = options.latency ?? 5;
    const capacity = options.capacity ?? 200;
    this.slots = Math.max(1, Math.round((capacity * this.latency) / 1000));
    for (const [key, value] of Object.entries(options.rows ?? {})) this.rows.set(key, { value, version: 1 });
  }

  /** Queries waiting for a free slot. */
  get queued(): number {
    return this.queue.length;
  }

  onStart(): void {
    this.busy = 0;
    this.queue = [];
  }

  override accept(conn: Connection): Endpoint {
    return {
      onMessage: (msg) => {
        if (!(msg instanceof DbRequest)) return;
        this.stats.queries++;
        this.stats.perKey.set(msg.query.key, (this.stats.perKey.get(msg.query.key) ?? 0) + 1);
        const serve = () => {
          this.busy++;
          this.timer(this.latency, () => {
            this.busy--;
            conn.send(this, new DbReply(msg.id, this.apply(msg.query, conn.client.name)));
            this.queue.shift()?.();
          });
        };
        if (this.busy < this.slots) serve();
        else {
          this.queue.push(serve);
          this.stats.maxQueue = Math.max(this.stats.maxQueue, this.queue.length);
        }
      },
      onClose: () => {},
    };
  }

  private apply(q: DbQuery, writer: string): DbResult {
    if (q.op === 'get') {
      this.stats.reads++;
      const row = this.rows.get(q.key);
      return row === undefined ? null : { ...row };
    }
    this.stats.writes++;
    const row = this.rows.get(q.key);
    if (q.op === 'cas' && (row?.version ?? 0) !== q.expectedVersion) return null;
    if (q.op === 'fencedSet') {
      const newest = this.fences.get(q.resource) ?? -Infinity;
      if (q.token < newest) {
        this.stats.rejected++;
        this.sim.trace.append({ type: 'log', proc: this.name, text: `refused ${writer}'s write to ${q.key} with token ${q.token}: ${q.resource} is at ${newest}` });
        return 'stale';
      }
      this.fences.set(q.resource, q.token);
      this.sim.trace.append({ type: 'mark', proc: this.name, label: 'fenced-write', data: { resource: q.resource, token: q.token, key: q.key, writer } });
    }
    const version = (row?.version ?? 0) + 1;
    this.rows.set(q.key, { value: q.value, version });
    return version;
  }
}

/** The database is slow to answer or unreachable. */
export class DbError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DbError';
  }
}

/** A database client on one connection, like the Redis client: in order, with a timeout. */
export class DbClient {
  private conn: Connection | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { d: Deferred<DbResult>; timer: ScheduledEvent }>();
  readonly timeout: number;

  constructor(
    private readonly proc: AppProc,
    private readonly server: Proc,
    options: { timeout?: number } = {},
  ) {
    this.timeout = options.timeout ?? 2000;
  }

  /** The row, or null. */
  get(key: string): Promise<Row | null> {
    return this.query({ op: 'get', key }) as Promise<Row | null>;
  }
  /** Writes the row; resolves with its new version. */
  set(key: string, value: string): Promise<number> {
    return this.query({ op: 'set', key, value }) as Promise<number>;
  }
  /** Writes only if the row is at `expectedVersion` (0: absent); the new version, or null. */
  cas(key: string, value: string, expectedVersion: number): Promise<number | null> {
    return this.query({ op: 'cas', key, value, expectedVersion }) as Promise<number | null>;
  }
  /** Writes only if `token` is not older than the newest seen for `resource`; the version, or 'stale'. */
  fencedSet(key: string, value: string, resource: string, token: number): Promise<number | 'stale'> {
    return this.query({ op: 'fencedSet', key, value, resource, token }) as Promise<number | 'stale'>;
  }

  private query(q: DbQuery): Promise<DbResult> {
    const d = this.proc.promise<DbResult>();
    const id = this.nextId++;
    const conn = this.connection();
    const timer = this.proc.timer(this.timeout, () => {
      if (!this.pending.delete(id)) return;
      d.reject(new DbError(`query timed out after ${this.timeout} ms`));
    });
    this.pending.set(id, { d, timer });
    conn.send(this.proc, new DbRequest(id, q));
    return d.promise;
  }

  private connection(): Connection {
    if (this.conn !== null && this.conn.isOpen(this.proc)) return this.conn;
    const conn = this.proc.sim.net.connect(this.proc, this.server, {
      onMessage: (msg) => {
        if (!(msg instanceof DbReply)) return;
        const p = this.pending.get(msg.id);
        if (p === undefined) return;
        this.pending.delete(msg.id);
        p.timer.cancelled = true;
        p.d.resolve(msg.result);
      },
      onClose: (why) => {
        if (this.conn !== conn) return;
        this.conn = null;
        for (const [id, p] of this.pending) {
          this.pending.delete(id);
          p.timer.cancelled = true;
          p.d.reject(new DbError(why === 'refused' ? 'connection refused' : 'connection lost'));
        }
      },
    });
    this.conn = conn;
    return conn;
  }
}
