import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RedisServer, Reply } from '../../src/redis-sim/index.js';
import { fresh, resp, int, bulk, arr, err, OK, NIL, WRONGTYPE, NOT_INTEGER, SYNTAX } from './helpers.js';

/**
 * The HASH family, against replies, encodings and events observed on a real Redis 7.0.15: the
 * order of checks, every error text, when a listpack becomes a hashtable, HRANDFIELD's count
 * rules and HSCAN's whole-listpack reply. A model-based test closes the file.
 */

const EMPTY = arr();

const NOT_FLOAT = err('ERR value is not a valid float');

/** A server with hash `h` = {a: 1, b: 2, c: 3} and string `s`. */
function withHash(): RedisServer {
  const r = fresh();
  r.exec(['HSET', 'h', 'a', '1', 'b', '2', 'c', '3']);
  r.exec(['SET', 's', 'x']);
  return r;
}

/** Keyspace events ('event key'), as `notify-keyspace-events KEA` plus 'n' shows them. */
function recordEvents(r: RedisServer): string[] {
  const events: string[] = [];
  r.events$.subscribe((e) => {
    if (e.kind === 'keyspace' && e.event !== 'keymiss') events.push(`${e.event} ${e.key}`);
  });
  return events;
}

/** The flat [f1, v1, f2, v2 …] reply as sorted "f=v" strings: Redis leaves pair order open. */
function pairs(reply: Reply): string[] {
  const items = (reply.value as Reply[]).map((x) => x.value as string);
  const out: string[] = [];
  for (let i = 0; i < items.length; i += 2) out.push(`${items[i]}=${items[i + 1]}`);
  return out.sort();
}

const strings = (reply: Reply): string[] => (reply.value as Reply[]).map((x) => x.value as string);
const encoding = (r: RedisServer, key: string): Reply => r.exec(['OBJECT', 'ENCODING', key]);

describe('HSET / HMSET / HSETNX', () => {
  it('HSET replies with the number of new fields; updates count as 0', () => {
    const r = fresh();
    expect(r.exec(['HSET', 'h', 'a', '1', 'b', '2'])).toEqual(int(2));
    expect(r.exec(['HSET', 'h', 'a', '10', 'c', '3', 'c', '4'])).toEqual(int(1));
    expect(pairs(r.exec(['HGETALL', 'h']))).toEqual(['a=10', 'b=2', 'c=4']);
  });

  it('HMSET sets the same way and replies OK', () => {
    const r = fresh();
    expect(r.exec(['HMSET', 'h', 'a', '1', 'b', '2'])).toEqual(OK);
    expect(r.exec(['HGET', 'h', 'b'])).toEqual(bulk('2'));
  });

  it('an odd field/value count is the arity error of the command called, and creates nothing', () => {
    const r = fresh();
    expect(r.exec(['HSET', 'h', 'a', '1', 'b'])).toEqual(err("ERR wrong number of arguments for 'hset' command"));
    expect(r.exec(['hmset', 'h', 'a', '1', 'b'])).toEqual(err("ERR wrong number of arguments for 'hmset' command"));
    expect(r.exec(['HSET', 'h', 'a'])).toEqual(err("ERR wrong number of arguments for 'hset' command"));
    expect(r.exec(['EXISTS', 'h'])).toEqual(int(0));
  });

  it('HSET on another type is WRONGTYPE and leaves it alone', () => {
    const r = withHash();
    expect(r.exec(['HSET', 's', 'a', '1'])).toEqual(WRONGTYPE);
    expect(r.exec(['HSETNX', 's', 'a', '1'])).toEqual(WRONGTYPE);
    expect(r.exec(['GET', 's'])).toEqual(bulk('x'));
  });

  it('HSETNX sets only an absent field, creating the key if needed', () => {
    const r = fresh();
    expect(r.exec(['HSETNX', 'h', 'a', '1'])).toEqual(int(1));
    expect(r.exec(['HSETNX', 'h', 'a', '2'])).toEqual(int(0));
    expect(r.exec(['HGET', 'h', 'a'])).toEqual(bulk('1'));
  });

  it('keeps binary fields and values byte for byte, empty strings included', () => {
    const r = fresh();
    const c = r.client();
    expect(c.sendBytes(['HSET', 'h', '', '', '\x00\xff', '\xc3\xa9'])).toEqual([int(2)]);
    expect(c.sendBytes(['HGET', 'h', ''])).toEqual([bulk('')]);
    expect(c.sendBytes(['HGET', 'h', '\x00\xff'])).toEqual([bulk('\xc3\xa9')]);
    expect(c.sendBytes(['HSTRLEN', 'h', '\x00\xff'])).toEqual([int(2)]);
    // exec() takes text and sends its UTF-8 bytes: 'é' is two bytes long.
    expect(r.exec(['HSTRLEN', 'h', '\x00\xff'])).toEqual(int(0));
    r.exec(['HSET', 'h', 'é', 'é']);
    expect(r.exec(['HSTRLEN', 'h', 'é'])).toEqual(int(2));
  });
});

