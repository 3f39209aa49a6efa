import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { array, bulk, EMPTY_ARRAY, integer } from '../../src/redis-sim/reply.js';
import { Config } from '../../src/redis-sim/config.js';
import { Xoshiro128 } from '../../src/redis-sim/random.js';
import { IndexedMap } from '../../src/redis-sim/structures/indexed-map.js';
import { SetValue } from '../../src/redis-sim/values.js';
import type { Reply } from '../../src/redis-sim/reply.js';
import { setup } from './helpers.js';

const WRONGTYPE = '(error) WRONGTYPE Operation against a key holding the wrong kind of value';
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i));
const strings = (r: Reply): string[] => (r.value as readonly Reply[]).map((x) => x.value as string);
const sorted = (r: Reply): string[] => strings(r).sort();

/** The keyspace events the engine emitted while running `body`, as "event key". */
function events(r: ReturnType<typeof setup>['r'], body: () => void): string[] {
  const seen: string[] = [];
  const sub = r.events$.subscribe((e) => {
    if (e.kind === 'keyspace') seen.push(`${e.event} ${e.key}`);
  });
  body();
  sub.unsubscribe();
  return seen;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sets: members', () => {
  it('SADD counts only new members, SREM only removed ones; the last SREM deletes the key', () => {
    const { run } = setup();
    expect(run('SADD', 's', 'a', 'b', 'a')).toBe('(integer) 2');
    expect(run('SADD', 's', 'a', 'c')).toBe('(integer) 1');
    expect(run('SCARD', 's')).toBe('(integer) 3');
    expect(run('SREM', 's', 'a', 'zz', 'a')).toBe('(integer) 1');
    expect(run('SREM', 'missing', 'a')).toBe('(integer) 0');
    expect(run('SREM', 's', 'b', 'c', 'b')).toBe('(integer) 2');
    expect(run('EXISTS', 's')).toBe('(integer) 0');
    expect(run('SCARD', 's')).toBe('(integer) 0');
  });

  it('SISMEMBER / SMISMEMBER: a missing key is an empty set, other types are WRONGTYPE', () => {
    const { run, exec } = setup();
    run('SADD', 's', 'a', '1');
    expect(run('SISMEMBER', 's', 'a')).toBe('(integer) 1');
    expect(run('SISMEMBER', 's', '01')).toBe('(integer) 0');
    expect(run('SISMEMBER', 'missing', 'a')).toBe('(integer) 0');
    expect(exec('SMISMEMBER', 's', 'a', 'x', '1', 'a')).toEqual(array([integer(1), integer(0), integer(1), integer(1)]));
    expect(exec('SMISMEMBER', 'missing', 'a', 'b')).toEqual(array([integer(0), integer(0)]));
    run('SET', 'str', 'v');
    expect(run('SMISMEMBER', 'str', 'a')).toBe(WRONGTYPE);
    expect(run('SISMEMBER', 'str', 'a')).toBe(WRONGTYPE);
    expect(run('SADD', 'str', 'a')).toBe(WRONGTYPE);
    expect(run('SISMEMBER', 's', 'a', 'b')).toBe("(error) ERR wrong number of arguments for 'sismember' command");
  });

  it('SMEMBERS lists an intset in ascending integer order, like Redis', () => {
    const { exec, run } = setup();
    run('SADD', 's', '10', '-3', '9223372036854775807', '2', '-9223372036854775808', '0');
    expect(exec('SMEMBERS', 's')).toEqual(
      array(['-9223372036854775808', '-3', '0', '2', '10', '9223372036854775807'].map(bulk)),
    );
    expect(exec('SMEMBERS', 'missing')).toEqual(EMPTY_ARRAY);
  });
});

