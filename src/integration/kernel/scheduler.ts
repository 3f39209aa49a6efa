/**
 * The event queue: a binary min-heap ordered by (time, sequence number). Sequence numbers are
 * handed out in scheduling order, so two events at the same millisecond run in the order they
 * were scheduled, on every run.
 */
export interface ScheduledEvent {
  readonly at: number;
  readonly seq: number;
  readonly run: () => void;
  /** Cancelled events are skipped when they reach the head (cheaper than removing them). */
  cancelled: boolean;
}

export class Scheduler {
  private readonly heap: ScheduledEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  schedule(at: number, run: () => void): ScheduledEvent {
    const e: ScheduledEvent = { at, seq: this.seq++, run, cancelled: false };
    const h = this.heap;
    let i = h.length;
    h.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(e, h[p]!)) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = e;
    return e;
  }

  /** The next live event, without removing it (cancelled ones at the head are discarded). */
  peek(): ScheduledEvent | undefined {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
    return this.heap[0];
  }

  pop(): ScheduledEvent | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(h[r]!, h[l]!) ? r : l;
      if (!before(h[c]!, last)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
    return top;
  }
}

function before(x: ScheduledEvent, y: ScheduledEvent): boolean {
  return x.at < y.at || (x.at === y.at && x.seq < y.seq);
}
