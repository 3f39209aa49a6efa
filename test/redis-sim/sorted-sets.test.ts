import { describe, expect, it } from 'vitest';
import { array, bulk, EMPTY_ARRAY, NIL, NIL_ARRAY } from '../../src/redis-sim/reply.js';
import type { Reply } from '../../src/redis-sim/reply.js';
import { setup } from './helpers.js';

const WRONGTYPE = '(error) WRONGTYPE Operation against a key holding the wrong kind of value';
const SYNTAX = '(error) ERR syntax error';
const NOT_FLOAT = '(error) ERR value is not a valid float';
const NOT_INT = '(error) ERR value is not an integer or out of range';
const RANGE_FLOAT = '(error) ERR min or max is not a float';
const RANGE_LEX = '(error) ERR min or max not valid string range item';

/** A reply as plain data: bulk → string | null, integer → number, array → array, error → {error}. */
function plain(r: Reply): unknown {
  switch (r.type) {
    case 'array':
      return r.value === null ? null : r.value.map(plain);
    case 'integer':
      return Number(r.value);
    case 'error':
      return { error: r.value };
    default:
      return r.value;
  }
}

function zsets(seed = 1) {
  const s = setup(seed);
  const v = (...argv: string[]) => plain(s.exec(...argv));
  const enc = (key: string) => plain(s.exec('OBJECT', 'ENCODING', key));
  /** The keyspace events emitted while running `body`, as "event key". */
  const events = (body: () => void): string[] => {
    const seen: string[] = [];
    const sub = s.r.events$.subscribe((e) => {
      if (e.kind === 'keyspace') seen.push(`${e.event} ${e.key}`);
    });
    body();
    sub.unsubscribe();
    return seen;
  };
  return { ...s, v, enc, events };
}

const long = 'x'.repeat(65);

