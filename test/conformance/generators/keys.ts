import type { Generator } from '../harness.js';

const FAR = String(Math.floor(Date.now() / 1000) + 100000);
const FAR_MS = String(Date.now() + 100000000);
const expireOpts = ['NX', 'XX', 'GT', 'LT', 'nx', 'FOO'];

export const KEY_GENERATORS: readonly Generator[] = [
  (g) => ({ argv: [g.rng.pick(['DEL', 'UNLINK']), g.key(), ...(g.rng.chance(0.5) ? [g.key()] : [])] }),
  (g) => ({ argv: ['EXISTS', g.key(), g.key(), g.key()] }),
  (g) => ({ argv: ['TYPE', g.key()] }),
  (g) => ({ argv: [g.rng.pick(['RENAME', 'RENAMENX']), g.key(), g.key()] }),
  (g) => {
    const argv = ['COPY', g.key(), g.key()];
    if (g.rng.chance(0.3)) argv.push('REPLACE');
    if (g.rng.chance(0.2)) argv.push('DB', g.rng.pick(['0', '1', '16', 'x', '-1']));
    if (g.rng.chance(0.05)) argv.push('BOGUS');
    return { argv };
  },
  (g) => ({ argv: ['KEYS', g.rng.pick(['*', 'k*', 'k[1-3]', 'k?', '*x', '\\{a}*', '[^k]*', 'é', '*[', 'k[', 'nomatch'])], compare: 'unordered' }),
  (g) => ({
    argv: ['SCAN', '0', ...g.rng.pick([[], ['COUNT', '1000'], ['MATCH', 'k*', 'COUNT', '1000'], ['TYPE', 'string', 'COUNT', '1000'], ['TYPE', 'LIST', 'COUNT', '100'], ['TYPE', 'nosuch', 'COUNT', '100']])],
    compare: 'scan',
  }),
  (g) => ({ argv: ['SCAN', ...g.rng.pick([['x'], ['0', 'COUNT', '0'], ['0', 'COUNT', 'x'], ['0', 'MATCH'], ['0', 'FOO', 'bar'], ['-1x'], [' 0']])] }),
  (g) => ({ argv: ['RANDOMKEY'], compare: 'shape' }),
  (g) => ({ argv: ['TOUCH', g.key(), g.key()] }),
  (g) => {
    const cmd = g.rng.pick(['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT']);
    const when =
      cmd === 'EXPIRE' ? g.rng.pick(['100', '1000', '0', '-5', 'x', '9223372036854775807', '-9223372036854775808'])
      : cmd === 'PEXPIRE' ? g.rng.pick(['100000', '5000000', '-1', '0', 'y', '9223372036854775807'])
      : cmd === 'EXPIREAT' ? g.rng.pick([FAR, '1', '0', '-1', 'z'])
      : g.rng.pick([FAR_MS, '1000', '0']);
    const argv = [cmd, g.key(), when];
    const n = g.rng.pick([0, 0, 1, 1, 2]);
    for (let i = 0; i < n; i++) argv.push(g.rng.pick(expireOpts));
    return { argv };
  },
  (g) => ({ argv: [g.rng.pick(['TTL', 'PTTL']), g.key()], compare: 'ttl' }),
  // Relative expiries were set at slightly different wall-clock times on the two servers.
  (g) => ({ argv: [g.rng.pick(['EXPIRETIME', 'PEXPIRETIME']), g.key()], compare: 'ttl' }),
  (g) => ({ argv: ['PERSIST', g.key()] }),
  (g) => ({ argv: ['OBJECT', g.rng.pick(['ENCODING', 'encoding', 'REFCOUNT', 'FREQ']), g.key()] }),
  (g) => ({ argv: ['OBJECT', ...g.rng.pick([['HELP'], ['FOO', 'k1'], ['ENCODING'], ['ENCODING', 'a', 'b'], []])] }),
  (g) => ({ argv: ['DBSIZE'] }),
  (g) => ({ argv: ['SELECT', g.rng.pick(['0', '0', '0', '1', '16', 'x', '-1'])] }),
  (g) => ({ argv: ['SWAPDB', ...g.rng.pick([['0', '1'], ['1', '0'], ['x', '0'], ['0', 'y'], ['0', '99'], ['0', '0']])] }),
  (g) => ({ argv: [g.rng.pick(['FLUSHDB', 'FLUSHALL']), ...g.rng.pick([[], ['ASYNC'], ['SYNC'], ['bogus']])] }),
  (g) => ({ argv: [g.rng.pick(['NOSUCHCMD', 'foo', 'GETT']), g.key(), g.member()] }),
];

export const TRANSACTION_GENERATORS: readonly Generator[] = [
  () => ({ argv: ['MULTI'] }),
  () => ({ argv: ['EXEC'] }),
  () => ({ argv: ['DISCARD'] }),
  (g) => ({ argv: ['WATCH', g.key(), g.key()] }),
  () => ({ argv: ['UNWATCH'] }),
];

export const SERVER_GENERATORS: readonly Generator[] = [
  (g) => ({ argv: ['PING', ...g.rng.pick([[], ['hi'], ['a', 'b']])] }),
  (g) => ({ argv: ['ECHO', ...g.rng.pick([['hi'], [], ['a', 'b']])] }),
  (g) => ({ argv: ['CONFIG', 'GET', g.rng.pick(['set-max-intset-entries', 'hash-max-listpack-entries', 'zset-max-listpack-value', 'notify-keyspace-events', 'nosuch', 'maxmemory-policy'])] }),
  (g) => ({ argv: ['CONFIG', 'SET', ...g.rng.pick([['hz', 'x'], ['nosuch', '1'], ['hz'], ['maxmemory-policy', 'bogus'], ['databases', '3'], ['set-max-intset-entries', '-1']])] }),
  (g) => ({ argv: ['CLIENT', ...g.rng.pick([['GETNAME'], ['SETNAME', 'a b'], ['FOO'], ['SETNAME'], ['LIST', 'TYPE', 'bogus'], ['LIST', 'ID', 'x']])] }),
  (g) => ({ argv: ['HELLO', ...g.rng.pick([['4'], ['x'], ['1'], ['2', 'FOO']])] }),
  (g) => ({ argv: ['PUBLISH', g.rng.pick(['ch', 'news']), g.member()] }),
  (g) => ({ argv: ['PUBSUB', ...g.rng.pick([['CHANNELS'], ['NUMSUB', 'a', 'b'], ['NUMPAT'], ['FOO'], ['CHANNELS', 'a', 'b']])] }),
  (g) => ({ argv: ['COMMAND', ...g.rng.pick([['FOO'], ['COUNT', 'x'], ['INFO', 'nosuchcommand']])] }),
];
