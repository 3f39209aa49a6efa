import type { GenContext, GeneratedCommand, Generator } from '../harness.js';

/**
 * The hash family: every command, its options and its error paths. Fields come from the shared
 * member pool (whose 70-byte member converts a hash to `hashtable`), so OBJECT ENCODING is checked
 * on both sides of hash-max-listpack-value; an occasional DEL brings keys back to listpack.
 * HGETALL/HKEYS/HVALS compare unordered, random picks by shape, and HSCAN only as a finished scan
 * (cursor 0 and the same elements), which a COUNT above the pool size guarantees for a hashtable.
 */

/** A field: mostly pool members, sometimes a value right at or past the 64-byte listpack limit. */
const field = (g: GenContext): string => (g.rng.chance(0.05) ? g.rng.pick(['f'.repeat(64), 'f'.repeat(65)]) : g.member());

/** A value: members, numbers (for HINCRBY*), and the listpack boundary lengths. */
const value = (g: GenContext): string => {
  const r = g.rng.next();
  if (r < 0.45) return g.member();
  if (r < 0.9) return g.number();
  return g.rng.pick(['v'.repeat(64), 'v'.repeat(65), '9223372036854775806', '-9223372036854775807', '1.5e10', '0x1p3']);
};

const pairs = (g: GenContext, n: number): string[] => {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(field(g), value(g));
  return out;
};

const fields = (g: GenContext, n: number): string[] => Array.from({ length: n }, () => field(g));

const scanPatterns = ['*', 'a*', '*o*', '[ab]', '?', '1*', '\\*', 'x*', 'ü'];
const randCounts = ['1', '2', '3', '5', '-1', '-3', '-20', '0'];

/**
 * hash-max-listpack-entries / -value lowered for one private key's life: fields up to the entry
 * limit and one past it, values at and past the length limit (also grown by HINCRBY*), then the
 * defaults again.
 */
function listpackThreshold(g: GenContext): GeneratedCommand[] {
  const entries = g.rng.int(0, 3);
  const value = g.rng.int(0, 4);
  const k = '{h}small';
  const run = (...argv: string[]): GeneratedCommand => ({ argv });
  const out = [
    run('CONFIG', 'SET', g.rng.pick(['hash-max-listpack-entries', 'hash-max-ziplist-entries']), String(entries)),
    run('CONFIG', 'SET', g.rng.pick(['hash-max-listpack-value', 'hash-max-ziplist-value']), String(value)),
  ];
  const fields = g.rng.int(1, entries + 1);
  for (let i = 0; i < fields; i++) {
    out.push(run('HSET', k, 'f'.repeat(g.rng.int(0, value + 1)) || `${i}`, 'v'.repeat(g.rng.int(0, value + 1))));
    out.push(run('OBJECT', 'ENCODING', k));
  }
  out.push(
    run(g.rng.pick(['HINCRBY', 'HINCRBYFLOAT', 'HSETNX']), k, g.rng.pick(['n', 'f']), g.rng.pick(['1', '12345', '-1', '0.5', '1e10'])),
    run('OBJECT', 'ENCODING', k),
    { argv: ['HGETALL', k], compare: 'unordered-pairs' },
    run('DEL', k),
    run('CONFIG', 'SET', 'hash-max-listpack-entries', '512'),
    run('CONFIG', 'SET', 'hash-max-listpack-value', '64'),
  );
  return out;
}

