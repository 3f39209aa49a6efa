/**
 * The order a sorted set keeps: (score, member) pairs sorted by score, then member byte-wise,
 * with O(log n) rank, "entry at rank", insert and delete. Redis uses a zskiplist for this; a
 * skiplist in JS is a pointer chase through node objects, one cache miss per step, which at a
 * million members costs microseconds per lookup. This keeps the pairs instead in a sorted list of
 * blocks (as Python's sortedcontainers does): each block a pair of parallel arrays (scores and
 * members), found by binary search over the blocks' last entries, searched inside from a guess
 * interpolated by score, and counted by a Fenwick tree over block sizes. A lookup touches a few
 * contiguous arrays rather than ~30 scattered nodes.
 *
 * Nothing here is random: the order alone fixes every answer. Score predicates are monotone
 * along the order, so every lookup by score gives Redis's answer. Lex predicates are monotone
 * only when all scores are equal (Redis's documented precondition for the BYLEX commands); on
 * mixed scores Redis's answer depends on its skiplist's random levels, and this one's on where
 * the binary searches land.
 */

/** One pair, as ranges hand them out. */
export interface ZEntry {
  readonly member: string;
  readonly score: number;
}

/** A score interval as zslParseRange builds it: `(1.5` is exclusive, `1.5` inclusive. */
export interface ScoreRange {
  min: number;
  max: number;
  minex: boolean;
  maxex: boolean;
}

/**
 * One end of a lex interval: `-` and `+` are the smallest and largest strings (Redis's
 * shared.minstring / shared.maxstring, always exclusive), `[x` includes x, `(x` excludes it.
 */
export type LexBound = { kind: 'min' } | { kind: 'max' } | { kind: 'value'; value: string; exclusive: boolean };
export interface LexRange {
  min: LexBound;
  max: LexBound;
}

export const scoreGteMin = (v: number, r: ScoreRange): boolean => (r.minex ? v > r.min : v >= r.min);
export const scoreLteMax = (v: number, r: ScoreRange): boolean => (r.maxex ? v < r.max : v <= r.max);

/** sdscmplex: a member against a bound, the sentinels acting as -inf / +inf strings. */
const cmpLex = (v: string, b: LexBound): number =>
  b.kind === 'min' ? 1 : b.kind === 'max' ? -1 : v < b.value ? -1 : v > b.value ? 1 : 0;
const exclusive = (b: LexBound): boolean => b.kind !== 'value' || b.exclusive;

export const lexGteMin = (v: string, b: LexBound): boolean => (exclusive(b) ? cmpLex(v, b) > 0 : cmpLex(v, b) >= 0);
export const lexLteMax = (v: string, b: LexBound): boolean => (exclusive(b) ? cmpLex(v, b) < 0 : cmpLex(v, b) <= 0);

/** Ranges that can hold nothing whatever the set: min above max, or equal with an open end. */
export function emptyScoreRange(r: ScoreRange): boolean {
  return r.min > r.max || (r.min === r.max && (r.minex || r.maxex));
}

export function emptyLexRange(r: LexRange): boolean {
  const a = r.min;
  const b = r.max;
  let cmp: number;
  if (a.kind === b.kind && a.kind !== 'value') cmp = 0;
  else if (a.kind === 'min' || b.kind === 'max') cmp = -1;
  else if (a.kind === 'max' || b.kind === 'min') cmp = 1;
  else cmp = cmpLex(a.value, b);
  return cmp > 0 || (cmp === 0 && (exclusive(a) || exclusive(b)));
}

/**
 * Whether entry i of parallel (scores, members) sorts strictly before (score, member). As a bound,
 * a member of '' (no string sorts before it) or null (standing for one after every string) makes
 * the pair a pure score bound: before (x, '') means below x, before (x, null) at most x. The
 * member array is read only on a tie: at a million members it is two cache misses away.
 */
const before = (scores: readonly number[], members: readonly string[], i: number, score: number, member: string | null): boolean => {
  const s = scores[i]!;
  return s < score || (s === score && (member === null || members[i]! < member));
};

/** How far either side of an interpolated guess the search in a block probes first. */
const GUESS_SPAN = 4;

/**
 * A block splits in two when it grows past twice this. Shrinking blocks are not merged, only
 * dropped once empty: heavy deletion can leave many small blocks, which costs memory and a few
 * more search steps, never correctness.
 */
