import { floatArg, intArg, is } from '../args.js';
import { ERR, fail } from '../errors.js';
import { formatDouble, intToString, parseInt64 } from '../numbers.js';
import { array, bulk, EMPTY_ARRAY, integer, NIL, NIL_ARRAY, ZERO, type Reply } from '../reply.js';
import { matches, parseCursor, parseScanOptions, scanStep } from '../scan.js';
import { ZSetValue, type SetValue } from '../values.js';
import type { ZEntry } from '../structures/sorted-blocks.js';
import type { Ctx } from '../context.js';
import { command, type CommandSpec } from './types.js';
import {
  lexCount,
  lexRange,
  listpackScoreText,
  parseLexRange,
  parseScoreRange,
  rankRange,
  removeLexRange,
  removeRanks,
  removeScoreRange,
  scoreCount,
  scoreRange,
} from './zset-ranges.js';

/**
 * The sorted-set commands (t_zset.c, Redis 7.0). Values are ZSetValue: a member → score map
 * plus the same members ordered by (score, member), and the encoding Redis would report. Every
 * command parses all of its arguments before it looks a key up, as Redis does, so a syntax error
 * wins over WRONGTYPE and nothing is written by a command that fails.
 *
 * Scores print as Redis 7.0 prints doubles: `%.17g`, `inf`, `-inf` (1.1 → 1.1000000000000001).
 */

const LONG_MAX = 9223372036854775807n;
const EMPTY_SCAN: Reply = array([bulk('0'), EMPTY_ARRAY]);

/** ZRANDMEMBER with a negative count repeats members: past this many the simulator refuses. */
const MAX_RANDOM_REPLY = 1 << 22;

const score = (s: number): Reply => bulk(formatDouble(s));

/** Members, and with WITHSCORES each followed by its score: RESP2's flat array. */
function nodesReply(nodes: readonly ZEntry[], withScores: boolean): Reply {
  const step = withScores ? 2 : 1;
  const out: Reply[] = new Array(nodes.length * step);
  for (let i = 0; i < nodes.length; i++) {
    out[i * step] = bulk(nodes[i]!.member);
    if (withScores) out[i * step + 1] = score(nodes[i]!.score);
  }
  return array(out);
}

/** getRangeLongFromObjectOrReply with a message: one error text for junk and out-of-range alike. */
function rangeLong(s: string, min: bigint, max: bigint, message: string): number {
  const v = parseInt64(s);
  if (v === null || BigInt(v) < min || BigInt(v) > max) fail(message);
  return Number(v);
}

// --- ZADD / ZINCRBY ------------------------------------------------------------------------

/**
 * ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]
 * (and ZINCRBY key increment member, which is ZADD INCR). Options are read only before the
 * first score. Conflicts are checked, then every score is parsed, then the key is looked up:
 * a bad score anywhere means nothing is written. GT/LT only gate updates; new members are
 * still added. With INCR the reply is the new score, or nil when NX/XX/GT/LT blocked it.
 */
function zaddGeneric(c: Ctx, argv: string[], incrCommand: boolean): Reply {
  const key = argv[1]!;
  let nx = false;
  let xx = false;
  let ch = false;
  let gt = false;
  let lt = false;
  let incr = incrCommand;
  let i = 2;
  for (; i < argv.length; i++) {
    const opt = argv[i]!.toLowerCase();
    if (opt === 'nx') nx = true;
    else if (opt === 'xx') xx = true;
    else if (opt === 'ch') ch = true;
    else if (opt === 'incr') incr = true;
    else if (opt === 'gt') gt = true;
    else if (opt === 'lt') lt = true;
    else break;
  }
  const args = argv.length - i;
  if (args % 2 !== 0 || args === 0) fail(ERR.syntax);
  const elements = args / 2;
  if (nx && xx) fail(ERR.zaddXxNx);
  if ((gt && nx) || (lt && nx) || (gt && lt)) fail(ERR.zaddGtLtNx);
  if (incr && elements > 1) fail(ERR.zaddIncrPair);
  const scores: number[] = new Array(elements);
  for (let j = 0; j < elements; j++) scores[j] = floatArg(argv[i + 2 * j]!);

  let z = c.write(key, 'zset');
  if (!z) {
    if (xx) return incr ? NIL : ZERO;
    z = c.create(key, new ZSetValue(c.config, argv[i + 1]!.length));
  }
  let added = 0;
  let updated = 0;
  let processed = 0;
  let result = 0;
  const signal = () => {
    if (added || updated) c.changed('z', incr ? 'zincr' : 'zadd', key);
  };
  for (let j = 0; j < elements; j++) {
    const member = argv[i + 1 + 2 * j]!;
    let s = scores[j]!;
    const current = z.scores.get(member);
    if (current !== undefined) {
      if (nx) continue;
      if (incr) {
        s += current;
        if (Number.isNaN(s)) {
          signal();
          fail(ERR.scoreNaN);
        }
      }
      if ((lt && s >= current) || (gt && s <= current)) continue;
      processed++;
      result = s;
      if (s !== current) {
        z.rescore(member, current, s);
        updated++;
      }
    } else if (!xx) {
      z.add(member, s, c.config);
      added++;
      processed++;
      result = s;
    }
  }
  signal();
  if (incr) return processed ? score(result) : NIL;
  return integer(ch ? added + updated : added);
}