describe('HGET / HMGET / HEXISTS / HSTRLEN / HLEN', () => {
  it('read single fields, with nil / 0 for what is missing', () => {
    const r = withHash();
    expect(r.exec(['HGET', 'h', 'a'])).toEqual(bulk('1'));
    expect(resp(r, 'HGET', 'h', 'zz')).toBe('$-1\r\n');
    expect(resp(r, 'HGET', 'nokey', 'a')).toBe('$-1\r\n');
    expect(r.exec(['HEXISTS', 'h', 'b'])).toEqual(int(1));
    expect(r.exec(['HEXISTS', 'h', 'zz'])).toEqual(int(0));
    expect(r.exec(['HEXISTS', 'nokey', 'a'])).toEqual(int(0));
    expect(r.exec(['HSTRLEN', 'h', 'c'])).toEqual(int(1));
    expect(r.exec(['HSTRLEN', 'h', 'zz'])).toEqual(int(0));
    expect(r.exec(['HLEN', 'h'])).toEqual(int(3));
    expect(r.exec(['HLEN', 'nokey'])).toEqual(int(0));
  });

  it('HMGET answers one slot per field, nil for missing fields and for a missing key', () => {
    const r = withHash();
    expect(r.exec(['HMGET', 'h', 'a', 'zz', 'c', 'a'])).toEqual(arr('1', NIL, '3', '1'));
    expect(resp(r, 'HMGET', 'nokey', 'a', 'b')).toBe('*2\r\n$-1\r\n$-1\r\n');
  });

  it('every reader is WRONGTYPE on another type', () => {
    const r = withHash();
    for (const argv of [['HGET', 's', 'a'], ['HMGET', 's', 'a'], ['HEXISTS', 's', 'a'], ['HSTRLEN', 's', 'a'], ['HLEN', 's'],
      ['HGETALL', 's'], ['HKEYS', 's'], ['HVALS', 's']])
      expect(r.exec(argv)).toEqual(WRONGTYPE);
  });

  it('the dispatcher checks arity with the lower-case name', () => {
    const r = fresh();
    expect(r.exec(['HGET', 'h'])).toEqual(err("ERR wrong number of arguments for 'hget' command"));
    expect(r.exec(['HMGET', 'h'])).toEqual(err("ERR wrong number of arguments for 'hmget' command"));
    expect(r.exec(['HLEN'])).toEqual(err("ERR wrong number of arguments for 'hlen' command"));
    expect(r.exec(['HSETNX', 'h', 'f'])).toEqual(err("ERR wrong number of arguments for 'hsetnx' command"));
  });
});

describe('HGETALL / HKEYS / HVALS', () => {
  it('return the whole hash (order unspecified) and an empty array for a missing key', () => {
    const r = withHash();
    expect(pairs(r.exec(['HGETALL', 'h']))).toEqual(['a=1', 'b=2', 'c=3']);
    expect(strings(r.exec(['HKEYS', 'h'])).sort()).toEqual(['a', 'b', 'c']);
    expect(strings(r.exec(['HVALS', 'h'])).sort()).toEqual(['1', '2', '3']);
    for (const cmd of ['HGETALL', 'HKEYS', 'HVALS']) expect(resp(r, cmd, 'nokey')).toBe('*0\r\n');
  });
});

