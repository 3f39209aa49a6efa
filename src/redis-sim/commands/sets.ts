import { is } from '../args.js';
import { ERR, fail } from '../errors.js';
import { intToString, isInt64Min, parseInt64 } from '../numbers.js';
import { array, bulk, bulks, EMPTY_ARRAY, integer, NIL, ONE, ZERO, type Reply } from '../reply.js';
import { matches, parseCursor, parseScanOptions, scanStep } from '../scan.js';
import { SetValue } from '../values.js';
import type { Ctx } from '../context.js';
import { command, type CommandSpec } from './types.js';

/**
 * The set commands (t_set.c). Sets live in SetValue: an IndexedMap of members plus the encoding
 * Redis would report (intset / hashtable). Every STORE command builds its result as Redis does,
 * into a fresh set that starts as an intset, so the destination's encoding follows its content.
 */

/** SRANDMEMBER with a negative count repeats members: past this many the simulator refuses. */
const MAX_RANDOM_REPLY = 1 << 22;

/** SPOP with a count rebuilds the survivors into a new set once it pops this many times more. */
const SPOP_MOVE_STRATEGY_MUL = 5;

const EMPTY_SCAN: Reply = array([bulk('0'), EMPTY_ARRAY]);

/** SADD key member [member ...] — the new key's first member decides intset or hashtable. */
function sadd(c: Ctx, argv: string[]): Reply {
  const key = argv[1]!;
  const set = c.write(key, 'set') ?? c.create(key, new SetValue());
  let added = 0;
  for (let i = 2; i < argv.length; i++) if (set.add(argv[i]!, c.config)) added++;
  if (added > 0) c.changed('s', 'sadd', key);
  return integer(added);
}

/** SREM key member [member ...] — removing the last member deletes the key ('srem', then 'del'). */
function srem(c: Ctx, argv: string[]): Reply {
  const key = argv[1]!;
  const set = c.write(key, 'set');
  if (!set) return ZERO;
  let removed = 0;
  for (let i = 2; i < argv.length && set.size > 0; i++) if (set.delete(argv[i]!)) removed++;
  if (removed > 0) {
    c.changed('s', 'srem', key);
    c.deleteIfEmpty(key, set);
  }
  return integer(removed);
}

/**
 * SMOVE source destination member. Both keys are looked up first; a missing source answers 0
 * before the destination's type is checked. Moving within one key only tests membership. A
 * missing destination is created for the member (intset if it is an integer).
 */
function smove(c: Ctx, argv: string[]): Reply {
  const [, src, dst, member] = argv as [string, string, string, string];
  const srcFound = c.lookupWrite(src) !== undefined;
  c.lookupWrite(dst);
  if (!srcFound) return ZERO;
  const from = c.write(src, 'set')!;
  let to = c.write(dst, 'set');
  if (from === to) return from.has(member) ? ONE : ZERO;
  if (!from.delete(member)) return ZERO;
  c.changed('s', 'srem', src);
  c.deleteIfEmpty(src, from);
  to ??= c.create(dst, new SetValue());
  if (to.add(member, c.config)) c.changed('s', 'sadd', dst);
  return ONE;
}

/** SMISMEMBER key member [member ...] — a missing key is an empty set: all zeros. */
function smismember(c: Ctx, argv: string[]): Reply {
  const set = c.read(argv[1]!, 'set');
  const out: Reply[] = [];
  for (let i = 2; i < argv.length; i++) out.push(set?.has(argv[i]!) ? ONE : ZERO);
  return array(out);
}

/** SPOP key [count] */
function spop(c: Ctx, argv: string[]): Reply {
  if (argv.length > 3) fail(ERR.syntax);
  if (argv.length === 3) return spopWithCount(c, argv[1]!, argv[2]!);
  const key = argv[1]!;
  const set = c.write(key, 'set');
  if (!set) return NIL;
  const member = set.random(c.random);
  set.delete(member);
  c.changed('s', 'spop', key);
  c.deleteIfEmpty(key, set);
  return bulk(member);
}

/**
 * SPOP key count: the count is checked before the key (any non-integer or negative count is
 * "must be positive"). Popping everything replies with the whole set, as SUNION of that one key
 * would list it, and deletes the key. Otherwise `count` random members go one by one (O(count));
 * when the survivors are few, Redis instead copies the survivors into a new set, which gets a
 * fresh encoding: a hashtable whose survivors are all integers becomes an intset again.
 */