// --- removal ---------------------------------------------------------------------------------

/** ZREM key member [member ...]: stops once the set is empty (the key is then deleted). */
function zrem(c: Ctx, argv: string[]): Reply {
  const key = argv[1]!;
  const z = c.write(key, 'zset');
  if (!z) return ZERO;
  let deleted = 0;
  for (let i = 2; i < argv.length && z.size > 0; i++) if (z.delete(argv[i]!)) deleted++;
  if (deleted) {
    c.changed('z', 'zrem', key);
    c.deleteIfEmpty(key, z);
  }
  return integer(deleted);
}

/** ZREMRANGEBYRANK key start stop / ZREMRANGEBYSCORE key min max / ZREMRANGEBYLEX key min max. */
function zremrange(kind: 'rank' | 'score' | 'lex') {
  return (c: Ctx, argv: string[]): Reply => {
    const key = argv[1]!;
    let start = 0;
    let end = 0;
    const scores = kind === 'score' ? parseScoreRange(argv[2]!, argv[3]!) : null;
    const lex = kind === 'lex' ? parseLexRange(argv[2]!, argv[3]!) : null;
    if (kind === 'rank') {
      start = intArg(argv[2]!);
      end = intArg(argv[3]!);
    }
    const z = c.write(key, 'zset');
    if (!z) return ZERO;
    let deleted: number;
    if (kind === 'rank') {
      const llen = z.size;
      if (start < 0) start += llen;
      if (end < 0) end += llen;
      if (start < 0) start = 0;
      if (start > end || start >= llen) return ZERO;
      if (end >= llen) end = llen - 1;
      deleted = removeRanks(z, start + 1, end + 1);
    } else if (scores) {
      deleted = removeScoreRange(z, scores);
    } else {
      deleted = removeLexRange(z, lex!);
    }
    if (deleted) {
      c.changed('z', `zremrangeby${kind}`, key);
      c.deleteIfEmpty(key, z);
    }
    return integer(deleted);
  };
}

// --- ranges ----------------------------------------------------------------------------------

type RangeType = 'auto' | 'rank' | 'score' | 'lex';
type Direction = 'auto' | 'forward' | 'reverse';

/**
 * zrangeGenericCommand: ZRANGE, ZRANGESTORE and the older Z[REV]RANGE[BYSCORE|BYLEX].
 * `ZRANGE key start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]`.
 * The options are read first (REV, BYSCORE and BYLEX only where the command leaves them open,
 * WITHSCORES not for ZRANGESTORE), then the conflicts (LIMIT needs BYSCORE or BYLEX, though a
 * count of -1 passes unnoticed; WITHSCORES not with BYLEX), then the range (swapped with REV for
 * scores and lex), and only then the key.
 */
