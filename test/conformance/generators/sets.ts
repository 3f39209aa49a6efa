import type { GenContext, GeneratedCommand, Generator } from '../harness.js';

/**
 * The set family. Members lean towards small integers so intsets, their conversion to hash tables
 * and the STORE commands' choice of encoding all get exercised (checked with OBJECT ENCODING).
 *
 * SPOP changes state at random, so it never runs on the shared keys unless it pops everything.
 * Partial pops run as a scripted scenario on a private key whose size is known: pop some (compared
 * by shape), then only ask what is deterministic (SCARD, and the encoding when it is decided), then
 * pop the rest. The scenario is one group of commands, run back to back (see Generator).
 */

const POP_KEY = '{s}pop';

const int = (g: GenContext) => String(g.rng.int(-3, 20));
const member = (g: GenContext) => (g.rng.chance(0.55) ? int(g) : g.member());
const members = (g: GenContext, min: number, max: number) => Array.from({ length: g.rng.int(min, max) }, () => member(g));
const keys = (g: GenContext, min: number, max: number) => Array.from({ length: g.rng.int(min, max) }, () => g.key());
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i));

const COUNTS = ['0', '1', '2', '3', '5', '10', '-1', '-2', '-5', 'x', '1.5', '', ' 1', '+1', '-0',
  '9223372036854775807', '-9223372036854775808', '9223372036854775808'];

/** SADD then SPOP on the private key, with only deterministic questions in between. */
function popScenario(g: GenContext): GeneratedCommand[] {
  const kind = g.rng.pick(['int', 'str', 'mixed', 'big'] as const);
  let content: string[];
  if (kind === 'big') content = range(g.rng.int(-10, 10), g.rng.int(505, 530));
  else {
    const ints = range(g.rng.int(-5, 5), g.rng.int(2, 12));
    content = kind === 'int' ? ints : ints.map((v, i) => (kind === 'str' || i % 2 ? `m${v}` : v));
  }
  const size = content.length;
  const allInts = kind === 'int' || kind === 'big';
  /** What OBJECT ENCODING must say for `remaining` members, or null when it depends on which survived. */
  const encoding = (remaining: number, rebuilt: boolean): string | null => {
    if (!rebuilt) return allInts && size <= 512 ? 'intset' : 'hashtable';
    if (allInts) return remaining <= 512 ? 'intset' : 'hashtable';
    return kind === 'str' ? 'hashtable' : null;
  };
  const out: GeneratedCommand[] = [{ argv: ['SADD', POP_KEY, ...content] }, { argv: ['OBJECT', 'ENCODING', POP_KEY] }];
  let remaining: number;
  let rebuilt = false;
  if (g.rng.chance(0.25)) {
    out.push({ argv: ['SPOP', POP_KEY], compare: 'shape' });
    remaining = size - 1;
  } else {
    const count = g.rng.pick([0, 1, 2, g.rng.int(0, size + 2), size - 1, size, Math.floor((size * 5) / 6), size - 3]);
    out.push({ argv: ['SPOP', POP_KEY, String(count)], compare: 'shape' });
    remaining = Math.max(0, size - count);
    // Redis rebuilds the survivors into a new set when they are few (remaining * 5 <= count).
    rebuilt = count > 0 && remaining > 0 && remaining * 5 <= count;
  }
  if (remaining > 0 && encoding(remaining, rebuilt) !== null) out.push({ argv: ['OBJECT', 'ENCODING', POP_KEY] });
  out.push({ argv: ['SCARD', POP_KEY] });
  if (remaining > 0) out.push({ argv: ['SRANDMEMBER', POP_KEY, g.rng.pick(['-3', '2', '1', '100', '0'])], compare: 'shape' });
  out.push({ argv: ['SPOP', POP_KEY, g.rng.pick(['9223372036854775807', String(Math.max(remaining, 1))])], compare: 'shape' });
  out.push({ argv: ['SCARD', POP_KEY] });
  return out;
}

/**
 * set-max-intset-entries lowered for one private key's life: an intset filled to the threshold,
 * one past it, the STORE commands' choice for their result, then the default again.
 */
function intsetThreshold(g: GenContext): GeneratedCommand[] {
  const n = g.rng.int(0, 4);
  const k = '{s}small';
  const dst = '{s}smalldst';
  const run = (...argv: string[]): GeneratedCommand => ({ argv });
  return [
    run('CONFIG', 'SET', 'set-max-intset-entries', String(n)),
    run('SADD', k, ...range(1, Math.max(n, 1))),
    run('OBJECT', 'ENCODING', k),
    run('SADD', k, g.rng.pick([String(n + 1), '1', 'x'])),
    run('OBJECT', 'ENCODING', k),
    run(g.rng.pick(['SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE']), dst, k, ...(g.rng.chance(0.5) ? [k] : [])),
    run('OBJECT', 'ENCODING', dst),
    run('SREM', k, String(n + 1), 'x'),
    run('OBJECT', 'ENCODING', k),
    { argv: ['SMEMBERS', k], compare: 'unordered' },
    run('DEL', k, dst),
    run('CONFIG', 'SET', 'set-max-intset-entries', '512'),
  ];
}