describe('HDEL', () => {
  it('counts the fields removed, ignoring missing ones and repeats', () => {
    const r = withHash();
    expect(r.exec(['HDEL', 'h', 'a', 'zz', 'a'])).toEqual(int(1));
    expect(r.exec(['HDEL', 'nokey', 'a'])).toEqual(int(0));
    expect(r.exec(['HDEL', 's', 'a'])).toEqual(WRONGTYPE);
  });

  it('deletes the key, and its TTL, with the last field', () => {
    const r = withHash();
    r.exec(['EXPIRE', 'h', '100']);
    expect(r.exec(['HDEL', 'h', 'a', 'b', 'c', 'd'])).toEqual(int(3));
    expect(r.exec(['EXISTS', 'h'])).toEqual(int(0));
    r.exec(['HSET', 'h', 'a', '1']);
    expect(r.exec(['TTL', 'h'])).toEqual(int(-1));
  });
});

describe('HINCRBY', () => {
  it('adds to an integer field, starting from 0 for a missing field or key', () => {
    const r = fresh();
    expect(r.exec(['HINCRBY', 'h', 'n', '5'])).toEqual(int(5));
    expect(r.exec(['HINCRBY', 'h', 'n', '-7'])).toEqual(int(-2));
    expect(r.exec(['HGET', 'h', 'n'])).toEqual(bulk('-2'));
  });

  it('checks the increment before the key: a bad one fails even on another type', () => {
    const r = withHash();
    expect(r.exec(['HINCRBY', 's', 'a', 'x'])).toEqual(NOT_INTEGER);
    expect(r.exec(['HINCRBY', 's', 'a', '1'])).toEqual(WRONGTYPE);
    for (const bad of ['1.5', ' 1', '1 ', '', '007', '9223372036854775808'])
      expect(r.exec(['HINCRBY', 'nokey', 'a', bad])).toEqual(NOT_INTEGER);
    expect(r.exec(['EXISTS', 'nokey'])).toEqual(int(0));
  });

  it('refuses a field that is not an integer, and int64 overflow, leaving the field as it was', () => {
    const r = fresh();
    r.exec(['HSET', 'h', 'f', '1.5', 'sp', ' 1', 'max', '9223372036854775807', 'min', '-9223372036854775808']);
    expect(r.exec(['HINCRBY', 'h', 'f', '1'])).toEqual(err('ERR hash value is not an integer'));
    expect(r.exec(['HINCRBY', 'h', 'sp', '1'])).toEqual(err('ERR hash value is not an integer'));
    expect(r.exec(['HINCRBY', 'h', 'max', '1'])).toEqual(err('ERR increment or decrement would overflow'));
    expect(r.exec(['HINCRBY', 'h', 'min', '-1'])).toEqual(err('ERR increment or decrement would overflow'));
    expect(r.exec(['HGET', 'h', 'max'])).toEqual(bulk('9223372036854775807'));
    expect(r.exec(['HINCRBY', 'h', 'max', '-9223372036854775808'])).toEqual(int(-1));
  });
});

