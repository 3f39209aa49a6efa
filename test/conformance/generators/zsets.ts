import type { GenContext, GeneratedCommand, Generator } from '../harness.js';

/**
 * SORTED SET commands: every command of the family with every option (and options repeated,
 * misplaced or missing their argument), scores and ranges with strtod's edge cases, and the
 * error paths (conflicts, bad floats, bad ranges, numkeys, wrong arity, WRONGTYPE through the
 * shared key pool).
 *
 * Lex ranges are only well defined when all scores are equal. On a skiplist with mixed scores the
 * answer depends on the node levels, which are random in Redis, so arbitrary lex ranges go to
 * two keys of this family's own where every score is 0; the shared keys only see `-` / `+`.
 */

const LEX_KEYS = ['zlex', '{z}lex'];
const lexKey = (g: GenContext): string => g.rng.pick(LEX_KEYS);
/** A shared key, now and then one of the lex keys (any command may read them). */
const anyKey = (g: GenContext): string => (g.rng.chance(0.15) ? lexKey(g) : g.key());

const score = (g: GenContext): string =>
  g.rng.chance(0.6)
    ? String(g.rng.int(-3, 8))
    : g.rng.chance(0.6)
      ? g.rng.pick(['1.5', '-2.25', '0.1', '0.2', '1e3', 'inf', '-inf', '+inf', '-0', '1.1', '3.0', '2.5e-5', '1e17', '4611686018427387905', '1e-310'])
      : g.number();

const scoreBound = (g: GenContext): string => {
  if (g.rng.chance(0.7)) return `${g.rng.chance(0.3) ? '(' : ''}${g.rng.pick(['-inf', '+inf', 'inf', String(g.rng.int(-2, 8)), '1.5', '0'])}`;
  return g.rng.pick(['abc', 'nan', '(nan', '', '(', ' 1', '1 ', '1e400', '-1e400', '0x2', '((1', '(-inf', '2e']);
};

const lexBound = (g: GenContext): string => {
  if (g.rng.chance(0.93)) {
    const m = g.rng.chance(0.8) ? g.member() : g.rng.pick(['a', 'b', 'c', 'd', 'z', '1', '']);
    return g.rng.chance(0.2) ? g.rng.pick(['-', '+']) : `${g.rng.pick(['[', '('])}${m}`;
  }
  return g.rng.pick(['a', '', '+x', '-a', '1', 'inf']);
};

const members = (g: GenContext, min: number, max: number): string[] => {
  const n = g.rng.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(g.member());
  return out;
};

const count = (g: GenContext): string =>
  g.rng.chance(0.8) ? String(g.rng.int(0, 6)) : g.rng.pick(['-1', 'x', '1.5', '', '9223372036854775807', '-9223372036854775808', '9223372036854775808']);

const limit = (g: GenContext): string[] =>
  g.rng.chance(0.9) ? ['LIMIT', String(g.rng.int(-1, 4)), String(g.rng.int(-2, 4))] : g.rng.pick([['LIMIT', 'x', '1'], ['LIMIT', '0'], ['limit', '0', 'y'], ['LIMIT']]);

/** ZADD's options (mostly none), sometimes conflicting. */
function zaddOptions(g: GenContext): string[] {
  if (g.rng.chance(0.5)) return [];
  const out: string[] = [];
  const n = g.rng.int(1, 3);
  for (let i = 0; i < n; i++) out.push(g.rng.pick(['NX', 'XX', 'GT', 'LT', 'CH', 'INCR', 'ch', 'gt', 'xx']));
  return out;
}

function pairs(g: GenContext, min: number, max: number): string[] {
  const out: string[] = [];
  const n = g.rng.int(min, max);
  for (let i = 0; i < n; i++) out.push(score(g), g.member());
  return out;
}

/** ZRANGE's trailing options, in random order, with repeats now and then. */
function rangeOptions(g: GenContext, allowed: string[]): string[] {
  const out: string[] = [];
  const n = g.rng.int(0, 3);
  for (let i = 0; i < n; i++) {
    const o = g.rng.pick(allowed);
    if (o === 'LIMIT') out.push(...limit(g));
    else out.push(o);
  }
  return out;
}

function numkeysArgs(g: GenContext, keys: () => string): string[] {
  const n = g.rng.int(1, 3);
  const ks: string[] = [];
  for (let i = 0; i < n; i++) ks.push(keys());
  if (g.rng.chance(0.08)) return [g.rng.pick(['0', '-1', 'x', String(n + 1)]), ...ks];
  return [String(n), ...ks];
}