describe('ZADD', () => {
  it('adds members, counts only new ones, and with CH counts score changes too', () => {
    const { run, v } = zsets();
    expect(run('ZADD', 'z', '1', 'a', '2', 'b', '1', 'a')).toBe('(integer) 2');
    expect(run('ZADD', 'z', '3', 'a', '2', 'b', '5', 'c')).toBe('(integer) 1');
    expect(run('ZADD', 'z', 'CH', '4', 'a', '2', 'b', '6', 'd')).toBe('(integer) 2');
    expect(v('ZRANGE', 'z', '0', '-1', 'WITHSCORES')).toEqual(['b', '2', 'a', '4', 'c', '5', 'd', '6']);
  });

  it('rejects conflicting options, each with its own error', () => {
    const { run } = zsets();
    expect(run('ZADD', 'z', 'NX', 'XX', '1', 'a')).toBe('(error) ERR XX and NX options at the same time are not compatible');
    expect(run('ZADD', 'z', 'GT', 'LT', '1', 'a')).toBe('(error) ERR GT, LT, and/or NX options at the same time are not compatible');
    expect(run('ZADD', 'z', 'nx', 'gt', '1', 'a')).toBe('(error) ERR GT, LT, and/or NX options at the same time are not compatible');
    expect(run('ZADD', 'z', 'INCR', '1', 'a', '2', 'b')).toBe('(error) ERR INCR option supports a single increment-element pair');
    expect(run('ZADD', 'z', '1', 'a', '2')).toBe(SYNTAX);
    expect(run('ZADD', 'z', 'INCR')).toBe("(error) ERR wrong number of arguments for 'zadd' command");
    // Options are only read before the first score: a later NX is a member.
    expect(run('ZADD', 'z', '1', 'a', '1', 'NX')).toBe('(integer) 2');
  });

  it('parses every score before writing anything', () => {
    const { run } = zsets();
    expect(run('ZADD', 'z', '1', 'a', 'x', 'b')).toBe(NOT_FLOAT);
    expect(run('EXISTS', 'z')).toBe('(integer) 0');
    run('ZADD', 'z', '1', 'a');
    expect(run('ZADD', 'z', '5', 'a', 'nan', 'b')).toBe(NOT_FLOAT);
    expect(run('ZSCORE', 'z', 'a')).toBe('"1"');
    run('SET', 's', 'v');
    // A bad score wins over WRONGTYPE: the key is looked up last.
    expect(run('ZADD', 's', 'nan', 'a')).toBe(NOT_FLOAT);
    expect(run('ZADD', 's', '1', 'a')).toBe(WRONGTYPE);
  });

  it('NX only adds, XX only updates, GT/LT update in one direction but still add new members', () => {
    const { run, v } = zsets();
    run('ZADD', 'z', '5', 'a');
    expect(run('ZADD', 'z', 'NX', '1', 'a', '1', 'b')).toBe('(integer) 1');
    expect(run('ZADD', 'z', 'XX', 'CH', '2', 'a', '2', 'c')).toBe('(integer) 1');
    expect(run('ZADD', 'z', 'GT', 'CH', '1', 'a', '9', 'b', '7', 'd')).toBe('(integer) 2');
    expect(run('ZADD', 'z', 'LT', 'CH', '3', 'a', '1', 'd')).toBe('(integer) 1');
    expect(v('ZRANGE', 'z', '0', '-1', 'WITHSCORES')).toEqual(['d', '1', 'a', '2', 'b', '9']);
    expect(run('ZADD', 'missing', 'XX', '1', 'a')).toBe('(integer) 0');
    expect(run('EXISTS', 'missing')).toBe('(integer) 0');
  });

  it('INCR returns the new score, nil when a condition blocks it, and refuses a NaN result', () => {
    const { run, exec } = zsets();
    expect(exec('ZADD', 'z', 'INCR', '1.5', 'a')).toEqual(bulk('1.5'));
    expect(exec('ZADD', 'z', 'INCR', '1', 'a')).toEqual(bulk('2.5'));
    expect(exec('ZADD', 'z', 'INCR', 'NX', '1', 'a')).toEqual(NIL);
    expect(exec('ZADD', 'z', 'INCR', 'GT', '-1', 'a')).toEqual(NIL);
    expect(exec('ZADD', 'z', 'INCR', 'LT', '-1', 'a')).toEqual(bulk('1.5'));
    expect(exec('ZADD', 'z', 'INCR', 'XX', '1', 'new')).toEqual(NIL);
    expect(exec('ZADD', 'z', 'INCR', 'GT', '1', 'new')).toEqual(bulk('1'));
    expect(exec('ZADD', 'missing', 'XX', 'INCR', '1', 'a')).toEqual(NIL);
    run('ZADD', 'z', 'inf', 'i');
    expect(run('ZINCRBY', 'z', '-inf', 'i')).toBe('(error) ERR resulting score is not a number (NaN)');
    expect(run('ZSCORE', 'z', 'i')).toBe('"inf"');
  });

  it('ZINCRBY is ZADD INCR: an option word where the increment goes is a syntax error', () => {
    const { run } = zsets();
    expect(run('ZINCRBY', 'z', '2', 'a')).toBe('"2"');
    expect(run('ZINCRBY', 'z', '0.1', 'a')).toBe('"2.1000000000000001"');
    expect(run('ZINCRBY', 'z', 'nx', 'a')).toBe(SYNTAX);
    expect(run('ZINCRBY', 'z', '1', 'gt')).toBe('"1"');
    expect(run('ZINCRBY', 'z', 'abc', 'a')).toBe(NOT_FLOAT);
  });

  it('prints scores with %.17g and parses them as getDoubleFromObject does', () => {
    const { run } = zsets();
    run('ZADD', 'z', '1.1', 'a', '1e17', 'b', '2.5e-5', 'c', '0x10', 'd', '-inf', 'e', '123456789012345678', 'f');
    expect(run('ZSCORE', 'z', 'a')).toBe('"1.1000000000000001"');
    expect(run('ZSCORE', 'z', 'b')).toBe('"1e+17"');
    expect(run('ZSCORE', 'z', 'c')).toBe('"2.5000000000000001e-05"');
    expect(run('ZSCORE', 'z', 'd')).toBe('"16"');
    expect(run('ZSCORE', 'z', 'e')).toBe('"-inf"');
    expect(run('ZSCORE', 'z', 'f')).toBe('"1.2345678901234568e+17"');
    // Subnormals are accepted; overflow, underflow to zero, spaces and NaN are not.
    expect(run('ZADD', 'z', '1e-310', 'g')).toBe('(integer) 1');
    expect(run('ZSCORE', 'z', 'g')).toBe('"9.9999999999999694e-311"');
    for (const bad of ['1e400', '1e-400', ' 1', '1 ', 'nan', '', '1e', '0x']) expect(run('ZADD', 'z', bad, 'h')).toBe(NOT_FLOAT);
  });

  it('-0 stays -0 in a skiplist, but a listpack stores it as the integer 0', () => {
    const { run, enc } = zsets();
    run('ZADD', 'lp', '-0', 'a');
    expect(run('ZSCORE', 'lp', 'a')).toBe('"0"');
    run('ZADD', 'sl', '1', long, '-0', 'a');
    expect(enc('sl')).toBe('skiplist');
    expect(run('ZSCORE', 'sl', 'a')).toBe('"-0"');
    // The reply is the computed score, whatever the listpack then stores.
    expect(run('ZINCRBY', 'lp', '-0', 'b')).toBe('"-0"');
    expect(run('ZSCORE', 'lp', 'b')).toBe('"0"');
  });
});

