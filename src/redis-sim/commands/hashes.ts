import { int64Arg, is } from '../args.js';
import { ERR, fail } from '../errors.js';
import {
  addInt64,
  addLongDouble,
  formatLongDouble,
  intToString,
  isFiniteLongDouble,
  isInt64Min,
  parseInt64,
  parseLongDouble,
} from '../numbers.js';
import { array, bulk, bulkOrNil, bulks, EMPTY_ARRAY, integer, NIL, OK, ONE, ZERO, type Reply } from '../reply.js';
import { matches, parseCursor, parseScanOptions, scanStep } from '../scan.js';
import { HashValue } from '../values.js';
import type { Ctx } from '../context.js';
import { command, type CommandSpec } from './types.js';

/**
 * The hash family (t_hash.c). A hash is a HashValue: fields → values in an IndexedMap, so a field
 * is found in O(1) and HRANDFIELD picks in O(1), with the encoding Redis 7.0 would report
 * (`listpack` while small, `hashtable` after, see HashValue.set).
 *
 * Order of checks, as Redis does them: argument parsing that needs no key comes first (HSET's
 * pair count, HINCRBY's increment, HRANDFIELD's count, HSCAN's cursor), then the key lookup with
 * its WRONGTYPE, then what depends on the value.
 */

/**
 * SRANDMEMBER's twin guard: `HRANDFIELD key -n` builds n picks, and Redis will try for any n up to
 * LONG_MAX (and take the server down). The simulator refuses past this many with its own error.
 */
const MAX_RANDOM_REPLY = 1 << 22;

/** LONG_MAX / 2: HRANDFIELD ... WITHVALUES doubles the reply, so Redis bounds the count first. */
const HALF_LONG_MAX = 4611686018427387903n;

/**
 * hashTypeLookupWriteOrCreate: the hash at key, created empty (a 'new' key) when missing. The
 * caller always writes at least one field into a created hash, so no empty hash is ever left.
 */
function hashForWrite(c: Ctx, key: string): HashValue {
  return c.write(key, 'hash') ?? created(c, key);
}

/**
 * A new empty hash at key. HINCRBY* create it only once the new value is known to be good: Redis
 * creates first, but on a missing key its arithmetic cannot fail, so nothing observable differs,
 * and no error path can ever leave an empty hash behind.
 */
const created = (c: Ctx, key: string): HashValue => c.create(key, new HashValue());

/**
 * HSET key field value [field value ...]  →  :fields added
 * HMSET key field value [field value ...]  →  +OK
 * One handler for both, as in Redis; the pair count is checked inside the command, with the arity
 * error naming whichever command was called.
 */
function hset(c: Ctx, argv: string[], name: 'hset' | 'hmset'): Reply {
  if (argv.length % 2 === 1) fail(ERR.wrongArity(name));
  const key = argv[1]!;
  const h = hashForWrite(c, key);
  let added = 0;
  for (let i = 2; i < argv.length; i += 2) if (h.set(argv[i]!, argv[i + 1]!, c.config)) added++;
  c.changed('h', 'hset', key);
  return name === 'hset' ? integer(added) : OK;
}

/**
 * HSETNX key field value  →  :1 set, :0 the field was there. A missing key is created, and then
 * the field is always new. An existing field leaves the hash untouched, encoding included: Redis
 * checks the lengths only after finding the field absent.
 */
function hsetnx(c: Ctx, argv: string[]): Reply {
  const [, key, field, value] = argv as [string, string, string, string];
  const h = hashForWrite(c, key);
  if (h.fields.has(field)) return ZERO;
  h.set(field, value, c.config);
  c.changed('h', 'hset', key);
  return ONE;
}

/**
 * HINCRBY key field increment  →  :new value
 * int64 arithmetic; a missing field counts as 0, a value string2ll rejects is "hash value is not
 * an integer", and leaving int64 is the overflow error (both leave the hash as it was).
 */
function hincrby(c: Ctx, argv: string[]): Reply {
  const [, key, field] = argv as [string, string, string];
  const incr = int64Arg(argv[3]!);
  const h = c.write(key, 'hash');
  const old = h?.fields.get(field);
  const current = old === undefined ? 0 : parseInt64(old);
  if (current === null) fail(ERR.hashNotInteger);
  const next = addInt64(current!, incr);
  if (next === null) fail(ERR.overflow);
  (h ?? created(c, key)).set(field, intToString(next!), c.config);
  c.changed('h', 'hincrby', key);
  return integer(next!);
}

/**
 * HINCRBYFLOAT key field increment  →  $new value
 * Long double arithmetic printed like INCRBYFLOAT (`%.17Lf`, trailing zeros trimmed). An infinite
 * increment is refused before the key is touched ("value is NaN or Infinity"); NaN never parses.
 * The formatted result is what gets stored, so a long one (1e70) converts the listpack.
 */