function setOpOptions(g: GenContext, n: number, store: boolean, diff: boolean): string[] {
  const out: string[] = [];
  const k = g.rng.int(0, 2);
  for (let i = 0; i < k; i++) {
    const o = g.rng.pick(diff ? ['WITHSCORES', 'WEIGHTS'] : ['WEIGHTS', 'AGGREGATE', 'WITHSCORES', 'weights', 'aggregate']);
    if (o.toUpperCase() === 'WEIGHTS') {
      out.push(o);
      const w = g.rng.chance(0.9) ? n : n - 1;
      for (let j = 0; j < w; j++) out.push(g.rng.chance(0.8) ? g.rng.pick(['1', '2', '-1', '0', '0.5', 'inf', '-inf', '0.1']) : g.rng.pick(['x', 'nan', '']));
    } else if (o.toUpperCase() === 'AGGREGATE') {
      out.push(o, g.rng.pick(['SUM', 'MIN', 'MAX', 'sum', 'max', 'avg']));
    } else if (!store || g.rng.chance(0.1)) out.push(o);
  }
  return out;
}

/**
 * zset-max-listpack-entries / -value lowered for a few private keys' life: members up to the
 * limits and past them, the encoding the STORE commands and ZADD INCR / ZINCRBY pick for a new
 * key, then the defaults again.
 */
function listpackThreshold(g: GenContext): GeneratedCommand[] {
  const entries = g.rng.int(0, 3);
  const value = g.rng.int(0, 3);
  const [k, dst] = ['{z}small', '{z}smalldst'];
  const run = (...argv: string[]): GeneratedCommand => ({ argv });
  const member = () => g.rng.pick(['', 'a', 'ab', 'abc', 'abcd', 'b', 'c']);
  const out = [
    run('CONFIG', 'SET', g.rng.pick(['zset-max-listpack-entries', 'zset-max-ziplist-entries']), String(entries)),
    run('CONFIG', 'SET', g.rng.pick(['zset-max-listpack-value', 'zset-max-ziplist-value']), String(value)),
  ];
  const adds = g.rng.int(1, entries + 2);
  for (let i = 0; i < adds; i++) {
    out.push(g.rng.chance(0.2) ? run('ZINCRBY', k, '1', member()) : run('ZADD', k, ...(g.rng.chance(0.2) ? ['INCR'] : []), String(i), member()));
    out.push(run('OBJECT', 'ENCODING', k));
  }
  const store = g.rng.pick([
    ['ZUNIONSTORE', dst, '1', k], ['ZINTERSTORE', dst, '2', k, k], ['ZDIFFSTORE', dst, '1', k], ['ZRANGESTORE', dst, k, '0', String(g.rng.int(-1, 2))],
    ['ZRANGESTORE', dst, k, '-inf', '+inf', 'BYSCORE', 'LIMIT', '0', String(g.rng.int(0, 3))], ['COPY', k, dst],
  ]);
  out.push(
    run(...store),
    run('OBJECT', 'ENCODING', dst),
    run('ZREM', k, member()),
    run('OBJECT', 'ENCODING', k),
    run('ZRANGE', k, '0', '-1', 'WITHSCORES'),
    run('DEL', k, dst),
    run('CONFIG', 'SET', 'zset-max-listpack-entries', '128'),
    run('CONFIG', 'SET', 'zset-max-listpack-value', '64'),
  );
  return out;
}