describe('HINCRBYFLOAT', () => {
  it('computes in long double and prints like INCRBYFLOAT', () => {
    const r = fresh();
    expect(r.exec(['HINCRBYFLOAT', 'h', 'f', '0.1'])).toEqual(bulk('0.1'));
    expect(r.exec(['HINCRBYFLOAT', 'h', 'f', '0.2'])).toEqual(bulk('0.3'));
    expect(r.exec(['HINCRBYFLOAT', 'h', 'f', '-0.3'])).toEqual(bulk('0'));
    expect(r.exec(['HINCRBYFLOAT', 'h', 'g', '1e3'])).toEqual(bulk('1000'));
    expect(r.exec(['HINCRBYFLOAT', 'h', 'g', '0x10'])).toEqual(bulk('1016'));
    r.exec(['HSET', 'h', 'big', '9223372036854775807', 'z', '007']);
    expect(r.exec(['HINCRBYFLOAT', 'h', 'big', '1'])).toEqual(bulk('9223372036854775808'));
    expect(r.exec(['HINCRBYFLOAT', 'h', 'z', '1'])).toEqual(bulk('8'));
    expect(r.exec(['HGET', 'h', 'f'])).toEqual(bulk('0'));
  });

  it('refuses an infinite increment before touching the key, and NaN as no float at all', () => {
    const r = withHash();
    expect(r.exec(['HINCRBYFLOAT', 'nokey', 'f', 'inf'])).toEqual(err('ERR value is NaN or Infinity'));
    expect(r.exec(['HINCRBYFLOAT', 's', 'f', '-inf'])).toEqual(err('ERR value is NaN or Infinity'));
    expect(r.exec(['HINCRBYFLOAT', 'nokey', 'f', 'nan'])).toEqual(NOT_FLOAT);
    for (const bad of ['abc', '', ' 1', '1 ', 'x1'])
      expect(r.exec(['HINCRBYFLOAT', 'nokey', 'f', bad])).toEqual(NOT_FLOAT);
    expect(r.exec(['EXISTS', 'nokey'])).toEqual(int(0));
    expect(r.exec(['HINCRBYFLOAT', 's', 'f', '1'])).toEqual(WRONGTYPE);
  });

  it('refuses a field that is not a float, and a result that is not finite', () => {
    const r = fresh();
    r.exec(['HSET', 'h', 'word', 'abc', 'sp', ' 1', 'inf', 'inf']);
    expect(r.exec(['HINCRBYFLOAT', 'h', 'word', '1'])).toEqual(err('ERR hash value is not a float'));
    expect(r.exec(['HINCRBYFLOAT', 'h', 'sp', '1'])).toEqual(err('ERR hash value is not a float'));
    expect(r.exec(['HINCRBYFLOAT', 'h', 'inf', '1'])).toEqual(err('ERR increment would produce NaN or Infinity'));
    expect(r.exec(['HGET', 'h', 'inf'])).toEqual(bulk('inf'));
  });
});

describe('encoding: listpack, then hashtable for good', () => {
  it('stays a listpack up to 512 fields and converts on the 513th', () => {
    const r = fresh();
    const args: string[] = [];
    for (let i = 0; i < 512; i++) args.push(`f${i}`, 'v');
    r.exec(['HSET', 'h', ...args]);
    expect(encoding(r, 'h')).toEqual(bulk('listpack'));
    r.exec(['HSET', 'h', 'f0', 'w']);
    expect(encoding(r, 'h')).toEqual(bulk('listpack'));
    r.exec(['HSET', 'h', 'one-more', 'v']);
    expect(encoding(r, 'h')).toEqual(bulk('hashtable'));
    r.exec(['HDEL', 'h', 'one-more', 'f1', 'f2']);
    expect(encoding(r, 'h')).toEqual(bulk('hashtable'));
  });

  it('counts fields, not arguments: 513 copies of one pair stay a listpack', () => {
    const r = fresh();
    const args: string[] = [];
    for (let i = 0; i < 513; i++) args.push('f', 'v');
    expect(r.exec(['HSET', 'h', ...args])).toEqual(int(1));
    expect(encoding(r, 'h')).toEqual(bulk('listpack'));
  });

  it('converts for a field or value over 64 bytes (64 is still fine)', () => {
    const r = fresh();
    r.exec(['HSET', 'a', 'x'.repeat(64), 'y'.repeat(64)]);
    expect(encoding(r, 'a')).toEqual(bulk('listpack'));
    r.exec(['HSET', 'b', 'f', 'short', 'g', 'y'.repeat(65)]);
    expect(encoding(r, 'b')).toEqual(bulk('hashtable'));
    r.exec(['HSET', 'c', 'x'.repeat(65), '1']);
    expect(encoding(r, 'c')).toEqual(bulk('hashtable'));
  });

  it('HSETNX on an existing field writes nothing, so a long value does not convert', () => {
    const r = fresh();
    r.exec(['HSET', 'h', 'f', 'v']);
    expect(r.exec(['HSETNX', 'h', 'f', 'y'.repeat(65)])).toEqual(int(0));
    expect(encoding(r, 'h')).toEqual(bulk('listpack'));
    expect(r.exec(['HSETNX', 'h', 'y'.repeat(65), 'v'])).toEqual(int(1));
    expect(encoding(r, 'h')).toEqual(bulk('hashtable'));
  });

  it('HINCRBY and HINCRBYFLOAT convert for a long field name or a long result', () => {
    const r = fresh();
    r.exec(['HINCRBY', 'a', 'x'.repeat(65), '1']);
    expect(encoding(r, 'a')).toEqual(bulk('hashtable'));
    r.exec(['HINCRBYFLOAT', 'b', 'x'.repeat(65), '1']);
    expect(encoding(r, 'b')).toEqual(bulk('hashtable'));
    expect(r.exec(['HINCRBYFLOAT', 'c', 'f', '1e70'])).toEqual(
      bulk('10000000000000000000222479489586148259025995410601157579323600873193472'),
    );
    expect(encoding(r, 'c')).toEqual(bulk('hashtable'));
  });

  it('follows CONFIG SET hash-max-listpack-entries / -value', () => {
    const r = fresh();
    expect(r.exec(['CONFIG', 'GET', 'hash-max-listpack-entries'])).toEqual(arr('hash-max-listpack-entries', '512'));
    r.exec(['CONFIG', 'SET', 'hash-max-listpack-entries', '0']);
    r.exec(['HSET', 'a', 'f', 'v']);
    expect(encoding(r, 'a')).toEqual(bulk('hashtable'));
    r.exec(['CONFIG', 'SET', 'hash-max-listpack-entries', '512']);
    r.exec(['CONFIG', 'SET', 'hash-max-listpack-value', '0']);
    r.exec(['HSET', 'b', '', '']);
    expect(encoding(r, 'b')).toEqual(bulk('listpack'));
    r.exec(['HINCRBY', 'c', '', '1']); // the stored "1" is longer than 0 bytes
    expect(encoding(r, 'c')).toEqual(bulk('hashtable'));
  });
});