function hincrbyfloat(c: Ctx, argv: string[]): Reply {
  const [, key, field] = argv as [string, string, string];
  const incr = parseLongDouble(argv[3]!);
  if (incr === null) fail(ERR.notFloat);
  if (!isFiniteLongDouble(incr!)) fail(ERR.valueNaNOrInfinity);
  const h = c.write(key, 'hash');
  const old = h?.fields.get(field);
  const current = parseLongDouble(old ?? '0');
  if (current === null) fail(ERR.hashNotFloat);
  const sum = addLongDouble(current!, incr!);
  if (!isFiniteLongDouble(sum)) fail(ERR.nanOrInfinity);
  const text = formatLongDouble(sum);
  (h ?? created(c, key)).set(field, text, c.config);
  c.changed('h', 'hincrbyfloat', key);
  return bulk(text);
}

/**
 * HDEL key field [field ...]  →  :fields removed
 * One 'hdel' event for the whole call when anything went, then 'del' if the hash emptied.
 */
function hdel(c: Ctx, argv: string[]): Reply {
  const key = argv[1]!;
  const h = c.write(key, 'hash');
  if (!h) return ZERO;
  let deleted = 0;
  for (let i = 2; i < argv.length; i++) {
    if (h.fields.delete(argv[i]!)) deleted++;
    if (h.fields.size === 0) break;
  }
  if (deleted) {
    c.changed('h', 'hdel', key);
    c.deleteIfEmpty(key, h);
  }
  return integer(deleted);
}

/** HGETALL / HKEYS / HVALS: the whole hash, in its iteration order (unspecified by Redis). */
function getAll(c: Ctx, key: string, keys: boolean, values: boolean): Reply {
  const h = c.read(key, 'hash');
  if (!h) return EMPTY_ARRAY;
  const out: Reply[] = [];
  for (const [f, v] of h.fields.entries()) {
    if (keys) out.push(bulk(f));
    if (values) out.push(bulk(v));
  }
  return array(out);
}

/**
 * HRANDFIELD key [count [WITHVALUES]]
 * Without count: one field, or nil. With count (parsed before the key is looked up): 0 → empty;
 * n > 0 → n distinct fields, the whole hash when n >= size; n < 0 → |n| independent picks that
 * may repeat. Distinct picks come from a partial shuffle of positions, O(n), never a copy of the
 * hash. WITHVALUES interleaves values, after Redis checks |count| <= LONG_MAX / 2.
 */
function hrandfield(c: Ctx, argv: string[]): Reply {
  const key = argv[1]!;
  if (argv.length === 2) {
    const h = c.read(key, 'hash');
    return h ? bulk(h.fields.randomKey(c.random)!) : NIL;
  }
  const parsed = parseInt64(argv[2]!);
  if (parsed === null) fail(ERR.notInteger);
  // getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX): LONG_MIN has no positive twin.
  if (isInt64Min(parsed!)) fail(ERR.longRange);
  if (argv.length > 4 || (argv.length === 4 && !is(argv[3]!, 'withvalues'))) fail(ERR.syntax);
  const withValues = argv.length === 4;
  if (withValues) {
    const big = BigInt(parsed!);
    if (big < -HALF_LONG_MAX || big > HALF_LONG_MAX) fail(ERR.valueOutOfRange);
  }
  const h = c.read(key, 'hash');
  if (!h || parsed === 0) return EMPTY_ARRAY;
  const fields = h.fields;
  const count = Math.abs(Number(parsed));
  const out: Reply[] = [];
  const push = (i: number) => {
    out.push(bulk(fields.keyAt(i)));
    if (withValues) out.push(bulk(fields.valueAt(i)));
  };
  if (parsed! < 0) {
    if (count > MAX_RANDOM_REPLY) fail(ERR.replyTooLarge(intToString(parsed!).slice(1), MAX_RANDOM_REPLY));
    for (let i = 0; i < count; i++) push(c.random.below(fields.size));
  } else if (count >= fields.size) {
    for (let i = 0; i < fields.size; i++) push(i);
  } else {
    for (const i of fields.sampleIndexes(c.random, count)) push(i);
  }
  return array(out);
}

/**
 * HSCAN key cursor [MATCH pattern] [COUNT count]  →  [cursor, [field, value, ...]]
 * Redis checks the cursor, then the key (missing → an empty scan, whatever the options), then the
 * type, then the options. A listpack hash comes back whole with cursor 0, whatever the cursor and
 * COUNT; a hashtable is walked COUNT fields at a time (see scan.ts). MATCH filters on the field.
 */