function spopWithCount(c: Ctx, key: string, countArg: string): Reply {
  const parsed = parseInt64(countArg);
  if (parsed === null || parsed < 0) fail(ERR.notPositive);
  const set = c.write(key, 'set');
  if (!set) return EMPTY_ARRAY;
  const count = Number(parsed);
  if (count === 0) return EMPTY_ARRAY;
  const size = set.size;
  c.changed('s', 'spop', key);
  if (count >= size) {
    const all = unionOf(c, [key]); // Redis lists it through sunionDiffGenericCommand (a second, read lookup)
    c.remove(key);
    c.notify('g', 'del', key);
    return bulks(all.ordered());
  }
  const out: Reply[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const member = set.random(c.random);
    set.delete(member);
    out[i] = bulk(member);
  }
  const remaining = size - count;
  if (remaining * SPOP_MOVE_STRATEGY_MUL <= count) set.reencode(c.config);
  return array(out);
}

/** SRANDMEMBER key [count] */
function srandmember(c: Ctx, argv: string[]): Reply {
  if (argv.length > 3) fail(ERR.syntax);
  if (argv.length === 3) return srandmemberWithCount(c, argv[1]!, argv[2]!);
  const set = c.read(argv[1]!, 'set');
  return set ? bulk(set.random(c.random)) : NIL;
}

/**
 * SRANDMEMBER key count: a positive count gives distinct members (the whole set when count >=
 * size), a negative one exactly |count| independent picks, which may repeat. LONG_MIN is refused
 * because its negation does not fit. Only the members picked are touched, never the whole set.
 */
function srandmemberWithCount(c: Ctx, key: string, countArg: string): Reply {
  const parsed = parseInt64(countArg);
  if (parsed === null) fail(ERR.notInteger);
  if (isInt64Min(parsed!)) fail(ERR.valueBetween('-9223372036854775807', '9223372036854775807'));
  const set = c.read(key, 'set');
  if (!set || parsed === 0) return EMPTY_ARRAY;
  const negative = parsed! < 0;
  const count = Math.abs(Number(parsed));
  if (negative) {
    if (count > MAX_RANDOM_REPLY) fail(ERR.replyTooLarge(intToString(parsed!).slice(1), MAX_RANDOM_REPLY));
    const out: Reply[] = new Array(count);
    for (let i = 0; i < count; i++) out[i] = bulk(set.random(c.random));
    return array(out);
  }
  if (count >= set.size) return bulks(set.ordered());
  return bulks(set.sample(c.random, count));
}

/** The sets at keys, in order; WRONGTYPE on the first key of another type, undefined when missing. */
function readSets(c: Ctx, keys: readonly string[]): (SetValue | undefined)[] {
  return keys.map((k) => c.read(k, 'set'));
}

/**
 * sinterGenericCommand (SINTER, SMEMBERS, SINTERSTORE, SINTERCARD): every key is type-checked, a
 * missing one makes the result empty, and the smallest set is walked, testing each member
 * against the others. `limit` (SINTERCARD) stops the walk early; 0 means no limit.
 */
function* intersect(sets: readonly SetValue[], limit = 0): Generator<string> {
  const bySize = [...sets].sort((a, b) => a.size - b.size);
  const smallest = bySize[0]!;
  let found = 0;
  outer: for (const m of smallest.ordered()) {
    for (let j = 1; j < bySize.length; j++) {
      if (bySize[j] !== smallest && !bySize[j]!.has(m)) continue outer;
    }
    yield m;
    if (limit > 0 && ++found >= limit) return;
  }
}

function presentSets(sets: (SetValue | undefined)[]): SetValue[] | null {
  return sets.every((s) => s !== undefined) ? (sets as SetValue[]) : null;
}

/** SINTER key [key ...] / SMEMBERS key */
function sinter(c: Ctx, keys: readonly string[]): Reply {
  const sets = presentSets(readSets(c, keys));
  return sets ? bulks(intersect(sets)) : EMPTY_ARRAY;
}

/** SUNION's result: a fresh set (starting as an intset) with every member of every set. */
function unionOf(c: Ctx, keys: readonly string[]): SetValue {
  const result = new SetValue();
  for (const set of readSets(c, keys)) {
    if (set) for (const m of set.members.keys()) result.add(m, c.config);
  }
  return result;
}

