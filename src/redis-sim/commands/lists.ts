import { intArg, is } from '../args.js';
import { ERR, fail } from '../errors.js';
import { parseInt64 } from '../numbers.js';
import { array, bulk, bulkOrNil, EMPTY_ARRAY, integer, NIL, NIL_ARRAY, OK, ZERO, type Reply } from '../reply.js';
import { ListValue } from '../values.js';
import type { Ctx } from '../context.js';
import { command, type CommandSpec } from './types.js';

/**
 * The LIST family, as t_list.c in Redis 7.0 does it: every list is a quicklist there and a Deque
 * here, so both ends are O(1) and LINDEX/LSET are O(1) too. What matters for faithfulness is the
 * order of the checks (which arguments are parsed before the key is looked up, which key's type
 * is checked first), the empty-list cases, and which keyspace events fire, in which order.
 */

type End = 'left' | 'right';

/** getListPositionFromObjectOrReply: LEFT | RIGHT, any case, else a syntax error. */
function endArg(s: string): End {
  if (is(s, 'left')) return 'left';
  if (is(s, 'right')) return 'right';
  return fail(ERR.syntax);
}

/**
 * getLongFromObjectOrReply / getRangeLongFromObjectOrReply with a custom message: Redis replies
 * with that message both for a non-integer and for a value under `min`.
 */
function longAtLeast(s: string, min: number, message: string): number {
  const v = parseInt64(s);
  if (v === null || Number(v) < min) fail(message);
  return Number(v);
}

/** Pushes one element at an end. */
function push(list: ListValue, end: End, v: string): void {
  if (end === 'left') list.items.pushFront(v);
  else list.items.pushBack(v);
}

/** Pops one element from an end of a list known to be non-empty. */
function pop(list: ListValue, end: End): string {
  return (end === 'left' ? list.items.popFront() : list.items.popBack())!;
}

/**
 * listElementsRemoved: the 'lpop'/'rpop' event, then, when the list is now empty, the key goes
 * with a 'del' event.
 */
function removedFrom(c: Ctx, key: string, list: ListValue, end: End): void {
  c.changed('l', end === 'left' ? 'lpop' : 'rpop', key);
  c.deleteIfEmpty(key, list);
}

/**
 * LPUSH / RPUSH key element [element ...], LPUSHX / RPUSHX (only when the key exists, else 0).
 * Elements go in one at a time, so `LPUSH k a b c` leaves `c b a`. Replies with the new length.
 */
function pushCommand(end: End, onlyIfExists: boolean) {
  return (c: Ctx, argv: string[]): Reply => {
    const key = argv[1]!;
    let list = c.write(key, 'list');
    if (list === undefined) {
      if (onlyIfExists) return ZERO;
      list = c.create(key, new ListValue());
    }
    for (let j = 2; j < argv.length; j++) push(list, end, argv[j]!);
    c.changed('l', end === 'left' ? 'lpush' : 'rpush', key);
    return integer(list.items.length);
  };
}

/**
 * LPOP / RPOP key [count]. Without count: a bulk string, or nil. With count (parsed first; a
 * negative or non-integer count is 'must be positive'): an array of up to count elements in pop
 * order, a null array when the key is missing, and an empty array for count 0 (no event then).
 */
