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
  | Base<'send', { to: string; conn: number; msg: Message }>
  | Base<'deliver', { from: string; conn: number; msg: Message }>
  | Base<'drop', { to: string; conn: number; msg: Message; reason: DropReason }>
  | Base<'connection', { peer: string; conn: number; event: 'open' | 'closed' | 'refused' | 'reset' }>
  | Base<'command', { client: string; argv: readonly string[]; reply: Reply }>
  | Base<'zk-op', { client: string; op: string; path: string | null; result: string }>
  | Base<'watch', { event: string; path: string | null; session: string }>
  | Base<'session', { state: string; session: string | null; server: string }>
  | Base<'fault', { fault: string; detail: string }>
  | Base<'log', { text: string }>
  | Base<'mark', { label: string; data: Readonly<Record<string, unknown>> }>
  | Base<'check', { name: string; ok: boolean; explanation: string }>;

export type ProcessKind = 'redis' | 'zookeeper' | 'app';
export type DropReason = 'connection closed' | 'process crashed' | 'partition';
export type TraceType = TraceRecord['type'];

type Base<T extends string, F> = { step: number; time: number; readonly proc: string; readonly type: T } & {
  readonly [K in keyof F]: F[K];
};

/** What a record says, without the stamp the trace adds. */
export type TraceInput = TraceRecord extends infer R ? (R extends TraceRecord ? Omit<R, 'step' | 'time'> : never) : never;

export class Trace {
  private readonly list: TraceRecord[] = [];
  private readonly subject = new Subject<TraceRecord>();
  /** Every record as it is appended. */
  readonly records$: Observable<TraceRecord> = this.subject.asObservable();

  /** Called with each record before subscribers see it (the checkers). */
  listener: ((r: TraceRecord) => void) | undefined;

  constructor(private readonly stamp: () => { step: number; time: number }) {}

  append(input: TraceInput): TraceRecord {
    const { step, time } = this.stamp();
    // Stamped in place: a copy per record is measurable at hundreds of thousands of records a second.
    const record = input as TraceRecord & { step: number; time: number };
    record.step = step;
    record.time = time;
    this.list.push(record);
    this.listener?.(record);
    if (this.subject.observed) this.subject.next(record);
    return record;
  }

  get length(): number {
    return this.list.length;
  }

  get records(): readonly TraceRecord[] {
    return this.list;
  }

  /** The records of the last `n` (recent history for a view). */
  tail(n: number): readonly TraceRecord[] {
    return this.list.slice(Math.max(0, this.list.length - n));
  }

  /** One JSON object per line. */
  toJSONL(): string {
    let out = '';
    for (const r of this.list) out += toJSON(r) + '\n';
    return out;
  }

  /** FNV-1a (64-bit) over the JSON Lines export, as 16 hex digits. */
  hash(): string {
    let h = 0xcbf29ce484222325n;
    const prime = 0x100000001b3n;
    const mask = 0xffffffffffffffffn;
    // 32-bit halves keep the loop in small integers; fold each line's 32-bit hash into 64 bits.
    for (const r of this.list) {
      const line = toJSON(r);
      let x = 0x811c9dc5;
      for (let i = 0; i < line.length; i++) {
        x ^= line.charCodeAt(i);
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

/** JSON for a record: messages by their label, bigints as decimal strings, replies as they are. */
export function toJSON(r: TraceRecord): string {
  const { step, time, ...rest } = r; // step and time lead each line
  return JSON.stringify({ step, time, ...rest }, (k, v: unknown) => (typeof v === 'bigint' ? v.toString() : k === 'msg' ? (v as Message).label : v));
}