describe('reads', () => {
  it('ZSCORE, ZMSCORE, ZCARD, ZRANK and ZREVRANK, on missing keys and other types', () => {
    const { run, v } = zsets();
    run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(run('ZSCORE', 'z', 'b')).toBe('"2"');
    expect(run('ZSCORE', 'z', 'x')).toBe('(nil)');
    expect(run('ZSCORE', 'missing', 'x')).toBe('(nil)');
    expect(v('ZMSCORE', 'z', 'c', 'x', 'a')).toEqual(['3', null, '1']);
    expect(v('ZMSCORE', 'missing', 'a', 'b')).toEqual([null, null]);
    expect(run('ZCARD', 'z')).toBe('(integer) 3');
    expect(run('ZCARD', 'missing')).toBe('(integer) 0');
    expect(run('ZRANK', 'z', 'a')).toBe('(integer) 0');
    expect(run('ZREVRANK', 'z', 'a')).toBe('(integer) 2');
    expect(run('ZRANK', 'z', 'x')).toBe('(nil)');
    expect(run('ZREVRANK', 'missing', 'a')).toBe('(nil)');
    // 7.0 has no WITHSCORE for ZRANK (7.2 added it).
    expect(run('ZRANK', 'z', 'a', 'WITHSCORE')).toBe("(error) ERR wrong number of arguments for 'zrank' command");
    run('SET', 's', 'v');
    for (const cmd of [['ZSCORE', 's', 'a'], ['ZMSCORE', 's', 'a'], ['ZCARD', 's'], ['ZRANK', 's', 'a']]) expect(run(...cmd)).toBe(WRONGTYPE);
  });

  it('ZCOUNT and ZLEXCOUNT parse their range before looking the key up', () => {
    const { run } = zsets();
    run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd');
    expect(run('ZCOUNT', 'z', '(1', '3')).toBe('(integer) 2');
    expect(run('ZCOUNT', 'z', '-inf', '+inf')).toBe('(integer) 4');
    expect(run('ZCOUNT', 'z', '3', '1')).toBe('(integer) 0');
    expect(run('ZCOUNT', 'z', '(2', '(2')).toBe('(integer) 0');
    run('ZADD', 'l', '0', 'a', '0', 'b', '0', 'c');
    expect(run('ZLEXCOUNT', 'l', '(a', '+')).toBe('(integer) 2');
    expect(run('ZLEXCOUNT', 'l', '-', '-')).toBe('(integer) 0');
    run('SET', 's', 'v');
    expect(run('ZCOUNT', 's', 'x', '1')).toBe(RANGE_FLOAT);
    expect(run('ZLEXCOUNT', 's', 'a', '+')).toBe(RANGE_LEX);
    expect(run('ZCOUNT', 's', '1', '2')).toBe(WRONGTYPE);
  });
});