const DEFAULT_LOAD = 256;

export class SortedBlocks {
  /** Block b holds scores[b] and members[b], in order; no block is empty. */
  private readonly scores: number[][] = [];
  private readonly members: string[][] = [];
  /**
   * Every block's last entry, copied into flat arrays so the search for a block reads one
   * contiguous array of doubles instead of touching every block it probes.
   */
  private readonly maxScores: number[] = [];
  private readonly maxMembers: string[] = [];
  /**
   * Fenwick tree over the block sizes (1-based), so a rank and a block convert in O(log blocks).
   * Null after blocks are added or removed: rebuilt on the next rank lookup, in O(blocks).
   */
  private tree: Int32Array | null = null;
  private count = 0;

  /** `load` sets the block size (tests use tiny ones to exercise splits). */
  constructor(private readonly load = DEFAULT_LOAD) {}

  get length(): number {
    return this.count;
  }

  private fenwick(): Int32Array {
    if (this.tree !== null) return this.tree;
    const nb = this.scores.length;
    const t = new Int32Array(nb + 1);
    for (let i = 1; i <= nb; i++) {
      t[i]! += this.scores[i - 1]!.length;
      const j = i + (i & -i);
      if (j <= nb) t[j]! += t[i]!;
    }
    return (this.tree = t);
  }

  /** Keeps the Fenwick tree current when a block gains or loses entries without splitting or emptying. */
  private grow(block: number, delta: number): void {
    const t = this.tree;
    if (t === null) return;
    for (let i = block + 1; i < t.length; i += i & -i) t[i]! += delta;
  }

  /** How many entries the blocks before `block` hold. */
  private prefix(block: number): number {
    const t = this.fenwick();
    let sum = 0;
    for (let i = block; i > 0; i -= i & -i) sum += t[i]!;
    return sum;
  }

  /** The block holding a 1-based rank (which must be in 1..length), and the rank's index in it. */
  private locate(rank: number): [block: number, index: number] {
    const t = this.fenwick();
    const nb = t.length - 1;
    let pos = 0;
    let rest = rank;
    for (let step = 1 << (31 - Math.clz32(nb)); step > 0; step >>= 1) {
      if (pos + step <= nb && t[pos + step]! < rest) {
        pos += step;
        rest -= t[pos]!;
      }
    }
    return [pos, rest - 1];
  }

