import { Deque } from './structures/deque.js';
import { IndexedMap } from './structures/indexed-map.js';
import { SortedBlocks } from './structures/sorted-blocks.js';
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

/**
 * A set. Members are kept in an IndexedMap whatever the encoding (so SPOP and SRANDMEMBER pick in
 * O(1)); `encoding` is what Redis would be using. An intset holds only members that are canonical
 * int64 strings (string2ll), so string identity and integer identity coincide.
 */
export class SetValue {
  readonly type = 'set';
  readonly members = new IndexedMap<true>();
  /** A new set starts as an intset (setTypeCreate on an integer, or the STORE commands' createIntsetObject). */
  encoding: 'intset' | 'hashtable' = 'intset';

  get size(): number {
    return this.members.size;
  }

  has(member: string): boolean {
    return this.members.has(member);
  }

  /**
   * setTypeAdd: returns whether the member was new. A non-integer converts an intset to a hash
   * table, and so does growing past set-max-intset-entries (Redis caps that setting at 2^30).
   * Converting is one-way: removing members never brings an intset back.
   */
  add(member: string, config: Config): boolean {
    if (this.encoding === 'intset' && parseInt64(member) === null) this.encoding = 'hashtable';
    const added = this.members.set(member, true);
    if (added && this.encoding === 'intset' && this.members.size > Math.min(config.int('set-max-intset-entries'), 2 ** 30))
      this.encoding = 'hashtable';
    return added;
  }

  delete(member: string): boolean {
    return this.members.delete(member);
  }

  /** setTypeRandomElement: a uniformly random member of a non-empty set. */
  random(random: Random): string {
    return this.members.randomKey(random)!;
  }

  /** `count` (<= size) distinct members, uniformly, in O(count). */
  sample(random: Random, count: number): string[] {
    return this.members.sampleIndexes(random, count).map((i) => this.members.keyAt(i));
  }

  /**
   * The members in the order Redis iterates them: an intset is a sorted array of integers, so its
   * members come out ascending (what SMEMBERS shows for a small integer set); a hash table has its
   * own order, here insertion order (deletes move the last member into the hole).
   */
  ordered(): Iterable<string> {
    return this.encoding === 'intset' ? sortIntegers(this.members.keys()) : this.members.keys();
  }

  /**
   * The encoding a set rebuilt from scratch with these members would get (SPOP rebuilds the
   * survivors into a new set when it pops most of a set): intset when every member is an integer
   * and they fit set-max-intset-entries. This is the only way back from hashtable to intset.
   */
  reencode(config: Config): void {
    this.encoding = 'intset';
    if (this.members.size > Math.min(config.int('set-max-intset-entries'), 2 ** 30)) this.encoding = 'hashtable';
    else for (const m of this.members.keys()) if (parseInt64(m) === null) { this.encoding = 'hashtable'; break; }
  }
}

/** Canonical int64 strings in numeric order. */
function sortIntegers(members: Iterable<string>): string[] {
  const parsed = Array.from(members, (m) => [parseInt64(m)!, m] as const);
  parsed.sort(([a], [b]) => (typeof a === 'number' && typeof b === 'number' ? a - b : BigInt(a) < BigInt(b) ? -1 : 1));
  return parsed.map((p) => p[1]);
}

export class HashValue {
  readonly type = 'hash';
  readonly fields = new IndexedMap<string>();
  encoding: 'listpack' | 'hashtable' = 'listpack';

  /**
   * hashTypeSet: a field or value longer than hash-max-listpack-value converts the listpack before
   * writing (HSET checks all its arguments first, HINCRBY* check here, so the field name or the
   * new number counts too); more than hash-max-listpack-entries fields after writing, even by an
   * update, converts as well. One-way: deleting fields never brings a listpack back.
   */
  set(field: string, value: string, config: Config): boolean {
    if (this.encoding === 'listpack') {
      const max = config.int('hash-max-listpack-value');
      if (field.length > max || value.length > max) this.encoding = 'hashtable';
    }
    const added = this.fields.set(field, value);
    if (this.encoding === 'listpack' && this.fields.size > config.int('hash-max-listpack-entries'))
      this.encoding = 'hashtable';
    return added;
  }
}

export class ZSetValue {
  readonly type = 'zset';
  /** member → score: ZSCORE in O(1), and the key every lookup in the order needs. */
  readonly scores = new Map<string, number>();
  /** The same members ordered by (score, member), with O(log n) ranks. */
  readonly list = new SortedBlocks();
  /**
   * The encoding Redis 7.0 would use. Both are held the same way here (map + order); what a
   * client can observe of the difference is OBJECT ENCODING, ZSCAN (a listpack comes back whole),
   * the order the lex commands scan in, and a listpack storing -0 as the integer 0.
   */
  encoding: 'listpack' | 'skiplist';

  /**
   * 7.0's ZADD on a new key: a skiplist at once when listpacks are off (max-entries 0) or the
   * first member is longer than zset-max-listpack-value, a listpack otherwise. (7.2's
   * zsetTypeCreate sizes it from the whole command instead: 7.0 does not.)
   */
  constructor(config: Config, firstMemberLength = 0) {
    this.encoding =
      config.int('zset-max-listpack-entries') === 0 || firstMemberLength > config.int('zset-max-listpack-value')
        ? 'skiplist'
        : 'listpack';
  }

  get size(): number {
    return this.scores.size;
  }

  /** A listpack keeps integral scores as integers (double2ll), so -0 comes back as 0. */
  private stored(score: number): number {
    return this.encoding === 'listpack' && score === 0 ? 0 : score;
  }

  /** zsetAdd for an absent member: converts to skiplist first when the listpack would outgrow its limits. */
  add(member: string, score: number, config: Config): void {
    if (
      this.encoding === 'listpack' &&
      (this.scores.size + 1 > config.int('zset-max-listpack-entries') || member.length > config.int('zset-max-listpack-value'))
    )
      this.encoding = 'skiplist';
    const s = this.stored(score);
    this.scores.set(member, s);
    this.list.insert(s, member);
  }

  /** zsetAdd for a present member whose score changes (the caller compared with ==). */
  rescore(member: string, current: number, score: number): void {
    const s = this.stored(score);
    this.scores.set(member, s);
    this.list.updateScore(current, member, s);
  }

  /** Inserts or rescores a member. */
  set(member: string, score: number, config: Config): void {
    const old = this.scores.get(member);
    if (old === undefined) this.add(member, score, config);
    else if (old !== score) this.rescore(member, old, score);
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
    if (this.encoding === 'listpack' || this.scores.size > config.int('zset-max-listpack-entries')) return;
    const maxLen = config.int('zset-max-listpack-value');
    const negativeZeros: string[] = [];
    for (const [m, s] of this.scores) {
      if (m.length > maxLen) return;
      if (Object.is(s, -0)) negativeZeros.push(m);
    }
    this.encoding = 'listpack';
    for (const m of negativeZeros) this.rescore(m, -0, 0);
  }

  /** zsetDup (COPY): the same members, scores and encoding. */
  copy(config: Config): ZSetValue {
    const z = new ZSetValue(config);
    z.encoding = this.encoding;
    for (const n of this.list) {
      z.scores.set(n.member, n.score);
      z.list.insert(n.score, n.member);
    }
    return z;
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