describe('ZRANGE and its older forms', () => {
  const filled = () => {
    const t = zsets();
    t.run('ZADD', 'z', '1', 'x', '2', 'y', '3', 'z', '4', 'w', '5', 'v');
    return t;
  };

  it('ranks: negative indexes from the end, clamped, empty when crossed; REV from the top', () => {
    const { v } = filled();
    expect(v('ZRANGE', 'z', '0', '-1')).toEqual(['x', 'y', 'z', 'w', 'v']);
    expect(v('ZRANGE', 'z', '-2', '-1', 'WITHSCORES')).toEqual(['w', '4', 'v', '5']);
    expect(v('ZRANGE', 'z', '-100', '1')).toEqual(['x', 'y']);
    expect(v('ZRANGE', 'z', '3', '1')).toEqual([]);
    expect(v('ZRANGE', 'z', '0', '1', 'REV')).toEqual(['v', 'w']);
    expect(v('ZREVRANGE', 'z', '1', '100', 'WITHSCORES')).toEqual(['w', '4', 'z', '3', 'y', '2', 'x', '1']);
    expect(v('ZRANGE', 'missing', '0', '-1')).toEqual([]);
  });

  it('each option conflict has its own error, checked before the range and the key', () => {
    const { run, v } = filled();
    expect(run('ZRANGE', 'z', '0', '-1', 'LIMIT', '0', '1')).toBe(
      '(error) ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX',
    );
    // A LIMIT count of -1 is the "no limit" default, so it goes unnoticed.
    expect(v('ZRANGE', 'z', '0', '1', 'LIMIT', '3', '-1')).toEqual(['x', 'y']);
    expect(run('ZRANGE', 'missing', '0', '-1', 'WITHSCORES', 'BYLEX')).toBe(
      '(error) ERR syntax error, WITHSCORES not supported in combination with BYLEX',
    );
    expect(run('ZRANGEBYLEX', 'z', '-', '+', 'WITHSCORES')).toBe('(error) ERR syntax error, WITHSCORES not supported in combination with BYLEX');
    expect(run('ZRANGE', 'z', '0', '-1', 'REV', 'REV')).toBe(SYNTAX);
    expect(run('ZRANGE', 'z', '0', '-1', 'BYSCORE', 'BYLEX')).toBe(SYNTAX);
    expect(run('ZRANGE', 'z', '0', '-1', 'LIMIT', '0')).toBe(SYNTAX);
    expect(run('ZRANGEBYSCORE', 'z', '1', '2', 'REV')).toBe(SYNTAX);
    expect(run('ZREVRANGE', 'z', '0', '1', 'BYSCORE')).toBe(SYNTAX);
    expect(run('ZRANGE', 'z', '0', '-1', 'BYSCORE', 'LIMIT', 'x', '1')).toBe(NOT_INT);
    expect(run('ZRANGE', 'z', 'x', '1')).toBe(NOT_INT);
    expect(run('ZRANGE', 'missing', 'abc', '1', 'BYSCORE')).toBe(RANGE_FLOAT);
    expect(run('ZRANGESTORE', 'd', 'z', '0', '-1', 'WITHSCORES')).toBe(SYNTAX);
  });

  it('BYSCORE: open and infinite bounds, LIMIT offset and count, REV takes max first', () => {
    const { v } = filled();
    expect(v('ZRANGEBYSCORE', 'z', '(1', '3', 'WITHSCORES')).toEqual(['y', '2', 'z', '3']);
    expect(v('ZRANGE', 'z', '(1', '4', 'BYSCORE', 'LIMIT', '1', '-1')).toEqual(['z', 'w']);
    expect(v('ZRANGE', 'z', '(1', '4', 'BYSCORE', 'LIMIT', '1', '1')).toEqual(['z']);
    expect(v('ZRANGE', 'z', '(1', '4', 'BYSCORE', 'LIMIT', '-1', '2')).toEqual([]);
    expect(v('ZRANGE', 'z', '(1', '4', 'BYSCORE', 'LIMIT', '0', '0')).toEqual([]);
    expect(v('ZRANGE', 'z', '(1', '4', 'BYSCORE', 'LIMIT', '5', '2')).toEqual([]);
    expect(v('ZRANGE', 'z', '4', '(1', 'BYSCORE', 'REV', 'WITHSCORES', 'LIMIT', '1', '2')).toEqual(['z', '3', 'y', '2']);
    expect(v('ZREVRANGEBYSCORE', 'z', '+inf', '-inf', 'LIMIT', '0', '2')).toEqual(['v', 'w']);
    expect(v('ZRANGEBYSCORE', 'z', '1', '2', 'WITHSCORES', 'WITHSCORES', 'LIMIT', '0', '1', 'LIMIT', '0', '5')).toEqual(['x', '1', 'y', '2']);
  });

  it('score bounds are read by strtod as zslParseRange does: lenient in front, strict behind', () => {
    const { run, v } = filled();
    expect(v('ZRANGEBYSCORE', 'z', '', '2')).toEqual(['x', 'y']);
    expect(v('ZRANGEBYSCORE', 'z', '(', '2')).toEqual(['x', 'y']);
    expect(v('ZRANGEBYSCORE', 'z', ' 1', '2')).toEqual(['x', 'y']);
    expect(v('ZRANGEBYSCORE', 'z', '0x1', '0x2')).toEqual(['x', 'y']);
    expect(v('ZRANGEBYSCORE', 'z', '-1e400', '1e400')).toEqual(['x', 'y', 'z', 'w', 'v']);
    for (const bad of ['1 ', 'nan', '(nan', 'abc', '1e']) expect(run('ZRANGEBYSCORE', 'z', bad, '2')).toBe(RANGE_FLOAT);
  });

  it('BYLEX: [ and ( bounds, - and +, byte-wise comparison', () => {
    const { r, run, v } = zsets();
    run('ZADD', 'l', '0', 'a', '0', 'b', '0', 'c', '0', 'd', '0', 'B');
    // Byte 0xff (not the UTF-8 text 'ÿ'): the highest byte sorts last.
    r.client().sendBytes(['ZADD', 'l', '0', '\xff']);
    expect(v('ZRANGEBYLEX', 'l', '[b', '(d')).toEqual(['b', 'c']);
    expect(v('ZRANGEBYLEX', 'l', '-', '+')).toEqual(['B', 'a', 'b', 'c', 'd', '\xff']);
    expect(v('ZRANGEBYLEX', 'l', '(d', '+')).toEqual(['\xff']);
    expect(v('ZREVRANGEBYLEX', 'l', '[d', '(b', 'LIMIT', '1', '1')).toEqual(['c']);
    expect(v('ZRANGE', 'l', '(e', '[b', 'BYLEX', 'REV')).toEqual(['d', 'c', 'b']);
    expect(v('ZRANGEBYLEX', 'l', '[', '[a')).toEqual(['B', 'a']);
    for (const bad of ['a', '', '-a', '+x']) expect(run('ZRANGEBYLEX', 'l', bad, '+')).toBe(RANGE_LEX);
  });

  it('on a listpack with mixed scores, lex commands scan from the ends as Redis does', () => {
    const { run, v } = zsets();
    run('ZADD', 'm', '0', 'b', '1', 'a', '2', 'd', '3', 'c');
    // Stored order: b a d c. The scan starts at the first member >= min and stops at the first > max.
    expect(v('ZRANGEBYLEX', 'm', '[a', '[c')).toEqual(['b', 'a']);
    expect(v('ZREVRANGEBYLEX', 'm', '[c', '[a')).toEqual(['c', 'd', 'a', 'b']);
    expect(run('ZLEXCOUNT', 'm', '[a', '[c')).toBe('(integer) 2');
    // The ends are checked first: here the last member is below min, so nothing matches.
    run('ZADD', 'n', '3', 'a', '1', 'b', '2', 'c', '0', 'd');
    expect(v('ZRANGEBYLEX', 'n', '[b', '+')).toEqual([]);
    expect(run('ZREMRANGEBYLEX', 'm', '[a', '[c')).toBe('(integer) 2');
    expect(v('ZRANGE', 'm', '0', '-1')).toEqual(['d', 'c']);
  });

  it('ZRANGESTORE stores the range, overwrites any type, and deletes the destination when empty', () => {
    const { run, v, enc, events } = filled();
    run('SET', 'dst', 'v');
    expect(events(() => expect(run('ZRANGESTORE', 'dst', 'z', '0', '1', 'REV')).toBe('(integer) 2'))).toEqual(['zrangestore dst']);
    expect(v('ZRANGE', 'dst', '0', '-1', 'WITHSCORES')).toEqual(['w', '4', 'v', '5']);
    expect(enc('dst')).toBe('listpack');
    expect(events(() => expect(run('ZRANGESTORE', 'dst', 'missing', '0', '-1')).toBe('(integer) 0'))).toEqual(['del dst']);
    expect(run('EXISTS', 'dst')).toBe('(integer) 0');
    expect(run('ZRANGESTORE', 'dst', 'z', '10', '20')).toBe('(integer) 0');
    run('SET', 's', 'v');
    expect(run('ZRANGESTORE', 'dst', 's', '0', '-1')).toBe(WRONGTYPE);
    expect(v('ZRANGESTORE', 'dst', 'z', '-inf', '(3', 'BYSCORE', 'LIMIT', '1', '5')).toBe(1);
  });
});

