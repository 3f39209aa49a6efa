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
  type ZEntry,
} from '../structures/sorted-blocks.js';
import type { ZSetValue } from '../values.js';

/**
 * The sorted-set commands' shared machinery: Redis's range parsers, and the range
 * queries (by rank, by score, by lex) with their costs kept at O(log n + what is returned).
 *
 * Lex lookups follow the encoding the way Redis does: a listpack is scanned from one end
 * (zzlFirstInLexRange), a skiplist-encoded set is searched (zslFirstInLexRange). They agree
 * whenever all scores are equal, the BYLEX commands' precondition; on mixed scores a
 * listpack-encoded set therefore answers exactly as Redis does, while for a skiplist-encoded one
 * Redis's answer depends on its skiplist's random levels and ours on where a binary search lands.
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
export function rankRange(z: ZSetValue, start: number, end: number, reverse: boolean): ZEntry[] {
  const llen = z.size;
  if (start < 0) start += llen;
  if (end < 0) end += llen;
  if (start < 0) start = 0;
  if (start > end || start >= llen) return [];
  if (end >= llen) end = llen - 1;
  return z.list.range(reverse ? llen - start : start + 1, end - start + 1, reverse);
}

/** The ranks (1-based, inclusive) a score range covers; first > last when it covers none. O(log n). */
export function scoreRanks(z: ZSetValue, r: ScoreRange): { first: number; last: number } {
  return { first: firstInScoreRange(z, r), last: lastInScoreRange(z, r) };
}

/** The rank (1-based) of the first entry at or past the range's min. O(log n). */
const firstInScoreRange = (z: ZSetValue, r: ScoreRange): number => z.list.countScores(r.min, r.minex) + 1;

/** The rank (1-based) of the last entry at or before the range's max, 0 when none. O(log n). */
const lastInScoreRange = (z: ZSetValue, r: ScoreRange): number => z.list.countScores(r.max, !r.maxex);

/** ZCOUNT. */
export function scoreCount(z: ZSetValue, r: ScoreRange): number {
  const { first, last } = scoreRanks(z, r);
  return Math.max(0, last - first + 1);
}

/**
 * genericZrangebyscoreCommand: skip `offset` members of the range, return up to `limit` (negative:
 * no limit). A negative offset gives nothing, as Redis's offset walk runs off the end.
 */
export function scoreRange(z: ZSetValue, r: ScoreRange, offset: number, limit: number, reverse: boolean): ZEntry[] {
  const out: ZEntry[] = [];
  if (offset < 0 || (offset > 0 && offset >= z.size) || limit === 0) return out;
  // Only the end the walk starts from needs a search: scores are monotone along the walk, so it
  // stops where the range does.
  const rank = reverse ? lastInScoreRange(z, r) - offset : firstInScoreRange(z, r) + offset;
  z.list.scan(rank, reverse, (score, member) =>
    (reverse ? scoreGteMin(score, r) : scoreLteMax(score, r)) && out.push({ score, member }) !== limit,
  );
  return out;
}

/** zzlFirstInLexRange / zslFirstInLexRange, by encoding: a 1-based rank, 0 when none. */
function lexFirst(z: ZSetValue, r: LexRange): number {
  if (z.encoding === 'skiplist') return z.list.firstInLexRange(r);
  if (!z.list.isInLexRange(r)) return 0;
  let rank = 0;
  let found = false;
  z.list.scan(1, false, (_, m) => {
    rank++;
    if (!lexGteMin(m, r.min)) return true;
    found = lexLteMax(m, r.max);
    return false;
  });
  return found ? rank : 0;
}

/** zzlLastInLexRange / zslLastInLexRange, by encoding: a 1-based rank, 0 when none. */
function lexLast(z: ZSetValue, r: LexRange): number {
  if (z.encoding === 'skiplist') return z.list.lastInLexRange(r);
  if (!z.list.isInLexRange(r)) return 0;
  let rank = z.size + 1;
  let found = false;
  z.list.scan(z.size, true, (_, m) => {
    rank--;
    if (!lexLteMax(m, r.max)) return true;
    found = lexGteMin(m, r.min);
    return false;
  });
  return found ? rank : 0;
}

/** How many members from a rank on (or back, when `reverse`) stay inside the lex range. */
function lexRun(z: ZSetValue, r: LexRange, rank: number, reverse: boolean, limit = -1): number {
  let n = 0;
  z.list.scan(rank, reverse, (_, m) => (reverse ? lexGteMin(m, r.min) : lexLteMax(m, r.max)) && ++n !== limit);
  return n;
}

/** ZLEXCOUNT: a listpack counts its run from the first match; a skiplist subtracts ranks. */
export function lexCount(z: ZSetValue, r: LexRange): number {
  if (z.encoding === 'listpack') {
    const first = lexFirst(z, r);
    return first === 0 ? 0 : lexRun(z, r, first, false);
  }
  const first = z.list.firstInLexRange(r);
  if (first === 0) return 0;
  const len = z.size;
  let count = len - (first - 1);
  const last = z.list.lastInLexRange(r);
  if (last !== 0) count -= len - last;
  return count;
}

/**
 * genericZrangebylexCommand: from the first (or last) member in range, skip `offset` members
 * (a rank jump, where Redis walks: the same member), then return members while they stay in range.
 */
export function lexRange(z: ZSetValue, r: LexRange, offset: number, limit: number, reverse: boolean): ZEntry[] {
  if (offset < 0 || (offset > 0 && offset >= z.size)) return [];
  let rank = reverse ? lexLast(z, r) : lexFirst(z, r);
  if (rank === 0 || limit === 0) return [];
  rank = reverse ? rank - offset : rank + offset;
  return z.list.range(rank, lexRun(z, r, rank, reverse, limit), reverse);
}

/** ZREMRANGEBYRANK's removal, ranks 1-based inclusive. O(log n + removed). */
export function removeRanks(z: ZSetValue, first: number, last: number): number {
  return z.list.deleteRangeByRank(first, last, (m) => z.scores.delete(m));
}

/** ZREMRANGEBYSCORE's removal. */
export function removeScoreRange(z: ZSetValue, r: ScoreRange): number {
  return z.list.deleteRangeByScore(r, (m) => z.scores.delete(m));
}

/** ZREMRANGEBYLEX's removal: zzlDeleteRangeByLex on a listpack, zslDeleteRangeByLex on a skiplist. */
export function removeLexRange(z: ZSetValue, r: LexRange): number {
  if (z.encoding === 'skiplist') return z.list.deleteRangeByLex(r, (m) => z.scores.delete(m));
  const first = lexFirst(z, r);
  if (first === 0) return 0;
  return removeRanks(z, first, first + lexRun(z, r, first, false) - 1);
}