describe('sets: encodings', () => {
  it('intset while every member is an integer (string2ll: no "+", no leading zeros), else hashtable', () => {
    const { run } = setup();
    run('SADD', 'i', '1', '-2', '9223372036854775807');
    expect(run('OBJECT', 'ENCODING', 'i')).toBe('"intset"');
    for (const notInt of ['01', '+1', '1.0', '9223372036854775808', ' 1', '-0', 'a']) {
      run('SADD', notInt, '5');
      run('SADD', notInt, notInt);
      expect(run('OBJECT', 'ENCODING', notInt), notInt).toBe('"hashtable"');
    }
  });

  it('converts past set-max-intset-entries and never converts back', () => {
    const { run } = setup();
    run('SADD', 's', ...range(0, 512));
    expect(run('OBJECT', 'ENCODING', 's')).toBe('"intset"');
    run('SADD', 's', '512');
    expect(run('OBJECT', 'ENCODING', 's')).toBe('"hashtable"');
    run('SREM', 's', ...range(0, 500));
    expect(run('OBJECT', 'ENCODING', 's')).toBe('"hashtable"');
    run('SADD', 't', 'x');
    run('SREM', 't', 'x');
    run('SADD', 't', '1');
    expect(run('OBJECT', 'ENCODING', 't')).toBe('"intset"');
  });

  it('a lowered limit converts an intset on its next real insert only', () => {
    const { run } = setup();
    run('SADD', 's', '1', '2');
    run('CONFIG', 'SET', 'set-max-intset-entries', '1');
    expect(run('SADD', 's', '1')).toBe('(integer) 0');
    expect(run('OBJECT', 'ENCODING', 's')).toBe('"intset"');
    run('SADD', 's', '3');
    expect(run('OBJECT', 'ENCODING', 's')).toBe('"hashtable"');
    run('CONFIG', 'SET', 'set-max-intset-entries', '0');
    run('SADD', 'z', '1');
    expect(run('OBJECT', 'ENCODING', 'z')).toBe('"hashtable"');
  });
});

describe('sets: SPOP', () => {
  it('without a count: a member, nil for a missing key, the key goes with its last member', () => {
    const { run, exec } = setup();
    expect(run('SPOP', 'missing')).toBe('(nil)');
    run('SADD', 's', 'only');
    expect(exec('SPOP', 's')).toEqual(bulk('only'));
    expect(run('EXISTS', 's')).toBe('(integer) 0');
    expect(run('SPOP', 's', '1', '2')).toBe('(error) ERR syntax error');
  });

  it('checks the count before the key: anything but a non-negative integer is "must be positive"', () => {
    const { run } = setup();
    run('SET', 'str', 'v');
    for (const bad of ['-1', 'x', '1.5', '', '+1', '9223372036854775808']) {
      expect(run('SPOP', 'str', bad), bad).toBe('(error) ERR value is out of range, must be positive');
      expect(run('SPOP', 'missing', bad), bad).toBe('(error) ERR value is out of range, must be positive');
    }
    expect(run('SPOP', 'str', '0')).toBe(WRONGTYPE);
    expect(run('SPOP', 'missing', '0')).toBe('(empty array)');
    expect(run('SPOP', 'missing', '5')).toBe('(empty array)');
  });

  it('count 0 pops nothing; count >= size pops everything (intsets in order) and deletes the key', () => {
    const { run, exec } = setup();
    run('SADD', 's', '3', '1', '2');
    expect(exec('SPOP', 's', '0')).toEqual(EMPTY_ARRAY);
    expect(run('SCARD', 's')).toBe('(integer) 3');
    expect(exec('SPOP', 's', '9223372036854775807')).toEqual(array(['1', '2', '3'].map(bulk)));
    expect(run('EXISTS', 's')).toBe('(integer) 0');
  });

  it('count < size pops exactly count distinct members', () => {
    const { run, exec } = setup(7);
    run('SADD', 's', ...range(0, 50), 'a', 'b');
    const popped = strings(exec('SPOP', 's', '20'));
    expect(popped).toHaveLength(20);
    expect(new Set(popped).size).toBe(20);
    expect(run('SCARD', 's')).toBe('(integer) 32');
    for (const m of popped) expect(run('SISMEMBER', 's', m)).toBe('(integer) 0');
  });

  it('popping most of a set rebuilds the survivors, which can turn a hashtable back into an intset', () => {
    const { run } = setup();
    run('SADD', 'big', ...range(0, 600));
    expect(run('OBJECT', 'ENCODING', 'big')).toBe('"hashtable"');
    run('SPOP', 'big', '10'); // few popped: members leave one by one, the encoding stays
    expect(run('OBJECT', 'ENCODING', 'big')).toBe('"hashtable"');
    run('SPOP', 'big', '580'); // 10 survivors, 10 * 5 <= 580: Redis copies them into a new set
    expect(run('SCARD', 'big')).toBe('(integer) 10');
    expect(run('OBJECT', 'ENCODING', 'big')).toBe('"intset"');
  });

  it('a small count touches only the members it pops, never the whole set', () => {
    const { run } = setup();
    run('SADD', 's', ...range(0, 5000));
    const keys = vi.spyOn(IndexedMap.prototype, 'keys');
    run('SPOP', 's', '3');
    run('SPOP', 's');
    run('SRANDMEMBER', 's', '5');
    run('SRANDMEMBER', 's', '-5');
    expect(keys).not.toHaveBeenCalled();
  });
});