function zrangeGeneric(c: Ctx, argv: string[], from: number, store: boolean, type: RangeType, dir: Direction): Reply {
  const key = argv[from]!;
  let minIdx = from + 1;
  let maxIdx = from + 2;
  let withScores = false;
  let offset = 0;
  let limit = -1;
  for (let j = from + 3; j < argv.length; j++) {
    const a = argv[j]!;
    const left = argv.length - j - 1;
    if (!store && is(a, 'withscores')) withScores = true;
    else if (is(a, 'limit') && left >= 2) {
      offset = intArg(argv[j + 1]!);
      limit = intArg(argv[j + 2]!);
      j += 2;
    } else if (dir === 'auto' && is(a, 'rev')) dir = 'reverse';
    else if (type === 'auto' && is(a, 'bylex')) type = 'lex';
    else if (type === 'auto' && is(a, 'byscore')) type = 'score';
    else fail(ERR.syntax);
  }
  if (dir === 'auto') dir = 'forward';
  if (type === 'auto') type = 'rank';
  if (limit !== -1 && type === 'rank') fail(ERR.zrangeLimit);
  if (withScores && type === 'lex') fail(ERR.zrangeWithScoresByLex);
  const reverse = dir === 'reverse';
  if (reverse && type !== 'rank') [minIdx, maxIdx] = [maxIdx, minIdx];

  let start = 0;
  let stop = 0;
  const scores = type === 'score' ? parseScoreRange(argv[minIdx]!, argv[maxIdx]!) : null;
  const lex = type === 'lex' ? parseLexRange(argv[minIdx]!, argv[maxIdx]!) : null;
  if (type === 'rank') {
    start = intArg(argv[minIdx]!);
    stop = intArg(argv[maxIdx]!);
  }

  const z = c.read(key, 'zset');
  let nodes: ZEntry[] = [];
  if (z) {
    if (scores) nodes = scoreRange(z, scores, offset, limit, reverse);
    else if (lex) nodes = lexRange(z, lex, offset, limit, reverse);
    else nodes = rankRange(z, start, stop, reverse);
  }
  if (!store) return nodesReply(nodes, withScores);
  return storeRange(c, argv[1]!, nodes);
}

/** ZRANGESTORE's result: a new listpack filled as ZADD would, or the destination deleted. */
function storeRange(c: Ctx, dst: string, nodes: readonly ZEntry[]): Reply {
  if (nodes.length === 0) {
    if (c.remove(dst)) c.notify('g', 'del', dst);
    return ZERO;
  }
  const out = new ZSetValue(c.config);
  for (const n of nodes) out.add(n.member, n.score, c.config);
  c.store(dst, out);
  c.notify('z', 'zrangestore', dst);
  return integer(nodes.length);
}

// --- reads -----------------------------------------------------------------------------------

/** ZRANK key member / ZREVRANK key member: 0-based, nil for a missing key or member. */
function zrank(reverse: boolean) {
  return (c: Ctx, argv: string[]): Reply => {
    const z = c.read(argv[1]!, 'zset');
    if (!z) return NIL;
    const member = argv[2]!;
    const s = z.scores.get(member);
    if (s === undefined) return NIL;
    const rank = z.list.rank(s, member);
    return integer(reverse ? z.size - rank : rank - 1);
  };
}

/** ZMSCORE key member [member ...]: a missing key reads as an empty set. */
function zmscore(c: Ctx, argv: string[]): Reply {
  const z = c.read(argv[1]!, 'zset');
  const out: Reply[] = [];
  for (let i = 2; i < argv.length; i++) {
    const s = z?.scores.get(argv[i]!);
    out.push(s === undefined ? NIL : score(s));
  }
  return array(out);
}

// --- pops ------------------------------------------------------------------------------------

/**
 * genericZpopCommand: pops from the first of `keys` that exists (only that one is type-checked).
 * ZPOPMIN/ZPOPMAX reply flat [member, score, ...] (empty when nothing exists); ZMPOP replies
 * [key, [[member, score], ...]] or a null array.
 */
function zpop(c: Ctx, keys: readonly string[], max: boolean, count: number, zmpop: boolean): Reply {
  let key = '';
  let z: ZSetValue | undefined;
  for (const k of keys) {
    z = c.write(k, 'zset');
    if (z) {
      key = k;
      break;
    }
  }
  if (!z) return zmpop ? NIL_ARRAY : EMPTY_ARRAY;
  if (count === 0) return EMPTY_ARRAY;
  const n = Math.min(count, z.size);
  const items: Reply[] = [];
  for (let i = 0; i < n; i++) {
    const node = max ? z.list.last()! : z.list.first()!;
    const member = node.member;
    const s = node.score;
    z.delete(member);
    if (zmpop) items.push(array([bulk(member), score(s)]));
    else items.push(bulk(member), score(s));
  }
  c.changed('z', max ? 'zpopmax' : 'zpopmin', key);
  c.deleteIfEmpty(key, z);
  return zmpop ? array([bulk(key), array(items)]) : array(items);
}

/** ZPOPMIN key [count] / ZPOPMAX key [count]: the count is parsed before the key is looked up. */
function zpopMinMax(max: boolean) {
  return (c: Ctx, argv: string[]): Reply => {
    if (argv.length > 3) fail(ERR.syntax);
    const count = argv.length === 3 ? rangeLong(argv[2]!, 0n, LONG_MAX, ERR.notPositive) : 1;
    return zpop(c, [argv[1]!], max, count, false);
  };
}