export const ZSET_GENERATORS: readonly Generator[] = [
  listpackThreshold,
  // Writes, weighted up so the shared keys often hold sorted sets.
  (g) => ({ argv: ['ZADD', g.key(), ...pairs(g, 1, 4)] }),
  (g) => ({ argv: ['ZADD', g.key(), ...pairs(g, 1, 6)] }),
  (g) => ({ argv: ['ZADD', g.key(), ...zaddOptions(g), ...pairs(g, 1, 3)] }),
  (g) => ({ argv: ['ZADD', g.key(), ...zaddOptions(g), ...pairs(g, 1, 1)] }),
  (g) => ({ argv: ['ZADD', g.key(), ...g.rng.pick([[], ['NX'], ['INCR'], ['1'], ['1', 'a', '2']])] }),
  (g) => ({ argv: ['ZADD', lexKey(g), ...g.rng.pick([[], ['NX'], ['CH'], ['XX']]), ...members(g, 1, 4).flatMap((m) => ['0', m])] }),
  (g) => ({ argv: ['ZINCRBY', g.key(), score(g), g.member()] }),
  (g) => ({ argv: ['ZINCRBY', g.key(), ...g.rng.pick([['NX', 'a'], ['1'], ['1', 'a', 'b'], ['inf', 'a'], ['-inf', 'a']])] }),
  // Reads.
  (g) => ({ argv: ['ZSCORE', anyKey(g), g.member()] }),
  (g) => ({ argv: ['ZMSCORE', anyKey(g), ...members(g, 1, 3)] }),
  (g) => ({ argv: [g.rng.pick(['ZRANK', 'ZREVRANK']), anyKey(g), g.member()] }),
  (g) => ({ argv: [g.rng.pick(['ZRANK', 'ZREVRANK']), g.key(), g.member(), 'WITHSCORE'] }),
  (g) => ({ argv: ['ZCARD', anyKey(g)] }),
  (g) => ({ argv: ['ZCOUNT', anyKey(g), scoreBound(g), scoreBound(g)] }),
  (g) => ({ argv: ['ZLEXCOUNT', lexKey(g), lexBound(g), lexBound(g)] }),
  (g) => ({ argv: ['ZLEXCOUNT', g.key(), g.rng.pick(['-', '+', 'a']), g.rng.pick(['+', '-'])] }),
  // ZRANGE in all its forms.
  (g) => ({ argv: ['ZRANGE', anyKey(g), g.index(), g.index(), ...rangeOptions(g, ['WITHSCORES', 'REV', 'WITHSCORES', 'LIMIT'])] }),
  (g) => ({ argv: ['ZRANGE', anyKey(g), '0', '-1', ...g.rng.pick([['WITHSCORES'], ['REV', 'WITHSCORES'], []])] }),
  (g) => ({ argv: ['ZRANGE', anyKey(g), scoreBound(g), scoreBound(g), 'BYSCORE', ...rangeOptions(g, ['WITHSCORES', 'REV', 'LIMIT', 'LIMIT', 'BYSCORE', 'BYLEX'])] }),
  (g) => ({ argv: ['ZRANGE', lexKey(g), lexBound(g), lexBound(g), 'BYLEX', ...rangeOptions(g, ['REV', 'LIMIT', 'LIMIT', 'WITHSCORES'])] }),
  (g) => ({ argv: ['ZRANGE', g.key(), g.rng.pick(['-', '+']), g.rng.pick(['+', '-']), 'BYLEX', ...rangeOptions(g, ['REV', 'LIMIT'])] }),
  (g) => ({ argv: ['ZRANGE', g.key(), '0', '-1', ...g.rng.pick([['FOO'], ['REV', 'REV'], ['LIMIT', '0', '1'], ['LIMIT', '0', '-1'], ['BYSCORE', 'BYLEX']])] }),
  (g) => ({ argv: ['ZRANGEBYSCORE', anyKey(g), scoreBound(g), scoreBound(g), ...rangeOptions(g, ['WITHSCORES', 'LIMIT', 'LIMIT', 'REV'])] }),
  (g) => ({ argv: ['ZREVRANGEBYSCORE', anyKey(g), scoreBound(g), scoreBound(g), ...rangeOptions(g, ['WITHSCORES', 'LIMIT', 'LIMIT'])] }),
  (g) => ({ argv: ['ZRANGEBYLEX', lexKey(g), lexBound(g), lexBound(g), ...rangeOptions(g, ['LIMIT', 'LIMIT', 'WITHSCORES'])] }),
  (g) => ({ argv: ['ZREVRANGEBYLEX', lexKey(g), lexBound(g), lexBound(g), ...rangeOptions(g, ['LIMIT', 'LIMIT'])] }),
  (g) => ({ argv: [g.rng.pick(['ZRANGEBYLEX', 'ZREVRANGEBYLEX']), g.key(), ...g.rng.pick([['-', '+'], ['+', '-'], ['a', '+']]), ...rangeOptions(g, ['LIMIT'])] }),
  (g) => ({ argv: ['ZREVRANGE', anyKey(g), g.index(), g.index(), ...rangeOptions(g, ['WITHSCORES', 'LIMIT'])] }),
  (g) => ({ argv: ['ZRANGESTORE', g.key(), anyKey(g), g.index(), g.index(), ...rangeOptions(g, ['REV', 'WITHSCORES'])] }),
  (g) => ({ argv: ['ZRANGESTORE', g.key(), anyKey(g), scoreBound(g), scoreBound(g), 'BYSCORE', ...rangeOptions(g, ['REV', 'LIMIT'])] }),
  (g) => ({ argv: ['ZRANGESTORE', g.key(), lexKey(g), lexBound(g), lexBound(g), 'BYLEX', ...rangeOptions(g, ['REV', 'LIMIT'])] }),
  // Removal.
  (g) => ({ argv: ['ZREM', anyKey(g), ...members(g, 1, 3)] }),
  (g) => ({ argv: ['ZREMRANGEBYRANK', anyKey(g), g.index(), g.index()] }),
  (g) => ({ argv: ['ZREMRANGEBYSCORE', anyKey(g), scoreBound(g), scoreBound(g)] }),
  (g) => ({ argv: ['ZREMRANGEBYLEX', lexKey(g), lexBound(g), lexBound(g)] }),
  (g) => ({ argv: ['ZREMRANGEBYLEX', g.key(), g.rng.pick(['-', 'a', '+']), g.rng.pick(['+', '-'])] }),
  (g) => ({ argv: [g.rng.pick(['ZPOPMIN', 'ZPOPMAX']), anyKey(g)] }),
  (g) => ({ argv: [g.rng.pick(['ZPOPMIN', 'ZPOPMAX']), anyKey(g), ...g.rng.pick([[count(g)], [count(g)], ['1', '2']])] }),
  (g) => ({
    argv: ['ZMPOP', ...numkeysArgs(g, () => anyKey(g)), g.rng.pick(['MIN', 'MAX', 'min', 'max', 'MID']), ...g.rng.pick([[], [], ['COUNT', count(g)], ['COUNT'], ['COUNT', '1', 'COUNT', '2']])],
  }),
  // Union, intersection, difference.
  (g) => {
    const op = g.rng.pick(['ZUNION', 'ZINTER', 'ZDIFF']);
    const keys = numkeysArgs(g, () => anyKey(g));
    return { argv: [op, ...keys, ...setOpOptions(g, keys.length - 1, false, op === 'ZDIFF')] };
  },
  (g) => {
    const op = g.rng.pick(['ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE']);
    const keys = numkeysArgs(g, () => anyKey(g));
    return { argv: [op, g.key(), ...keys, ...setOpOptions(g, keys.length - 1, true, op === 'ZDIFFSTORE')] };
  },
  (g) => ({ argv: ['ZINTERCARD', ...numkeysArgs(g, () => anyKey(g)), ...g.rng.pick([[], [], ['LIMIT', count(g)], ['LIMIT'], ['WITHSCORES']])] }),
  // Random members: which ones is Redis's business, how many is not.
  (g) => ({ argv: ['ZRANDMEMBER', anyKey(g)], compare: 'shape' }),
  (g) => ({ argv: ['ZRANDMEMBER', anyKey(g), count(g), ...g.rng.pick([[], ['WITHSCORES'], ['withscores'], ['BOGUS']])], compare: 'shape' }),
  (g) => ({ argv: ['ZRANDMEMBER', anyKey(g), g.rng.pick(['-3', '-10', '-4611686018427387904', '4611686018427387904']), 'WITHSCORES'], compare: 'shape' }),
  // Scans: one call covers a whole set (a listpack always, a skiplist thanks to COUNT).
  (g) => ({ argv: ['ZSCAN', anyKey(g), '0', ...g.rng.pick([['COUNT', '1000'], ['MATCH', '*a*', 'COUNT', '1000'], ['MATCH', '?', 'COUNT', '5000']])], compare: 'scan' }),
  (g) => ({ argv: ['ZSCAN', anyKey(g), g.rng.pick(['0', 'x', '-1', '18446744073709551616']), ...g.rng.pick([['COUNT', '0'], ['TYPE', 'zset'], ['MATCH'], ['NOVALUE']])], compare: 'scan' }),
  (g) => ({ argv: ['OBJECT', 'ENCODING', anyKey(g)] }),
  // Wrong arity.
  (g) => ({ argv: g.rng.pick([['ZADD', g.key(), '1'], ['ZINCRBY', g.key(), '1'], ['ZSCORE', g.key()], ['ZCARD'], ['ZRANGE', g.key(), '0'], ['ZRANK', g.key(), 'a', 'b'], ['ZREM', g.key()], ['ZUNIONSTORE', g.key(), '1'], ['ZMPOP', '1', g.key()], ['ZRANGESTORE', g.key(), g.key(), '0'], ['ZPOPMIN'], ['ZSCAN', g.key()], ['ZINTERCARD', '1'], ['ZRANDMEMBER']]) }),
];