describe('removal', () => {
  it('ZREM counts removed members and deletes the key with its last member', () => {
    const { run, events } = zsets();
    run('ZADD', 'z', '1', 'a', '2', 'b');
    expect(run('ZREM', 'z', 'x')).toBe('(integer) 0');
    expect(events(() => expect(run('ZREM', 'z', 'a', 'b', 'a')).toBe('(integer) 2'))).toEqual(['zrem z', 'del z']);
    expect(run('EXISTS', 'z')).toBe('(integer) 0');
    expect(run('ZREM', 'missing', 'a')).toBe('(integer) 0');
  });

  it('ZREMRANGEBYRANK, BYSCORE and BYLEX, with their events', () => {
    const { run, v, events } = zsets();
    run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e');
    expect(run('ZREMRANGEBYRANK', 'z', 'x', '1')).toBe(NOT_INT);
    expect(run('ZREMRANGEBYRANK', 'z', '5', '10')).toBe('(integer) 0');
    expect(events(() => expect(run('ZREMRANGEBYRANK', 'z', '-1', '-1')).toBe('(integer) 1'))).toEqual(['zremrangebyrank z']);
    expect(events(() => expect(run('ZREMRANGEBYSCORE', 'z', '(1', '3')).toBe('(integer) 2'))).toEqual(['zremrangebyscore z']);
    expect(v('ZRANGE', 'z', '0', '-1')).toEqual(['a', 'd']);
    expect(run('ZREMRANGEBYLEX', 'z', 'x', '+')).toBe(RANGE_LEX);
    expect(events(() => expect(run('ZREMRANGEBYLEX', 'z', '-', '+')).toBe('(integer) 2'))).toEqual(['zremrangebylex z', 'del z']);
    expect(run('ZREMRANGEBYSCORE', 'missing', '-inf', '+inf')).toBe('(integer) 0');
  });
});

describe('pops', () => {
  it('ZPOPMIN / ZPOPMAX: flat member-score pairs, count 0 or a missing key an empty array', () => {
    const { run, exec, events } = zsets();
    run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(exec('ZPOPMIN', 'z')).toEqual(array([bulk('a'), bulk('1')]));
    expect(exec('ZPOPMAX', 'z', '5')).toEqual(array([bulk('c'), bulk('3'), bulk('b'), bulk('2')]));
    expect(run('EXISTS', 'z')).toBe('(integer) 0');
    expect(exec('ZPOPMIN', 'missing')).toEqual(EMPTY_ARRAY);
    run('ZADD', 'z', '1', 'a');
    expect(exec('ZPOPMIN', 'z', '0')).toEqual(EMPTY_ARRAY);
    expect(run('ZPOPMIN', 'z', '-1')).toBe('(error) ERR value is out of range, must be positive');
    expect(run('ZPOPMIN', 'z', 'x')).toBe('(error) ERR value is out of range, must be positive');
    expect(run('ZPOPMIN', 'z', '1', '2')).toBe(SYNTAX);
    expect(events(() => run('ZPOPMAX', 'z', '2'))).toEqual(['zpopmax z', 'del z']);
    run('SET', 's', 'v');
    expect(run('ZPOPMIN', 's', '-1')).toBe('(error) ERR value is out of range, must be positive');
    expect(run('ZPOPMIN', 's', '0')).toBe(WRONGTYPE);
  });

  it('ZMPOP pops from the first non-empty key and replies [key, [[member, score] ...]]', () => {
    const { run, exec } = zsets();
    run('ZADD', 'b', '1', 'x', '2', 'y', '3', 'z');
    run('SET', 's', 'v');
    expect(exec('ZMPOP', '2', 'missing', 'b', 'MAX', 'COUNT', '2')).toEqual(
      array([bulk('b'), array([array([bulk('z'), bulk('3')]), array([bulk('y'), bulk('2')])])]),
    );
    // Only the key popped from is type-checked.
    expect(exec('ZMPOP', '2', 'b', 's', 'min')).toEqual(array([bulk('b'), array([array([bulk('x'), bulk('1')])])]));
    expect(exec('ZMPOP', '1', 'b', 'MIN')).toEqual(NIL_ARRAY);
    expect(run('ZMPOP', '2', 'missing', 's', 'MIN')).toBe(WRONGTYPE);
    expect(run('ZMPOP', '0', 'b', 'MIN')).toBe('(error) ERR numkeys should be greater than 0');
    expect(run('ZMPOP', 'x', 'b', 'MIN')).toBe('(error) ERR numkeys should be greater than 0');
    expect(run('ZMPOP', '2', 'b', 'MIN')).toBe(SYNTAX);
    expect(run('ZMPOP', '1', 'b', 'MID')).toBe(SYNTAX);
    expect(run('ZMPOP', '1', 'b', 'MIN', 'COUNT', '0')).toBe('(error) ERR count should be greater than 0');
    expect(run('ZMPOP', '1', 'b', 'MIN', 'COUNT', '1', 'COUNT', '1')).toBe(SYNTAX);
  });
});

