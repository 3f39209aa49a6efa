import { describe, expect, it } from 'vitest';
import type { RedisServer, Reply } from '../../src/redis-sim/index.js';
import { fresh, resp, int, bulk, arr, err, OK, NIL, WRONGTYPE, NOT_INTEGER, SYNTAX } from './helpers.js';

/**
 * The LIST family, against replies and events observed on a real Redis 7.0.15: check order,
 * empty-list deletion, count and index edge cases, and every error text.
 */

const NULL_ARRAY: Reply = { type: 'array', value: null };

const NOT_POSITIVE = err('ERR value is out of range, must be positive');

/** A server with list `l` = [a b c a b a] and string `s`. */
function withList(): RedisServer {
  const r = fresh();
  r.exec(['RPUSH', 'l', 'a', 'b', 'c', 'a', 'b', 'a']);
  r.exec(['SET', 's', 'x']);
  return r;
}

/** Keyspace events ('event key') other than 'new', as `notify-keyspace-events KEA` shows them. */
function recordEvents(r: RedisServer): string[] {
  const events: string[] = [];
  r.events$.subscribe((e) => {
    if (e.kind === 'keyspace' && e.event !== 'new' && e.event !== 'keymiss') events.push(`${e.event} ${e.key}`);
  });
  return events;
}

const range = (r: RedisServer, key: string): Reply => r.exec(['LRANGE', key, '0', '-1']);

describe('LPUSH / RPUSH / LPUSHX / RPUSHX', () => {
  it('pushes elements one at a time and replies with the new length', () => {
    const r = fresh();
    expect(r.exec(['LPUSH', 'l', 'a', 'b', 'c'])).toEqual(int(3));
    expect(r.exec(['RPUSH', 'l', 'x', 'y'])).toEqual(int(5));
    expect(range(r, 'l')).toEqual(arr('c', 'b', 'a', 'x', 'y'));
  });

  it('LPUSHX and RPUSHX push only onto an existing list, else reply 0 and create nothing', () => {
    const r = fresh();
    expect(r.exec(['LPUSHX', 'l', 'a'])).toEqual(int(0));
    expect(r.exec(['EXISTS', 'l'])).toEqual(int(0));
    r.exec(['RPUSH', 'l', 'm']);
    expect(r.exec(['LPUSHX', 'l', 'a', 'b'])).toEqual(int(3));
    expect(r.exec(['RPUSHX', 'l', 'z'])).toEqual(int(4));
    expect(range(r, 'l')).toEqual(arr('b', 'a', 'm', 'z'));
  });

  it('is WRONGTYPE on a non-list, and checks arity', () => {
    const r = withList();
    expect(r.exec(['LPUSH', 's', 'a'])).toEqual(WRONGTYPE);
    expect(r.exec(['RPUSHX', 's', 'a'])).toEqual(WRONGTYPE);
    expect(r.exec(['LPUSH', 'l'])).toEqual(err("ERR wrong number of arguments for 'lpush' command"));
  });

  it('keeps binary elements byte for byte', () => {
    const r = fresh();
    r.exec(['RPUSH', 'l', '\u00e9', '\0\xff']);
    expect(resp(r, 'LRANGE', 'l', '0', '-1')).toBe('*2\r\n$2\r\n\xc3\xa9\r\n$3\r\n\0\xc3\xbf\r\n');
  });

  it('reports the quicklist encoding, as every list has in Redis 7.0', () => {
    const r = fresh();
    r.exec(['RPUSH', 'l', 'a']);
    expect(r.exec(['OBJECT', 'ENCODING', 'l'])).toEqual(bulk('quicklist'));
    expect(r.exec(['TYPE', 'l'])).toEqual({ type: 'status', value: 'list' });
  });
});