export const HASH_GENERATORS: readonly Generator[] = [
  listpackThreshold,
  // HSET / HMSET: 1-3 pairs, and an odd argument count (Redis's own arity error, per command name).
  (g) => ({ argv: ['HSET', g.key(), ...pairs(g, g.rng.int(1, 3))] }),
  (g) => ({ argv: ['HSET', g.key(), ...pairs(g, g.rng.int(1, 3))] }),
  (g) => ({ argv: ['HMSET', g.key(), ...pairs(g, g.rng.int(1, 2))] }),
  (g) => ({ argv: [g.rng.pick(['HSET', 'hmset', 'hSet']), g.key(), ...pairs(g, g.rng.int(1, 2)), field(g)] }),
  (g) => ({ argv: ['HSETNX', g.key(), field(g), value(g)] }),
  (g) => ({ argv: ['HGET', g.key(), field(g)] }),
  (g) => ({ argv: ['HMGET', g.key(), ...fields(g, g.rng.int(1, 4))] }),
  (g) => ({ argv: ['HEXISTS', g.key(), field(g)] }),
  (g) => ({ argv: ['HSTRLEN', g.key(), field(g)] }),
  (g) => ({ argv: ['HLEN', g.key()] }),
  (g) => ({ argv: ['HDEL', g.key(), ...fields(g, g.rng.int(1, 4))] }),
  (g) => ({ argv: ['HGETALL', g.key()], compare: 'unordered-pairs' }),
  (g) => ({ argv: [g.rng.pick(['HKEYS', 'HVALS']), g.key()], compare: 'unordered' }),
  // HINCRBY / HINCRBYFLOAT on a few fields that often hold numbers, with every kind of increment.
  (g) => ({ argv: ['HINCRBY', g.key(), g.rng.pick(['n', 'm', '1', field(g)]), g.rng.chance(0.7) ? String(g.rng.int(-5, 5)) : g.number()] }),
  (g) => ({ argv: ['HINCRBYFLOAT', g.key(), g.rng.pick(['n', 'm', 'fl', field(g)]), g.rng.chance(0.2) ? g.rng.pick(['1e70', '-1e70', '0.1', '1e-20', '3.0e0']) : g.number()] }),
  (g) => ({ argv: ['HSET', g.key(), g.rng.pick(['n', 'm']), g.rng.pick(['9223372036854775807', '-9223372036854775808', '1', '1.5', 'inf', '', ' 2', '5e3'])] }),
  // HRANDFIELD: no count, counts of every sign, WITHVALUES, and the count/option errors.
  (g) => ({ argv: ['HRANDFIELD', g.key()], compare: 'shape' }),
  (g) => ({ argv: ['HRANDFIELD', g.key(), g.rng.pick(randCounts)], compare: 'shape' }),
  (g) => ({ argv: ['HRANDFIELD', g.key(), g.rng.pick(randCounts), g.rng.pick(['WITHVALUES', 'withvalues'])], compare: 'shape' }),
  (g) => ({ argv: ['HRANDFIELD', g.key(), g.rng.pick(['100', '30'])], compare: 'unordered' }),
  (g) => ({ argv: ['HRANDFIELD', g.key(), '100', 'WITHVALUES'], compare: 'unordered-pairs' }),
  (g) => ({
    argv: g.rng.pick([
      ['HRANDFIELD', g.key(), 'x'],
      ['HRANDFIELD', g.key(), '1.5'],
      ['HRANDFIELD', g.key(), '-9223372036854775808'],
      ['HRANDFIELD', g.key(), '-9223372036854775808', 'WITHVALUES'],
      ['HRANDFIELD', g.key(), '9223372036854775807', 'WITHVALUES'],
      ['HRANDFIELD', g.key(), '4611686018427387904', 'WITHVALUES'],
      ['HRANDFIELD', g.key(), '-4611686018427387904', 'withvalues'],
      ['HRANDFIELD', g.key(), '1', 'bogus'],
      ['HRANDFIELD', g.key(), '1', 'WITHVALUES', 'x'],
      ['HRANDFIELD', g.key(), 'x', 'bogus'],
      ['HRANDFIELD', g.key(), '9223372036854775807'],
    ]),
    compare: 'shape',
  }),
  // HSCAN: finished scans with MATCH, and every error in Redis's order (cursor, key, type, options).
  (g) => {
    const argv = ['HSCAN', g.key(), g.rng.pick(['0', '0', '0', '00', '+0'])];
    if (g.rng.chance(0.5)) argv.push('MATCH', g.rng.pick(scanPatterns));
    argv.push(g.rng.pick(['COUNT', 'count']), g.rng.pick(['50', '100', '1000']));
    if (g.rng.chance(0.3)) argv.push('match', g.rng.pick(scanPatterns));
    return { argv, compare: 'scan' };
  },
  (g) => ({
    argv: g.rng.pick([
      ['HSCAN', g.key(), 'x'],
      ['HSCAN', g.key(), '-1.5'],
      ['HSCAN', g.key(), ' 0'],
      ['HSCAN', g.key(), '18446744073709551616'],
      ['HSCAN', g.key(), '0', 'COUNT', '0'],
      ['HSCAN', g.key(), '0', 'COUNT', '-1'],
      ['HSCAN', g.key(), '0', 'COUNT', 'x'],
      ['HSCAN', g.key(), '0', 'COUNT'],
      ['HSCAN', g.key(), '0', 'MATCH'],
      ['HSCAN', g.key(), '0', 'TYPE', 'hash'],
      ['HSCAN', g.key(), '0', 'bogus', '1'],
      ['HSCAN', g.key(), 'x', 'bogus'],
    ]),
    compare: 'scan',
  }),
  (g) => ({ argv: ['OBJECT', 'ENCODING', g.key()] }),
  (g) => ({ argv: ['DEL', g.key()] }),
  // Wrong arity, caught by the dispatcher with the lower-case name.
  (g) =>
    ({
      argv: g.rng.pick([
        ['HSET', g.key(), 'f'],
        ['HMSET', g.key()],
        ['HSETNX', g.key(), 'f'],
        ['HGET', g.key()],
        ['HMGET', g.key()],
        ['HINCRBY', g.key(), 'f'],
        ['HINCRBYFLOAT', g.key(), 'f', '1', '2'],
        ['HDEL', g.key()],
        ['HLEN'],
        ['HSTRLEN', g.key()],
        ['HKEYS', g.key(), 'x'],
        ['HVALS'],
        ['HGETALL', g.key(), g.key()],
        ['HEXISTS', g.key()],
        ['HRANDFIELD'],
        ['HSCAN', g.key()],
      ]),
    }),
];