describe('sets: SRANDMEMBER', () => {
  it('without a count: a member or nil, and nothing changes', () => {
    const { run, exec } = setup();
    expect(run('SRANDMEMBER', 'missing')).toBe('(nil)');
    run('SADD', 's', 'a');
    expect(exec('SRANDMEMBER', 's')).toEqual(bulk('a'));
    expect(run('SCARD', 's')).toBe('(integer) 1');
    expect(run('SRANDMEMBER', 's', '1', '2')).toBe('(error) ERR syntax error');
  });

  it('positive counts give distinct members, at most the whole set', () => {
    const { run, exec } = setup(3);
    run('SADD', 's', ...range(0, 30));
    for (const n of [1, 2, 9, 10, 11, 29]) {
      const got = strings(exec('SRANDMEMBER', 's', String(n)));
      expect(got).toHaveLength(n);
      expect(new Set(got).size).toBe(n);
      for (const m of got) expect(Number(m)).toBeLessThan(30);
    }
    expect(exec('SRANDMEMBER', 's', '30')).toEqual(array(range(0, 30).map(bulk)));
    expect(exec('SRANDMEMBER', 's', '1000')).toEqual(array(range(0, 30).map(bulk)));
    expect(run('SCARD', 's')).toBe('(integer) 30');
  });

  it('negative counts give exactly |count| picks, repeating members', () => {
    const { run, exec } = setup();
    run('SADD', 's', 'a', 'b');
    const got = strings(exec('SRANDMEMBER', 's', '-50'));
    expect(got).toHaveLength(50);
    expect(new Set(got)).toEqual(new Set(['a', 'b']));
  });

  it('count 0 and a missing key give an empty array; the count is parsed before the key', () => {
    const { run } = setup();
    run('SADD', 's', 'a');
    run('SET', 'str', 'v');
    expect(run('SRANDMEMBER', 's', '0')).toBe('(empty array)');
    expect(run('SRANDMEMBER', 'missing', '-5')).toBe('(empty array)');
    expect(run('SRANDMEMBER', 'str', '0')).toBe(WRONGTYPE);
    expect(run('SRANDMEMBER', 'str', 'x')).toBe('(error) ERR value is not an integer or out of range');
    expect(run('SRANDMEMBER', 'missing', '-9223372036854775808')).toBe(
      '(error) ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
    );
  });

  it('refuses a repeating reply too large to build instead of exhausting memory', () => {
    const { run } = setup();
    run('SADD', 's', 'a');
    expect(run('SRANDMEMBER', 's', '-9223372036854775807')).toMatch(/^\(error\) ERR redzoo: a reply of 9223372036854775807 elements/);
    expect(run('SRANDMEMBER', 'missing', '-9223372036854775807')).toBe('(empty array)');
  });
});

describe('sets: SMOVE', () => {
  it('moves a member, deletes an emptied source and creates the destination for the member', () => {
    const { run, r } = setup();
    run('SADD', 'src', '5', 'x');
    expect(
      events(r, () => {
        expect(run('SMOVE', 'src', 'dst', '5')).toBe('(integer) 1');
      }),
    ).toEqual(['srem src', 'new dst', 'sadd dst']);
    expect(run('OBJECT', 'ENCODING', 'dst')).toBe('"intset"');
    expect(
      events(r, () => {
        expect(run('SMOVE', 'src', 'dst2', 'x')).toBe('(integer) 1');
      }),
    ).toEqual(['srem src', 'del src', 'new dst2', 'sadd dst2']);
    expect(run('OBJECT', 'ENCODING', 'dst2')).toBe('"hashtable"');
    expect(run('EXISTS', 'src')).toBe('(integer) 0');
  });

  it('answers 0 for a missing source or member, and tests membership when source is destination', () => {
    const { run, r } = setup();
    run('SET', 'str', 'v');
    run('SADD', 's', 'a');
    expect(run('SMOVE', 'missing', 'str', 'a')).toBe('(integer) 0');
    expect(run('SMOVE', 'str', 's', 'a')).toBe(WRONGTYPE);
    expect(run('SMOVE', 's', 'str', 'a')).toBe(WRONGTYPE);
    expect(run('SMOVE', 's', 'other', 'zz')).toBe('(integer) 0');
    expect(events(r, () => expect(run('SMOVE', 's', 's', 'a')).toBe('(integer) 1'))).toEqual([]);
    expect(run('SMOVE', 's', 's', 'b')).toBe('(integer) 0');
    expect(run('SCARD', 's')).toBe('(integer) 1');
  });

  it('dirties a WATCH on the destination only when the member was new there', () => {
    const { r } = setup();
    const a = r.client();
    const b = r.client();
    const trial = (member: string): Reply => {
      b.exec(['SADD', 'src', member]);
      a.exec(['WATCH', 'dst']);
      b.exec(['SMOVE', 'src', 'dst', member]);
      a.exec(['MULTI']);
      a.exec(['PING']);
      return a.exec(['EXEC']);
    };
    b.exec(['SADD', 'dst', 'm']);
    expect(trial('m')).toEqual(array([{ type: 'status', value: 'PONG' }]));
    expect(trial('n')).toEqual({ type: 'array', value: null });
  });
});