describe('HRANDFIELD', () => {
  it('without count: one field, nil for a missing key, WRONGTYPE for another type', () => {
    const r = withHash();
    expect(['a', 'b', 'c']).toContain(r.exec(['HRANDFIELD', 'h']).value);
    expect(resp(r, 'HRANDFIELD', 'nokey')).toBe('$-1\r\n');
    expect(r.exec(['HRANDFIELD', 's'])).toEqual(WRONGTYPE);
  });

  it('a positive count gives distinct fields, the whole hash when count >= size', () => {
    const r = fresh();
    const args: string[] = [];
    for (let i = 0; i < 50; i++) args.push(`f${i}`, `v${i}`);
    r.exec(['HSET', 'h', ...args]);
    for (const n of [1, 2, 10, 49]) {
      const got = strings(r.exec(['HRANDFIELD', 'h', String(n)]));
      expect(got).toHaveLength(n);
      expect(new Set(got).size).toBe(n);
      for (const f of got) expect(f).toMatch(/^f\d+$/);
    }
    expect(strings(r.exec(['HRANDFIELD', 'h', '50'])).sort()).toEqual(strings(r.exec(['HKEYS', 'h'])).sort());
    expect(strings(r.exec(['HRANDFIELD', 'h', '9223372036854775807']))).toHaveLength(50);
  });

  it('a negative count gives exactly |count| picks, repeats allowed', () => {
    const r = withHash();
    const got = strings(r.exec(['HRANDFIELD', 'h', '-20']));
    expect(got).toHaveLength(20);
    expect(new Set(got).size).toBeLessThanOrEqual(3);
  });

  it('WITHVALUES pairs each field with its own value', () => {
    const r = withHash();
    for (const [n, length] of [['2', 4], ['-7', 14], ['10', 6]] as const) {
      const flat = strings(r.exec(['HRANDFIELD', 'h', n, 'withvalues']));
      expect(flat).toHaveLength(length);
      for (let i = 0; i < flat.length; i += 2) expect(flat[i + 1]).toBe({ a: '1', b: '2', c: '3' }[flat[i]!]);
    }
  });

  it('count 0 and a missing key give an empty array, after the type check', () => {
    const r = withHash();
    expect(resp(r, 'HRANDFIELD', 'h', '0')).toBe('*0\r\n');
    expect(resp(r, 'HRANDFIELD', 'nokey', '5', 'WITHVALUES')).toBe('*0\r\n');
    expect(resp(r, 'HRANDFIELD', 'nokey', '-5')).toBe('*0\r\n');
    expect(r.exec(['HRANDFIELD', 's', '0'])).toEqual(WRONGTYPE);
  });

  it('checks the count, then the options, then the WITHVALUES range, then the key', () => {
    const r = withHash();
    expect(r.exec(['HRANDFIELD', 's', 'x'])).toEqual(NOT_INTEGER);
    expect(r.exec(['HRANDFIELD', 'h', '1.5'])).toEqual(NOT_INTEGER);
    expect(r.exec(['HRANDFIELD', 'nokey', 'x', 'bogus'])).toEqual(NOT_INTEGER);
    expect(r.exec(['HRANDFIELD', 'h', '-9223372036854775808'])).toEqual(
      err('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807'),
    );
    expect(r.exec(['HRANDFIELD', 's', '1', 'bogus'])).toEqual(SYNTAX);
    expect(r.exec(['HRANDFIELD', 'h', '1', 'WITHVALUES', 'x'])).toEqual(SYNTAX);
    expect(r.exec(['HRANDFIELD', 's', '4611686018427387904', 'WITHVALUES'])).toEqual(err('ERR value is out of range'));
    expect(r.exec(['HRANDFIELD', 'h', '-4611686018427387904', 'WITHVALUES'])).toEqual(err('ERR value is out of range'));
    expect(r.exec(['HRANDFIELD', 'h', '4611686018427387903', 'WITHVALUES'])).toHaveProperty('value.length', 6);
  });

  it('refuses, with its own error, a negative count too big to build (Redis would try and run out of memory)', () => {
    const r = withHash();
    expect(r.exec(['HRANDFIELD', 'h', '-4611686018427387903', 'WITHVALUES'])).toEqual(
      err("ERR redzoo: a reply of 4611686018427387903 elements is beyond the simulator's limit of 4194304"),
    );
    expect(resp(r, 'HRANDFIELD', 'nokey', '-9223372036854775807')).toBe('*0\r\n');
  });

  it('is reproducible from the seed', () => {
    const a = withHash();
    const b = withHash();
    expect(a.exec(['HRANDFIELD', 'h', '-10', 'WITHVALUES'])).toEqual(b.exec(['HRANDFIELD', 'h', '-10', 'WITHVALUES']));
  });
});