/**
 * SDIFF's result, with Redis's choice of algorithm, because it shows in the encoding: algorithm 1
 * adds the first set's survivors one by one; algorithm 2 copies the whole first set and removes the
 * others' members, so a first set that was a hashtable leaves a hashtable even if only integers
 * remain. Redis picks 2 when half of (first set's size x sets present) exceeds the sum of sizes.
 */
function diffOf(c: Ctx, keys: readonly string[]): SetValue {
  const sets = readSets(c, keys);
  const result = new SetValue();
  const first = sets[0];
  if (!first || sets.slice(1).includes(first)) return result;
  let algoOneWork = 0;
  let algoTwoWork = 0;
  for (const s of sets) {
    if (!s) continue;
    algoOneWork += first.size;
    algoTwoWork += s.size;
  }
  if (Math.floor(algoOneWork / 2) <= algoTwoWork) {
    const others = sets.slice(1).filter((s): s is SetValue => s !== undefined);
    outer: for (const m of first.members.keys()) {
      for (const s of others) if (s.has(m)) continue outer;
      result.add(m, c.config);
    }
  } else {
    for (const m of first.members.keys()) result.add(m, c.config);
    for (let j = 1; j < sets.length && result.size > 0; j++) {
      const s = sets[j];
      if (s) for (const m of s.members.keys()) result.delete(m);
    }
  }
  return result;
}

/**
 * The STORE commands' ending: a non-empty result replaces the destination whatever it held (TTL
 * dropped) with the command's own event; an empty one deletes it ('del' only if it existed).
 */
function storeResult(c: Ctx, dst: string, result: SetValue, event: string): Reply {
  if (result.size > 0) {
    c.store(dst, result);
    c.notify('s', event, dst);
    return integer(result.size);
  }
  if (c.remove(dst)) c.notify('g', 'del', dst);
  return ZERO;
}

/** SINTERSTORE destination key [key ...] */
function sinterstore(c: Ctx, argv: string[]): Reply {
  const sets = presentSets(readSets(c, argv.slice(2)));
  const result = new SetValue();
  if (sets) for (const m of intersect(sets)) result.add(m, c.config);
  return storeResult(c, argv[1]!, result, 'sinterstore');
}

/**
 * SINTERCARD numkeys key [key ...] [LIMIT limit] — numkeys must be 1..LONG_MAX and no more than
 * the arguments left; LIMIT may repeat (the last wins); a non-integer LIMIT is "can't be negative".
 */
function sintercard(c: Ctx, argv: string[]): Reply {
  const numkeys = parseInt64(argv[1]!);
  if (numkeys === null || numkeys < 1) fail(ERR.numkeysPositive);
  if (Number(numkeys) > argv.length - 2) fail(ERR.numkeysTooMany);
  const n = Number(numkeys);
  let limit = 0;
  for (let j = 2 + n; j < argv.length; j++) {
    if (is(argv[j]!, 'limit') && j + 1 < argv.length) {
      const l = parseInt64(argv[++j]!);
      if (l === null || l < 0) fail(ERR.limitNegative);
      limit = Number(l);
    } else {
      fail(ERR.syntax);
    }
  }
  const sets = presentSets(readSets(c, argv.slice(2, 2 + n)));
  if (!sets) return ZERO;
  let card = 0;
  for (const _ of intersect(sets, limit)) card++;
  return integer(card);
}

/**
 * SSCAN key cursor [MATCH pattern] [COUNT count] — Redis checks the cursor, then the key (a missing
 * one answers an empty scan without looking at the options), then its type, then the options. An
 * intset is returned whole with cursor 0, as Redis does for its small encodings.
 */
function sscan(c: Ctx, argv: string[]): Reply {
  const cursor = parseCursor(argv[2]!);
  const set = c.read(argv[1]!, 'set');
  if (!set) return EMPTY_SCAN;
  const o = parseScanOptions(argv, 3, false);
  if (set.encoding === 'intset') {
    const names: string[] = [];
    for (const m of set.ordered()) if (matches(o, m)) names.push(m);
    return array([bulk('0'), bulks(names)]);
  }
  const step = scanStep(set.members.keys(), cursor, o.count);
  return array([bulk(String(step.cursor)), bulks(step.names.filter((m) => matches(o, m)))]);
}

const S = { group: 'set' as const, since: '1.0.0' };
const K1: [number, number, number] = [1, 1, 1];
const ALL: [number, number, number] = [1, -1, 1];