describe('ZUNION, ZINTER, ZDIFF and their STORE forms', () => {
  const inputs = () => {
    const t = zsets();
    t.run('ZADD', 'a', '1', 'x', '2', 'y', '3', 'z');
    t.run('ZADD', 'b', '10', 'y', '20', 'z', '30', 'w');
    t.run('SADD', 's', 'y', 'w', 'q');
    return t;
  };

  it('combine with WEIGHTS and AGGREGATE; plain sets count with score 1', () => {
    const { v } = inputs();
    expect(v('ZUNION', '2', 'a', 'b', 'WITHSCORES')).toEqual(['x', '1', 'y', '12', 'z', '23', 'w', '30']);
    expect(v('ZINTER', '2', 'a', 'b', 'WEIGHTS', '2', '0.5', 'AGGREGATE', 'MAX', 'WITHSCORES')).toEqual(['y', '5', 'z', '10']);
    expect(v('ZINTER', '2', 'a', 's', 'WITHSCORES')).toEqual(['y', '3']);
    expect(v('ZUNION', '3', 'a', 'b', 's', 'AGGREGATE', 'MIN', 'WITHSCORES')).toEqual(['q', '1', 'w', '1', 'x', '1', 'y', '1', 'z', '3']);
    expect(v('ZDIFF', '2', 'a', 'b', 'WITHSCORES')).toEqual(['x', '1']);
    expect(v('ZDIFF', '2', 's', 'a')).toEqual(['q', 'w']);
    expect(v('ZDIFF', '2', 'a', 'a')).toEqual([]);
    expect(v('ZUNION', '2', 'a', 'missing')).toEqual(['x', 'y', 'z']);
  });

  it('inf * 0 and inf - inf follow Redis: 0 in a union and in a sum, kept out of MIN/MAX in an intersection', () => {
    const { run, v } = zsets();
    run('ZADD', 'i', 'inf', 'p', '-inf', 'n');
    expect(v('ZUNION', '2', 'i', 'i', 'WEIGHTS', '1', '0', 'AGGREGATE', 'MIN', 'WITHSCORES')).toEqual(['n', '-inf', 'p', '0']);
    expect(v('ZINTER', '2', 'i', 'i', 'WEIGHTS', '1', '0', 'AGGREGATE', 'MIN', 'WITHSCORES')).toEqual(['n', '-inf', 'p', 'inf']);
    expect(v('ZINTER', '2', 'i', 'i', 'WEIGHTS', '0', '1', 'AGGREGATE', 'MAX', 'WITHSCORES')).toEqual(['n', '0', 'p', 'inf']);
    expect(v('ZINTER', '2', 'i', 'i', 'WEIGHTS', '1', '-1', 'WITHSCORES')).toEqual(['n', '0', 'p', '0']);
    expect(v('ZUNION', '1', 'i', 'WEIGHTS', '-1', 'WITHSCORES')).toEqual(['p', '-inf', 'n', 'inf']);
  });

  it('visits inputs smallest first, in a stable order: the order floating-point sums take', () => {
    const { run, v } = zsets();
    run('ZADD', 'p', '0.1', 'm');
    run('ZADD', 'q', '0.2', 'm');
    run('ZADD', 'r', '0.3', 'm');
    expect(v('ZUNION', '3', 'p', 'q', 'r', 'WITHSCORES')).toEqual(['m', '0.60000000000000009']);
    expect(v('ZUNION', '3', 'r', 'q', 'p', 'WITHSCORES')).toEqual(['m', '0.59999999999999998']);
    run('ZADD', 'p', '5', 'n');
    expect(v('ZINTER', '3', 'p', 'q', 'r', 'WITHSCORES')).toEqual(['m', '0.59999999999999998']);
  });

  it('check numkeys, then the keys (WRONGTYPE), then the options', () => {
    const { run } = inputs();
    run('SET', 'str', 'v');
    expect(run('ZUNION', '0', 'a')).toBe("(error) ERR at least 1 input key is needed for 'zunion' command");
    expect(run('ZINTERSTORE', 'd', '-1', 'a')).toBe("(error) ERR at least 1 input key is needed for 'zinterstore' command");
    expect(run('ZDIFF', 'x', 'a')).toBe(NOT_INT);
    expect(run('ZUNION', '3', 'a', 'b')).toBe(SYNTAX);
    expect(run('ZUNION', '2', 'a', 'str', 'BOGUS')).toBe(WRONGTYPE);
    expect(run('ZUNION', '2', 'a', 'b', 'WEIGHTS', '1')).toBe(SYNTAX);
    expect(run('ZUNION', '2', 'a', 'b', 'WEIGHTS', '1', 'x')).toBe('(error) ERR weight value is not a float');
    expect(run('ZUNION', '2', 'a', 'b', 'AGGREGATE', 'AVG')).toBe(SYNTAX);
    expect(run('ZUNIONSTORE', 'd', '2', 'a', 'b', 'WITHSCORES')).toBe(SYNTAX);
    expect(run('ZDIFF', '2', 'a', 'b', 'WEIGHTS', '1', '1')).toBe(SYNTAX);
  });

  it('STORE forms overwrite, delete the destination on an empty result, and pick the encoding afresh', () => {
    const { run, v, enc, events } = inputs();
    run('SET', 'd', 'v');
    expect(events(() => expect(run('ZUNIONSTORE', 'd', '2', 'a', 's')).toBe('(integer) 5'))).toEqual(['zunionstore d']);
    expect(v('ZRANGE', 'd', '0', '-1', 'WITHSCORES')).toEqual(['q', '1', 'w', '1', 'x', '1', 'y', '3', 'z', '3']);
    expect(enc('d')).toBe('listpack');
    expect(events(() => expect(run('ZINTERSTORE', 'd', '2', 'a', 'missing')).toBe('(integer) 0'))).toEqual(['del d']);
    expect(run('EXISTS', 'd')).toBe('(integer) 0');
    run('ZADD', 'big', '1', long, '2', 'short');
    expect(run('ZDIFFSTORE', 'd', '1', 'big')).toBe('(integer) 2');
    expect(enc('d')).toBe('skiplist');
    run('ZREM', 'big', long);
    expect(enc('big')).toBe('skiplist');
    run('ZUNIONSTORE', 'd', '1', 'big');
    expect(enc('d')).toBe('listpack');
    // A stored listpack turns -0 into 0; the reply of a plain ZUNION keeps it.
    run('ZADD', 'zero', '0', 'a');
    expect(v('ZUNION', '1', 'zero', 'WEIGHTS', '-1', 'WITHSCORES')).toEqual(['a', '-0']);
    run('ZUNIONSTORE', 'd', '1', 'zero', 'WEIGHTS', '-1');
    expect(v('ZRANGE', 'd', '0', '-1', 'WITHSCORES')).toEqual(['a', '0']);
  });

  it('ZINTERCARD counts the intersection, up to LIMIT', () => {
    const { run } = inputs();
    expect(run('ZINTERCARD', '2', 'a', 'b')).toBe('(integer) 2');
    expect(run('ZINTERCARD', '2', 'a', 'b', 'LIMIT', '1')).toBe('(integer) 1');
    expect(run('ZINTERCARD', '2', 'a', 'b', 'LIMIT', '0')).toBe('(integer) 2');
    expect(run('ZINTERCARD', '2', 'a', 's')).toBe('(integer) 1');
    expect(run('ZINTERCARD', '2', 'a', 'b', 'LIMIT', '-1')).toBe("(error) ERR LIMIT can't be negative");
    expect(run('ZINTERCARD', '2', 'a', 'b', 'WITHSCORES')).toBe(SYNTAX);
    expect(run('ZINTERCARD', '0', 'a')).toBe("(error) ERR at least 1 input key is needed for 'zintercard' command");
  });
});