describe('LPOP / RPOP', () => {
  it('pops one element as a bulk string, nil when the key is missing', () => {
    const r = withList();
    expect(r.exec(['LPOP', 'l'])).toEqual(bulk('a'));
    expect(r.exec(['RPOP', 'l'])).toEqual(bulk('a'));
    expect(resp(r, 'LPOP', 'missing')).toBe('$-1\r\n');
  });

  it('with a count replies an array in pop order (RPOP from the tail)', () => {
    const r = withList();
    expect(r.exec(['LPOP', 'l', '2'])).toEqual(arr('a', 'b'));
    expect(r.exec(['RPOP', 'l', '2'])).toEqual(arr('a', 'b'));
    expect(r.exec(['RPOP', 'l', '100'])).toEqual(arr('a', 'c'));
    expect(r.exec(['EXISTS', 'l'])).toEqual(int(0));
  });

  it('count 0 is an empty array on a list, a null array on a missing key', () => {
    const r = withList();
    expect(resp(r, 'LPOP', 'l', '0')).toBe('*0\r\n');
    expect(resp(r, 'LPOP', 'missing', '0')).toBe('*-1\r\n');
    expect(resp(r, 'RPOP', 'missing', '3')).toBe('*-1\r\n');
    expect(r.exec(['LLEN', 'l'])).toEqual(int(6));
  });

  it('parses the count before looking at the key', () => {
    const r = withList();
    expect(r.exec(['LPOP', 'l', '-1'])).toEqual(NOT_POSITIVE);
    expect(r.exec(['LPOP', 'missing', '-1'])).toEqual(NOT_POSITIVE);
    expect(r.exec(['LPOP', 's', '-1'])).toEqual(NOT_POSITIVE);
    expect(r.exec(['LPOP', 'l', 'x'])).toEqual(NOT_POSITIVE);
    expect(r.exec(['LPOP', 'l', '9223372036854775808'])).toEqual(NOT_POSITIVE);
    expect(r.exec(['LPOP', 's', '0'])).toEqual(WRONGTYPE);
    expect(r.exec(['RPOP', 's'])).toEqual(WRONGTYPE);
  });

  it('rejects a second count with the arity error', () => {
    const r = withList();
    expect(r.exec(['LPOP', 'l', '1', '2'])).toEqual(err("ERR wrong number of arguments for 'lpop' command"));
    expect(r.exec(['RPOP', 'l', '1', '2'])).toEqual(err("ERR wrong number of arguments for 'rpop' command"));
  });

  it('deletes the key, and its TTL, with the last element', () => {
    const r = fresh();
    r.exec(['RPUSH', 'l', 'a']);
    r.exec(['EXPIRE', 'l', '100']);
    r.exec(['LPOP', 'l']);
    r.exec(['RPUSH', 'l', 'b']);
    expect(r.exec(['TTL', 'l'])).toEqual(int(-1));
  });
});

describe('LLEN / LRANGE / LINDEX', () => {
  it('LLEN is 0 for a missing key', () => {
    const r = withList();
    expect(r.exec(['LLEN', 'l'])).toEqual(int(6));
    expect(r.exec(['LLEN', 'missing'])).toEqual(int(0));
    expect(r.exec(['LLEN', 's'])).toEqual(WRONGTYPE);
  });

  it('LRANGE takes negative indexes from the end and clamps', () => {
    const r = withList();
    expect(r.exec(['LRANGE', 'l', '1', '2'])).toEqual(arr('b', 'c'));
    expect(r.exec(['LRANGE', 'l', '-2', '-1'])).toEqual(arr('b', 'a'));
    expect(r.exec(['LRANGE', 'l', '-100', '1'])).toEqual(arr('a', 'b'));
    expect(r.exec(['LRANGE', 'l', '4', '100'])).toEqual(arr('b', 'a'));
    expect(r.exec(['LRANGE', 'l', '-9223372036854775808', '9223372036854775807'])).toEqual(range(r, 'l'));
    expect(resp(r, 'LRANGE', 'l', '3', '2')).toBe('*0\r\n');
    expect(resp(r, 'LRANGE', 'l', '6', '10')).toBe('*0\r\n');
    expect(resp(r, 'LRANGE', 'missing', '0', '-1')).toBe('*0\r\n');
  });

  it('LRANGE parses its indexes before the key is looked up', () => {
    const r = withList();
    expect(r.exec(['LRANGE', 's', 'x', '1'])).toEqual(NOT_INTEGER);
    expect(r.exec(['LRANGE', 'missing', '0', '1.5'])).toEqual(NOT_INTEGER);
    expect(r.exec(['LRANGE', 's', '0', '1'])).toEqual(WRONGTYPE);
  });

  it('LINDEX: negative from the end, nil outside; the key is checked before the index', () => {
    const r = withList();
    expect(r.exec(['LINDEX', 'l', '2'])).toEqual(bulk('c'));
    expect(r.exec(['LINDEX', 'l', '-1'])).toEqual(bulk('a'));
    expect(r.exec(['LINDEX', 'l', '6'])).toEqual(NIL);
    expect(r.exec(['LINDEX', 'l', '-7'])).toEqual(NIL);
    expect(r.exec(['LINDEX', 'l', '-9223372036854775808'])).toEqual(NIL);
    expect(r.exec(['LINDEX', 'missing', 'x'])).toEqual(NIL);
    expect(r.exec(['LINDEX', 's', 'x'])).toEqual(WRONGTYPE);
    expect(r.exec(['LINDEX', 'l', 'x'])).toEqual(NOT_INTEGER);
  });
});