describe('sets: SINTER / SUNION / SDIFF and their STORE forms', () => {
  it('compute the set algebra; a missing key is an empty set', () => {
    const { run, exec } = setup();
    run('SADD', 'a', '1', '2', '3', 'x');
    run('SADD', 'b', '2', '3', '4');
    run('SADD', 'c', '3', 'x');
    expect(exec('SINTER', 'a', 'b', 'c')).toEqual(array([bulk('3')]));
    expect(exec('SINTER', 'a', 'missing')).toEqual(EMPTY_ARRAY);
    expect(exec('SINTER', 'a', 'a')).toEqual(exec('SMEMBERS', 'a'));
    expect(sorted(exec('SUNION', 'a', 'b', 'missing'))).toEqual(['1', '2', '3', '4', 'x']);
    expect(sorted(exec('SDIFF', 'a', 'b'))).toEqual(['1', 'x']);
    expect(exec('SDIFF', 'a', 'b', 'c')).toEqual(array([bulk('1')]));
    expect(exec('SDIFF', 'a', 'a')).toEqual(EMPTY_ARRAY);
    expect(exec('SDIFF', 'missing', 'a')).toEqual(EMPTY_ARRAY);
    expect(exec('SUNION', 'missing')).toEqual(EMPTY_ARRAY);
  });

  it('type-check every key, even after a missing one', () => {
    const { run } = setup();
    run('SET', 'str', 'v');
    run('SADD', 'a', '1');
    for (const cmd of ['SINTER', 'SUNION', 'SDIFF']) expect(run(cmd, 'missing', 'str'), cmd).toBe(WRONGTYPE);
    for (const cmd of ['SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE']) expect(run(cmd, 'd', 'missing', 'str'), cmd).toBe(WRONGTYPE);
    expect(run('SINTERCARD', '2', 'missing', 'str')).toBe(WRONGTYPE);
    expect(run('EXISTS', 'd')).toBe('(integer) 0');
  });

  it('STORE replaces the destination whatever it held, dropping its TTL, with the command as event', () => {
    const { run, r } = setup();
    run('SADD', 'a', '1', '2');
    run('SADD', 'b', '2', '3');
    run('SET', 'd', 'string', 'EX', '100');
    expect(events(r, () => expect(run('SINTERSTORE', 'd', 'a', 'b')).toBe('(integer) 1'))).toEqual(['sinterstore d']);
    expect(run('TYPE', 'd')).toBe('set');
    expect(run('TTL', 'd')).toBe('(integer) -1');
    expect(events(r, () => expect(run('SUNIONSTORE', 'u', 'a', 'b')).toBe('(integer) 3'))).toEqual(['new u', 'sunionstore u']);
    expect(events(r, () => expect(run('SDIFFSTORE', 'a', 'a', 'b')).toBe('(integer) 1'))).toEqual(['sdiffstore a']);
    expect(run('SMEMBERS', 'a')).toBe('1) "1"');
  });

  it('an empty result deletes the destination ("del" only when there was one)', () => {
    const { run, r } = setup();
    run('SADD', 'a', '1');
    run('SET', 'd', 'x');
    expect(events(r, () => expect(run('SINTERSTORE', 'd', 'a', 'missing')).toBe('(integer) 0'))).toEqual(['del d']);
    expect(run('EXISTS', 'd')).toBe('(integer) 0');
    expect(events(r, () => expect(run('SINTERSTORE', 'd', 'a', 'missing')).toBe('(integer) 0'))).toEqual([]);
    run('SADD', 'd', 'x');
    expect(events(r, () => expect(run('SDIFFSTORE', 'd', 'a', 'a')).toBe('(integer) 0'))).toEqual(['del d']);
    run('SADD', 'd', 'x');
    expect(events(r, () => expect(run('SUNIONSTORE', 'd', 'missing')).toBe('(integer) 0'))).toEqual(['del d']);
  });

  it('the stored set gets the encoding its content calls for', () => {
    const { run } = setup();
    run('SADD', 'a', '1', '2', '3', 'x');
    run('SADD', 'b', '1', '2', 'y');
    run('SINTERSTORE', 'i', 'a', 'b');
    expect(run('OBJECT', 'ENCODING', 'i')).toBe('"intset"');
    run('SUNIONSTORE', 'u', 'a');
    expect(run('OBJECT', 'ENCODING', 'u')).toBe('"hashtable"');
    run('SADD', 'big', ...range(0, 600));
    run('SADD', 'low', ...range(0, 500));
    run('SDIFFSTORE', 'd', 'big', 'low'); // 100 left: built member by member
    expect(run('OBJECT', 'ENCODING', 'd')).toBe('"intset"');
  });

  it('SDIFF that copies the whole first set keeps its hashtable even when only integers remain', () => {
    const { run } = setup();
    run('SADD', 'a', 'x', ...range(1, 20));
    run('SADD', 'b', 'x');
    run('SADD', 'c', 'x');
    // 21 * 3 / 2 = 31 > 21 + 1 + 1: Redis copies `a` and removes the others' members.
    expect(run('SDIFFSTORE', 'd', 'a', 'b', 'c')).toBe('(integer) 20');
    expect(run('OBJECT', 'ENCODING', 'd')).toBe('"hashtable"');
    // 21 * 2 / 2 = 21 <= 22: Redis adds the survivors one by one.
    expect(run('SDIFFSTORE', 'd', 'a', 'b')).toBe('(integer) 20');
    expect(run('OBJECT', 'ENCODING', 'd')).toBe('"intset"');
  });
});

