import type { GeneratedCommand, Generator } from '../harness.js';

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
    if (g.rng.chance(0.2)) argv.push('DB', g.rng.pick(DB_INDEXES));
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
  (g) => ({ argv: ['SELECT', g.rng.chance(0.5) ? '0' : g.rng.pick(DB_INDEXES)] }),
  (g) => ({ argv: ['SWAPDB', ...g.rng.pick([['0', '1'], ['1', '0'], ['x', '0'], ['0', 'y'], ['0', '99'], ['0', '0'], ['2147483648', '0'], ['0', '9223372036854775808']])] }),
  (g) => ({ argv: [g.rng.pick(['FLUSHDB', 'FLUSHALL']), ...g.rng.pick([[], ['ASYNC'], ['SYNC'], ['bogus']])] }),
  (g) => ({ argv: [g.rng.pick(['NOSUCHCMD', 'foo', 'GETT']), g.key(), g.member()] }),
];

/** DB indexes for SELECT, COPY DB, SWAPDB: valid, out of range, and past a C int or an int64. */
const DB_INDEXES = ['0', '1', '16', 'x', '-1', '2147483647', '2147483648', '-2147483649', '9223372036854775808'];

export const TRANSACTION_GENERATORS: readonly Generator[] = [
  () => ({ argv: ['MULTI'] }),
  () => ({ argv: ['EXEC'] }),
  // A rejected EXEC (wrong arity) discards the transaction and the watches, in MULTI or not.
  (g) => ({ argv: ['EXEC', ...g.rng.pick([['x'], ['a', 'b']])] }),
  () => ({ argv: ['DISCARD'] }),
  (g) => ({ argv: ['WATCH', g.key(), g.key()] }),
  () => ({ argv: ['UNWATCH'] }),
];

/** Numeric settings with their defaults: a CONFIG SET scenario always puts the default back. */
const INT_SETTINGS: readonly [string, string][] = [
  ['set-max-intset-entries', '512'], ['hash-max-listpack-entries', '512'], ['hash-max-ziplist-value', '64'],
  ['zset-max-listpack-value', '64'], ['zset-max-ziplist-entries', '128'], ['list-max-listpack-size', '-2'],
  ['list-compress-depth', '0'], ['hz', '10'], ['maxmemory-samples', '5'], ['active-expire-effort', '1'],
  ['proto-max-bulk-len', '536870912'], ['slowlog-log-slower-than', '10000'], ['slowlog-max-len', '128'], ['maxmemory', '0'],
];
/** string2ll and memtoull's corners (units, signs, leading zeros, overflow) and each type's range. */
const INT_VALUES = ['0', '1', '-1', '-6', '7', '1000', '1k', '1kb', '2MB', '1gb', '1B', '', '+5', '007', '-0', ' 1', '1.5', '0x10', '1t',
  '2147483647', '2147483648', '-2147483649', '9223372036854775807', '9223372036854775808', '18446744073709551616', '99999999999999999999', '8589934592gb'];

/** CONFIG SET of one numeric setting, read back, then its default again (so nothing else sees it). */
function configScenario(g: Parameters<Generator>[0]): GeneratedCommand[] {
  const [name, def] = g.rng.pick(INT_SETTINGS);
  const cased = g.rng.chance(0.2) ? name.toUpperCase() : name;
  return [{ argv: ['CONFIG', 'SET', cased, g.rng.pick(INT_VALUES)] }, { argv: ['CONFIG', 'GET', cased] }, { argv: ['CONFIG', 'SET', name, def] }];
}

export const SERVER_GENERATORS: readonly Generator[] = [
  configScenario,
  // Exact names answer as typed; patterns and several names come back in the server's dict order.
  (g) => ({
    argv: ['CONFIG', 'GET', ...g.rng.pick([['HZ'], ['Maxmemory-Policy'], ['hz', 'HZ'], ['hz', 'h?'], ['zset-max-*'], ['hash-max-*', 'HASH-MAX-ZIPLIST-VALUE'], ['lfu-*'], ['slowlog-*'], ['list-*'], ['hash-max-ziplist-entries', 'nosuch']])],
    compare: 'unordered-pairs',
  }),
  // Container|subcommand names; only those that are no command (the key specs are not modelled).
  (g) => ({ argv: ['COMMAND', g.rng.pick(['INFO', 'DOCS']), ...g.rng.pick([['get|x'], ['config|nosuch'], ['config|get|x'], ['config|'], ['|get'], ['nosuch|get']])] }),
  (g) => ({ argv: ['COMMAND', 'LIST', 'FILTERBY', 'PATTERN', g.rng.pick(['config|*', 'object|*', 'pubsub|*', 'CONFIG|GET', 'z*', 'h*', 'config|[gs]et'])], compare: 'unordered' }),
  (g) => ({ argv: ['PING', ...g.rng.pick([[], ['hi'], ['a', 'b']])] }),
  (g) => ({ argv: ['ECHO', ...g.rng.pick([['hi'], [], ['a', 'b']])] }),
  (g) => ({ argv: ['CONFIG', 'GET', g.rng.pick(['set-max-intset-entries', 'hash-max-listpack-entries', 'zset-max-listpack-value', 'notify-keyspace-events', 'nosuch', 'maxmemory-policy'])] }),
  (g) => ({ argv: ['CONFIG', 'SET', ...g.rng.pick([['hz', 'x'], ['nosuch', '1'], ['hz'], ['maxmemory-policy', 'bogus'], ['databases', '3'], ['set-max-intset-entries', '-1'], ['HZ\0', '1'], ['APPENDONLY', 'maybe'], ['Maxmemory-Policy', 'x']])] }),
  (g) => ({ argv: ['CLIENT', ...g.rng.pick([['GETNAME'], ['SETNAME', 'a b'], ['FOO'], ['SETNAME'], ['LIST', 'TYPE', 'bogus'], ['LIST', 'ID', 'x']])] }),
  // Errors only: a successful HELLO carries the connection id, which differs between the two.
  (g) => ({ argv: ['HELLO', ...g.rng.pick([['4'], ['x'], ['1'], ['2', 'FOO'], ['2', 'AUTH', 'a', 'b'], ['2', 'AUTH', 'Default', 'p'], ['2', 'AUTH', 'nobody', 'x', 'SETNAME', 'n'], ['2', 'SETNAME', 'a b', 'AUTH', 'a', 'b'], ['2', 'SETNAME', 'n', 'BOGUS']])] }),
  (g) => ({ argv: ['PUBLISH', g.rng.pick(['ch', 'news']), g.member()] }),
  (g) => ({ argv: ['PUBSUB', ...g.rng.pick([['CHANNELS'], ['NUMSUB', 'a', 'b'], ['NUMPAT'], ['FOO'], ['CHANNELS', 'a', 'b']])] }),
  (g) => ({ argv: ['COMMAND', ...g.rng.pick([['FOO'], ['COUNT', 'x'], ['INFO', 'nosuchcommand']])] }),
];
