import { ERR, fail } from '../errors.js';
import { formatDouble, strtod } from '../numbers.js';
import {
  lexGteMin,
  lexLteMax,
  scoreGteMin,
  scoreLteMax,
  type LexBound,
  type LexRange,
  type ScoreRange,
  type SkipNode,
} from '../structures/skiplist.js';
import type { ZSetValue } from '../values.js';

/**
 * The sorted-set commands' shared machinery: Redis's range parsers, and the range
 * queries (by rank, by score, by lex) with their costs kept at O(log n + what is returned).
 *
 * Lex lookups follow the encoding the way Redis does: a listpack is scanned from one end
 * (zzlFirstInLexRange), a skiplist is descended (zslFirstInLexRange). They agree whenever all
 * scores are equal, the BYLEX commands' precondition; on mixed scores a listpack-encoded set
 * therefore answers exactly as Redis does, while a skiplist's answer depends on its node levels
 * (random in Redis, seeded here).
 */

/**
 * One end of a score range (zslParseRange): `(` makes it exclusive, then plain strtod on what is
 * left, read as a C string (it stops at a NUL byte), leading spaces allowed, ERANGE ignored (so
 * `1e400` is inf and the empty string is 0); only trailing junk and NaN are errors.
 */
function parseScoreBound(arg: string): { value: number; ex: boolean } | null {
  const nul = arg.indexOf('\0');
  const s = nul >= 0 ? arg.slice(0, nul) : arg;
  const ex = s[0] === '(';
  const body = ex ? s.slice(1) : s;
  const r = strtod(body);
  if (r.consumed !== body.length || Number.isNaN(r.value)) return null;
  return { value: r.value, ex };
}

/** `ZRANGEBYSCORE key min max`: `ERR min or max is not a float` when either end is bad. */
export function parseScoreRange(minArg: string, maxArg: string): ScoreRange {
  const min = parseScoreBound(minArg);
  const max = parseScoreBound(maxArg);
  if (min === null || max === null) fail(ERR.minMaxNotFloat);
  return { min: min!.value, minex: min!.ex, max: max!.value, maxex: max!.ex };
}

/** zslParseLexRangeItem: `-`, `+`, `[member` or `(member`; anything else is invalid. */
function parseLexBound(s: string): LexBound | null {
  switch (s[0]) {
    case '+':
      return s.length === 1 || s[1] === '\0' ? { kind: 'max' } : null;
    case '-':
      return s.length === 1 || s[1] === '\0' ? { kind: 'min' } : null;
    case '(':
      return { kind: 'value', value: s.slice(1), exclusive: true };
    case '[':
      return { kind: 'value', value: s.slice(1), exclusive: false };
    default:
      return null;
  }
}

/** `ZRANGEBYLEX key min max`: `ERR min or max not valid string range item` when either end is bad. */
export function parseLexRange(minArg: string, maxArg: string): LexRange {
  const min = parseLexBound(minArg);
  const max = parseLexBound(maxArg);
  if (min === null || max === null) fail(ERR.minMaxNotLex);
  return { min: min!, max: max! };
}

/**
 * How a listpack stores a score and ZSCAN returns it: an integer when it is one within ±2^62
 * (double2ll), otherwise as printed with %.17g.
 */
export function listpackScoreText(score: number): string {
  if (Number.isInteger(score) && Math.abs(score) <= 4611686018427387904) {
    return Math.abs(score) <= Number.MAX_SAFE_INTEGER ? String(score === 0 ? 0 : score) : BigInt(score).toString();
  }
  return formatDouble(score);
}

/** Rank range with Redis's index arithmetic: negative from the end, clamped, empty if crossed. */
export function rankRange(z: ZSetValue, start: number, end: number, reverse: boolean): SkipNode[] {
  const llen = z.size;
  if (start < 0) start += llen;
  if (end < 0) end += llen;
  if (start < 0) start = 0;
  if (start > end || start >= llen) return [];
  if (end >= llen) end = llen - 1;
  const out: SkipNode[] = [];
  let n = z.list.byRank(reverse ? llen - start : start + 1);
  for (let left = end - start + 1; left > 0 && n; left--) {
    out.push(n);
    n = reverse ? n.backward : z.list.next(n);
  }
  return out;
}

/** The ranks (1-based, inclusive) a score range covers; first > last when it covers none. O(log n). */
export function scoreRanks(z: ZSetValue, r: ScoreRange): { first: number; last: number } {
  return {
    first: z.list.countWhile((n) => !scoreGteMin(n.score, r)) + 1,
    last: z.list.countWhile((n) => scoreLteMax(n.score, r)),
  };
}

/** ZCOUNT. */
export function scoreCount(z: ZSetValue, r: ScoreRange): number {
  const { first, last } = scoreRanks(z, r);
  return Math.max(0, last - first + 1);
}

