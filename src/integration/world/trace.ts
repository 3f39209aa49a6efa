import { Subject, type Observable } from 'rxjs';
import type { Reply } from '../../redis-sim/index.js';
import type { Message } from './process.js';

/**
 * The trace: one record per thing that happened, in the order it happened, each stamped with the
 * kernel step that caused it, the virtual time and the process. Append-only; the same seed and
 * the same inputs give the same records, so `hash()` tells two runs apart in one number.
 */
export type TraceRecord =
  | Base<'process', { event: 'start' | 'exit' | 'error'; kind: ProcessKind; detail?: string }>
  | Base<'send', { to: string; conn: number; msg: string }>
  | Base<'deliver', { from: string; conn: number; msg: string }>
  | Base<'drop', { to: string; conn: number; msg: string; reason: DropReason }>
  | Base<'connection', { peer: string; conn: number; event: 'open' | 'closed' | 'refused' | 'reset' }>
  | Base<'command', { client: string; argv: readonly string[]; reply: Reply }>
  | Base<'zk-op', { client: string; op: string; path: string | null; result: string }>
  | Base<'watch', { event: string; path: string | null; session: string }>
  | Base<'session', { state: string; session: string | null; server: string }>
  | Base<'fault', { fault: string; detail: string }>
  | Base<'log', { text: string }>
  | Base<'mark', { label: string; data: Readonly<Record<string, unknown>> }>
  | Base<'check', { name: string; ok: boolean; explanation: string }>;

/** What a process recorded with ctx.mark(label, data): the facts scenarios and checkers read back. */
export type MarkRecord = Extract<TraceRecord, { type: 'mark' }>;
export type ProcessKind = 'redis' | 'zookeeper' | 'database' | 'app';
export type DropReason = 'connection closed' | 'process crashed' | 'partition';
export type TraceType = TraceRecord['type'];

type Base<T extends string, F> = { step: number; time: number; readonly proc: string; readonly type: T } & {
  readonly [K in keyof F]: F[K];
};

/** What a record says, without the stamp the trace adds. */
export type TraceInput = TraceRecord extends infer R ? (R extends TraceRecord ? Omit<R, 'step' | 'time'> : never) : never;

/**
 * Records are handed to listeners as objects, then stored in columns: a run of an hour makes
 * millions of records, mostly message sends and deliveries, and millions of small live objects
 * would cost more in garbage collection than the simulation itself. Sends, deliveries, Redis
 * commands and ZooKeeper requests are kept as numbers plus the few references they need; other
 * records as they are. `at(i)` rebuilds a record.
 */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;
const OBJECT = 0;
const SEND = 1;
const DELIVER = 2;
const COMMAND = 3;
const ZK_OP = 4;

export class Trace {
  private n = 0;
  /** Columns in chunks of CHUNK rows (growing never copies). */
  private readonly steps: Float64Array[] = [];
  private readonly times: Float64Array[] = [];
  private readonly kinds: Uint8Array[] = [];
  private readonly procs: Uint16Array[] = [];
  private readonly peers: Uint16Array[] = [];
  private readonly conns: Uint32Array[] = [];
  /** Per row: a send's or delivery's label, a command's argv, a zk-op's path; other records whole. */
  private readonly refs: unknown[] = [];
  /** What else a command (its reply) or a zk-op (op, result) needs; `conns` holds where. */
  private readonly aux: unknown[] = [];
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();
  private readonly cache: TraceRecord[] = [];
  private readonly subject = new Subject<TraceRecord>();
  /** Every record as it is appended. */
  readonly records$: Observable<TraceRecord> = this.subject.asObservable();
  /** Called with each record before subscribers see it (the checkers). */
  listener: ((r: TraceRecord) => void) | undefined;
  /** Whether the listener needs message records as objects (no checker, no subscriber: no). */
  listenerWants: () => boolean = () => this.listener !== undefined;

  /**
   * While a world is rebuilt (a seek back), the trace of the run it replaces: up to the step
   * being rebuilt its records are this run's, record for record (the run is deterministic), so
   * they are counted here and read from there, and copied over once the rebuild is done.
   */
  private source: Trace | undefined;