describe('sets: SINTERCARD', () => {
  it('counts the intersection, stopping at LIMIT (0 means none, the last LIMIT wins)', () => {
    const { run } = setup();
    run('SADD', 'a', '1', '2', '3', '4');
    run('SADD', 'b', '2', '3', '4', '5');
    expect(run('SINTERCARD', '2', 'a', 'b')).toBe('(integer) 3');
    expect(run('SINTERCARD', '2', 'a', 'b', 'LIMIT', '2')).toBe('(integer) 2');
    expect(run('SINTERCARD', '2', 'a', 'b', 'limit', '0')).toBe('(integer) 3');
    expect(run('SINTERCARD', '2', 'a', 'b', 'LIMIT', '1', 'LIMIT', '10')).toBe('(integer) 3');
    expect(run('SINTERCARD', '1', 'a')).toBe('(integer) 4');
    expect(run('SINTERCARD', '2', 'a', 'missing')).toBe('(integer) 0');
  });

  it('has its own errors for numkeys and LIMIT', () => {
    const { run } = setup();
    run('SET', 'str', 'v');
    for (const n of ['0', '-1', 'x', '9223372036854775808'])
      expect(run('SINTERCARD', n, 'a'), n).toBe('(error) ERR numkeys should be greater than 0');
    expect(run('SINTERCARD', '3', 'a', 'b')).toBe("(error) ERR Number of keys can't be greater than number of args");
    expect(run('SINTERCARD', '2', 'a')).toBe("(error) ERR Number of keys can't be greater than number of args");
    expect(run('SINTERCARD', '1', 'a', 'b')).toBe('(error) ERR syntax error');
    expect(run('SINTERCARD', '1', 'a', 'LIMIT')).toBe('(error) ERR syntax error');
    for (const l of ['-1', 'x']) expect(run('SINTERCARD', '1', 'str', 'LIMIT', l), l).toBe("(error) ERR LIMIT can't be negative");
    expect(run('SINTERCARD', '1', 'str')).toBe(WRONGTYPE);
    expect(run('SINTERCARD', '1')).toBe("(error) ERR wrong number of arguments for 'sintercard' command");
  });
});

