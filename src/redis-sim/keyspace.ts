import { IndexedMap } from './structures/indexed-map.js';
import type { RedisValue, TypeName } from './values.js';
import type { Random } from './random.js';

/**
 * One logical database: keys to entries, and the subset of keys that carry a TTL. Both are
 * IndexedMaps so RANDOMKEY and the active expiry cycle sample in O(1). The keyspace knows nothing
 * of commands, events or watchers: the server wraps it with those.
 */
export interface Entry {
  value: RedisValue;
  /**
   * value.type, kept beside it: every command checks the type, and reading it here is one load
   * on one object shape, where value.type is a lookup across the five value classes.
   */
  type: TypeName;
  /** Absolute expiry in ms, or -1 for none. */
  expireAt: number;
  /** Last access (ms), for OBJECT IDLETIME under an LRU policy. */
  lru: number;
  /** Redis's 8-bit logarithmic access counter and its last decrement time (minutes), for LFU. */
  lfuCounter: number;
  lfuMinutes: number;
}

export class Keyspace {
  entries = new IndexedMap<Entry>();
  expires = new IndexedMap<true>();

  constructor(readonly id: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The entry, ignoring expiry: callers decide about lazy expiry (see RedisServer.lookup). */
  peek(key: string): Entry | undefined {
    return this.entries.get(key);
  }

  /** dbAdd: a new key with no TTL. */
  add(key: string, value: RedisValue, now: number): Entry {
    const entry: Entry = { value, type: value.type, expireAt: -1, lru: now, lfuCounter: 5, lfuMinutes: Math.floor(now / 60000) & 0xffff };
    this.entries.set(key, entry);
    return entry;
  }

  /** Replaces the value of an existing key's entry (setKey): the TTL goes unless keepTtl. */
  replace(key: string, entry: Entry, value: RedisValue, now: number, keepTtl = false): void {
    entry.value = value;
    entry.type = value.type;
    entry.lru = now;
    if (!keepTtl && entry.expireAt >= 0) this.setExpire(key, entry, -1);
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    if (entry.expireAt >= 0) this.expires.delete(key);
    this.entries.delete(key);
    return true;
  }

  setExpire(key: string, entry: Entry, when: number): void {
    if (when < 0) this.expires.delete(key);
    else this.expires.set(key, true);
    entry.expireAt = when;
  }

  randomKey(random: Random): string | undefined {
    return this.entries.randomKey(random);
  }

  /** SWAPDB: the two databases exchange their contents in O(1); ids stay. */
  swapContents(other: Keyspace): void {
    [this.entries, other.entries] = [other.entries, this.entries];
    [this.expires, other.expires] = [other.expires, this.expires];
  }

  clear(): void {
    this.entries.clear();
    this.expires.clear();
  }
}

/** Redis keeps the expiry strict: a key is gone only once now is past its expiry time. */
export const isExpired = (entry: Entry, now: number): boolean => entry.expireAt >= 0 && now > entry.expireAt;