describe('HSCAN', () => {
  it('returns a listpack hash whole, with cursor 0, whatever the cursor and COUNT', () => {
    const r = withHash();
    for (const argv of [['0'], ['5'], ['-1'], ['18446744073709551615'], ['0', 'COUNT', '1']]) {
      const reply = r.exec(['HSCAN', 'h', ...argv]);
      expect((reply.value as Reply[])[0]).toEqual(bulk('0'));
      expect(pairs((reply.value as Reply[])[1]!)).toEqual(['a=1', 'b=2', 'c=3']);
    }
  });

  it('MATCH filters on the field and keeps its value', () => {
    const r = fresh();
    r.exec(['HSET', 'h', 'apple', '1', 'avocado', '2', 'banana', 'a3']);
    expect(pairs((r.exec(['HSCAN', 'h', '0', 'MATCH', 'a*']).value as Reply[])[1]!)).toEqual(['apple=1', 'avocado=2']);
    expect(r.exec(['HSCAN', 'h', '0', 'MATCH', 'z*'])).toEqual(arr('0', arr()));
  });

  it('walks a hashtable hash in steps, every field exactly once', () => {
    const r = fresh();
    const args: string[] = ['long', 'y'.repeat(65)];
    for (let i = 0; i < 100; i++) args.push(`f${i}`, String(i));
    r.exec(['HSET', 'h', ...args]);
    expect(encoding(r, 'h')).toEqual(bulk('hashtable'));
    const seen: string[] = [];
    let cursor = '0';
    let calls = 0;
    do {
      const [next, items] = r.exec(['HSCAN', 'h', cursor, 'COUNT', '7']).value as [Reply, Reply];
      cursor = next.value as string;
      seen.push(...pairs(items));
      calls++;
    } while (cursor !== '0');
    expect(calls).toBeGreaterThan(5);
    expect(seen.sort()).toEqual(pairs(r.exec(['HGETALL', 'h'])));
  });

  it('checks the cursor, then the key, then the type, then the options', () => {
    const r = withHash();
    expect(r.exec(['HSCAN', 's', 'x'])).toEqual(err('ERR invalid cursor'));
    expect(r.exec(['HSCAN', 'h', ' 1'])).toEqual(err('ERR invalid cursor'));
    expect(r.exec(['HSCAN', 'h', '18446744073709551616'])).toEqual(err('ERR invalid cursor'));
    expect(resp(r, 'HSCAN', 'nokey', '0', 'bogus')).toBe('*2\r\n$1\r\n0\r\n*0\r\n');
    expect(r.exec(['HSCAN', 's', '0', 'COUNT', '0'])).toEqual(WRONGTYPE);
    expect(r.exec(['HSCAN', 'h', '0', 'COUNT', '0'])).toEqual(SYNTAX);
    expect(r.exec(['HSCAN', 'h', '0', 'COUNT', 'x'])).toEqual(NOT_INTEGER);
    expect(r.exec(['HSCAN', 'h', '0', 'COUNT'])).toEqual(SYNTAX);
    expect(r.exec(['HSCAN', 'h', '0', 'TYPE', 'hash'])).toEqual(SYNTAX);
  });
});