  /** The first block whose last entry does not sort before (score, member); the block count if none. */
  private blockFor(score: number, member: string | null): number {
    const maxScores = this.maxScores;
    let lo = 0;
    let hi = maxScores.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(maxScores, this.maxMembers, mid, score, member)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Copies a block's last entry into the flat arrays. */
  private setMax(block: number): void {
    const last = this.scores[block]!.length - 1;
    this.maxScores[block] = this.scores[block]![last]!;
    this.maxMembers[block] = this.members[block]![last]!;
  }

  private addBlock(at: number, scores: number[], members: string[]): void {
    this.scores.splice(at, 0, scores);
    this.members.splice(at, 0, members);
    this.maxScores.splice(at, 0, scores[scores.length - 1]!);
    this.maxMembers.splice(at, 0, members[members.length - 1]!);
    this.tree = null;
  }

  private dropBlock(block: number): void {
    this.scores.splice(block, 1);
    this.members.splice(block, 1);
    this.maxScores.splice(block, 1);
    this.maxMembers.splice(block, 1);
    this.tree = null;
  }

  /** The first index in a block whose entry does not sort before (score, member). */
  private indexIn(block: number, score: number, member: string | null): number {
    const s = this.scores[block]!;
    const m = this.members[block]!;
    let lo = 0;
    let hi = s.length;
    const first = s[0]!;
    const last = this.maxScores[block]!;
    if (first < score && score < last) {
      // Scores are usually spread evenly enough within a block that interpolating between its
      // first and last score lands within a few entries of the answer: probing either side of
      // the guess first keeps a lookup to a cache line or two, where a binary search over 512
      // entries touches eight (mostly misses at a million members). A bad guess costs two
      // probes more, and any guess is safe (an infinite end makes it NaN, which | 0 turns to 0).
      const guess = (((score - first) / (last - first)) * (hi - 1)) | 0;
      const a = Math.max(guess - GUESS_SPAN, 0);
      const b = Math.min(guess + GUESS_SPAN, hi - 1);
      if (!before(s, m, a, score, member)) {
        hi = a;
      } else if (before(s, m, b, score, member)) {
        lo = b + 1;
      } else {
        lo = a + 1;
        hi = b;
      }
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(s, m, mid, score, member)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds a member the caller knows is absent. */
  insert(score: number, member: string): void {
    this.count++;
    if (this.scores.length === 0) {
      this.addBlock(0, [score], [member]);
      return;
    }
    let b = this.blockFor(score, member);
    if (b === this.scores.length) b--;
    const s = this.scores[b]!;
    const m = this.members[b]!;
    const i = this.indexIn(b, score, member);
    s.splice(i, 0, score);
    m.splice(i, 0, member);
    this.grow(b, 1);
    if (s.length > 2 * this.load) {
      const half = s.length >>> 1;
      this.addBlock(b + 1, s.slice(half), m.slice(half));
      s.length = half;
      m.length = half;
      this.setMax(b);
    } else if (i === s.length - 1) {
      this.setMax(b);
    }
  }

  /** Removes the entry at index i of a block, dropping the block when it empties. */
  private removeAt(block: number, i: number): void {
    const s = this.scores[block]!;
    s.splice(i, 1);
    this.members[block]!.splice(i, 1);
    this.count--;
    if (s.length === 0) {
      this.dropBlock(block);
    } else {
      this.grow(block, -1);
      if (i === s.length) this.setMax(block);
    }
  }

  /** Removes (score, member); false when it is not there. */
  delete(score: number, member: string): boolean {
    const b = this.blockFor(score, member);
    if (b === this.scores.length) return false;
    const i = this.indexIn(b, score, member);
    if (this.scores[b]![i] !== score || this.members[b]![i] !== member) return false;
    this.removeAt(b, i);
    return true;
  }

  /**
   * Moves a member (which must be present with curScore) to newScore. Trusting that, the entry
   * the search lands on is the member: only its score is checked, not the member read back.
   */
  updateScore(curScore: number, member: string, newScore: number): void {
    const b = this.blockFor(curScore, member);
    const i = b < this.scores.length ? this.indexIn(b, curScore, member) : 0;
    if (b === this.scores.length || this.scores[b]![i] !== curScore) throw new Error(`sorted set: ${member} is not at score ${curScore}`);
    this.removeAt(b, i);
    this.insert(newScore, member);
  }

  /**
   * The 1-based rank of (score, member), which must be present (ZRANK knows it is, from the
   * member map): the entry the search lands on is then the one, and not reading its member back
   * saves a cache miss or two at a million members.
   */
  rank(score: number, member: string): number {
    const b = this.blockFor(score, member);
    return this.prefix(b) + this.indexIn(b, score, member) + 1;
  }

  /** The entry at a 1-based rank, null outside 1..length. */
  at(rank: number): ZEntry | null {
    if (rank < 1 || rank > this.count) return null;
    const [b, i] = this.locate(rank);
    return { score: this.scores[b]![i]!, member: this.members[b]![i]! };
  }

  first(): ZEntry | null {
    return this.at(1);
  }

  last(): ZEntry | null {
    return this.at(this.count);
  }

  /**
   * Calls `visit` on the entries from a 1-based rank on, towards the end (or the start when
   * `reverse`), until it returns false or the entries run out. Nothing when rank is outside 1..length.
   */
  scan(rank: number, reverse: boolean, visit: (score: number, member: string) => boolean): void {
    if (rank < 1 || rank > this.count) return;
    let [b, i] = this.locate(rank);
    const nb = this.scores.length;
    while (b >= 0 && b < nb) {
      const s = this.scores[b]!;
      const m = this.members[b]!;
      if (reverse) {
        for (; i >= 0; i--) if (!visit(s[i]!, m[i]!)) return;
        b--;
        if (b >= 0) i = this.scores[b]!.length - 1;
      } else {
        for (; i < s.length; i++) if (!visit(s[i]!, m[i]!)) return;
        b++;
        i = 0;
      }
    }
  }

  /** Up to `count` entries from a 1-based rank on, towards the end (or the start when `reverse`). */
  range(rank: number, count: number, reverse: boolean): ZEntry[] {
    const out: ZEntry[] = [];
    if (count <= 0) return out;
    this.scan(rank, reverse, (score, member) => out.push({ score, member }) < count);
    return out;
  }

  /**
   * For a predicate true on a prefix of the order (every score bound is one), the length of
   * that prefix. O(log n).
   */
  countWhile(pred: (score: number, member: string) => boolean): number {
    let lo = 0;
    let hi = this.maxScores.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pred(this.maxScores[mid]!, this.maxMembers[mid]!)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.maxScores.length) return this.count;
    const b = lo;
    const s = this.scores[b]!;
    const m = this.members[b]!;
    lo = 0;
    hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pred(s[mid]!, m[mid]!)) lo = mid + 1;
      else hi = mid;
    }
    return this.prefix(b) + lo;
  }