describe('sets: SSCAN', () => {
  it('checks the cursor, then the key, then its type, then the options', () => {
    const { run, exec } = setup();
    run('SET', 'str', 'v');
    run('SADD', 's', '1');
    expect(run('SSCAN', 'missing', 'x')).toBe('(error) ERR invalid cursor');
    expect(run('SSCAN', 'str', ' 1')).toBe('(error) ERR invalid cursor');
    expect(run('SSCAN', 's', '18446744073709551616')).toBe('(error) ERR invalid cursor');
    expect(exec('SSCAN', 'missing', '0', 'COUNT', '0')).toEqual(array([bulk('0'), EMPTY_ARRAY]));
    expect(run('SSCAN', 'str', '0', 'COUNT', '0')).toBe(WRONGTYPE);
    expect(run('SSCAN', 's', '0', 'COUNT', '0')).toBe('(error) ERR syntax error');
    expect(run('SSCAN', 's', '0', 'COUNT', 'x')).toBe('(error) ERR value is not an integer or out of range');
    expect(run('SSCAN', 's', '0', 'TYPE', 'set')).toBe('(error) ERR syntax error');
    expect(run('SSCAN', 's', '0', 'MATCH')).toBe('(error) ERR syntax error');
  });

  it('returns an intset whole, in order, with cursor 0, whatever the cursor and COUNT', () => {
    const { exec, run } = setup();
    run('SADD', 's', '12', '3', '1', '20');
    expect(exec('SSCAN', 's', '77', 'COUNT', '1')).toEqual(array([bulk('0'), array(['1', '3', '12', '20'].map(bulk))]));
    expect(exec('SSCAN', 's', '0', 'MATCH', '1*')).toEqual(array([bulk('0'), array(['1', '12'].map(bulk))]));
  });

  it('walks a hashtable in steps that together return every member exactly once', () => {
    const { exec, run } = setup();
    const members = [...range(0, 200).map((m) => `m${m}`)];
    run('SADD', 's', ...members);
    const seen: string[] = [];
    let cursor = '0';
    let calls = 0;
    do {
      const [next, page] = exec('SSCAN', 's', cursor, 'COUNT', '7').value as readonly Reply[];
      cursor = next!.value as string;
      seen.push(...strings(page!));
      calls++;
    } while (cursor !== '0');
    expect(calls).toBeGreaterThan(10);
    expect(seen.sort()).toEqual([...members].sort());
    const matched = strings((exec('SSCAN', 's', '0', 'MATCH', 'm1?', 'COUNT', '1000').value as readonly Reply[])[1]!);
    expect(matched.sort()).toEqual(range(10, 10).map((m) => `m${m}`));
  });
});

describe('sets: keyspace events and WATCH', () => {
  it('SADD on a new key, SREM of the last member, SPOP of everything', () => {
    const { run, r } = setup();
    expect(events(r, () => run('SADD', 's', 'a', 'b'))).toEqual(['new s', 'sadd s']);
    expect(events(r, () => run('SADD', 's', 'a'))).toEqual([]);
    expect(events(r, () => run('SREM', 's', 'zz'))).toEqual([]);
    expect(events(r, () => run('SREM', 's', 'a', 'b'))).toEqual(['srem s', 'del s']);
    run('SADD', 's', 'a', 'b');
    expect(events(r, () => run('SPOP', 's', '0'))).toEqual([]);
    expect(events(r, () => run('SPOP', 's', '10'))).toEqual(['spop s', 'del s']);
    run('SADD', 's', 'a', 'b');
    expect(events(r, () => run('SPOP', 's'))).toEqual(['spop s']);
    expect(events(r, () => run('SPOP', 's'))).toEqual(['spop s', 'del s']);
  });

  it('SPOP of a whole set lists it through a second, counted read lookup, as Redis does', () => {
    const { run } = setup();
    const stats = () => run('INFO', 'stats').match(/keyspace_(hits|misses):\d+/g);
    run('SADD', 's', '1', '2');
    run('SPOP', 's', '1');
    expect(stats()).toEqual(['keyspace_hits:0', 'keyspace_misses:0']);
    run('SPOP', 's', '10');
    expect(stats()).toEqual(['keyspace_hits:1', 'keyspace_misses:0']);
    run('SINTERSTORE', 'd', 's');
    expect(stats()).toEqual(['keyspace_hits:1', 'keyspace_misses:1']);
  });

  it('an empty STORE result dirties a WATCH only when it deleted something', () => {
    const { r } = setup();
    const a = r.client();
    const b = r.client();
    const trial = (): Reply => {
      a.exec(['WATCH', 'd']);
      b.exec(['SINTERSTORE', 'd', 'x', 'missing']);
      a.exec(['MULTI']);
      return a.exec(['EXEC']);
    };
    expect(trial()).toEqual(EMPTY_ARRAY);
    b.exec(['SET', 'd', 'v']);
    expect(trial()).toEqual({ type: 'array', value: null });
  });
});