describe('LSET', () => {
  it('replaces by index, negative from the end', () => {
    const r = withList();
    expect(r.exec(['LSET', 'l', '0', 'A'])).toEqual(OK);
    expect(r.exec(['LSET', 'l', '-1', 'Z'])).toEqual(OK);
    expect(range(r, 'l')).toEqual(arr('A', 'b', 'c', 'a', 'b', 'Z'));
  });

  it('errors: no such key and WRONGTYPE come before a bad index, then index out of range', () => {
    const r = withList();
    expect(r.exec(['LSET', 'missing', 'x', 'v'])).toEqual(err('ERR no such key'));
    expect(r.exec(['LSET', 's', 'x', 'v'])).toEqual(WRONGTYPE);
    expect(r.exec(['LSET', 'l', 'x', 'v'])).toEqual(NOT_INTEGER);
    expect(r.exec(['LSET', 'l', '6', 'v'])).toEqual(err('ERR index out of range'));
    expect(r.exec(['LSET', 'l', '-7', 'v'])).toEqual(err('ERR index out of range'));
  });
});

describe('LINSERT', () => {
  it('inserts before or after the first pivot from the head and replies with the length', () => {
    const r = withList();
    expect(r.exec(['LINSERT', 'l', 'BEFORE', 'a', 'x'])).toEqual(int(7));
    expect(r.exec(['LINSERT', 'l', 'after', 'c', 'y'])).toEqual(int(8));
    expect(range(r, 'l')).toEqual(arr('x', 'a', 'b', 'c', 'y', 'a', 'b', 'a'));
  });

  it('-1 when the pivot is absent, 0 when the key is missing', () => {
    const r = withList();
    expect(r.exec(['LINSERT', 'l', 'BEFORE', 'zz', 'x'])).toEqual(int(-1));
    expect(r.exec(['LINSERT', 'missing', 'BEFORE', 'a', 'x'])).toEqual(int(0));
    expect(r.exec(['EXISTS', 'missing'])).toEqual(int(0));
  });

  it('checks BEFORE|AFTER before the key', () => {
    const r = withList();
    expect(r.exec(['LINSERT', 's', 'middle', 'a', 'x'])).toEqual(SYNTAX);
    expect(r.exec(['LINSERT', 'missing', 'middle', 'a', 'x'])).toEqual(SYNTAX);
    expect(r.exec(['LINSERT', 's', 'before', 'a', 'x'])).toEqual(WRONGTYPE);
  });
});

