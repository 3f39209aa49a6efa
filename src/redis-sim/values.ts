import { Deque } from './structures/deque.js';
import { IndexedMap } from './structures/indexed-map.js';
import { SkipList } from './structures/skiplist.js';
import { parseInt64 } from './numbers.js';
import type { Random } from './random.js';
import type { Config } from './config.js';

/**
 * The five value types and the encoding each would have in Redis 7.0. Encodings are reported,
 * not simulated byte for byte: each value tracks the one Redis would use, converting one way
 * (small → large) at the thresholds CONFIG sets, exactly when Redis converts.
 */
export type RedisValue = StringValue | ListValue | SetValue | HashValue | ZSetValue;
export type TypeName = RedisValue['type'];

export class StringValue {
  readonly type = 'string';
  /** `raw` once APPEND/SETRANGE built it in place; otherwise chosen from the content. */
  constructor(
    public bytes: string,
    public encoding: 'int' | 'embstr' | 'raw' = encodeString(bytes),
  ) {}
}

/** tryObjectEncoding: integers of up to 20 chars are `int`, up to 44 bytes `embstr`, else `raw`. */
export function encodeString(bytes: string): 'int' | 'embstr' | 'raw' {
  if (bytes.length <= 20 && parseInt64(bytes) !== null) return 'int';
  return bytes.length <= 44 ? 'embstr' : 'raw';
}

export class ListValue {
  readonly type = 'list';
  readonly items = new Deque<string>();
  get encoding(): 'quicklist' {
    return 'quicklist';
  }
}

export class SetValue {
  readonly type = 'set';
  readonly members = new IndexedMap<true>();
  encoding: 'intset' | 'hashtable' = 'intset';

  /** Adds a member; returns whether it was new. Converts intset → hashtable as Redis does. */
  add(member: string, config: Config): boolean {
    if (this.encoding === 'intset' && parseInt64(member) === null) this.encoding = 'hashtable';
    const added = this.members.set(member, true);
    if (this.encoding === 'intset' && this.members.size > config.int('set-max-intset-entries'))
      this.encoding = 'hashtable';
    return added;
  }
}

export class HashValue {
  readonly type = 'hash';
  readonly fields = new IndexedMap<string>();
  encoding: 'listpack' | 'hashtable' = 'listpack';

  /** hashTypeTryConversion: any field or value longer than the limit converts before writing. */
  noteLengths(strings: readonly string[], from: number, config: Config): void {
    if (this.encoding !== 'listpack') return;
    const max = config.int('hash-max-listpack-value');
    for (let i = from; i < strings.length; i++) {
      if (strings[i]!.length > max) {
        this.encoding = 'hashtable';
        return;
      }
    }
  }

  set(field: string, value: string, config: Config): boolean {
    const added = this.fields.set(field, value);
    if (this.encoding === 'listpack' && this.fields.size > config.int('hash-max-listpack-entries'))
      this.encoding = 'hashtable';
    return added;
  }
}

export class ZSetValue {
  readonly type = 'zset';
  readonly scores = new Map<string, number>();
  readonly list: SkipList;
  encoding: 'listpack' | 'skiplist';

  /** zsetTypeCreate: the creating command's element count and longest member pick the encoding. */
  constructor(random: Random, config: Config, sizeHint = 0, maxLenHint = 0) {
    this.list = new SkipList(random);
    const maxEntries = config.int('zset-max-listpack-entries');
    this.encoding =
      maxEntries === 0 || sizeHint > maxEntries || maxLenHint > config.int('zset-max-listpack-value')
        ? 'skiplist'
        : 'listpack';
  }

  get size(): number {
    return this.scores.size;
  }

  /** Inserts or rescores a member. */
  set(member: string, score: number, config: Config): void {
    const old = this.scores.get(member);
    if (old === undefined) {
      this.scores.set(member, score);
      this.list.insert(score, member);
      if (
        this.encoding === 'listpack' &&
        (this.scores.size > config.int('zset-max-listpack-entries') ||
          member.length > config.int('zset-max-listpack-value'))
      )
        this.encoding = 'skiplist';
    } else if (old !== score) {
      this.scores.set(member, score);
      this.list.updateScore(old, member, score);
    }
  }

  delete(member: string): boolean {
    const score = this.scores.get(member);
    if (score === undefined) return false;
    this.scores.delete(member);
    this.list.delete(score, member);
    return true;
  }

  /** zsetConvertToListpackIfNeeded, applied to freshly stored results (ZUNIONSTORE & co.). */
  shrinkEncodingIfSmall(config: Config): void {
    if (this.scores.size > config.int('zset-max-listpack-entries')) return;
    for (const m of this.scores.keys()) if (m.length > config.int('zset-max-listpack-value')) return;
    this.encoding = 'listpack';
  }
}

export function sizeOf(value: RedisValue): number {
  switch (value.type) {
    case 'string':
      return value.bytes.length;
    case 'list':
      return value.items.length;
    case 'set':
      return value.members.size;
    case 'hash':
      return value.fields.size;
    case 'zset':
      return value.scores.size;
  }
}