function popCommand(end: End) {
  return (c: Ctx, argv: string[]): Reply => {
    // The arity is -2, but Redis itself rejects more than one count argument.
    if (argv.length > 3) fail(ERR.wrongArity(end === 'left' ? 'lpop' : 'rpop'));
    const hasCount = argv.length === 3;
    const count = hasCount ? longAtLeast(argv[2]!, 0, ERR.notPositive) : 0;
    const key = argv[1]!;
    const list = c.write(key, 'list');
    if (list === undefined) return hasCount ? NIL_ARRAY : NIL;
    if (!hasCount) {
      const v = pop(list, end);
      removedFrom(c, key, list, end);
      return bulk(v);
    }
    if (count === 0) return EMPTY_ARRAY;
    const n = Math.min(count, list.items.length);
    const out: Reply[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = bulk(pop(list, end));
    removedFrom(c, key, list, end);
    return array(out);
  };
}

/** LRANGE's and LTRIM's index arithmetic: negative from the end; null when the range is empty. */
function clampRange(start: number, end: number, len: number): [number, number] | null {
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  if (start > end || start >= len) return null;
  if (end >= len) end = len - 1;
  return [start, end];
}

/** LRANGE key start stop: the indexes are parsed before the key is looked up. O(range). */
function lrange(c: Ctx, argv: string[]): Reply {
  const start = intArg(argv[2]!);
  const stop = intArg(argv[3]!);
  const list = c.read(argv[1]!, 'list');
  if (list === undefined) return EMPTY_ARRAY;
  const range = clampRange(start, stop, list.items.length);
  if (range === null) return EMPTY_ARRAY;
  const out: Reply[] = new Array(range[1] - range[0] + 1);
  for (let i = range[0]; i <= range[1]; i++) out[i - range[0]] = bulk(list.items.get(i));
  return array(out);
}

/**
 * LTRIM key start stop: keeps [start, stop]. Replies OK even for a missing key; on a list it
 * always emits 'ltrim' (even when nothing went), then 'del' if nothing is left.
 */
function ltrim(c: Ctx, argv: string[]): Reply {
  const start = intArg(argv[2]!);
  const stop = intArg(argv[3]!);
  const key = argv[1]!;
  const list = c.write(key, 'list');
  if (list === undefined) return OK;
  const len = list.items.length;
  const range = clampRange(start, stop, len);
  if (range === null) list.items.trim(len, 0);
  else list.items.trim(range[0], len - range[1] - 1);
  c.changed('l', 'ltrim', key);
  c.deleteIfEmpty(key, list);
  return OK;
}

/** An index into a list, negative from the end; null when outside it. */
function position(index: number, len: number): number | null {
  const i = index < 0 ? len + index : index;
  return i < 0 || i >= len ? null : i;
}

/** LINDEX key index: the key is looked up (nil, WRONGTYPE) before the index is parsed. O(1). */
function lindex(c: Ctx, argv: string[]): Reply {
  const list = c.read(argv[1]!, 'list');
  if (list === undefined) return NIL;
  const i = position(intArg(argv[2]!), list.items.length);
  return i === null ? NIL : bulk(list.items.get(i));
}

/** LSET key index element: 'no such key' and WRONGTYPE come before a bad index. O(1). */
function lset(c: Ctx, argv: string[]): Reply {
  const key = argv[1]!;
  const list = c.write(key, 'list');
  if (list === undefined) fail(ERR.noSuchKey);
  const i = position(intArg(argv[2]!), list!.items.length);
  if (i === null) fail(ERR.indexOutOfRange);
  list!.items.set(i!, argv[3]!);
  c.changed('l', 'lset', key);
  return OK;
}

/**
 * LINSERT key BEFORE|AFTER pivot element: the position word is checked first (syntax error),
 * then the key (0 when missing). The pivot is the first match from the head; -1 when absent.
 */
function linsert(c: Ctx, argv: string[]): Reply {
  const where = argv[2]!;
  let after: boolean;
  if (is(where, 'after')) after = true;
  else if (is(where, 'before')) after = false;
  else return fail(ERR.syntax);
  const key = argv[1]!;
  const list = c.write(key, 'list');
  if (list === undefined) return ZERO;
  const pivot = argv[3]!;
  const items = list.items;
  for (let i = 0; i < items.length; i++) {
    if (items.get(i) === pivot) {
      items.insert(after ? i + 1 : i, argv[4]!);
      c.changed('l', 'linsert', key);
      return integer(items.length);
    }
  }
  return integer(-1);
}

/**
 * LREM key count element: count > 0 removes the first count matches from the head, count < 0
 * from the tail, 0 all of them. 'lrem' fires only when something went.
 */
function lrem(c: Ctx, argv: string[]): Reply {
  const count = intArg(argv[2]!);
  const key = argv[1]!;
  const list = c.write(key, 'list');
  if (list === undefined) return ZERO;
  const element = argv[3]!;
  const removed = list.items.removeMatching((v) => v === element, Math.abs(count), count < 0);
  if (removed > 0) {
    c.changed('l', 'lrem', key);
    c.deleteIfEmpty(key, list);
  }
  return integer(removed);
}

/** LLEN key. */
function llen(c: Ctx, argv: string[]): Reply {
  const list = c.read(argv[1]!, 'list');
  return list === undefined ? ZERO : integer(list.items.length);
}

/**
 * LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]. Options are all parsed before
 * the key is looked up. RANK n skips the first n-1 matches; a negative RANK walks from the tail
 * (indexes stay head-based). COUNT 0 means every match; COUNT turns the reply into an array
 * (empty when nothing matches or the key is missing). MAXLEN caps how many elements are compared.
 */
function lpos(c: Ctx, argv: string[]): Reply {
  let rank = 1;
  let count = -1;
  let maxlen = 0;
  // RANK -9223372036854775808 negates to itself in C: Redis then takes every match, from the tail.
  let rankWraps = false;
  for (let j = 3; j < argv.length; j++) {
    const moreArgs = j < argv.length - 1;
    const opt = argv[j]!;
    if (is(opt, 'rank') && moreArgs) {
      const v = parseInt64(argv[++j]!);
      if (v === null) fail(ERR.notInteger);
      rank = Number(v);
      rankWraps = typeof v === 'bigint' && v === -(2n ** 63n);
      if (rank === 0) fail(ERR.lposRank);
    } else if (is(opt, 'count') && moreArgs) {
      count = longAtLeast(argv[++j]!, 0, ERR.lposCount);
    } else if (is(opt, 'maxlen') && moreArgs) {
      maxlen = longAtLeast(argv[++j]!, 0, ERR.lposMaxlen);
    } else {
      fail(ERR.syntax);
    }
  }
  const fromTail = rank < 0;
  if (fromTail) rank = -rank;

  const list = c.read(argv[1]!, 'list');
  if (list === undefined) return count !== -1 ? EMPTY_ARRAY : NIL;

  const items = list.items;
  const len = items.length;
  const element = argv[2]!;
  const found: Reply[] = [];
  let matches = 0;
  for (let scanned = 0; scanned < len && (maxlen === 0 || scanned < maxlen); scanned++) {
    const index = fromTail ? len - 1 - scanned : scanned;
    if (items.get(index) !== element) continue;
    matches++;
    if (!rankWraps && matches < rank) continue;
    if (count === -1) return integer(index);
    found.push(integer(index));
    if (count !== 0 && !rankWraps && matches - rank + 1 >= count) break;
  }
  return count === -1 ? NIL : array(found);
}

/**
 * LMOVE source destination LEFT|RIGHT LEFT|RIGHT (and RPOPLPUSH = RIGHT LEFT). Nil when the
 * source is missing, without looking at the destination; otherwise a destination of the wrong
 * type fails before anything moves. Events: the push on the destination first, then the pop on
 * the source (and its 'del' when emptied). With source = destination the list rotates.
 */
function lmove(c: Ctx, source: string, destination: string, from: End, to: End): Reply {
  const src = c.write(source, 'list');
  if (src === undefined) return NIL;
  let dst = c.write(destination, 'list');
  const value = pop(src, from);
  if (dst === undefined) dst = c.create(destination, new ListValue());
  push(dst, to, value);
  c.changed('l', to === 'left' ? 'lpush' : 'rpush', destination);
  removedFrom(c, source, src, from);
  return bulk(value);
}

/**
 * LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]: pops up to count elements from the first
 * non-empty list among the keys and replies [key, [elements]], or a null array. The keys are
 * tried in order, so a key of the wrong type fails only when it is reached.
 */
function lmpop(c: Ctx, argv: string[]): Reply {
  const numkeys = longAtLeast(argv[1]!, 1, ERR.numkeysPositive);
  const whereIdx = 2 + numkeys;
  if (whereIdx >= argv.length) fail(ERR.syntax);
  const end = endArg(argv[whereIdx]!);
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    if (count === -1 && is(argv[j]!, 'count') && j < argv.length - 1) {
      count = longAtLeast(argv[++j]!, 1, ERR.countPositive);
    } else {
      fail(ERR.syntax);
    }
  }
  if (count === -1) count = 1;
  for (let k = 2; k < whereIdx; k++) {
    const key = argv[k]!;
    const list = c.write(key, 'list');
    if (list === undefined || list.items.length === 0) continue;
    const n = Math.min(count, list.items.length);
    const out: Reply[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = bulk(pop(list, end));
    removedFrom(c, key, list, end);
    return array([bulk(key), array(out)]);
  }
  return NIL_ARRAY;
}

const L = { group: 'list' as const, since: '1.0.0' };
const K1: [number, number, number] = [1, 1, 1];
const K12: [number, number, number] = [1, 2, 1];

export const LIST_COMMANDS: readonly CommandSpec[] = [
  command({
    ...L, name: 'lpush', arity: -3, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'LPUSH key element [element ...]', summary: 'Prepend one or multiple elements to a list',
    handler: pushCommand('left', false),
  }),
  command({
    ...L, name: 'rpush', arity: -3, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'RPUSH key element [element ...]', summary: 'Append one or multiple elements to a list',
    handler: pushCommand('right', false),
  }),
  command({
    ...L, since: '2.2.0', name: 'lpushx', arity: -3, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'LPUSHX key element [element ...]', summary: 'Prepend an element to a list, only if the list exists',
    handler: pushCommand('left', true),
  }),
  command({
    ...L, since: '2.2.0', name: 'rpushx', arity: -3, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'RPUSHX key element [element ...]', summary: 'Append an element to a list, only if the list exists',
    handler: pushCommand('right', true),
  }),
  command({
    ...L, name: 'lpop', arity: -2, flags: ['write', 'fast'], keys: K1,
    syntax: 'LPOP key [count]', summary: 'Remove and get the first elements in a list',
    handler: popCommand('left'),
  }),
  command({
    ...L, name: 'rpop', arity: -2, flags: ['write', 'fast'], keys: K1,
    syntax: 'RPOP key [count]', summary: 'Remove and get the last elements in a list',
    handler: popCommand('right'),
  }),
  command({
    ...L, name: 'llen', arity: 2, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'LLEN key', summary: 'Get the length of a list',
    handler: llen,
  }),
  command({
    ...L, name: 'lrange', arity: 4, flags: ['readonly'], keys: K1,
    syntax: 'LRANGE key start stop', summary: 'Get a range of elements from a list',
    handler: lrange,
  }),
  command({
    ...L, name: 'lindex', arity: 3, flags: ['readonly'], keys: K1,
    syntax: 'LINDEX key index', summary: 'Get an element from a list by its index',
    handler: lindex,
  }),
  command({
    ...L, name: 'lset', arity: 4, flags: ['write', 'denyoom'], keys: K1,
    syntax: 'LSET key index element', summary: 'Set the value of an element in a list by its index',
    handler: lset,
  }),
  command({
    ...L, since: '2.2.0', name: 'linsert', arity: 5, flags: ['write', 'denyoom'], keys: K1,
    syntax: 'LINSERT key BEFORE | AFTER pivot element', summary: 'Insert an element before or after another element in a list',
    handler: linsert,
  }),
  command({
    ...L, name: 'lrem', arity: 4, flags: ['write'], keys: K1,
    syntax: 'LREM key count element', summary: 'Remove elements from a list',
    handler: lrem,
  }),
  command({
    ...L, name: 'ltrim', arity: 4, flags: ['write'], keys: K1,
    syntax: 'LTRIM key start stop', summary: 'Trim a list to the specified range',
    handler: ltrim,
  }),
  command({
    ...L, since: '6.0.6', name: 'lpos', arity: -3, flags: ['readonly'], keys: K1,
    syntax: 'LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]',
    summary: 'Return the index of matching elements on a list',
    handler: lpos,
  }),
  command({
    ...L, since: '6.2.0', name: 'lmove', arity: 5, flags: ['write', 'denyoom'], keys: K12,
    syntax: 'LMOVE source destination LEFT | RIGHT LEFT | RIGHT',
    summary: 'Pop an element from a list, push it to another list and return it',
    handler: (c, a) => {
      const from = endArg(a[3]!);
      const to = endArg(a[4]!);
      return lmove(c, a[1]!, a[2]!, from, to);
    },
  }),
  command({
    ...L, since: '1.2.0', name: 'rpoplpush', arity: 3, flags: ['write', 'denyoom'], keys: K12,
    syntax: 'RPOPLPUSH source destination',
    summary: 'Remove the last element in a list, prepend it to another list and return it',
    handler: (c, a) => lmove(c, a[1]!, a[2]!, 'right', 'left'),
  }),
  command({
    ...L, since: '7.0.0', name: 'lmpop', arity: -4, flags: ['write'], keys: [0, 0, 0],
    syntax: 'LMPOP numkeys key [key ...] LEFT | RIGHT [COUNT count]',
    summary: 'Pop elements from a list',
    handler: lmpop,
  }),
];
