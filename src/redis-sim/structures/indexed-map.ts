import type { Random } from '../random.js';

/**
 * A Map that can also pick a uniformly random entry in O(1): entries live in a dense array and a
 * delete moves the last entry into the hole. Sets, hashes and the keyspace use it so SPOP,
 * HRANDFIELD, RANDOMKEY and the expiry cycle's sampling cost O(1), not O(n).
 */
export class IndexedMap<V> {
  private readonly index = new Map<string, number>();
  private readonly keyList: string[] = [];
  private readonly valueList: V[] = [];

  get size(): number {
    return this.keyList.length;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  get(key: string): V | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.valueList[i];
  }

  /** Sets key to value; returns true when the key is new. */
  set(key: string, value: V): boolean {
    const i = this.index.get(key);
    if (i !== undefined) {
      this.valueList[i] = value;
      return false;
    }
    this.index.set(key, this.keyList.length);
    this.keyList.push(key);
    this.valueList.push(value);
    return true;
  }

  delete(key: string): boolean {
    const i = this.index.get(key);
    if (i === undefined) return false;
    this.index.delete(key);
    const last = this.keyList.length - 1;
    if (i !== last) {
      const k = this.keyList[last]!;
      this.keyList[i] = k;
      this.valueList[i] = this.valueList[last]!;
      this.index.set(k, i);
    }
    this.keyList.pop();
    this.valueList.pop();
    return true;
  }

  clear(): void {
    this.index.clear();
    this.keyList.length = 0;
    this.valueList.length = 0;
  }

  keyAt(i: number): string {
    return this.keyList[i]!;
  }

  valueAt(i: number): V {
    return this.valueList[i]!;
  }

  randomKey(random: Random): string | undefined {
    return this.keyList.length === 0 ? undefined : this.keyList[random.below(this.keyList.length)];
  }

  /**
   * `count` distinct positions (count <= size) drawn uniformly, in random order, in O(count): a
   * partial Fisher-Yates shuffle of the virtual list 0..size-1 that only remembers the swaps it made.
   * SRANDMEMBER/HRANDFIELD with a positive count use it so a small sample of a big value stays cheap.
   */
  sampleIndexes(random: Random, count: number): number[] {
    const n = this.keyList.length;
    const swaps = new Map<number, number>();
    const out = new Array<number>(count);
    for (let i = 0; i < count; i++) {
      const j = i + random.below(n - i);
      out[i] = swaps.get(j) ?? j;
      swaps.set(j, swaps.get(i) ?? i);
    }
    return out;
  }

  keys(): IterableIterator<string> {
    return this.keyList.values();
  }

  values(): IterableIterator<V> {
    return this.valueList.values();
  }

  *entries(): IterableIterator<[string, V]> {
    for (let i = 0; i < this.keyList.length; i++) yield [this.keyList[i]!, this.valueList[i]!];
  }
}
