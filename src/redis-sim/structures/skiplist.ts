import type { Random } from '../random.js';

/**
 * Redis's zskiplist (t_zset.c): nodes ordered by (score, member byte-wise), a backward link on
 * level 0, and a span on every forward link (how many level-0 steps it jumps), so rank and
 * "node at rank" cost O(log n) like insert and delete. Levels are drawn from the engine's seeded
 * PRNG with p = 1/4 and at most 32 levels, as zslRandomLevel draws them from random().
 *
 * Range lookups follow Redis's functions one for one (zslIsInRange, zslFirstInRange, …). Score
 * predicates are monotone along the list, so every descent finds the same node whatever the
 * levels are. Lex predicates are monotone only when all scores are equal (Redis's documented
 * precondition for the BYLEX commands); otherwise the node a descent lands on depends on the
 * levels, in Redis as here.
 */
export interface SkipNode {
  readonly member: string;
  score: number;
  backward: SkipNode | null;
  readonly forward: (SkipNode | null)[];
  readonly span: number[];
}

const MAX_LEVEL = 32;
const P = 0.25;

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

/** Links are built by push so V8 keeps them as packed arrays (faster than holey ones). */
function newNode(level: number, score: number, member: string): SkipNode {
  const forward: (SkipNode | null)[] = [];
  const span: number[] = [];
  for (let i = 0; i < level; i++) {
    forward.push(null);
    span.push(0);
  }
  return { member, score, backward: null, forward, span };
}

/** Whether the node sorts strictly before (score, member). */
const before = (node: SkipNode, score: number, member: string): boolean =>
  node.score < score || (node.score === score && node.member < member);

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

export class SkipList {
  private readonly head: SkipNode = newNode(MAX_LEVEL, 0, '');
  private tail: SkipNode | null = null;
  private level = 1;
  private count = 0;
  /** Scratch arrays for one descent (the engine is single-threaded and nothing here re-enters). */
  private readonly update: SkipNode[] = new Array<SkipNode>(MAX_LEVEL);
  private readonly ranks: number[] = new Array<number>(MAX_LEVEL).fill(0);

  constructor(private readonly random: Random) {}

  get length(): number {
    return this.count;
  }

  private randomLevel(): number {
    let level = 1;
    while (level < MAX_LEVEL && this.random.next() < P) level++;
    return level;
  }

