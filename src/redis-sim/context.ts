import { ERR, fail } from './errors.js';
import { isExpired, type Entry, type Keyspace } from './keyspace.js';
import type { Random } from './random.js';
import type { Config } from './config.js';
import type { Client, RedisServer } from './server.js';
import { sizeOf, type HashValue, type ListValue, type RedisValue, type SetValue, type StringValue, type TypeName, type ZSetValue } from './values.js';

interface ValueOfType {
  string: StringValue;
  list: ListValue;
  set: SetValue;
  hash: HashValue;
  zset: ZSetValue;
}

/**
 * What a command handler sees: the calling client, its database, the time of this command, and
 * the keyspace operations with Redis's side effects attached in one place (lazy expiry, LRU/LFU
 * touch, hit/miss stats, WRONGTYPE, WATCH invalidation, keyspace events).
 */
export class Ctx {
  /** The time of this command: read once, as Redis caches it per command. */
  now = 0;

  constructor(
    readonly server: RedisServer,
    readonly client: Client,
  ) {}

  get db(): Keyspace {
    return this.server.dbs[this.client.db]!;
  }
  get config(): Config {
    return this.server.config;
  }
  get random(): Random {
    return this.server.random;
  }

  /** lookupKey without side effects other than lazy expiry. */
  lookup(key: string, db: Keyspace = this.db): Entry | undefined {
    const entry = db.peek(key);
    if (entry === undefined || !isExpired(entry, this.now)) return entry;
    this.server.expire(db, key, 'lazy');
    return undefined;
  }

  /** lookupKeyRead: counts a hit or miss and touches the key (unless told not to: LOOKUP_NOTOUCH). */
  lookupRead(key: string, db: Keyspace = this.db, touch = true): Entry | undefined {
    const entry = this.lookup(key, db);
    if (entry) {
      this.server.stats.keyspaceHits++;
      if (touch) this.server.touch(entry, this.now);
    } else {
      this.server.stats.keyspaceMisses++;
      if (this.config.notify.has('m')) this.server.notify('m', 'keymiss', key, db.id);
    }
    return entry;
  }

  /** lookupKeyWrite: touches the key, no stats. */
  lookupWrite(key: string, db: Keyspace = this.db): Entry | undefined {
    const entry = this.lookup(key, db);
    if (entry) this.server.touch(entry, this.now);
    return entry;
  }

  /** The value at key for reading, checked against the type the command needs. */
  read<T extends TypeName>(key: string, type: T): ValueOfType[T] | undefined {
    const entry = this.lookupRead(key);
    if (entry === undefined) return undefined;
    if (entry.type !== type) fail(ERR.wrongType);
    return entry.value as ValueOfType[T];
  }

  /** The value at key for writing, checked against the type the command needs. */
  write<T extends TypeName>(key: string, type: T): ValueOfType[T] | undefined {
    const entry = this.lookupWrite(key);
    if (entry === undefined) return undefined;
    if (entry.type !== type) fail(ERR.wrongType);
    return entry.value as ValueOfType[T];
  }

  /** dbAdd: creates a key that does not exist. */
  create<V extends RedisValue>(key: string, value: V, db: Keyspace = this.db): V {
    db.add(key, value, this.now);
    this.server.notify('n', 'new', key, db.id);
    return value;
  }

  /**
   * setKey: stores a value whatever was there (the TTL goes unless keepTtl). A caller that has
   * just looked the key up passes what it found, saving a second lookup.
   */
  store(key: string, value: RedisValue, keepTtl = false, db: Keyspace = this.db, entry = this.lookup(key, db)): void {
    if (entry !== undefined) {
      db.replace(key, entry, value, this.now, keepTtl);
    } else {
      db.add(key, value, this.now);
      this.server.notify('n', 'new', key, db.id);
    }
    this.server.touchWatched(db.id, key);
  }

  /** dbDelete + signalModifiedKey; the caller emits the event that fits ('del', 'rename_from' …). */
  remove(key: string, db: Keyspace = this.db): boolean {
    const removed = db.delete(key);
    if (removed) this.server.touchWatched(db.id, key);
    return removed;
  }

  /** signalModifiedKey + notifyKeyspaceEvent, what every write does after changing a key. */
  changed(cls: string, event: string, key: string, db: Keyspace = this.db): void {
    this.server.touchWatched(db.id, key);
    this.server.notify(cls, event, key, db.id);
  }

  /** Emits an event without touching watchers (for a key that was already signalled). */
  notify(cls: string, event: string, key: string, db: Keyspace = this.db): void {
    this.server.notify(cls, event, key, db.id);
  }

  /** Removing a collection's last element deletes the key, with a generic 'del' event. */
  deleteIfEmpty(key: string, value: RedisValue, db: Keyspace = this.db): boolean {
    if (sizeOf(value) !== 0) return false;
    db.delete(key);
    this.server.notify('g', 'del', key, db.id);
    return true;
  }
}