describe('keyspace events', () => {
  it('emits hset / hincrby / hincrbyfloat / hdel, then del when emptied; nothing for no-ops', () => {
    const r = fresh();
    const events = recordEvents(r);
    r.exec(['HSET', 'h', 'a', '1']);
    r.exec(['HSET', 'h', 'a', '1']);
    r.exec(['HSETNX', 'h', 'a', '2']);
    r.exec(['HSETNX', 'h', 'b', '2']);
    r.exec(['HMSET', 'h', 'c', '3']);
    r.exec(['HINCRBY', 'h', 'a', '1']);
    r.exec(['HINCRBYFLOAT', 'h', 'a', '1.5']);
    r.exec(['HINCRBY', 'h', 'c', 'x']);
    r.exec(['HDEL', 'h', 'zz']);
    r.exec(['HDEL', 'h', 'a', 'b', 'zz']);
    r.exec(['HDEL', 'h', 'c']);
    r.exec(['HINCRBY', 'h2', 'f', '1']);
    r.exec(['HINCRBYFLOAT', 'h3', 'f', 'inf']);
    expect(events).toEqual([
      'new h', 'hset h', 'hset h', 'hset h', 'hset h', 'hincrby h', 'hincrbyfloat h', 'hdel h', 'hdel h', 'del h',
      'new h2', 'hincrby h2',
    ]);
  });

  it('HSET and HDEL dirty a WATCH', () => {
    const r = withHash();
    const c = r.client();
    c.exec(['WATCH', 'h']);
    r.exec(['HDEL', 'h', 'a']);
    c.exec(['MULTI']);
    c.exec(['HGET', 'h', 'b']);
    expect(c.exec(['EXEC'])).toEqual({ type: 'array', value: null });
  });
});

/*
 * Model-based: random HSET / HSETNX / HDEL / HINCRBY / HINCRBYFLOAT sequences against a plain Map
 * plus the two-line encoding rule (convert once a write meets a long string or the hash outgrows
 * its entry limit). Small limits make conversions and empty-key deletions common.
 */
const MAX_ENTRIES = 4;
const MAX_VALUE = 3;

interface Model {
  map: Map<string, string> | null;
  encoding: 'listpack' | 'hashtable';
}

/** The model's write: what hashTypeSet does to the encoding. */
function modelSet(m: Model, f: string, v: string): void {
  if (!m.map) {
    m.map = new Map();
    m.encoding = 'listpack';
  }
  if (f.length > MAX_VALUE || v.length > MAX_VALUE) m.encoding = 'hashtable';
  m.map.set(f, v);
  if (m.map.size > MAX_ENTRIES) m.encoding = 'hashtable';
}

function checkSame(m: Model, r: RedisServer): void {
  if (!m.map) {
    expect(r.exec(['EXISTS', 'h'])).toEqual(int(0));
    return;
  }
  expect(r.exec(['HLEN', 'h'])).toEqual(int(m.map.size));
  expect(pairs(r.exec(['HGETALL', 'h']))).toEqual([...m.map].map(([f, v]) => `${f}=${v}`).sort());
  expect(encoding(r, 'h')).toEqual(bulk(m.encoding));
}

type Cmd = fc.Command<Model, RedisServer>;

class HSet implements Cmd {
  constructor(readonly kv: [string, string][]) {}
  check = () => true;
  run(m: Model, r: RedisServer): void {
    let added = 0;
    for (const [f, v] of this.kv) {
      if (!m.map?.has(f)) added++;
      modelSet(m, f, v);
    }
    expect(r.exec(['HSET', 'h', ...this.kv.flat()])).toEqual(int(added));
    checkSame(m, r);
  }
  toString = () => `HSET h ${this.kv.flat().join(' ')}`;
}