describe('LREM', () => {
  it('count > 0 removes from the head, < 0 from the tail, 0 all', () => {
    let r = withList();
    expect(r.exec(['LREM', 'l', '2', 'a'])).toEqual(int(2));
    expect(range(r, 'l')).toEqual(arr('b', 'c', 'b', 'a'));
    r = withList();
    expect(r.exec(['LREM', 'l', '-2', 'a'])).toEqual(int(2));
    expect(range(r, 'l')).toEqual(arr('a', 'b', 'c', 'b'));
    r = withList();
    expect(r.exec(['LREM', 'l', '0', 'a'])).toEqual(int(3));
    expect(range(r, 'l')).toEqual(arr('b', 'c', 'b'));
    r = withList();
    expect(r.exec(['LREM', 'l', '-9223372036854775808', 'b'])).toEqual(int(2));
  });

  it('deletes the key when nothing is left; 0 for a missing key; count parsed first', () => {
    const r = withList();
    r.exec(['RPUSH', 'one', 'x', 'x']);
    expect(r.exec(['LREM', 'one', '0', 'x'])).toEqual(int(2));
    expect(r.exec(['EXISTS', 'one'])).toEqual(int(0));
    expect(r.exec(['LREM', 'missing', '0', 'x'])).toEqual(int(0));
    expect(r.exec(['LREM', 's', 'x', 'a'])).toEqual(NOT_INTEGER);
    expect(r.exec(['LREM', 's', '0', 'a'])).toEqual(WRONGTYPE);
  });
});

describe('LTRIM', () => {
  it('keeps the range and deletes the key when the range is empty', () => {
    const r = withList();
    expect(r.exec(['LTRIM', 'l', '1', '-2'])).toEqual(OK);
    expect(range(r, 'l')).toEqual(arr('b', 'c', 'a', 'b'));
    expect(r.exec(['LTRIM', 'l', '5', '10'])).toEqual(OK);
    expect(r.exec(['EXISTS', 'l'])).toEqual(int(0));
  });

  it('is OK on a missing key; indexes are parsed first', () => {
    const r = withList();
    expect(r.exec(['LTRIM', 'missing', '0', '1'])).toEqual(OK);
    expect(r.exec(['LTRIM', 's', 'x', '1'])).toEqual(NOT_INTEGER);
    expect(r.exec(['LTRIM', 's', '0', '1'])).toEqual(WRONGTYPE);
  });
});

describe('LPOS', () => {
  it('finds the first match, or nil', () => {
    const r = withList();
    expect(r.exec(['LPOS', 'l', 'c'])).toEqual(int(2));
    expect(r.exec(['LPOS', 'l', 'zz'])).toEqual(NIL);
    expect(r.exec(['LPOS', 'missing', 'a'])).toEqual(NIL);
  });

  it('RANK skips matches; a negative RANK searches from the tail with head-based indexes', () => {
    const r = withList();
    expect(r.exec(['LPOS', 'l', 'a', 'RANK', '2'])).toEqual(int(3));
    expect(r.exec(['LPOS', 'l', 'a', 'RANK', '-1'])).toEqual(int(5));
    expect(r.exec(['LPOS', 'l', 'a', 'RANK', '-3'])).toEqual(int(0));
    expect(r.exec(['LPOS', 'l', 'a', 'RANK', '4'])).toEqual(NIL);
  });

  it('COUNT makes an array; COUNT 0 means all matches', () => {
    const r = withList();
    expect(r.exec(['LPOS', 'l', 'a', 'COUNT', '2'])).toEqual(arr(int(0), int(3)));
    expect(r.exec(['LPOS', 'l', 'a', 'COUNT', '0'])).toEqual(arr(int(0), int(3), int(5)));
    expect(r.exec(['LPOS', 'l', 'a', 'RANK', '-1', 'COUNT', '0'])).toEqual(arr(int(5), int(3), int(0)));
    expect(r.exec(['LPOS', 'l', 'a', 'COUNT', '2', 'RANK', '2'])).toEqual(arr(int(3), int(5)));
    expect(resp(r, 'LPOS', 'l', 'zz', 'COUNT', '2')).toBe('*0\r\n');
    expect(resp(r, 'LPOS', 'missing', 'a', 'COUNT', '1')).toBe('*0\r\n');
  });

  it('MAXLEN caps how many elements are compared', () => {
    const r = withList();
    expect(r.exec(['LPOS', 'l', 'a', 'RANK', '2', 'MAXLEN', '1'])).toEqual(NIL);
    expect(r.exec(['LPOS', 'l', 'a', 'RANK', '-2', 'MAXLEN', '2'])).toEqual(NIL);
    expect(r.exec(['LPOS', 'l', 'a', 'RANK', '-2', 'MAXLEN', '3'])).toEqual(int(3));
    expect(r.exec(['LPOS', 'l', 'a', 'MAXLEN', '0'])).toEqual(int(0));
  });

  it('RANK -9223372036854775808 wraps as in C: every match, from the tail', () => {
    const r = withList();
    expect(r.exec(['LPOS', 'l', 'a', 'RANK', '-9223372036854775808'])).toEqual(int(5));
    expect(r.exec(['LPOS', 'l', 'a', 'RANK', '-9223372036854775808', 'COUNT', '1'])).toEqual(arr(int(5), int(3), int(0)));
    expect(r.exec(['LPOS', 'l', 'a', 'RANK', '9223372036854775807'])).toEqual(NIL);
  });

  it('has its own error for each option, checked before the key', () => {
    const r = withList();
    expect(r.exec(['LPOS', 's', 'a', 'RANK', '0'])).toEqual(
      err("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list"),
    );
    expect(r.exec(['LPOS', 'l', 'a', 'RANK', 'x'])).toEqual(NOT_INTEGER);
    expect(r.exec(['LPOS', 'l', 'a', 'COUNT', '-1'])).toEqual(err("ERR COUNT can't be negative"));
    expect(r.exec(['LPOS', 'l', 'a', 'COUNT', 'x'])).toEqual(err("ERR COUNT can't be negative"));
    expect(r.exec(['LPOS', 'l', 'a', 'MAXLEN', '-1'])).toEqual(err("ERR MAXLEN can't be negative"));
    expect(r.exec(['LPOS', 'l', 'a', 'MAXLEN', 'x'])).toEqual(err("ERR MAXLEN can't be negative"));
    expect(r.exec(['LPOS', 'l', 'a', 'RANK'])).toEqual(SYNTAX);
    expect(r.exec(['LPOS', 'l', 'a', 'FOO', '1'])).toEqual(SYNTAX);
    expect(r.exec(['LPOS', 's', 'a'])).toEqual(WRONGTYPE);
  });
});

