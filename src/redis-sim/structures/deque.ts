/**
 * A growable ring buffer: O(1) push and pop at both ends and O(1) indexing, which is what a Redis
 * list needs (LPUSH/RPOP/LINDEX). Middle inserts and removals shift the shorter side, as a
 * quicklist's cost grows with the distance walked, never with work it does not need.
 *
 * The buffer's capacity is always a power of two so a slot is `(head + i) & mask`.
 */
export class Deque<T> {
  private buf: (T | undefined)[];
  private head = 0;
  private len = 0;

  constructor(capacity = 8) {
    let cap = 1;
    while (cap < capacity) cap *= 2;
    this.buf = new Array(cap);
  }

  get length(): number {
    return this.len;
  }

  /** The element at i (0 ≤ i < length); the caller checks bounds. */
  get(i: number): T {
    return this.buf[(this.head + i) & (this.buf.length - 1)] as T;
  }

  /** Replaces the element at i (0 ≤ i < length); the caller checks bounds. */
  set(i: number, v: T): void {
    this.buf[(this.head + i) & (this.buf.length - 1)] = v;
  }

  pushBack(v: T): void {
    if (this.len === this.buf.length) this.grow();
    this.buf[(this.head + this.len) & (this.buf.length - 1)] = v;
    this.len++;
  }

  pushFront(v: T): void {
    if (this.len === this.buf.length) this.grow();
    this.head = (this.head - 1) & (this.buf.length - 1);
    this.buf[this.head] = v;
    this.len++;
  }

  popBack(): T | undefined {
    if (this.len === 0) return undefined;
    this.len--;
    const i = (this.head + this.len) & (this.buf.length - 1);
    const v = this.buf[i];
    this.buf[i] = undefined;
    return v;
  }

  popFront(): T | undefined {
    if (this.len === 0) return undefined;
    const v = this.buf[this.head];
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.len--;
    return v;
  }

  /** Inserts before index i (i === length appends), shifting the shorter side. */
  insert(i: number, v: T): void {
    if (i <= 0) return this.pushFront(v);
    if (i >= this.len) return this.pushBack(v);
    if (i < this.len / 2) {
      this.pushFront(this.get(0));
      for (let k = 1; k < i; k++) this.set(k, this.get(k + 1));
      this.set(i, v);
    } else {
      this.pushBack(this.get(this.len - 1));
      for (let k = this.len - 2; k > i; k--) this.set(k, this.get(k - 1));
      this.set(i, v);
    }
  }

  /** Keeps only the elements for which keep() is true, in order; returns how many were removed. */
  retain(keep: (v: T, i: number) => boolean): number {
    let w = 0;
    const n = this.len;
    for (let r = 0; r < n; r++) {
      const v = this.get(r);
      if (keep(v, r)) {
        if (w !== r) this.set(w, v);
        w++;
      }
    }
    for (let k = w; k < n; k++) this.set(k, undefined as T);
    this.len = w;
    return n - w;
  }

  /**
   * Removes up to `limit` elements for which match() is true (0 = no limit), scanning from the
   * front, or from the back when `fromBack`; returns how many went. The scan stops at the
   * limit and only the scanned stretch moves, so removing a match near either end is cheap
   * (LREM's cost is the distance walked, as in Redis).
   */
  removeMatching(match: (v: T) => boolean, limit = 0, fromBack = false): number {
    const n = this.len;
    const hits: number[] = [];
    let edge = fromBack ? 0 : n; // the scanned stretch is [edge, n) from the back, [0, edge) from the front
    if (fromBack) {
      for (let r = n - 1; r >= 0; r--) {
        if (match(this.get(r))) {
          hits.push(r);
          if (limit > 0 && hits.length === limit) {
            edge = r;
            break;
          }
        }
      }
    } else {
      for (let r = 0; r < n; r++) {
        if (match(this.get(r))) {
          hits.push(r);
          if (limit > 0 && hits.length === limit) {
            edge = r + 1;
            break;
          }
        }
      }
    }
    const removed = hits.length;
    if (removed === 0) return 0;
    if (fromBack) {
      // hits are descending; survivors of [edge, n) close up towards the front of the stretch.
      let h = removed - 1;
      let w = edge;
      for (let r = edge; r < n; r++) {
        if (h >= 0 && hits[h] === r) h--;
        else this.set(w++, this.get(r));
      }
      for (let k = n - removed; k < n; k++) this.set(k, undefined as T);
    } else {
      // hits are ascending; survivors of [0, edge) close up towards the back of the stretch.
      let h = removed - 1;
      let w = edge - 1;
      for (let r = edge - 1; r >= 0; r--) {
        if (h >= 0 && hits[h] === r) h--;
        else this.set(w--, this.get(r));
      }
      for (let k = 0; k < removed; k++) this.set(k, undefined as T);
      this.head = (this.head + removed) & (this.buf.length - 1);
    }
    this.len = n - removed;
    return removed;
  }

  /** Drops `front` elements from the front and `back` from the back. */
  trim(front: number, back: number): void {
    for (let k = 0; k < front && this.len > 0; k++) this.popFront();
    for (let k = 0; k < back && this.len > 0; k++) this.popBack();
  }

  *values(): IterableIterator<T> {
    for (let i = 0; i < this.len; i++) yield this.get(i);
  }

  private grow(): void {
    const old = this.buf;
    const next = new Array<T | undefined>(old.length * 2);
    for (let i = 0; i < this.len; i++) next[i] = old[(this.head + i) & (old.length - 1)];
    this.buf = next;
    this.head = 0;
  }
}
