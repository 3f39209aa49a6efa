import type { GenContext, Generator } from '../harness.js';

/**
 * LIST commands: pushes often enough that the shared keys hold lists, every option of LPOS,
 * LMPOP and LMOVE, and the error paths (bad counts and indexes, option conflicts, wrong arity,
 * WRONGTYPE through the shared key pool).
 */

const end = (g: GenContext): string => g.rng.pick(['LEFT', 'RIGHT', 'left', 'Right', 'LEFT', 'RIGHT', 'middle']);
const count = (g: GenContext): string =>
  g.rng.chance(0.75) ? String(g.rng.int(0, 5)) : g.rng.pick(['-1', 'x', '1.5', '', '9223372036854775807', '9223372036854775808', '-9223372036854775808']);
const members = (g: GenContext, min: number, max: number): string[] => {
  const n = g.rng.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(g.member());
  return out;
};

/** LPOS's options, drawn with repeats and with their argument sometimes missing. */
function lposOptions(g: GenContext): string[] {
  const out: string[] = [];
  const n = g.rng.int(0, 3);
  for (let i = 0; i < n; i++) {
    const opt = g.rng.pick(['RANK', 'COUNT', 'MAXLEN', 'rank', 'count', 'maxlen', 'BOGUS']);
    out.push(opt);
    if (g.rng.chance(0.05)) continue; // the option's argument is missing
    switch (opt.toUpperCase()) {
      case 'RANK':
        out.push(g.rng.chance(0.8) ? g.rng.pick(['1', '2', '3', '-1', '-2', '-3', '0']) : g.rng.pick(['x', '9223372036854775807', '-9223372036854775808', '-9223372036854775807', '9223372036854775808']));
        break;
      case 'COUNT':
      case 'MAXLEN':
        out.push(count(g));
        break;
    }
  }
  return out;
}

export const LIST_GENERATORS: readonly Generator[] = [
  (g) => ({ argv: [g.rng.pick(['LPUSH', 'RPUSH', 'lpush']), g.key(), ...members(g, 1, 4)] }),
  (g) => ({ argv: [g.rng.pick(['LPUSH', 'RPUSH']), g.key(), ...members(g, 1, 6)] }),
  (g) => ({ argv: [g.rng.pick(['LPUSHX', 'RPUSHX']), g.key(), ...members(g, 1, 3)] }),
  (g) => ({ argv: [g.rng.pick(['LPOP', 'RPOP']), g.key()] }),
  (g) => ({ argv: [g.rng.pick(['LPOP', 'RPOP']), g.key(), count(g)] }),
  (g) => ({ argv: [g.rng.pick(['LPOP', 'RPOP']), g.key(), '1', '2'] }),
  (g) => ({ argv: ['LLEN', g.key()] }),
  (g) => ({ argv: ['LRANGE', g.key(), g.index(), g.index()] }),
  (g) => ({ argv: ['LRANGE', g.key(), '0', '-1'] }),
  (g) => ({ argv: ['LINDEX', g.key(), g.index()] }),
  (g) => ({ argv: ['LSET', g.key(), g.index(), g.member()] }),
  (g) => ({ argv: ['LINSERT', g.key(), g.rng.pick(['BEFORE', 'AFTER', 'before', 'After', 'middle']), g.member(), g.member()] }),
  (g) => ({ argv: ['LREM', g.key(), g.rng.chance(0.85) ? String(g.rng.int(-3, 3)) : g.index(), g.member()] }),
  (g) => ({ argv: ['LTRIM', g.key(), g.index(), g.index()] }),
  (g) => ({ argv: ['LPOS', g.key(), g.member(), ...lposOptions(g)] }),
  (g) => ({ argv: ['LPOS', g.key(), g.rng.pick(['a', 'b', '1']), 'COUNT', g.rng.pick(['0', '2']), 'RANK', g.rng.pick(['1', '-1', '2', '-2'])] }),
  (g) => ({ argv: ['LMOVE', g.key(), g.key(), end(g), end(g)] }),
  (g) => {
    const k = g.key();
    return { argv: ['LMOVE', k, g.rng.chance(0.5) ? k : g.key(), end(g), end(g)] };
  },
  (g) => ({ argv: ['RPOPLPUSH', g.key(), g.key()] }),
  (g) => {
    const k = g.key();
    return { argv: ['RPOPLPUSH', k, k] };
  },
  (g) => {
    // LMPOP numkeys key... LEFT|RIGHT [COUNT n]: numkeys sometimes wrong on purpose.
    const keys: string[] = [];
    const n = g.rng.int(1, 3);
    for (let i = 0; i < n; i++) keys.push(g.key());
    const numkeys = g.rng.chance(0.85) ? String(n) : g.rng.pick(['0', '-1', 'x', String(n + 1), String(n + 5), '9223372036854775807']);
    const argv = ['LMPOP', numkeys, ...keys, end(g)];
    if (g.rng.chance(0.5)) argv.push(g.rng.pick(['COUNT', 'count']), count(g));
    if (g.rng.chance(0.08)) argv.push(g.rng.pick(['COUNT', 'BOGUS']));
    return { argv };
  },
  // Frees keys that other families turned into strings, sets … so lists keep coming back.
  (g) => ({ argv: ['DEL', g.key()] }),
  (g) => ({ argv: ['OBJECT', 'ENCODING', g.key()] }),
  (g) => ({ argv: ['TYPE', g.key()] }),
  (g) => ({
    argv: g.rng.pick([
      ['LPUSH', g.key()],
      ['RPUSHX', g.key()],
      ['LPOP'],
      ['LRANGE', g.key(), '0'],
      ['LINDEX', g.key()],
      ['LSET', g.key(), '0'],
      ['LINSERT', g.key(), 'BEFORE', 'a'],
      ['LREM', g.key(), '0'],
      ['LTRIM', g.key(), '0', '1', '2'],
      ['LPOS', g.key()],
      ['LMOVE', g.key(), g.key(), 'LEFT'],
      ['RPOPLPUSH', g.key()],
      ['LMPOP', '1', g.key()],
      ['LLEN', g.key(), g.key()],
    ]),
  }),
];