/**
 * genericZrangebyscoreCommand: skip `offset` members of the range, return up to `limit` (negative:
 * no limit). A negative offset gives nothing, as Redis's offset walk runs off the end.
 */
export function scoreRange(z: ZSetValue, r: ScoreRange, offset: number, limit: number, reverse: boolean): SkipNode[] {
  if (offset < 0 || (offset > 0 && offset >= z.size)) return [];
  const { first, last } = scoreRanks(z, r);
  const out: SkipNode[] = [];
  if (reverse) {
    let rank = last - offset;
    let n = rank >= first ? z.list.byRank(rank) : null;
    for (; n && rank >= first && limit !== 0; rank--, limit--) {
      out.push(n);
      n = n.backward;
    }
  } else {
    let rank = first + offset;
    let n = rank <= last ? z.list.byRank(rank) : null;
    for (; n && rank <= last && limit !== 0; rank++, limit--) {
      out.push(n);
      n = z.list.next(n);
    }
  }
  return out;
}

/** zzlFirstInLexRange / zslFirstInLexRange, by encoding. */
function lexFirst(z: ZSetValue, r: LexRange): SkipNode | null {
  if (z.encoding === 'skiplist') return z.list.firstInLexRange(r);
  if (!z.list.isInLexRange(r)) return null;
  for (let n = z.list.first(); n; n = z.list.next(n)) {
    if (lexGteMin(n.member, r.min)) return lexLteMax(n.member, r.max) ? n : null;
  }
  return null;
}

/** zzlLastInLexRange / zslLastInLexRange, by encoding. */
function lexLast(z: ZSetValue, r: LexRange): SkipNode | null {
  if (z.encoding === 'skiplist') return z.list.lastInLexRange(r);
  if (!z.list.isInLexRange(r)) return null;
  for (let n = z.list.last(); n; n = n.backward) {
    if (lexLteMax(n.member, r.max)) return lexGteMin(n.member, r.min) ? n : null;
  }
  return null;
}

/** ZLEXCOUNT: a listpack counts its run from the first match; a skiplist subtracts ranks. */
export function lexCount(z: ZSetValue, r: LexRange): number {
  if (z.encoding === 'listpack') {
    let count = 0;
    for (let n = lexFirst(z, r); n && lexLteMax(n.member, r.max); n = z.list.next(n)) count++;
    return count;
  }
  const first = z.list.firstInLexRange(r);
  if (first === null) return 0;
  const len = z.size;
  let count = len - (z.list.rank(first.score, first.member) - 1);
  const last = z.list.lastInLexRange(r);
  if (last !== null) count -= len - z.list.rank(last.score, last.member);
  return count;
}

/**
 * genericZrangebylexCommand: from the first (or last) member in range, skip `offset` members
 * (a rank jump, where Redis walks: the same node), then return members while they stay in range.
 */
export function lexRange(z: ZSetValue, r: LexRange, offset: number, limit: number, reverse: boolean): SkipNode[] {
  if (offset < 0 || (offset > 0 && offset >= z.size)) return [];
  let n = reverse ? lexLast(z, r) : lexFirst(z, r);
  if (n && offset > 0) {
    const rank = z.list.rank(n.score, n.member);
    n = z.list.byRank(reverse ? rank - offset : rank + offset);
  }
  const out: SkipNode[] = [];
  for (; n && limit !== 0; limit--) {
    if (reverse ? !lexGteMin(n.member, r.min) : !lexLteMax(n.member, r.max)) break;
    out.push(n);
    n = reverse ? n.backward : z.list.next(n);
  }
  return out;
}

const forget = (z: ZSetValue) => (n: SkipNode) => {
  z.scores.delete(n.member);
};

/** ZREMRANGEBYRANK's removal, ranks 1-based inclusive. O(log n + removed). */
export function removeRanks(z: ZSetValue, first: number, last: number): number {
  return z.list.deleteRangeByRank(first, last, forget(z));
}

/** ZREMRANGEBYSCORE's removal. */
export function removeScoreRange(z: ZSetValue, r: ScoreRange): number {
  return z.list.deleteRangeByScore(r, forget(z));
}

/** ZREMRANGEBYLEX's removal: zzlDeleteRangeByLex on a listpack, zslDeleteRangeByLex on a skiplist. */
export function removeLexRange(z: ZSetValue, r: LexRange): number {
  if (z.encoding === 'skiplist') return z.list.deleteRangeByLex(r, forget(z));
  const first = lexFirst(z, r);
  if (first === null) return 0;
  let count = 0;
  for (let n: SkipNode | null = first; n && lexLteMax(n.member, r.max); n = z.list.next(n)) count++;
  const rank = z.list.rank(first.score, first.member);
  return removeRanks(z, rank, rank + count - 1);
}