  /** zslInsert: adds a member the caller knows is absent. O(log n). */
  insert(score: number, member: string): SkipNode {
    const update = this.update;
    const rank = this.ranks;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      rank[i] = i === this.level - 1 ? 0 : rank[i + 1]!;
      let next = x.forward[i];
      while (next && before(next, score, member)) {
        rank[i]! += x.span[i]!;
        x = next;
        next = x.forward[i];
      }
      update[i] = x;
    }
    const level = this.randomLevel();
    if (level > this.level) {
      for (let i = this.level; i < level; i++) {
        rank[i] = 0;
        update[i] = this.head;
        this.head.span[i] = this.count;
      }
      this.level = level;
    }
    const node = newNode(level, score, member);
    for (let i = 0; i < level; i++) {
      const u = update[i]!;
      node.forward[i] = u.forward[i]!;
      u.forward[i] = node;
      node.span[i] = u.span[i]! - (rank[0]! - rank[i]!);
      u.span[i] = rank[0]! - rank[i]! + 1;
    }
    for (let i = level; i < this.level; i++) update[i]!.span[i]!++;
    node.backward = update[0] === this.head ? null : update[0]!;
    if (node.forward[0]) node.forward[0].backward = node;
    else this.tail = node;
    this.count++;
    return node;
  }

  /** Fills `update` with the last node before (score, member) on every level. */
  private descend(score: number, member: string): SkipNode {
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && before(next, score, member)) {
        x = next;
        next = x.forward[i];
      }
      this.update[i] = x;
    }
    return x;
  }

  /** zslDelete: removes the node with this score and member; false when there is none. */
  delete(score: number, member: string): boolean {
    const target = this.descend(score, member).forward[0];
    if (!target || target.score !== score || target.member !== member) return false;
    this.unlink(target);
    return true;
  }

  /** zslDeleteNode: unlinks x, `update` holding its predecessors on every level. */
  private unlink(x: SkipNode): void {
    const update = this.update;
    for (let i = 0; i < this.level; i++) {
      const u = update[i]!;
      if (u.forward[i] === x) {
        u.span[i]! += x.span[i]! - 1;
        u.forward[i] = x.forward[i]!;
      } else {
        u.span[i]!--;
      }
    }
    if (x.forward[0]) x.forward[0].backward = x.backward;
    else this.tail = x.backward;
    while (this.level > 1 && this.head.forward[this.level - 1] === null) this.level--;
    this.count--;
  }

  /**
   * zslUpdateScore: moves a member (which must be present with curScore) to newScore. When its
   * neighbours still bracket the new score the node stays where it is; otherwise it is unlinked
   * and inserted again (drawing a new level, as Redis does).
   */
  updateScore(curScore: number, member: string, newScore: number): SkipNode {
    const x = this.descend(curScore, member).forward[0];
    if (!x || x.score !== curScore || x.member !== member) throw new Error(`skiplist: ${member} is not at score ${curScore}`);
    if ((x.backward === null || x.backward.score < newScore) && (x.forward[0] === null || x.forward[0].score > newScore)) {
      x.score = newScore;
      return x;
    }
    this.unlink(x);
    return this.insert(newScore, member);
  }

  /** zslGetRank: the 1-based rank of (score, member), 0 when absent. O(log n). */
  rank(score: number, member: string): number {
    let rank = 0;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && (next.score < score || (next.score === score && next.member <= member))) {
        rank += x.span[i]!;
        x = next;
        next = x.forward[i];
      }
      if (x !== this.head && x.score === score && x.member === member) return rank;
    }
    return 0;
  }

  /** zslGetElementByRank: the node at a 1-based rank, null outside 1..length. O(log n). */
  byRank(rank: number): SkipNode | null {
    if (rank < 1 || rank > this.count) return null;
    let traversed = 0;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && traversed + x.span[i]! <= rank) {
        traversed += x.span[i]!;
        x = next;
        next = x.forward[i];
      }
      if (traversed === rank) return x;
    }
    return null;
  }

  first(): SkipNode | null {
    return this.head.forward[0] ?? null;
  }

  last(): SkipNode | null {
    return this.tail;
  }

  next(node: SkipNode): SkipNode | null {
    return node.forward[0] ?? null;
  }

  prev(node: SkipNode): SkipNode | null {
    return node.backward;
  }

  /**
   * How many nodes a descent passes while `pred` holds: for a predicate true on a prefix of the
   * list (every score bound is one), the length of that prefix. O(log n).
   */
  countWhile(pred: (node: SkipNode) => boolean): number {
    let rank = 0;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && pred(next)) {
        rank += x.span[i]!;
        x = next;
        next = x.forward[i];
      }
    }
    return rank;
  }

  /** zslIsInRange: whether some node may fall in the range (checks the ends only). */
  isInScoreRange(r: ScoreRange): boolean {
    if (emptyScoreRange(r)) return false;
    const head = this.first();
    return this.tail !== null && scoreGteMin(this.tail.score, r) && head !== null && scoreLteMax(head.score, r);
  }

  /** zslFirstInRange. */
  firstInScoreRange(r: ScoreRange): SkipNode | null {
    if (!this.isInScoreRange(r)) return null;
    const x = this.lastWhile((n) => !scoreGteMin(n.score, r)).forward[0]!;
    return scoreLteMax(x.score, r) ? x : null;
  }

  /** zslLastInRange. */
  lastInScoreRange(r: ScoreRange): SkipNode | null {
    if (!this.isInScoreRange(r)) return null;
    const x = this.lastWhile((n) => scoreLteMax(n.score, r));
    return scoreGteMin(x.score, r) ? x : null;
  }

  /** zslIsInLexRange. */
  isInLexRange(r: LexRange): boolean {
    if (emptyLexRange(r)) return false;
    const head = this.first();
    return this.tail !== null && lexGteMin(this.tail.member, r.min) && head !== null && lexLteMax(head.member, r.max);
  }

  /** zslFirstInLexRange. */
  firstInLexRange(r: LexRange): SkipNode | null {
    if (!this.isInLexRange(r)) return null;
    const x = this.lastWhile((n) => !lexGteMin(n.member, r.min)).forward[0]!;
    return lexLteMax(x.member, r.max) ? x : null;
  }

  /** zslLastInLexRange. */
  lastInLexRange(r: LexRange): SkipNode | null {
    if (!this.isInLexRange(r)) return null;
    const x = this.lastWhile((n) => lexLteMax(n.member, r.max));
    return lexGteMin(x.member, r.min) ? x : null;
  }

  /** The last node a descent reaches while `pred` holds (the head when none), filling `update`. */
  private lastWhile(pred: (node: SkipNode) => boolean): SkipNode {
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && pred(next)) {
        x = next;
        next = x.forward[i];
      }
      this.update[i] = x;
    }
    return x;
  }

  /** Unlinks nodes from x onwards while `more` says so, reporting each; `update` must be filled. */
  private deleteRun(x: SkipNode | null, more: (node: SkipNode, removed: number) => boolean, removed: (node: SkipNode) => void): number {
    let n = 0;
    while (x && more(x, n)) {
      const next = x.forward[0] ?? null;
      this.unlink(x);
      removed(x);
      n++;
      x = next;
    }
    return n;
  }

  /** zslDeleteRangeByRank: removes ranks start..end (1-based, inclusive). O(log n + removed). */
  deleteRangeByRank(start: number, end: number, removed: (node: SkipNode) => void = () => {}): number {
    let traversed = 0;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && traversed + x.span[i]! < start) {
        traversed += x.span[i]!;
        x = next;
        next = x.forward[i];
      }
      this.update[i] = x;
    }
    const first = traversed + 1;
    return this.deleteRun(x.forward[0] ?? null, (_, n) => first + n <= end, removed);
  }

  /** zslDeleteRangeByScore. O(log n + removed). */
  deleteRangeByScore(r: ScoreRange, removed: (node: SkipNode) => void = () => {}): number {
    const x = this.lastWhile((n) => !scoreGteMin(n.score, r));
    return this.deleteRun(x.forward[0] ?? null, (n) => scoreLteMax(n.score, r), removed);
  }

  /** zslDeleteRangeByLex. O(log n + removed). */
  deleteRangeByLex(r: LexRange, removed: (node: SkipNode) => void = () => {}): number {
    const x = this.lastWhile((n) => !lexGteMin(n.member, r.min));
    return this.deleteRun(x.forward[0] ?? null, (n) => lexLteMax(n.member, r.max), removed);
  }

  /** The nodes in order: for tests, copies and conversions (O(n), never on a command's hot path). */
  *[Symbol.iterator](): IterableIterator<SkipNode> {
    for (let x = this.head.forward[0] ?? null; x; x = x.forward[0] ?? null) yield x;
  }
}