export const SET_COMMANDS: readonly CommandSpec[] = [
  command({
    ...S, name: 'sadd', arity: -3, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'SADD key member [member ...]', summary: 'Add one or more members to a set',
    handler: sadd,
  }),
  command({
    ...S, name: 'srem', arity: -3, flags: ['write', 'fast'], keys: K1,
    syntax: 'SREM key member [member ...]', summary: 'Remove one or more members from a set',
    handler: srem,
  }),
  command({
    ...S, name: 'sismember', arity: 3, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'SISMEMBER key member', summary: 'Determine if a given value is a member of a set',
    handler: (c, a) => (c.read(a[1]!, 'set')?.has(a[2]!) ? ONE : ZERO),
  }),
  command({
    ...S, since: '6.2.0', name: 'smismember', arity: -3, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'SMISMEMBER key member [member ...]', summary: 'Returns the membership associated with the given elements for a set',
    handler: smismember,
  }),
  command({
    ...S, name: 'smembers', arity: 2, flags: ['readonly'], keys: K1,
    syntax: 'SMEMBERS key', summary: 'Get all the members in a set',
    handler: (c, a) => sinter(c, [a[1]!]),
  }),
  command({
    ...S, name: 'scard', arity: 2, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'SCARD key', summary: 'Get the number of members in a set',
    handler: (c, a) => integer(c.read(a[1]!, 'set')?.size ?? 0),
  }),
  command({
    ...S, name: 'spop', arity: -2, flags: ['write', 'fast'], keys: K1,
    syntax: 'SPOP key [count]', summary: 'Remove and return one or multiple random members from a set',
    handler: spop,
  }),
  command({
    ...S, name: 'srandmember', arity: -2, flags: ['readonly'], keys: K1,
    syntax: 'SRANDMEMBER key [count]', summary: 'Get one or multiple random members from a set',
    handler: srandmember,
  }),
  command({
    ...S, name: 'smove', arity: 4, flags: ['write', 'fast'], keys: [1, 2, 1],
    syntax: 'SMOVE source destination member', summary: 'Move a member from one set to another',
    handler: smove,
  }),
  command({
    ...S, name: 'sinter', arity: -2, flags: ['readonly'], keys: ALL,
    syntax: 'SINTER key [key ...]', summary: 'Intersect multiple sets',
    handler: (c, a) => sinter(c, a.slice(1)),
  }),
  command({
    ...S, since: '7.0.0', name: 'sintercard', arity: -3, flags: ['readonly'], keys: [0, 0, 0],
    syntax: 'SINTERCARD numkeys key [key ...] [LIMIT limit]', summary: 'Intersect multiple sets and return the cardinality of the result',
    handler: sintercard,
  }),
  command({
    ...S, name: 'sinterstore', arity: -3, flags: ['write', 'denyoom'], keys: ALL,
    syntax: 'SINTERSTORE destination key [key ...]', summary: 'Intersect multiple sets and store the resulting set in a key',
    handler: sinterstore,
  }),
  command({
    ...S, name: 'sunion', arity: -2, flags: ['readonly'], keys: ALL,
    syntax: 'SUNION key [key ...]', summary: 'Add multiple sets',
    handler: (c, a) => bulks(unionOf(c, a.slice(1)).ordered()),
  }),
  command({
    ...S, name: 'sunionstore', arity: -3, flags: ['write', 'denyoom'], keys: ALL,
    syntax: 'SUNIONSTORE destination key [key ...]', summary: 'Add multiple sets and store the resulting set in a key',
    handler: (c, a) => storeResult(c, a[1]!, unionOf(c, a.slice(2)), 'sunionstore'),
  }),
  command({
    ...S, name: 'sdiff', arity: -2, flags: ['readonly'], keys: ALL,
    syntax: 'SDIFF key [key ...]', summary: 'Subtract multiple sets',
    handler: (c, a) => bulks(diffOf(c, a.slice(1)).ordered()),
  }),
  command({
    ...S, name: 'sdiffstore', arity: -3, flags: ['write', 'denyoom'], keys: ALL,
    syntax: 'SDIFFSTORE destination key [key ...]', summary: 'Subtract multiple sets and store the resulting set in a key',
    handler: (c, a) => storeResult(c, a[1]!, diffOf(c, a.slice(2)), 'sdiffstore'),
  }),
  command({
    ...S, since: '2.8.0', name: 'sscan', arity: -3, flags: ['readonly'], keys: K1,
    syntax: 'SSCAN key cursor [MATCH pattern] [COUNT count]', summary: 'Incrementally iterate Set elements',
    handler: sscan,
  }),
];