  constructor(private readonly clock: { readonly step: number; now(): number }) {}

  /** Starts a rebuild that replays the run whose trace is `source`. */
  follow(source: Trace): void {
    this.source = source;
  }

  /** Ends the rebuild: the records replayed so far are copied from the run replaced. */
  unfollow(): void {
    const src = this.source;
    if (src === undefined) return;
    this.source = undefined;
    this.copyPrefix(src, this.n);
  }

  append(input: TraceInput): TraceRecord {
    // Stamped in place: the caller's object is fresh, and a copy per record is measurable.
    const record = input as TraceRecord;
    record.step = this.clock.step;
    record.time = this.clock.now();
    if (this.source !== undefined) this.n++;
    else this.store(record);
    this.listener?.(record);
    if (this.subject.observed) this.subject.next(record);
    return record;
  }

  /**
   * A message sent or delivered: the most frequent records by far, so when nobody is listening
   * they go straight into the columns, without an object.
   */
  message(type: 'send' | 'deliver', proc: string, peer: string, conn: number, message: Message): void {
    if (this.subject.observed || this.listenerWants()) {
      const msg = message.label;
      this.append(type === 'send' ? { type, proc, to: peer, conn, msg } : { type, proc, from: peer, conn, msg });
      return;
    }
    if (this.source !== undefined) this.n++;
    else this.row(type === 'send' ? SEND : DELIVER, this.clock.step, this.clock.now(), proc, peer, conn, message.label);
  }

  /** Takes `src`'s first `count` records as this trace's own. */
  private copyPrefix(src: Trace, count: number): void {
    this.names.push(...src.names.slice(this.names.length));
    for (const [name, id] of src.nameIds) this.nameIds.set(name, id);
    const chunks = Math.ceil(count / CHUNK);
    const copy = <A extends Float64Array | Uint8Array | Uint16Array | Uint32Array>(from: A[], to: A[]) => {
      to.length = 0;
      for (let c = 0; c < chunks; c++) to.push(from[c]!.slice() as A);
    };
    copy(src.steps, this.steps);
    copy(src.times, this.times);
    copy(src.kinds, this.kinds);
    copy(src.procs, this.procs);
    copy(src.peers, this.peers);
    copy(src.conns, this.conns);
    this.refs.length = 0;
    for (let i = 0; i < count; i++) this.refs.push(src.refs[i]);
    // Auxiliary entries grow with the rows: the first command or request after the prefix says where it ends.
    let auxEnd = src.aux.length;
    for (let i = count; i < src.n; i++) {
      const k = src.kinds[i >>> CHUNK_BITS]![i & CHUNK_MASK];
      if (k === COMMAND || k === ZK_OP) {
        auxEnd = src.conns[i >>> CHUNK_BITS]![i & CHUNK_MASK]!;
        break;
      }
    }
    this.aux.length = 0;
    for (let i = 0; i < auxEnd; i++) this.aux.push(src.aux[i]);
    this.n = count;
  }

  private store(r: TraceRecord): void {
    switch (r.type) {
      case 'send':
        return this.row(SEND, r.step, r.time, r.proc, r.to, r.conn, r.msg);
      case 'deliver':
        return this.row(DELIVER, r.step, r.time, r.proc, r.from, r.conn, r.msg);
      case 'command':
        return this.row(COMMAND, r.step, r.time, r.proc, r.client, this.aux.push(r.reply) - 1, r.argv);
      case 'zk-op':
        return this.row(ZK_OP, r.step, r.time, r.proc, r.client, this.aux.push(r.op, r.result) - 2, r.path);
      default:
        return this.row(OBJECT, r.step, r.time, '', '', 0, r);
    }
  }

  /** Appends one row; `peer` and `conn` mean what the kind says (see `at`). */
  private row(kind: number, step: number, time: number, proc: string, peer: string, conn: number, ref: unknown): void {
    const i = this.n++;
    const c = i >>> CHUNK_BITS;
    const j = i & CHUNK_MASK;
    if (j === 0) this.addChunk();
    this.steps[c]![j] = step;
    this.times[c]![j] = time;
    this.kinds[c]![j] = kind;
    if (kind !== OBJECT) {
      this.procs[c]![j] = this.id(proc);
      this.peers[c]![j] = this.id(peer);
      this.conns[c]![j] = conn;
    }
    this.refs.push(ref);
  }

