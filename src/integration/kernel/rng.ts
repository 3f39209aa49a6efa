import { splitmix32 } from '../../redis-sim/random.js';

/**
 * The kernel's randomness: sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator, 32-bit),
 * seeded through splitmix32. Each subsystem gets its own stream with `split(label)`, derived
 * from the root seed and the label path rather than drawn from the parent, so adding a process
 * or a draw in one subsystem never shifts the numbers another one sees.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `key` names the stream: the seed, then each split label, joined by '/'. */
  constructor(readonly key: string) {
    const splitmix = splitmix32(hash32(key));
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = 1;
    // The generator's authors advise discarding the first outputs.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  static fromSeed(seed: number | string): Rng {
    return new Rng(String(seed));
  }

  /** An independent stream for a subsystem: `rng.split('net')`, `rng.split('proc:a')`. */
  split(label: string): Rng {
    return new Rng(`${this.key}/${label}`);
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [0, n) (the engines' Random interface). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** An integer in the closed range [lo, hi]. */
  int(lo: number, hi: number): number {
    if (hi < lo) throw new RangeError(`int(${lo}, ${hi}): empty range`);
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.below(items.length)]!;
  }

  /** One of `items`, each as likely as its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += Math.max(0, w);
    if (total <= 0) throw new RangeError('weighted pick with no positive weight');
    let r = this.next() * total;
    for (const [item, w] of items) {
      if (w <= 0) continue;
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** `base` plus a uniform integer in [0, spread]: a latency with jitter. */
  jitter(base: number, spread: number): number {
    return spread > 0 ? base + this.int(0, spread) : base;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

/** FNV-1a over the UTF-16 code units, then a murmur3 finalizer. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
