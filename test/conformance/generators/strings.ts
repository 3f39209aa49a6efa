import type { Generator } from '../harness.js';

const setOptions = ['NX', 'XX', 'GET', 'KEEPTTL', 'EX', 'PX', 'EXAT', 'PXAT', 'nx', 'get', 'BOGUS'];

export const STRING_GENERATORS: readonly Generator[] = [
  (g) => ({ argv: ['GET', g.key()] }),
  (g) => ({ argv: ['SET', g.key(), g.rng.chance(0.5) ? g.number() : g.member()] }),
  (g) => {
    const argv = ['SET', g.key(), g.member()];
    const n = g.rng.int(1, 3);
    for (let i = 0; i < n; i++) {
      const o = g.rng.pick(setOptions);
      argv.push(o);
      if (['EX', 'PX'].includes(o)) argv.push(g.rng.pick(['100', '1000000', '0', '-1', 'x', '9223372036854775807']));
      if (['EXAT', 'PXAT'].includes(o)) argv.push(g.rng.pick(['1', '100', String(4102444800000), '0']));
    }
    return { argv };
  },
  (g) => ({ argv: ['SETNX', g.key(), g.member()] }),
  (g) => ({ argv: ['SETEX', g.key(), g.rng.pick(['100', '0', '-1', 'x']), g.member()] }),
  (g) => ({ argv: ['PSETEX', g.key(), g.rng.pick(['100000', '0', 'y']), g.member()] }),
  (g) => ({ argv: ['GETSET', g.key(), g.member()] }),
  (g) => ({ argv: ['GETDEL', g.key()] }),
  (g) => ({ argv: ['GETEX', g.key(), ...g.rng.pick([[], ['PERSIST'], ['EX', '100'], ['PXAT', '1'], ['EX'], ['EX', '0'], ['PERSIST', 'EX', '5']])] }),
  (g) => ({ argv: ['MGET', g.key(), g.key(), g.key()] }),
  (g) => ({ argv: g.rng.chance(0.9) ? ['MSET', g.key(), g.member(), g.key(), g.number()] : ['MSET', g.key(), g.member(), g.key()] }),
  (g) => ({ argv: ['MSETNX', g.key(), g.member(), g.key(), g.member()] }),
  (g) => ({ argv: ['APPEND', g.key(), g.member()] }),
  (g) => ({ argv: ['STRLEN', g.key()] }),
  (g) => ({ argv: ['GETRANGE', g.key(), g.index(), g.index()] }),
  (g) => ({ argv: ['SETRANGE', g.key(), g.rng.pick(['0', '1', '3', '-1', 'x', '10']), g.member()] }),
  (g) => ({ argv: [g.rng.pick(['INCR', 'DECR', 'incr']), g.key()] }),
  (g) => ({ argv: [g.rng.pick(['INCRBY', 'DECRBY']), g.key(), g.number()] }),
  (g) => ({ argv: ['INCRBYFLOAT', g.key(), g.number()] }),
  (g) => ({ argv: ['OBJECT', 'ENCODING', g.key()] }),
  (g) => ({ argv: [g.rng.pick(['GET', 'SET', 'INCR', 'STRLEN', 'APPEND'])] }),
];