const BASE: readonly Generator[] = [
  (g) => ({ argv: ['SADD', g.key(), ...members(g, 1, 4)] }),
  (g) => ({ argv: ['SADD', g.key(), ...members(g, 1, 4)] }),
  (g) => ({ argv: ['SREM', g.key(), ...members(g, 1, 4)] }),
  // Crossing set-max-intset-entries (512) and coming back below it.
  (g) => ({ argv: g.rng.chance(0.2) ? ['SADD', g.key(), ...range(g.rng.int(-20, 600), g.rng.int(100, 520))] : ['SADD', g.key(), int(g)] }),
  (g) => ({ argv: ['SREM', g.key(), ...range(g.rng.int(-20, 400), g.rng.int(1, 300))] }),
  (g) => ({ argv: ['SISMEMBER', g.key(), member(g)] }),
  // An empty SDIFFSTORE deletes its destination whatever it held: it frees keys other types took.
  (g) => ({ argv: ['SDIFFSTORE', g.key(), g.rng.pick(['{s}none', g.key()]), ...keys(g, 0, 1)] }),
  (g) => ({ argv: ['SMISMEMBER', g.key(), ...members(g, 1, 4)] }),
  (g) => ({ argv: ['SMEMBERS', g.key()], compare: 'unordered' }),
  (g) => ({ argv: ['SCARD', g.key()] }),
  (g) => ({ argv: ['OBJECT', 'ENCODING', g.key()] }),
  (g) => ({ argv: ['SMOVE', g.key(), g.key(), member(g)] }),
  // Random replies: any set, compared by shape; SPOP only when it empties the set.
  (g) => ({ argv: ['SRANDMEMBER', g.key()], compare: 'shape' }),
  (g) => ({ argv: ['SRANDMEMBER', g.key(), g.rng.chance(0.7) ? String(g.rng.int(-8, 8)) : g.rng.pick(COUNTS)], compare: 'shape' }),
  (g) => ({ argv: ['SPOP', g.key(), g.rng.pick(['9223372036854775807', '0', '0', '-1', 'x', '1.5', '-9223372036854775808', ''])], compare: 'shape' }),
  (g) => ({ argv: [g.rng.pick(['SPOP', 'SRANDMEMBER']), g.key(), '1', g.rng.pick(['2', 'x'])] }),
  (g) => ({ argv: ['SPOP', g.rng.pick(['k1', 'k2', 'nosuchkey', '{s}none']), g.rng.pick(['0', '-1'])], compare: 'shape' }),
  (g) => ({ argv: [g.rng.pick(['SINTER', 'SUNION', 'SDIFF']), ...keys(g, 1, 4)], compare: 'unordered' }),
  (g) => ({ argv: [g.rng.pick(['SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE']), g.key(), ...keys(g, 1, 4)] }),
  (g) => {
    const store = g.rng.pick(['SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE']);
    const dst = g.key();
    return { argv: [store, dst, dst, ...keys(g, 0, 2)] };
  },
  (g) => {
    const ks = keys(g, 1, 4);
    const numkeys = g.rng.chance(0.8) ? String(ks.length) : g.rng.pick(['0', '-1', 'x', String(ks.length + 1), String(ks.length - 1), '9223372036854775808']);
    const argv = ['SINTERCARD', numkeys, ...ks];
    if (g.rng.chance(0.5)) argv.push(g.rng.pick(['LIMIT', 'limit', 'LIMITS']), g.rng.pick(['0', '1', '2', '5', '-1', 'x']));
    if (g.rng.chance(0.1)) argv.push(g.rng.pick(['LIMIT', 'LIMIT 1', 'foo']));
    return { argv };
  },
  (g) => {
    const argv = ['SSCAN', g.key(), g.rng.chance(0.85) ? '0' : g.rng.pick(['x', '18446744073709551616', ' 1', '1 ', '0x1'])];
    const opts = g.rng.int(0, 2);
    for (let i = 0; i < opts; i++) {
      const o = g.rng.pick(['MATCH', 'COUNT', 'match', 'TYPE', 'COUNT', 'BOGUS']);
      argv.push(o);
      if (o.toUpperCase() === 'MATCH') argv.push(g.rng.pick(['*', '1*', 'a', '?', '[a-c]', '*o*']));
      else if (o === 'COUNT') argv.push(g.rng.pick(['100000', '100000', '0', '-1', 'x']));
      else if (o === 'TYPE') argv.push('set');
    }
    if (g.rng.chance(0.1)) argv.push('COUNT');
    // A hash table set whose scan is not finished in one call has no comparable cursor: ask for all.
    if (!argv.includes('COUNT')) argv.push('COUNT', '100000');
    return { argv, compare: 'scan' };
  },
  // Too few arguments (SPOP and SRANDMEMBER get none: with a key they are valid random calls).
  (g) => {
    const name = g.rng.pick(['SADD', 'SREM', 'SISMEMBER', 'SMISMEMBER', 'SMEMBERS', 'SCARD', 'SPOP', 'SRANDMEMBER', 'SMOVE', 'SINTER',
      'SUNION', 'SDIFF', 'SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE', 'SINTERCARD', 'SSCAN']);
    const withKey = !['SPOP', 'SRANDMEMBER'].includes(name) && g.rng.chance(0.5);
    // SMEMBERS, SCARD, SINTER, SUNION and SDIFF of one key are valid calls, in any order.
    return { argv: withKey ? [name, g.key()] : [name], compare: 'unordered' };
  },
  (g) => ({ argv: g.rng.chance(0.5) ? ['SMOVE', g.key(), g.key()] : ['SISMEMBER', g.key(), member(g), member(g)] }),
];

export const SET_GENERATORS: readonly Generator[] = [...BASE, popScenario, popScenario, intsetThreshold];