describe('ZRANDMEMBER', () => {
  it('parses the count first, then WITHSCORES, then looks the key up', () => {
    const { run, exec } = zsets();
    run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    run('SET', 's', 'v');
    expect(run('ZRANDMEMBER', 's', 'x')).toBe(NOT_INT);
    expect(run('ZRANDMEMBER', 'z', '1', 'foo')).toBe(SYNTAX);
    expect(run('ZRANDMEMBER', 'z', '-9223372036854775808')).toBe(
      '(error) ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
    );
    expect(run('ZRANDMEMBER', 'z', '4611686018427387904', 'WITHSCORES')).toBe('(error) ERR value is out of range');
    expect(run('ZRANDMEMBER', 's', '1')).toBe(WRONGTYPE);
    expect(exec('ZRANDMEMBER', 'missing')).toEqual(NIL);
    expect(exec('ZRANDMEMBER', 'missing', '3')).toEqual(EMPTY_ARRAY);
    expect(exec('ZRANDMEMBER', 'z', '0')).toEqual(EMPTY_ARRAY);
  });

  it('a count at least the size returns the whole set from the top; a negative count repeats', () => {
    const { run, v } = zsets();
    run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(v('ZRANDMEMBER', 'z', '10', 'WITHSCORES')).toEqual(['c', '3', 'b', '2', 'a', '1']);
    const picks = v('ZRANDMEMBER', 'z', '-20') as string[];
    expect(picks).toHaveLength(20);
    expect(new Set(picks).size).toBeLessThanOrEqual(3);
    const two = v('ZRANDMEMBER', 'z', '2', 'WITHSCORES') as string[];
    expect(two).toHaveLength(4);
    expect(new Set([two[0], two[2]]).size).toBe(2);
    expect(['a', 'b', 'c']).toContain(v('ZRANDMEMBER', 'z'));
  });

  it('is deterministic for a given seed', () => {
    const draw = (seed: number) => {
      const { run, v } = zsets(seed);
      for (let i = 0; i < 50; i++) run('ZADD', 'z', String(i), `m${i}`);
      return [v('ZRANDMEMBER', 'z', '-5'), v('ZRANDMEMBER', 'z', '5'), v('ZRANDMEMBER', 'z')];
    };
    expect(draw(3)).toEqual(draw(3));
  });
});