  private addChunk(): void {
    this.steps.push(new Float64Array(CHUNK));
    this.times.push(new Float64Array(CHUNK));
    this.kinds.push(new Uint8Array(CHUNK));
    this.procs.push(new Uint16Array(CHUNK));
    this.peers.push(new Uint16Array(CHUNK));
    this.conns.push(new Uint32Array(CHUNK));
  }

  private id(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.push(name) - 1;
      this.nameIds.set(name, id);
    }
    return id;
  }

  get length(): number {
    return this.n;
  }

  /** Record `i` (negative counts from the end). */
  at(i: number): TraceRecord | undefined {
    if (i < 0) i += this.n;
    if (i < 0 || i >= this.n) return undefined;
    if (this.source !== undefined) return this.source.at(i);
    const c = i >>> CHUNK_BITS;
    const j = i & CHUNK_MASK;
    const kind = this.kinds[c]![j];
    if (kind === OBJECT) return this.refs[i] as TraceRecord;
    const step = this.steps[c]![j]!;
    const time = this.times[c]![j]!;
    const proc = this.names[this.procs[c]![j]!]!;
    const peer = this.names[this.peers[c]![j]!]!;
    const conn = this.conns[c]![j]!;
    // Fields in the order their writers give them, so JSON is the same either way.
    switch (kind) {
      case SEND:
        return { type: 'send', proc, to: peer, conn, msg: this.refs[i] as string, step, time };
      case DELIVER:
        return { type: 'deliver', proc, from: peer, conn, msg: this.refs[i] as string, step, time };
      case COMMAND:
        return { type: 'command', proc, client: peer, argv: this.refs[i] as string[], reply: this.aux[conn] as Reply, step, time };
      default:
        return { type: 'zk-op', proc, client: peer, op: this.aux[conn] as string, path: this.refs[i] as string | null, result: this.aux[conn + 1] as string, step, time };
    }
  }

  /** Every record, as an array (built on demand and kept: prefer `at` and `tail` on long runs). */
  get records(): readonly TraceRecord[] {
    for (let i = this.cache.length; i < this.n; i++) this.cache.push(this.at(i)!);
    return this.cache;
  }

  /** The last `n` records (recent history for a view). */
  tail(n: number): TraceRecord[] {
    const out: TraceRecord[] = [];
    for (let i = Math.max(0, this.n - n); i < this.n; i++) out.push(this.at(i)!);
    return out;
  }

  /** One JSON object per line. */
  toJSONL(): string {
    const lines: string[] = [];
    for (let i = 0; i < this.n; i++) lines.push(toJSON(this.at(i)!));
    return lines.length === 0 ? '' : lines.join('\n') + '\n';
  }

  /** FNV-1a (64-bit) over the JSON Lines export, as 16 hex digits. */
  hash(): string {
    let h = 0xcbf29ce484222325n;
    const prime = 0x100000001b3n;
    const mask = 0xffffffffffffffffn;
    // 32-bit FNV-1a per line keeps the loop in small integers; each line's hash folds into 64 bits.
    for (let i = 0; i < this.n; i++) {
      const line = toJSON(this.at(i)!);
      let x = 0x811c9dc5;
      for (let j = 0; j < line.length; j++) {
        x ^= line.charCodeAt(j);
        x = Math.imul(x, 0x01000193);
      }
      h = ((h ^ BigInt(x >>> 0)) * prime) & mask;
      h = ((h ^ BigInt(line.length)) * prime) & mask;
    }
    return h.toString(16).padStart(16, '0');
  }

  complete(): void {
    this.subject.complete();
  }
}

/** JSON for a record: step and time first, bigints as decimal strings, replies as they are. */
export function toJSON(r: TraceRecord): string {
  const { step, time, ...rest } = r;
  return JSON.stringify({ step, time, ...rest }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