/** ZMPOP numkeys key [key ...] MIN | MAX [COUNT count] */
function zmpop(c: Ctx, argv: string[]): Reply {
  const numkeys = rangeLong(argv[1]!, 1n, LONG_MAX, ERR.numkeysPositive);
  const whereIdx = 2 + numkeys;
  if (whereIdx >= argv.length) fail(ERR.syntax);
  const where = argv[whereIdx]!;
  if (!is(where, 'min') && !is(where, 'max')) fail(ERR.syntax);
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    if (count === -1 && is(argv[j]!, 'count') && j + 1 < argv.length) {
      count = rangeLong(argv[++j]!, 1n, LONG_MAX, ERR.countPositive);
    } else fail(ERR.syntax);
  }
  return zpop(c, argv.slice(2, whereIdx), is(where, 'max'), count === -1 ? 1 : count, true);
}

// --- random members and scans ------------------------------------------------------------------

/**
 * ZRANDMEMBER key [count [WITHSCORES]]. A negative count repeats members (|count| picks, in
 * random order); a positive one returns distinct members: the whole set when it asks for at
 * least that many (walked from the highest score down, as Redis's iterator does), otherwise a
 * uniform sample (in set order for a listpack, as lpRandomPairsUnique emits it).
 */
function zrandmember(c: Ctx, argv: string[]): Reply {
  const key = argv[1]!;
  if (argv.length >= 3) {
    const v = parseInt64(argv[2]!);
    if (v === null) fail(ERR.notInteger);
    const l = BigInt(v!);
    if (l < -LONG_MAX) fail(ERR.longRange);
    if (argv.length > 4 || (argv.length === 4 && !is(argv[3]!, 'withscores'))) fail(ERR.syntax);
    const withScores = argv.length === 4;
    if (withScores && (l < -LONG_MAX / 2n || l > LONG_MAX / 2n)) fail(ERR.valueOutOfRange);
    return zrandmemberWithCount(c, key, l, withScores);
  }
  const z = c.read(key, 'zset');
  if (!z) return NIL;
  return bulk(z.list.at(c.random.below(z.size) + 1)!.member);
}

function zrandmemberWithCount(c: Ctx, key: string, l: bigint, withScores: boolean): Reply {
  const z = c.read(key, 'zset');
  if (!z) return EMPTY_ARRAY;
  if (l === 0n) return EMPTY_ARRAY;
  const size = z.size;
  const out: ZEntry[] = [];
  if (l < 0n || l === 1n) {
    const count = l < 0n ? -l : l;
    if (count > BigInt(MAX_RANDOM_REPLY)) fail(ERR.replyTooLarge(intToString(count), MAX_RANDOM_REPLY));
    for (let i = 0; i < Number(count); i++) out.push(z.list.at(c.random.below(size) + 1)!);
    return nodesReply(out, withScores);
  }
  if (l >= BigInt(size)) {
    return nodesReply(z.list.range(size, size, true), withScores);
  }
  const count = Number(l);
  const ranks = sampleRanks(c, size, count);
  if (z.encoding === 'listpack') ranks.sort((a, b) => a - b);
  for (const r of ranks) out.push(z.list.at(r)!);
  return nodesReply(out, withScores);
}

/**
 * `count` distinct ranks out of 1..size (count < size), uniformly: by rejection when few are
 * wanted (O(count) expected), by drawing the ones left out when most are (O(size), as Redis's CASE 3).
 */
function sampleRanks(c: Ctx, size: number, count: number): number[] {
  const picked = new Set<number>();
  if (count * 3 > size) {
    const out = new Set<number>();
    while (out.size < size - count) out.add(c.random.below(size) + 1);
    for (let r = 1; r <= size; r++) if (!out.has(r)) picked.add(r);
    return [...picked];
  }
  while (picked.size < count) picked.add(c.random.below(size) + 1);
  return [...picked];
}

/**
 * ZSCAN key cursor [MATCH pattern] [COUNT count]. The cursor is checked before the key; the
 * options after it. A listpack comes back whole with cursor 0, its scores as the listpack holds
 * them (integers as integers); a skiplist is walked in the order src/redis-sim/scan.ts defines.
 */
