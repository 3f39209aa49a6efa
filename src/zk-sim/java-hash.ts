/**
 * java.util.HashSet<String>'s iteration order, reproduced.
 *
 * ZooKeeper keeps a znode's children, a session's ephemerals and the container reaper's
 * candidates in HashSets, and hands them out in HashSet order: getChildren's list (zkCli sorts it
 * for `ls`, the API does not), getEphemerals (zkCli prints it as is), the order in which a closing
 * session's ephemerals are deleted (and so the order of their NodeDeleted events), and the order
 * in which empty containers are reaped. That order is deterministic: bucket index
 * `(h ^ (h >>> 16)) & (capacity - 1)` of String.hashCode, then insertion order within a bucket,
 * with the capacity grown (never shrunk) at 0.75 load. So this class is a tiny HashMap: the same
 * table sizes, resize points and bucket chains, hence the same order, cheaply (iteration is a walk
 * over the table, no sorting). The one thing left out is treeified bins (8+ keys colliding in one
 * bucket of a 64+ table), whose order can differ; it does not happen with realistic names.
 */

/** String.hashCode: s[0]*31^(n-1) + … + s[n-1], in 32-bit arithmetic over UTF-16 units. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** HashMap.hash: the high half folded into the low half. */
function spread(h: number): number {
  return h ^ (h >>> 16);
}

/** HashMap.tableSizeFor: the smallest power of two ≥ c (at least 1). */
export function tableSizeFor(c: number): number {
  let n = 1;
  while (n < c) n *= 2;
  return n;
}

const MAX_CAPACITY = 1 << 30;

/** A bucket: empty, one key (its spread hash in `hashes`), or a chain of keys and their hashes. */
type Chain = { keys: string[]; hashes: number[] };
type Slot = string | Chain | undefined;

export class JavaHashSet implements Iterable<string> {
  private table: Slot[] | null = null;
  /** The spread hash of a bucket's single key, so a resize need not hash every key again. */
  private hashes: Int32Array | null = null;
  /** As in HashMap: before the first insert, the initial capacity waits here. */
  private threshold: number;
  private count = 0;

  /** `new HashSet<>()` (no argument) or `new HashSet<>(initialCapacity)`. */
  constructor(initialCapacity?: number) {
    this.threshold = initialCapacity === undefined ? 0 : tableSizeFor(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  /** The table length HashMap would have now (0 before the first insert). */
  get capacity(): number {
    return this.table === null ? 0 : this.table.length;
  }

  has(key: string): boolean {
    const t = this.table;
    if (t === null) return false;
    const slot = t[spread(javaStringHash(key)) & (t.length - 1)];
    if (slot === undefined) return false;
    if (typeof slot === 'string') return slot === key;
    return slot.keys.includes(key);
  }

  /** Adds `key` at the tail of its bucket; false if it was already there. */
  add(key: string): boolean {
    if (this.table === null) this.resize();
    const t = this.table!;
    const h = spread(javaStringHash(key));
    const i = h & (t.length - 1);
    const slot = t[i];
    if (slot === undefined) {
      t[i] = key;
      this.hashes![i] = h;
    } else if (typeof slot === 'string') {
      if (slot === key) return false;
      t[i] = { keys: [slot, key], hashes: [this.hashes![i]!, h] };
    } else {
      if (slot.keys.includes(key)) return false;
      slot.keys.push(key);
      slot.hashes.push(h);
    }
    if (++this.count > this.threshold) this.resize();
    return true;
  }

  delete(key: string): boolean {
    const t = this.table;
    if (t === null) return false;
    const i = spread(javaStringHash(key)) & (t.length - 1);
    const slot = t[i];
    if (slot === undefined) return false;
    if (typeof slot === 'string') {
      if (slot !== key) return false;
      t[i] = undefined;
    } else {
      const j = slot.keys.indexOf(key);
      if (j < 0) return false;
      slot.keys.splice(j, 1);
      slot.hashes.splice(j, 1);
      if (slot.keys.length === 1) {
        t[i] = slot.keys[0];
        this.hashes![i] = slot.hashes[0]!;
      }
    }
    this.count--;
    return true;
  }

  /** HashMap.resize: double the table; each bucket splits into a low and a high one, in order. */
  private resize(): void {
    const old = this.table;
    const oldHashes = this.hashes;
    const oldCap = old === null ? 0 : old.length;
    const oldThr = this.threshold;
    let newCap: number;
    let newThr = 0;
    if (oldCap > 0) {
      if (oldCap >= MAX_CAPACITY) {
        this.threshold = 0x7fffffff;
        return;
      }
      newCap = oldCap * 2;
      if (newCap < MAX_CAPACITY && oldCap >= 16) newThr = oldThr * 2;
    } else if (oldThr > 0) newCap = oldThr;
    else {
      newCap = 16;
      newThr = 12;
    }
    if (newThr === 0) newThr = Math.trunc(Math.fround(newCap * 0.75));
    this.threshold = newThr;
    const t: Slot[] = new Array(newCap);
    const hs = new Int32Array(newCap);
    this.table = t;
    this.hashes = hs;
    if (old === null) return;
    const mask = newCap - 1;
    const put = (key: string, h: number) => {
      const j = h & mask;
      const cur = t[j];
      if (cur === undefined) {
        t[j] = key;
        hs[j] = h;
      } else if (typeof cur === 'string') t[j] = { keys: [cur, key], hashes: [hs[j]!, h] };
      else {
        cur.keys.push(key);
        cur.hashes.push(h);
      }
    };
    for (let i = 0; i < oldCap; i++) {
      const slot = old[i];
      if (slot === undefined) continue;
      if (typeof slot === 'string') {
        const h = oldHashes![i]!;
        t[h & mask] = slot;
        hs[h & mask] = h;
        continue;
      }
      for (let k = 0; k < slot.keys.length; k++) put(slot.keys[k]!, slot.hashes[k]!);
    }
  }

  *[Symbol.iterator](): Iterator<string> {
    const t = this.table;
    if (t === null) return;
    for (let i = 0; i < t.length; i++) {
      const slot = t[i];
      if (slot === undefined) continue;
      if (typeof slot === 'string') yield slot;
      else yield* slot.keys;
    }
  }

  /** The keys in iteration order, as a new array (ArrayList(set)). */
  toArray(): string[] {
    const out: string[] = new Array(this.count);
    const t = this.table;
    if (t === null) return out;
    let k = 0;
    for (let i = 0; i < t.length; i++) {
      const slot = t[i];
      if (slot === undefined) continue;
      if (typeof slot === 'string') out[k++] = slot;
      else for (let j = 0; j < slot.keys.length; j++) out[k++] = slot.keys[j]!;
    }
    return out;
  }

  /**
   * HashSet.clone()'s iteration order: HashMap.clone pre-sizes a fresh table for the current size
   * (tableSizeFor(size / 0.75 + 1)) and re-inserts the keys in this set's order, so the copy can
   * iterate differently from the original. DataTree.getEphemerals hands out such a clone.
   */
  cloneOrder(): string[] {
    if (this.count === 0) return [];
    const copy = new JavaHashSet(Math.trunc(Math.fround(Math.fround(this.count / 0.75) + 1)));
    for (const key of this) copy.add(key);
    return copy.toArray();
  }

  /** A new HashSet<>() holding `keys` added in order. */
  static of(keys: Iterable<string>): JavaHashSet {
    const s = new JavaHashSet();
    for (const k of keys) s.add(k);
    return s;
  }
}
