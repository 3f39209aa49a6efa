import type { Random } from '../random.js';

/**
 * Redis's zskiplist: nodes ordered by (score, member byte-wise), each level link carrying a span
 * so rank and "element at rank" cost O(log n). Levels are drawn from the engine's seeded PRNG
 * with p = 1/4, as Redis's zslRandomLevel draws them from random().
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

/** A score bound: value plus whether it excludes that value, as in `(1.5`. */
export interface ScoreRange {
  min: number;
  max: number;
  minex: boolean;
  maxex: boolean;
}

/** A lex bound: '-' and '+' are the extremes; otherwise a member with inclusive/exclusive flag. */
export type LexBound = { kind: 'min' } | { kind: 'max' } | { kind: 'value'; value: string; exclusive: boolean };
export interface LexRange {
  min: LexBound;
  max: LexBound;
}

const newNode = (level: number, score: number, member: string): SkipNode => ({
  member,
  score,
  backward: null,
  forward: new Array(level).fill(null),
  span: new Array(level).fill(0),
});

const before = (score: number, member: string, node: SkipNode) =>
  node.score < score || (node.score === score && node.member < member);

export const scoreGteMin = (v: number, r: ScoreRange) => (r.minex ? v > r.min : v >= r.min);
export const scoreLteMax = (v: number, r: ScoreRange) => (r.maxex ? v < r.max : v <= r.max);
export const lexGteMin = (v: string, b: LexBound) =>
  b.kind === 'min' ? true : b.kind === 'max' ? false : b.exclusive ? v > b.value : v >= b.value;
export const lexLteMax = (v: string, b: LexBound) =>
  b.kind === 'max' ? true : b.kind === 'min' ? false : b.exclusive ? v < b.value : v <= b.value;

export class SkipList {
  readonly head: SkipNode = newNode(MAX_LEVEL, 0, '');
  tail: SkipNode | null = null;
  length = 0;
  private level = 1;

  constructor(private readonly random: Random) {}

  private randomLevel(): number {
    let level = 1;
    while (level < MAX_LEVEL && this.random.next() < P) level++;
    return level;
  }

  /** Inserts a member known to be absent. */
  insert(score: number, member: string): SkipNode {
    const update: SkipNode[] = new Array(MAX_LEVEL);
    const rank: number[] = new Array(MAX_LEVEL);
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      rank[i] = i === this.level - 1 ? 0 : rank[i + 1]!;
      let next = x.forward[i];
      while (next && before(score, member, next)) {
        rank[i] += x.span[i]!;
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
        this.head.span[i] = this.length;
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
    this.length++;
    return node;
  }

  /** Removes the node with this score and member; returns whether it was there. */
  delete(score: number, member: string): boolean {
    const update: SkipNode[] = new Array(MAX_LEVEL);
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && before(score, member, next)) {
        x = next;
        next = x.forward[i];
      }
      update[i] = x;
    }
    const target = x.forward[0];
    if (!target || target.score !== score || target.member !== member) return false;
    this.unlink(target, update);
    return true;
  }

  private unlink(x: SkipNode, update: SkipNode[]): void {
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
    this.length--;
  }

  /** Moves a member to a new score; in place when its neighbours still bracket it. */
  updateScore(oldScore: number, member: string, newScore: number): void {
    const update: SkipNode[] = new Array(MAX_LEVEL);
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && before(oldScore, member, next)) {
        x = next;
        next = x.forward[i];
      }
      update[i] = x;
    }
    const node = x.forward[0]!;
    // Redis's shortcut: if the neighbours' scores still bracket the new score strictly, no move.
    if ((node.backward === null || node.backward.score < newScore) &&
        (node.forward[0] === null || node.forward[0]!.score > newScore)) {
      node.score = newScore;
      return;
    }
    this.unlink(node, update);
    this.insert(newScore, member);
  }

  /** 1-based rank of the member, 0 when absent. */
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
      if (x !== this.head && x.member === member) return rank;
    }
    return 0;
  }

  /** The node at a 1-based rank. */
  byRank(rank: number): SkipNode | null {
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

  /** First node whose score is within the range. */
  firstInScoreRange(r: ScoreRange): SkipNode | null {
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && !scoreGteMin(next.score, r)) {
        x = next;
        next = x.forward[i];
      }
    }
    const n = x.forward[0];
    return n && scoreLteMax(n.score, r) ? n : null;
  }

  /** Last node whose score is within the range. */
  lastInScoreRange(r: ScoreRange): SkipNode | null {
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && scoreLteMax(next.score, r)) {
        x = next;
        next = x.forward[i];
      }
    }
    return x !== this.head && scoreGteMin(x.score, r) ? x : null;
  }

  firstInLexRange(r: LexRange): SkipNode | null {
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && !lexGteMin(next.member, r.min)) {
        x = next;
        next = x.forward[i];
      }
    }
    const n = x.forward[0];
    return n && lexLteMax(n.member, r.max) ? n : null;
  }

  lastInLexRange(r: LexRange): SkipNode | null {
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next && lexLteMax(next.member, r.max)) {
        x = next;
        next = x.forward[i];
      }
    }
    return x !== this.head && lexGteMin(x.member, r.min) ? x : null;
  }
}