function zscan(c: Ctx, argv: string[]): Reply {
  const cursor = parseCursor(argv[2]!);
  const z = c.read(argv[1]!, 'zset');
  if (!z) return EMPTY_SCAN;
  const o = parseScanOptions(argv, 3, false);
  const items: Reply[] = [];
  if (z.encoding === 'listpack') {
    for (const n of z.list) if (matches(o, n.member)) items.push(bulk(n.member), bulk(listpackScoreText(n.score)));
    return array([bulk('0'), array(items)]);
  }
  const step = scanStep(z.scores.keys(), cursor, o.count);
  for (const m of step.names) if (matches(o, m)) items.push(bulk(m), score(z.scores.get(m)!));
  return array([bulk(String(step.cursor)), array(items)]);
}

// --- union, intersection, difference ---------------------------------------------------------------

type SetOp = 'union' | 'inter' | 'diff';
type Aggregate = 'sum' | 'min' | 'max';

/** One input of ZUNION & co.: a sorted set, a plain set (every score 1) or a missing key. */
interface Source {
  value: ZSetValue | SetValue | null;
  weight: number;
}

const sourceSize = (s: Source): number => (s.value === null ? 0 : s.value.size);

function* sourceEntries(s: Source): IterableIterator<[string, number]> {
  if (s.value === null) return;
  if (s.value.type === 'zset') yield* s.value.scores;
  else for (const m of s.value.members.keys()) yield [m, 1];
}

function sourceScore(s: Source, member: string): number | undefined {
  if (s.value === null) return undefined;
  if (s.value.type === 'zset') return s.value.scores.get(member);
  return s.value.has(member) ? 1 : undefined;
}

/** zunionInterAggregate: a SUM of inf and -inf is 0, not NaN. */
function aggregate(target: number, value: number, how: Aggregate): number {
  if (how === 'sum') {
    const r = target + value;
    return Number.isNaN(r) ? 0 : r;
  }
  if (how === 'min') return value < target ? value : target;
  return value > target ? value : target;
}

/**
 * zunionInterDiffGenericCommand: ZUNION / ZINTER / ZDIFF / ZINTERCARD and their STORE forms.
 * `ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS weight ...] [AGGREGATE SUM | MIN | MAX]`.
 * The inputs are looked up (and type-checked: sorted sets or sets) before the options are read.
 * UNION and INTER visit inputs smallest first (a stable sort: the order floating-point sums are
 * taken in). A weight times a score that is NaN (inf * 0) counts as 0 in a union; in an
 * intersection only the first input's product is corrected, the rest reach the aggregate as is.
 */