describe('sets: arity and syntax', () => {
  it('reports wrong arity with the lower-case command name', () => {
    const { run } = setup();
    for (const [cmd, ...args] of [['SADD', 'k'], ['SREM', 'k'], ['SMOVE', 'a', 'b'], ['SMEMBERS'], ['SPOP'], ['SINTERSTORE', 'd'], ['SSCAN', 'k']])
      expect(run(cmd!, ...args)).toBe(`(error) ERR wrong number of arguments for '${cmd!.toLowerCase()}' command`);
    expect(run('SPOP', 'missing')).toBe('(nil)');
    expect(run('SRANDMEMBER', 'missing')).toBe('(nil)');
  });
});

/**
 * Model-based test of SetValue: members against a plain Set, and the encoding against the rule
 * written the obvious way (intset until a non-integer or the size limit, then hashtable for good,
 * unless rebuilt).
 */
interface Model {
  members: Set<string>;
  encoding: 'intset' | 'hashtable';
}
interface Real {
  set: SetValue;
  config: Config;
  random: Xoshiro128;
}

const LIMIT = 6;
const isInt = (m: string) => /^(0|-?[1-9][0-9]*)$/.test(m) && BigInt(m) >= -(2n ** 63n) && BigInt(m) < 2n ** 63n;

const checkSame = (m: Model, r: Real): void => {
  expect(r.set.size).toBe(m.members.size);
  expect(r.set.encoding).toBe(m.encoding);
  const listed = [...r.set.ordered()];
  expect(new Set(listed)).toEqual(m.members);
  expect(listed).toHaveLength(m.members.size);
  if (m.encoding === 'intset') expect(listed).toEqual([...m.members].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
};

class Add implements fc.Command<Model, Real> {
  constructor(readonly v: string) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const isNew = !m.members.has(this.v);
    m.members.add(this.v);
    if (!isInt(this.v) || (isNew && m.encoding === 'intset' && m.members.size > LIMIT)) m.encoding = 'hashtable';
    expect(r.set.add(this.v, r.config)).toBe(isNew);
    checkSame(m, r);
  }
  toString = () => `add(${this.v})`;
}

class Delete implements fc.Command<Model, Real> {
  constructor(readonly v: string) {}
  check = () => true;
  run(m: Model, r: Real): void {
    expect(r.set.delete(this.v)).toBe(m.members.delete(this.v));
    checkSame(m, r);
  }
  toString = () => `delete(${this.v})`;
}

class Has implements fc.Command<Model, Real> {
  constructor(readonly v: string) {}
  check = () => true;
  run(m: Model, r: Real): void {
    expect(r.set.has(this.v)).toBe(m.members.has(this.v));
  }
  toString = () => `has(${this.v})`;
}

class Random implements fc.Command<Model, Real> {
  check = (m: Readonly<Model>) => m.members.size > 0;
  run(m: Model, r: Real): void {
    expect(m.members.has(r.set.random(r.random))).toBe(true);
  }
  toString = () => 'random()';
}

class Sample implements fc.Command<Model, Real> {
  constructor(readonly fraction: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const n = Math.floor(this.fraction * (m.members.size + 1));
    const got = r.set.sample(r.random, Math.min(n, m.members.size));
    expect(got).toHaveLength(Math.min(n, m.members.size));
    expect(new Set(got).size).toBe(got.length);
    for (const g of got) expect(m.members.has(g)).toBe(true);
  }
  toString = () => `sample(${this.fraction})`;
}

class Reencode implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    m.encoding = m.members.size <= LIMIT && [...m.members].every(isInt) ? 'intset' : 'hashtable';
    r.set.reencode(r.config);
    checkSame(m, r);
  }
  toString = () => 'reencode()';
}