describe('LMOVE / RPOPLPUSH', () => {
  it('moves between the chosen ends and creates the destination', () => {
    const r = withList();
    expect(r.exec(['LMOVE', 'l', 'd', 'LEFT', 'RIGHT'])).toEqual(bulk('a'));
    expect(r.exec(['LMOVE', 'l', 'd', 'right', 'left'])).toEqual(bulk('a'));
    expect(r.exec(['RPOPLPUSH', 'l', 'd'])).toEqual(bulk('b'));
    expect(range(r, 'd')).toEqual(arr('b', 'a', 'a'));
    expect(range(r, 'l')).toEqual(arr('b', 'c', 'a'));
  });

  it('rotates when source and destination are the same list', () => {
    const r = fresh();
    r.exec(['RPUSH', 'l', 'a', 'b', 'c']);
    expect(r.exec(['RPOPLPUSH', 'l', 'l'])).toEqual(bulk('c'));
    expect(range(r, 'l')).toEqual(arr('c', 'a', 'b'));
    expect(r.exec(['LMOVE', 'l', 'l', 'LEFT', 'RIGHT'])).toEqual(bulk('c'));
    expect(range(r, 'l')).toEqual(arr('a', 'b', 'c'));
    r.exec(['RPUSH', 'one', 'x']);
    expect(r.exec(['LMOVE', 'one', 'one', 'LEFT', 'LEFT'])).toEqual(bulk('x'));
    expect(range(r, 'one')).toEqual(arr('x'));
  });

  it('nil for a missing source without checking the destination; a WRONGTYPE destination moves nothing', () => {
    const r = withList();
    expect(r.exec(['LMOVE', 'missing', 's', 'LEFT', 'RIGHT'])).toEqual(NIL);
    expect(r.exec(['RPOPLPUSH', 'missing', 's'])).toEqual(NIL);
    expect(r.exec(['LMOVE', 'l', 's', 'LEFT', 'RIGHT'])).toEqual(WRONGTYPE);
    expect(r.exec(['RPOPLPUSH', 's', 'l'])).toEqual(WRONGTYPE);
    expect(r.exec(['LLEN', 'l'])).toEqual(int(6));
  });

  it('checks both LEFT|RIGHT words before any key', () => {
    const r = withList();
    expect(r.exec(['LMOVE', 's', 'l', 'up', 'LEFT'])).toEqual(SYNTAX);
    expect(r.exec(['LMOVE', 'missing', 's', 'LEFT', 'up'])).toEqual(SYNTAX);
  });
});