function zsetOp(c: Ctx, argv: string[], name: string, op: SetOp, dst: string | null, cardOnly = false): Reply {
  const numkeysIdx = dst === null ? 1 : 2;
  const setnum = intArg(argv[numkeysIdx]!);
  if (setnum < 1) fail(ERR.atLeastOneKey(name));
  if (setnum > argv.length - (numkeysIdx + 1)) fail(ERR.syntax);
  const src: Source[] = [];
  for (let i = 0; i < setnum; i++) {
    const entry = c.lookupRead(argv[numkeysIdx + 1 + i]!);
    if (entry && entry.value.type !== 'zset' && entry.value.type !== 'set') fail(ERR.wrongType);
    src.push({ value: entry ? (entry.value as ZSetValue | SetValue) : null, weight: 1 });
  }
  let how: Aggregate = 'sum';
  let withScores = false;
  let limit = 0;
  let j = numkeysIdx + 1 + setnum;
  while (j < argv.length) {
    const remaining = argv.length - j;
    const a = argv[j]!;
    if (op !== 'diff' && !cardOnly && remaining >= setnum + 1 && is(a, 'weights')) {
      j++;
      for (const s of src) s.weight = floatArg(argv[j++]!, ERR.weightNotFloat);
    } else if (op !== 'diff' && !cardOnly && remaining >= 2 && is(a, 'aggregate')) {
      const v = argv[j + 1]!;
      if (is(v, 'sum')) how = 'sum';
      else if (is(v, 'min')) how = 'min';
      else if (is(v, 'max')) how = 'max';
      else fail(ERR.syntax);
      j += 2;
    } else if (dst === null && !cardOnly && is(a, 'withscores')) {
      withScores = true;
      j++;
    } else if (cardOnly && remaining >= 2 && is(a, 'limit')) {
      limit = rangeLong(argv[j + 1]!, 0n, LONG_MAX, ERR.limitNegative);
      j += 2;
    } else fail(ERR.syntax);
  }
  if (op !== 'diff') src.sort((x, y) => sourceSize(x) - sourceSize(y));

  const result = new Map<string, number>();
  if (op === 'inter') {
    const [first, ...rest] = src;
    if (sourceSize(first!) > 0) {
      for (const [m, s0] of sourceEntries(first!)) {
        let acc = first!.weight * s0;
        if (Number.isNaN(acc)) acc = 0;
        let inAll = true;
        for (const other of rest) {
          const v = sourceScore(other, m);
          if (v === undefined) {
            inAll = false;
            break;
          }
          acc = aggregate(acc, v * other.weight, how);
        }
        if (!inAll) continue;
        result.set(m, acc);
        if (cardOnly && limit && result.size >= limit) break;
      }
    }
  } else if (op === 'union') {
    for (const s of src) {
      for (const [m, v] of sourceEntries(s)) {
        let w = s.weight * v;
        if (Number.isNaN(w)) w = 0;
        const existing = result.get(m);
        result.set(m, existing === undefined ? w : aggregate(existing, w, how));
      }
    }
  } else {
    const [first, ...rest] = src;
    for (const [m, s0] of sourceEntries(first!)) {
      if (!rest.some((o) => o.value === first!.value || sourceScore(o, m) !== undefined)) result.set(m, s0);
    }
  }

  if (cardOnly) return integer(result.size);
  if (dst !== null) {
    if (result.size === 0) {
      if (c.remove(dst)) c.notify('g', 'del', dst);
      return ZERO;
    }
    const out = new ZSetValue(c.config);
    out.encoding = 'skiplist';
    for (const [m, s] of result) out.add(m, s, c.config);
    out.shrinkEncodingIfSmall(c.config);
    c.store(dst, out);
    c.notify('z', `z${op}store`, dst);
    return integer(result.size);
  }
  const sorted = [...result].sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const reply: Reply[] = [];
  for (const [m, s] of sorted) {
    reply.push(bulk(m));
    if (withScores) reply.push(score(s));
  }
  return array(reply);
}

// --- the table ---------------------------------------------------------------------------------

const Z = { group: 'sorted-set' as const };
const K1: [number, number, number] = [1, 1, 1];
const NUMKEYS: [number, number, number] = [0, 0, 0];