describe('SetValue (model-based)', () => {
  it('behaves like a Set, with the encoding Redis would report', () => {
    const member = fc.oneof(
      fc.integer({ min: -12, max: 12 }).map(String),
      fc.constantFrom('a', 'b', '01', '+1', '-0', '9223372036854775807', '-9223372036854775808', '9223372036854775808'),
    );
    const commands = [
      member.map((v) => new Add(v)),
      member.map((v) => new Add(v)),
      member.map((v) => new Delete(v)),
      member.map((v) => new Has(v)),
      fc.constant(new Random()),
      fc.double({ min: 0, max: 1, noNaN: true }).map((f) => new Sample(f)),
      fc.constant(new Reencode()),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60 }), fc.integer(), (cmds, seed) => {
        const config = new Config();
        config.set('set-max-intset-entries', String(LIMIT));
        const model: Model = { members: new Set(), encoding: 'intset' };
        fc.modelRun(() => ({ model, real: { set: new SetValue(), config, random: new Xoshiro128(seed) } }), cmds);
      }),
      { numRuns: 300 },
    );
  });
});

/** The commands against a Map of plain Sets: what SADD/SREM/SMOVE/SPOP/STORE do to the data. */
describe('set commands (model-based)', () => {
  it('keep the keyspace equal to a map of plain sets', () => {
    const key = fc.constantFrom('a', 'b', 'c');
    const m = fc.constantFrom('1', '2', '3', 'x', 'y');
    const op = fc.oneof(
      fc.tuple(fc.constant('SADD'), key, fc.array(m, { minLength: 1, maxLength: 3 })),
      fc.tuple(fc.constant('SREM'), key, fc.array(m, { minLength: 1, maxLength: 3 })),
      fc.tuple(fc.constant('SMOVE'), key, key, m),
      fc.tuple(fc.constant('SPOP'), key, fc.integer({ min: 0, max: 4 })),
      fc.tuple(fc.constantFrom('SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE'), key, fc.array(key, { minLength: 1, maxLength: 3 })),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.integer(), (ops, seed) => {
        const { exec } = setup(seed);
        const model = new Map<string, Set<string>>();
        const get = (k: string) => model.get(k) ?? new Set<string>();
        const put = (k: string, s: Set<string>) => (s.size ? model.set(k, s) : model.delete(k));
        for (const o of ops) {
          const [cmd] = o;
          if (cmd === 'SADD' || cmd === 'SREM') {
            const [, k, ms] = o as [string, string, string[]];
            const s = new Set(get(k));
            const before = s.size;
            for (const x of ms) if (cmd === 'SADD') s.add(x); else s.delete(x);
            expect(exec(cmd, k, ...ms)).toEqual(integer(Math.abs(s.size - before)));
            put(k, s);
          } else if (cmd === 'SMOVE') {
            const [, src, dst, x] = o as [string, string, string, string];
            const from = new Set(get(src));
            const moved = from.has(x);
            expect(exec('SMOVE', src, dst, x)).toEqual(integer(moved ? 1 : 0));
            if (moved && src !== dst) {
              from.delete(x);
              put(src, from);
              put(dst, new Set(get(dst)).add(x));
            }
          } else if (cmd === 'SPOP') {
            const [, k, n] = o as [string, string, number];
            const s = new Set(get(k));
            const popped = strings(exec('SPOP', k, String(n)));
            expect(popped).toHaveLength(Math.min(n, s.size));
            for (const x of popped) expect(s.delete(x)).toBe(true);
            put(k, s);
          } else {
            const [, dst, ks] = o as [string, string, string[]];
            const sets = ks.map(get);
            let result: Set<string>;
            if (cmd === 'SINTERSTORE') result = new Set([...sets[0]!].filter((x) => sets.every((s) => s.has(x))));
            else if (cmd === 'SUNIONSTORE') result = new Set(sets.flatMap((s) => [...s]));
            else result = new Set([...sets[0]!].filter((x) => sets.slice(1).every((s) => !s.has(x))));
            expect(exec(cmd, dst, ...ks)).toEqual(integer(result.size));
            put(dst, result);
          }
          for (const k of ['a', 'b', 'c']) expect(new Set(strings(exec('SMEMBERS', k)))).toEqual(get(k));
        }
      }),
      { numRuns: 150 },
    );
  });
});