function hscan(c: Ctx, argv: string[]): Reply {
  const cursor = parseCursor(argv[2]!);
  const h = c.read(argv[1]!, 'hash');
  if (!h) return array([bulk('0'), EMPTY_ARRAY]);
  const o = parseScanOptions(argv, 3, false);
  const out: string[] = [];
  if (h.encoding === 'listpack') {
    for (const [f, v] of h.fields.entries()) if (matches(o, f)) out.push(f, v);
    return array([bulk('0'), bulks(out)]);
  }
  const step = scanStep(h.fields.keys(), cursor, o.count);
  for (const f of step.names) if (matches(o, f)) out.push(f, h.fields.get(f)!);
  return array([bulk(String(step.cursor)), bulks(out)]);
}

const H = { group: 'hash' as const, since: '2.0.0' };
const K1: [number, number, number] = [1, 1, 1];

export const HASH_COMMANDS: readonly CommandSpec[] = [
  command({
    ...H, name: 'hset', arity: -4, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'HSET key field value [field value ...]', summary: 'Set the string value of a hash field',
    handler: (c, a) => hset(c, a, 'hset'),
  }),
  command({
    ...H, name: 'hsetnx', arity: 4, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'HSETNX key field value', summary: 'Set the value of a hash field, only if the field does not exist',
    handler: hsetnx,
  }),
  command({
    ...H, name: 'hget', arity: 3, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'HGET key field', summary: 'Get the value of a hash field',
    handler: (c, a) => bulkOrNil(c.read(a[1]!, 'hash')?.fields.get(a[2]!)),
  }),
  command({
    ...H, name: 'hmset', arity: -4, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'HMSET key field value [field value ...]', summary: 'Set multiple hash fields to multiple values',
    handler: (c, a) => hset(c, a, 'hmset'),
  }),
  command({
    ...H, name: 'hmget', arity: -3, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'HMGET key field [field ...]', summary: 'Get the values of all the given hash fields',
    handler: (c, a) => {
      // A missing key is an empty hash: one nil per field.
      const h = c.read(a[1]!, 'hash');
      const out: Reply[] = [];
      for (let i = 2; i < a.length; i++) out.push(bulkOrNil(h?.fields.get(a[i]!)));
      return array(out);
    },
  }),
  command({
    ...H, name: 'hincrby', arity: 4, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'HINCRBY key field increment', summary: 'Increment the integer value of a hash field by the given number',
    handler: hincrby,
  }),
  command({
    ...H, since: '2.6.0', name: 'hincrbyfloat', arity: 4, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'HINCRBYFLOAT key field increment', summary: 'Increment the float value of a hash field by the given amount',
    handler: hincrbyfloat,
  }),
  command({
    ...H, name: 'hdel', arity: -3, flags: ['write', 'fast'], keys: K1,
    syntax: 'HDEL key field [field ...]', summary: 'Delete one or more hash fields',
    handler: hdel,
  }),
  command({
    ...H, name: 'hlen', arity: 2, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'HLEN key', summary: 'Get the number of fields in a hash',
    handler: (c, a) => integer(c.read(a[1]!, 'hash')?.fields.size ?? 0),
  }),
  command({
    ...H, since: '3.2.0', name: 'hstrlen', arity: 3, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'HSTRLEN key field', summary: 'Get the length of the value of a hash field',
    handler: (c, a) => integer(c.read(a[1]!, 'hash')?.fields.get(a[2]!)?.length ?? 0),
  }),
  command({
    ...H, name: 'hkeys', arity: 2, flags: ['readonly'], keys: K1,
    syntax: 'HKEYS key', summary: 'Get all the fields in a hash',
    handler: (c, a) => getAll(c, a[1]!, true, false),
  }),
  command({
    ...H, name: 'hvals', arity: 2, flags: ['readonly'], keys: K1,
    syntax: 'HVALS key', summary: 'Get all the values in a hash',
    handler: (c, a) => getAll(c, a[1]!, false, true),
  }),
  command({
    ...H, name: 'hgetall', arity: 2, flags: ['readonly'], keys: K1,
    syntax: 'HGETALL key', summary: 'Get all the fields and values in a hash',
    handler: (c, a) => getAll(c, a[1]!, true, true),
  }),
  command({
    ...H, name: 'hexists', arity: 3, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'HEXISTS key field', summary: 'Determine if a hash field exists',
    handler: (c, a) => (c.read(a[1]!, 'hash')?.fields.has(a[2]!) ? ONE : ZERO),
  }),
  command({
    ...H, since: '6.2.0', name: 'hrandfield', arity: -2, flags: ['readonly'], keys: K1,
    syntax: 'HRANDFIELD key [count [WITHVALUES]]', summary: 'Get one or multiple random fields from a hash',
    handler: hrandfield,
  }),
  command({
    ...H, since: '2.8.0', name: 'hscan', arity: -3, flags: ['readonly'], keys: K1,
    syntax: 'HSCAN key cursor [MATCH pattern] [COUNT count]', summary: 'Incrementally iterate hash fields and associated values',
    handler: hscan,
  }),
];