describe('ZSCAN', () => {
  it('returns a listpack whole with cursor 0, scores as the listpack holds them', () => {
    const { run, v } = zsets();
    run('ZADD', 'z', '1e17', 'a', '2.5', 'b', '4611686018427387905', 'c', '9223372036854775807', 'd');
    expect(v('ZSCAN', 'z', '12345')).toEqual([
      '0',
      ['b', '2.5', 'a', '100000000000000000', 'c', '4611686018427387904', 'd', '9.2233720368547758e+18'],
    ]);
    expect(v('ZSCAN', 'z', '0', 'MATCH', '[ab]')).toEqual(['0', ['b', '2.5', 'a', '100000000000000000']]);
  });

  it('walks a skiplist with cursors until it returns 0, every member exactly once', () => {
    const { run, v, enc } = zsets();
    for (let i = 0; i < 200; i++) run('ZADD', 'z', String(i), `m${i}`);
    expect(enc('z')).toBe('skiplist');
    const seen = new Map<string, string>();
    let cursor = '0';
    do {
      const [next, items] = v('ZSCAN', 'z', cursor, 'COUNT', '17') as [string, string[]];
      for (let i = 0; i < items.length; i += 2) seen.set(items[i]!, items[i + 1]!);
      cursor = next;
    } while (cursor !== '0');
    expect(seen.size).toBe(200);
    expect(seen.get('m150')).toBe('150');
  });

  it('checks the cursor before the key and the options after it', () => {
    const { run, v } = zsets();
    run('ZADD', 'z', '1', 'a');
    run('SET', 's', 'v');
    expect(run('ZSCAN', 's', 'x')).toBe('(error) ERR invalid cursor');
    expect(run('ZSCAN', 's', '0')).toBe(WRONGTYPE);
    expect(v('ZSCAN', 'missing', '0', 'COUNT', '0')).toEqual(['0', []]);
    expect(run('ZSCAN', 'z', '0', 'COUNT', '0')).toBe(SYNTAX);
    expect(run('ZSCAN', 'z', '0', 'TYPE', 'zset')).toBe(SYNTAX);
    expect(v('ZSCAN', 'z', '-1')).toEqual(['0', ['a', '1']]);
  });
});

describe('encodings (Redis 7.0 rules)', () => {
  it('a listpack turns into a skiplist past 128 members or at a member over 64 bytes, never back', () => {
    const { run, enc } = zsets();
    for (let i = 0; i < 128; i++) run('ZADD', 'z', String(i), `m${i}`);
    expect(enc('z')).toBe('listpack');
    run('ZADD', 'z', '1000', 'one-more');
    expect(enc('z')).toBe('skiplist');
    run('ZREMRANGEBYRANK', 'z', '0', '100');
    expect(enc('z')).toBe('skiplist');
    run('ZADD', 'y', '1', 'x'.repeat(64));
    expect(enc('y')).toBe('listpack');
    run('ZADD', 'y', '1', long);
    expect(enc('y')).toBe('skiplist');
  });

  it('ZADD on a new key looks at the first member only, not at the element count (unlike 7.2)', () => {
    const { run, enc } = zsets();
    const dupes = Array.from({ length: 129 }, () => ['1', 'a']).flat();
    run('ZADD', 'z', ...dupes);
    expect(enc('z')).toBe('listpack');
    run('ZADD', 'w', '1', long);
    expect(enc('w')).toBe('skiplist');
  });

  it('follows CONFIG SET zset-max-listpack-entries / -value, 0 entries meaning never a listpack', () => {
    const { run, enc } = zsets();
    run('CONFIG', 'SET', 'zset-max-listpack-entries', '2');
    run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(enc('z')).toBe('skiplist');
    run('ZRANGESTORE', 'd', 'z', '0', '1');
    expect(enc('d')).toBe('listpack');
    run('ZRANGESTORE', 'd', 'z', '0', '2');
    expect(enc('d')).toBe('skiplist');
    run('CONFIG', 'SET', 'zset-max-listpack-entries', '0');
    run('ZADD', 'e', '1', 'a');
    expect(enc('e')).toBe('skiplist');
    run('ZUNIONSTORE', 'f', '1', 'e');
    expect(enc('f')).toBe('skiplist');
  });
});

describe('keyspace events and WATCH', () => {
  it('emits Redis event names: zadd / zincr only on a change, new for a created key', () => {
    const { run, events } = zsets();
    expect(events(() => run('ZADD', 'z', '1', 'a'))).toEqual(['new z', 'zadd z']);
    expect(events(() => run('ZADD', 'z', '1', 'a'))).toEqual([]);
    expect(events(() => run('ZADD', 'z', 'INCR', '0', 'a'))).toEqual([]);
    expect(events(() => run('ZINCRBY', 'z', '1', 'a'))).toEqual(['zincr z']);
    expect(events(() => run('ZUNIONSTORE', 'u', '1', 'z'))).toEqual(['new u', 'zunionstore u']);
    expect(events(() => run('ZDIFFSTORE', 'u', '2', 'z', 'z'))).toEqual(['del u']);
  });

  it('a write to a watched sorted set aborts the transaction', () => {
    const { r, run } = zsets();
    run('ZADD', 'z', '1', 'a');
    const c = r.client();
    c.send(['WATCH', 'z']);
    c.send(['MULTI']);
    c.send(['ZCARD', 'z']);
    run('ZADD', 'z', 'XX', '2', 'a');
    expect(c.send(['EXEC'])).toEqual([NIL_ARRAY]);
  });
});