class HSetNx implements Cmd {
  constructor(readonly f: string, readonly v: string) {}
  check = () => true;
  run(m: Model, r: RedisServer): void {
    const exists = m.map?.has(this.f) ?? false;
    if (!exists) modelSet(m, this.f, this.v);
    expect(r.exec(['HSETNX', 'h', this.f, this.v])).toEqual(int(exists ? 0 : 1));
    checkSame(m, r);
  }
  toString = () => `HSETNX h ${this.f} ${this.v}`;
}

class HDel implements Cmd {
  constructor(readonly fs: string[]) {}
  check = () => true;
  run(m: Model, r: RedisServer): void {
    let n = 0;
    for (const f of this.fs) if (m.map?.delete(f)) n++;
    if (m.map?.size === 0) m.map = null;
    expect(r.exec(['HDEL', 'h', ...this.fs])).toEqual(int(n));
    checkSame(m, r);
  }
  toString = () => `HDEL h ${this.fs.join(' ')}`;
}

class HIncrBy implements Cmd {
  constructor(readonly f: string, readonly by: number) {}
  check = () => true;
  run(m: Model, r: RedisServer): void {
    const old = m.map?.get(this.f);
    const isInt = old === undefined || /^(0|-?[1-9][0-9]*)$/.test(old);
    const reply = r.exec(['HINCRBY', 'h', this.f, String(this.by)]);
    if (!isInt) expect(reply).toEqual(err('ERR hash value is not an integer'));
    else {
      const next = Number(old ?? 0) + this.by;
      modelSet(m, this.f, String(next));
      expect(reply).toEqual(int(next));
    }
    checkSame(m, r);
  }
  toString = () => `HINCRBY h ${this.f} ${this.by}`;
}

class HIncrByFloat implements Cmd {
  constructor(readonly f: string, readonly by: string) {}
  check = () => true;
  run(m: Model, r: RedisServer): void {
    const old = m.map?.get(this.f);
    const reply = r.exec(['HINCRBYFLOAT', 'h', this.f, this.by]);
    // Halves, quarters and integers are exact in both long double and double.
    if (old !== undefined && !/^-?[0-9.]+$/.test(old)) expect(reply).toEqual(err('ERR hash value is not a float'));
    else {
      const sum = Number(old ?? 0) + Number(this.by);
      const text = Object.is(sum, -0) ? '0' : String(sum);
      modelSet(m, this.f, text);
      expect(reply).toEqual(bulk(text));
    }
    checkSame(m, r);
  }
  toString = () => `HINCRBYFLOAT h ${this.f} ${this.by}`;
}

const fieldArb = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'long');
const valueArb = fc.constantFrom('1', '-2', '10', 'x', 'abcd', '', '0.5');
const commands = [
  fc.array(fc.tuple(fieldArb, valueArb), { minLength: 1, maxLength: 3 }).map((kv) => new HSet(kv)),
  fc.tuple(fieldArb, valueArb).map(([f, v]) => new HSetNx(f, v)),
  fc.array(fieldArb, { minLength: 1, maxLength: 3 }).map((fs) => new HDel(fs)),
  fc.tuple(fieldArb, fc.integer({ min: -20, max: 20 })).map(([f, by]) => new HIncrBy(f, by)),
  fc.tuple(fieldArb, fc.constantFrom('0.25', '-1.5', '3', '-0.25')).map(([f, by]) => new HIncrByFloat(f, by)),
];

describe('hash (model-based, against a Map and the encoding rule)', () => {
  it('agrees with the model under any sequence of writes', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60 }), (cmds) => {
        fc.modelRun(() => {
          const r = fresh();
          r.exec(['CONFIG', 'SET', 'hash-max-listpack-entries', String(MAX_ENTRIES)]);
          r.exec(['CONFIG', 'SET', 'hash-max-listpack-value', String(MAX_VALUE)]);
          return { model: { map: null, encoding: 'listpack' } as Model, real: r };
        }, cmds);
      }),
      { numRuns: 150 },
    );
  });
});