  /**
   * How many entries score below x (or at most x, when `orEqual`): countWhile for a score bound,
   * without a predicate call per probe. Every score range end is one of these. O(log n).
   */
  countScores(x: number, orEqual: boolean): number {
    const bound = orEqual ? null : '';
    const b = this.blockFor(x, bound);
    if (b === this.scores.length) return this.count;
    return this.prefix(b) + this.indexIn(b, x, bound);
  }

  /** zslIsInLexRange: whether some entry may fall in the range (checks the ends only). */
  isInLexRange(r: LexRange): boolean {
    if (emptyLexRange(r) || this.count === 0) return false;
    return lexGteMin(this.last()!.member, r.min) && lexLteMax(this.first()!.member, r.max);
  }

  /** zslFirstInLexRange, as a 1-based rank: 0 when nothing is in range. */
  firstInLexRange(r: LexRange): number {
    if (!this.isInLexRange(r)) return 0;
    const rank = this.countWhile((_, m) => !lexGteMin(m, r.min)) + 1;
    return lexLteMax(this.at(rank)!.member, r.max) ? rank : 0;
  }

  /** zslLastInLexRange, as a 1-based rank: 0 when nothing is in range. */
  lastInLexRange(r: LexRange): number {
    if (!this.isInLexRange(r)) return 0;
    const rank = this.countWhile((_, m) => lexLteMax(m, r.max));
    return rank > 0 && lexGteMin(this.at(rank)!.member, r.min) ? rank : 0;
  }

  /** zslDeleteRangeByRank: removes ranks start..end (1-based, inclusive), reporting each member in order. */
  deleteRangeByRank(start: number, end: number, removed: (member: string) => void = () => {}): number {
    start = Math.max(start, 1);
    end = Math.min(end, this.count);
    if (start > end) return 0;
    const total = end - start + 1;
    let [b, i] = this.locate(start);
    let left = total;
    while (left > 0) {
      const s = this.scores[b]!;
      const m = this.members[b]!;
      const n = Math.min(left, s.length - i);
      for (let k = i; k < i + n; k++) removed(m[k]!);
      s.splice(i, n);
      m.splice(i, n);
      left -= n;
      if (s.length === 0) {
        this.dropBlock(b);
      } else {
        this.setMax(b);
        b++;
      }
      i = 0;
    }
    this.count -= total;
    this.tree = null;
    return total;
  }

  /** zslDeleteRangeByScore. O(log n + removed). */
  deleteRangeByScore(r: ScoreRange, removed?: (member: string) => void): number {
    const first = this.countScores(r.min, r.minex) + 1;
    const last = this.countScores(r.max, !r.maxex);
    return this.deleteRangeByRank(first, last, removed);
  }

  /** zslDeleteRangeByLex: from the first member at or past min, while members stay at or below max. */
  deleteRangeByLex(r: LexRange, removed?: (member: string) => void): number {
    const first = this.countWhile((_, m) => !lexGteMin(m, r.min)) + 1;
    let last = first - 1;
    this.scan(first, false, (_, m) => lexLteMax(m, r.max) && ++last > 0);
    return this.deleteRangeByRank(first, last, removed);
  }

  /** The entries in order: for tests, copies and conversions (O(n), never on a command's hot path). */
  *[Symbol.iterator](): IterableIterator<ZEntry> {
    for (let b = 0; b < this.scores.length; b++) {
      const s = this.scores[b]!;
      const m = this.members[b]!;
      for (let i = 0; i < s.length; i++) yield { score: s[i]!, member: m[i]! };
    }
  }
}