export const ZSET_COMMANDS: readonly CommandSpec[] = [
  command({
    ...Z, since: '1.2.0', name: 'zadd', arity: -4, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]',
    summary: "Adds one or more members to a sorted set, or updates their scores. Creates the key if it doesn't exist.",
    handler: (c, a) => zaddGeneric(c, a, false),
  }),
  command({
    ...Z, since: '1.2.0', name: 'zincrby', arity: 4, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'ZINCRBY key increment member',
    summary: 'Increments the score of a member in a sorted set.',
    handler: (c, a) => zaddGeneric(c, a, true),
  }),
  command({
    ...Z, since: '1.2.0', name: 'zscore', arity: 3, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'ZSCORE key member',
    summary: 'Returns the score of a member in a sorted set.',
    handler: (c, a) => {
      const s = c.read(a[1]!, 'zset')?.scores.get(a[2]!);
      return s === undefined ? NIL : score(s);
    },
  }),
  command({
    ...Z, since: '6.2.0', name: 'zmscore', arity: -3, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'ZMSCORE key member [member ...]',
    summary: 'Returns the score of one or more members in a sorted set.',
    handler: zmscore,
  }),
  command({
    ...Z, since: '2.0.0', name: 'zrank', arity: 3, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'ZRANK key member',
    summary: 'Returns the index of a member in a sorted set ordered by ascending scores.',
    handler: zrank(false),
  }),
  command({
    ...Z, since: '2.0.0', name: 'zrevrank', arity: 3, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'ZREVRANK key member',
    summary: 'Returns the index of a member in a sorted set ordered by descending scores.',
    handler: zrank(true),
  }),
  command({
    ...Z, since: '1.2.0', name: 'zcard', arity: 2, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'ZCARD key',
    summary: 'Returns the number of members in a sorted set.',
    handler: (c, a) => integer(c.read(a[1]!, 'zset')?.size ?? 0),
  }),
  command({
    ...Z, since: '2.0.0', name: 'zcount', arity: 4, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'ZCOUNT key min max',
    summary: 'Returns the count of members in a sorted set that have scores within a range.',
    handler: (c, a) => {
      const range = parseScoreRange(a[2]!, a[3]!);
      const z = c.read(a[1]!, 'zset');
      return integer(z ? scoreCount(z, range) : 0);
    },
  }),
  command({
    ...Z, since: '2.8.9', name: 'zlexcount', arity: 4, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'ZLEXCOUNT key min max',
    summary: 'Returns the number of members in a sorted set within a lexicographical range.',
    handler: (c, a) => {
      const range = parseLexRange(a[2]!, a[3]!);
      const z = c.read(a[1]!, 'zset');
      return integer(z ? lexCount(z, range) : 0);
    },
  }),
  command({
    ...Z, since: '1.2.0', name: 'zrange', arity: -4, flags: ['readonly'], keys: K1,
    syntax: 'ZRANGE key start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]',
    summary: 'Returns members in a sorted set within a range of indexes.',
    handler: (c, a) => zrangeGeneric(c, a, 1, false, 'auto', 'auto'),
  }),
  command({
    ...Z, since: '6.2.0', name: 'zrangestore', arity: -5, flags: ['write', 'denyoom'], keys: [1, 2, 1],
    syntax: 'ZRANGESTORE dst src min max [BYSCORE | BYLEX] [REV] [LIMIT offset count]',
    summary: 'Stores a range of members from sorted set in a key.',
    handler: (c, a) => zrangeGeneric(c, a, 2, true, 'auto', 'auto'),
  }),
  command({
    ...Z, since: '1.0.5', name: 'zrangebyscore', arity: -4, flags: ['readonly'], keys: K1,
    syntax: 'ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count]',
    summary: 'Returns members in a sorted set within a range of scores.',
    handler: (c, a) => zrangeGeneric(c, a, 1, false, 'score', 'forward'),
  }),
  command({
    ...Z, since: '2.2.0', name: 'zrevrangebyscore', arity: -4, flags: ['readonly'], keys: K1,
    syntax: 'ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count]',
    summary: 'Returns members in a sorted set within a range of scores in reverse order.',
    handler: (c, a) => zrangeGeneric(c, a, 1, false, 'score', 'reverse'),
  }),
  command({
    ...Z, since: '2.8.9', name: 'zrangebylex', arity: -4, flags: ['readonly'], keys: K1,
    syntax: 'ZRANGEBYLEX key min max [LIMIT offset count]',
    summary: 'Returns members in a sorted set within a lexicographical range.',
    handler: (c, a) => zrangeGeneric(c, a, 1, false, 'lex', 'forward'),
  }),
  command({
    ...Z, since: '2.8.9', name: 'zrevrangebylex', arity: -4, flags: ['readonly'], keys: K1,
    syntax: 'ZREVRANGEBYLEX key max min [LIMIT offset count]',
    summary: 'Returns members in a sorted set within a lexicographical range in reverse order.',
    handler: (c, a) => zrangeGeneric(c, a, 1, false, 'lex', 'reverse'),
  }),
  command({
    ...Z, since: '1.2.0', name: 'zrevrange', arity: -4, flags: ['readonly'], keys: K1,
    syntax: 'ZREVRANGE key start stop [WITHSCORES]',
    summary: 'Returns members in a sorted set within a range of indexes in reverse order.',
    handler: (c, a) => zrangeGeneric(c, a, 1, false, 'rank', 'reverse'),
  }),
  command({
    ...Z, since: '1.2.0', name: 'zrem', arity: -3, flags: ['write', 'fast'], keys: K1,
    syntax: 'ZREM key member [member ...]',
    summary: 'Removes one or more members from a sorted set. Deletes the sorted set if all members were removed.',
    handler: zrem,
  }),
  command({
    ...Z, since: '2.0.0', name: 'zremrangebyrank', arity: 4, flags: ['write'], keys: K1,
    syntax: 'ZREMRANGEBYRANK key start stop',
    summary: 'Removes members in a sorted set within a range of indexes. Deletes the sorted set if all members were removed.',
    handler: zremrange('rank'),
  }),
  command({
    ...Z, since: '1.2.0', name: 'zremrangebyscore', arity: 4, flags: ['write'], keys: K1,
    syntax: 'ZREMRANGEBYSCORE key min max',
    summary: 'Removes members in a sorted set within a range of scores. Deletes the sorted set if all members were removed.',
    handler: zremrange('score'),
  }),
  command({
    ...Z, since: '2.8.9', name: 'zremrangebylex', arity: 4, flags: ['write'], keys: K1,
    syntax: 'ZREMRANGEBYLEX key min max',
    summary: 'Removes members in a sorted set within a lexicographical range. Deletes the sorted set if all members were removed.',
    handler: zremrange('lex'),
  }),
  command({
    ...Z, since: '5.0.0', name: 'zpopmin', arity: -2, flags: ['write', 'fast'], keys: K1,
    syntax: 'ZPOPMIN key [count]',
    summary: 'Returns the lowest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.',
    handler: zpopMinMax(false),
  }),
  command({
    ...Z, since: '5.0.0', name: 'zpopmax', arity: -2, flags: ['write', 'fast'], keys: K1,
    syntax: 'ZPOPMAX key [count]',
    summary: 'Returns the highest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.',
    handler: zpopMinMax(true),
  }),
  command({
    ...Z, since: '7.0.0', name: 'zmpop', arity: -4, flags: ['write'], keys: NUMKEYS,
    syntax: 'ZMPOP numkeys key [key ...] MIN | MAX [COUNT count]',
    summary: 'Returns the highest- or lowest-scoring members from one or more sorted sets after removing them. Deletes the sorted set if the last member was popped.',
    handler: zmpop,
  }),
  command({
    ...Z, since: '6.2.0', name: 'zunion', arity: -3, flags: ['readonly'], keys: NUMKEYS,
    syntax: 'ZUNION numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM | MIN | MAX] [WITHSCORES]',
    summary: 'Returns the union of multiple sorted sets.',
    handler: (c, a) => zsetOp(c, a, 'zunion', 'union', null),
  }),
  command({
    ...Z, since: '6.2.0', name: 'zinter', arity: -3, flags: ['readonly'], keys: NUMKEYS,
    syntax: 'ZINTER numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM | MIN | MAX] [WITHSCORES]',
    summary: 'Returns the intersect of multiple sorted sets.',
    handler: (c, a) => zsetOp(c, a, 'zinter', 'inter', null),
  }),
  command({
    ...Z, since: '6.2.0', name: 'zdiff', arity: -3, flags: ['readonly'], keys: NUMKEYS,
    syntax: 'ZDIFF numkeys key [key ...] [WITHSCORES]',
    summary: 'Returns the difference between multiple sorted sets.',
    handler: (c, a) => zsetOp(c, a, 'zdiff', 'diff', null),
  }),
  command({
    ...Z, since: '7.0.0', name: 'zintercard', arity: -3, flags: ['readonly'], keys: NUMKEYS,
    syntax: 'ZINTERCARD numkeys key [key ...] [LIMIT limit]',
    summary: 'Returns the number of members of the intersect of multiple sorted sets.',
    handler: (c, a) => zsetOp(c, a, 'zintercard', 'inter', null, true),
  }),
  command({
    ...Z, since: '2.0.0', name: 'zunionstore', arity: -4, flags: ['write', 'denyoom'], keys: K1,
    syntax: 'ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM | MIN | MAX]',
    summary: 'Stores the union of multiple sorted sets in a key.',
    handler: (c, a) => zsetOp(c, a, 'zunionstore', 'union', a[1]!),
  }),
  command({
    ...Z, since: '2.0.0', name: 'zinterstore', arity: -4, flags: ['write', 'denyoom'], keys: K1,
    syntax: 'ZINTERSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM | MIN | MAX]',
    summary: 'Stores the intersect of multiple sorted sets in a key.',
    handler: (c, a) => zsetOp(c, a, 'zinterstore', 'inter', a[1]!),
  }),
  command({
    ...Z, since: '6.2.0', name: 'zdiffstore', arity: -4, flags: ['write', 'denyoom'], keys: K1,
    syntax: 'ZDIFFSTORE destination numkeys key [key ...]',
    summary: 'Stores the difference of multiple sorted sets in a key.',
    handler: (c, a) => zsetOp(c, a, 'zdiffstore', 'diff', a[1]!),
  }),
  command({
    ...Z, since: '6.2.0', name: 'zrandmember', arity: -2, flags: ['readonly'], keys: K1,
    syntax: 'ZRANDMEMBER key [count [WITHSCORES]]',
    summary: 'Returns one or more random members from a sorted set.',
    handler: zrandmember,
  }),
  command({
    ...Z, since: '2.8.0', name: 'zscan', arity: -3, flags: ['readonly'], keys: K1,
    syntax: 'ZSCAN key cursor [MATCH pattern] [COUNT count]',
    summary: 'Iterates over members and scores of a sorted set.',
    handler: zscan,
  }),
];