describe('LMPOP', () => {
  it('pops from the first non-empty list and replies [key, [elements]]', () => {
    const r = withList();
    r.exec(['RPUSH', 'm', '1', '2', '3']);
    expect(r.exec(['LMPOP', '3', 'missing', 'm', 'l', 'LEFT'])).toEqual(arr('m', arr('1')));
    expect(r.exec(['LMPOP', '2', 'm', 'l', 'right', 'COUNT', '5'])).toEqual(arr('m', arr('3', '2')));
    expect(r.exec(['EXISTS', 'm'])).toEqual(int(0));
    expect(r.exec(['LMPOP', '1', 'l', 'RIGHT', 'count', '2'])).toEqual(arr('l', arr('a', 'b')));
    expect(resp(r, 'LMPOP', '1', 'missing', 'LEFT')).toBe('*-1\r\n');
  });

  it('hits WRONGTYPE only when the wrong key is reached', () => {
    const r = withList();
    expect(r.exec(['LMPOP', '2', 'l', 's', 'LEFT'])).toEqual(arr('l', arr('a')));
    expect(r.exec(['LMPOP', '2', 'missing', 's', 'LEFT'])).toEqual(WRONGTYPE);
  });

  it('numkeys, LEFT|RIGHT and COUNT errors', () => {
    const r = withList();
    const numkeys = err('ERR numkeys should be greater than 0');
    expect(r.exec(['LMPOP', '0', 'l', 'LEFT'])).toEqual(numkeys);
    expect(r.exec(['LMPOP', '-1', 'l', 'LEFT'])).toEqual(numkeys);
    expect(r.exec(['LMPOP', 'x', 'l', 'LEFT'])).toEqual(numkeys);
    expect(r.exec(['LMPOP', '2', 'l', 'LEFT'])).toEqual(SYNTAX);
    expect(r.exec(['LMPOP', '9223372036854775807', 'l', 'LEFT'])).toEqual(SYNTAX);
    expect(r.exec(['LMPOP', '1', 'l', 'MIDDLE'])).toEqual(SYNTAX);
    expect(r.exec(['LMPOP', '1', 'l', 'LEFT', 'COUNT', '0'])).toEqual(err('ERR count should be greater than 0'));
    expect(r.exec(['LMPOP', '1', 'l', 'LEFT', 'COUNT', 'x'])).toEqual(err('ERR count should be greater than 0'));
    expect(r.exec(['LMPOP', '1', 'l', 'LEFT', 'COUNT', '1', 'COUNT', '1'])).toEqual(SYNTAX);
    expect(r.exec(['LMPOP', '1', 'l', 'LEFT', 'COUNT'])).toEqual(SYNTAX);
    expect(r.exec(['LMPOP', '1', 'l'])).toEqual(err("ERR wrong number of arguments for 'lmpop' command"));
    expect(r.exec(['LLEN', 'l'])).toEqual(int(6));
  });
});

describe('keyspace events (as Redis 7.0.15 emits them)', () => {
  it('pushes, pops, and del when a pop empties the list; LPOP with count 0 emits nothing', () => {
    const r = fresh();
    const events = recordEvents(r);
    r.exec(['RPUSH', 'l', 'a', 'b']);
    r.exec(['LPUSHX', 'l', 'c']);
    r.exec(['LPUSHX', 'missing', 'c']);
    r.exec(['LPOP', 'l', '0']);
    r.exec(['RPOP', 'l', '2']);
    r.exec(['LPOP', 'l']);
    expect(events).toEqual(['rpush l', 'lpush l', 'rpop l', 'lpop l', 'del l']);
  });

  it('LMOVE: the push on the destination, then the pop on the source, then its del', () => {
    const r = fresh();
    r.exec(['RPUSH', 'l', 'a', 'b']);
    const events = recordEvents(r);
    r.exec(['LMOVE', 'l', 'd', 'LEFT', 'RIGHT']);
    r.exec(['LMOVE', 'l', 'l', 'RIGHT', 'LEFT']);
    r.exec(['LMOVE', 'l', 'd', 'LEFT', 'LEFT']);
    expect(events).toEqual(['rpush d', 'lpop l', 'lpush l', 'rpop l', 'lpush d', 'lpop l', 'del l']);
  });

  it('LTRIM always emits ltrim; LREM only when something went; LINSERT and LSET on success', () => {
    const r = fresh();
    r.exec(['RPUSH', 'l', 'a', 'b', 'a']);
    const events = recordEvents(r);
    r.exec(['LTRIM', 'l', '0', '-1']);
    r.exec(['LTRIM', 'missing', '0', '1']);
    r.exec(['LREM', 'l', '0', 'zz']);
    r.exec(['LREM', 'l', '1', 'a']);
    r.exec(['LINSERT', 'l', 'BEFORE', 'zz', 'q']);
    r.exec(['LINSERT', 'l', 'BEFORE', 'b', 'q']);
    r.exec(['LSET', 'l', '0', 'w']);
    r.exec(['LSET', 'l', '9', 'w']);
    r.exec(['LTRIM', 'l', '5', '6']);
    expect(events).toEqual(['ltrim l', 'lrem l', 'linsert l', 'lset l', 'ltrim l', 'del l']);
  });

  it('LMPOP emits the pop and the del of the list it emptied', () => {
    const r = fresh();
    r.exec(['RPUSH', 'd', 'a']);
    const events = recordEvents(r);
    r.exec(['LMPOP', '2', 'missing', 'd', 'RIGHT', 'COUNT', '5']);
    expect(events).toEqual(['rpop d', 'del d']);
  });

  it('reach pub/sub subscribers with their classes (l for list events, g for del)', () => {
    const r = fresh();
    const sub = r.client();
    r.exec(['CONFIG', 'SET', 'notify-keyspace-events', 'Kl']);
    sub.exec(['PSUBSCRIBE', '__keyspace@0__:*']);
    r.exec(['RPUSH', 'l', 'a']);
    r.exec(['RPOP', 'l']);
    const messages = sub.drainPushes().map((m) => (m.value as Reply[]).map((x) => x.value).join(' '));
    expect(messages).toEqual(['pmessage __keyspace@0__:* __keyspace@0__:l rpush', 'pmessage __keyspace@0__:* __keyspace@0__:l rpop']);
  });

  it('a list write dirties WATCH', () => {
    const r = fresh();
    r.exec(['RPUSH', 'l', 'a']);
    const c = r.client();
    c.exec(['WATCH', 'l']);
    r.exec(['LSET', 'l', '0', 'b']);
    c.exec(['MULTI']);
    c.exec(['LLEN', 'l']);
    expect(c.exec(['EXEC'])).toEqual(NULL_ARRAY);
  });
});

describe('costs', () => {
  it('pops, LINDEX and LRANGE do not walk a large list', () => {
    const r = fresh();
    const n = 100_000;
    const argv = ['RPUSH', 'big'];
    for (let i = 0; i < n; i++) argv.push(String(i));
    r.exec(argv);
    // Linear-time pops or indexing would make this loop take minutes rather than milliseconds.
    for (let i = 0; i < 20_000; i++) {
      r.exec([i % 2 ? 'LPOP' : 'RPOP', 'big']);
      r.exec(['LINDEX', 'big', '50000']);
      r.exec(['LRANGE', 'big', '-3', '-1']);
    }
    expect(r.exec(['LLEN', 'big'])).toEqual(int(n - 20_000));
    expect(r.exec(['LINDEX', 'big', '0'])).toEqual(bulk('10000'));
  });
});
