import { describe, expect, it } from 'vitest';
import { setup } from './helpers.js';

describe('strings', () => {
  it('SET and GET round-trip binary-safe values and count bytes', () => {
    const { run } = setup();
    expect(run('SET', 'k', 'héllo')).toBe('OK');
    expect(run('GET', 'k')).toBe('"h\\xc3\\xa9llo"');
    expect(run('STRLEN', 'k')).toBe('(integer) 6');
    expect(run('GET', 'missing')).toBe('(nil)');
  });

  it('SET NX/XX/GET/KEEPTTL follow Redis 7.0', () => {
    const { run } = setup();
    expect(run('SET', 'k', 'a', 'XX')).toBe('(nil)');
    expect(run('SET', 'k', 'a', 'NX')).toBe('OK');
    expect(run('SET', 'k', 'b', 'NX', 'GET')).toBe('"a"');
    expect(run('GET', 'k')).toBe('"a"');
    expect(run('SET', 'k', 'c', 'XX', 'GET')).toBe('"a"');
    expect(run('SET', 'k', 'd', 'NX', 'XX')).toBe('(error) ERR syntax error');
    expect(run('SET', 'k', 'd', 'EX', '10', 'PX', '100')).toBe('(error) ERR syntax error');
    expect(run('SET', 'k', 'd', 'EX', '10', 'KEEPTTL')).toBe('(error) ERR syntax error');
    expect(run('SET', 'k', 'd', 'EX', '0')).toBe("(error) ERR invalid expire time in 'set' command");
    expect(run('SET', 'k', 'd', 'EX', 'x')).toBe('(error) ERR value is not an integer or out of range');
    expect(run('SET', 'k', 'd', 'EX')).toBe('(error) ERR syntax error');
    expect(run('SET', 'k', 'e', 'EX', '100')).toBe('OK');
    expect(run('SET', 'k', 'f', 'KEEPTTL')).toBe('OK');
    expect(run('TTL', 'k')).toBe('(integer) 100');
    expect(run('SET', 'k', 'g')).toBe('OK');
    expect(run('TTL', 'k')).toBe('(integer) -1');
  });

  it('SET GET on a non-string is WRONGTYPE and writes nothing', () => {
    const { run } = setup();
    run('LPUSH', 'l', 'x');
    expect(run('SET', 'l', 'v', 'GET')).toBe('(error) WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(run('TYPE', 'l')).toBe('list');
  });

  it('keys expire exactly after their time, on the injected clock', () => {
    const { run, clock } = setup();
    run('SET', 'k', 'v', 'PX', '100');
    clock.advance(100);
    expect(run('GET', 'k')).toBe('"v"');
    expect(run('PTTL', 'k')).toBe('(integer) 0');
    clock.advance(1);
    expect(run('GET', 'k')).toBe('(nil)');
  });

  it('INCR family: int64 bounds, strict parsing, overflow', () => {
    const { run } = setup();
    expect(run('INCR', 'n')).toBe('(integer) 1');
    expect(run('INCRBY', 'n', '-11')).toBe('(integer) -10');
    expect(run('DECRBY', 'n', '5')).toBe('(integer) -15');
    run('SET', 'n', ' 11');
    expect(run('INCR', 'n')).toBe('(error) ERR value is not an integer or out of range');
    run('SET', 'n', '11 ');
    expect(run('INCR', 'n')).toBe('(error) ERR value is not an integer or out of range');
    run('SET', 'n', '9223372036854775806');
    expect(run('INCR', 'n')).toBe('(integer) 9223372036854775807');
    expect(run('INCR', 'n')).toBe('(error) ERR increment or decrement would overflow');
    expect(run('GET', 'n')).toBe('"9223372036854775807"');
    expect(run('DECRBY', 'n', '-9223372036854775808')).toBe('(error) ERR decrement would overflow');
    expect(run('INCRBY', 'n', '1.5')).toBe('(error) ERR value is not an integer or out of range');
  });

  it('INCRBYFLOAT computes in long double and prints like Redis', () => {
    const { run } = setup();
    expect(run('INCRBYFLOAT', 'f', '0.1')).toBe('"0.1"');
    expect(run('INCRBYFLOAT', 'f', '0.2')).toBe('"0.3"');
    expect(run('INCRBYFLOAT', 'f', '1e3')).toBe('"1000.29999999999999999"'); // as Redis 7.0 prints it
    expect(run('INCRBYFLOAT', 'f', '-1000.3')).toBe('"0"');
    expect(run('INCRBYFLOAT', 'f', 'inf')).toBe('(error) ERR increment would produce NaN or Infinity');
    expect(run('INCRBYFLOAT', 'f', 'abc')).toBe('(error) ERR value is not a valid float');
    run('SET', 'g', '1e20');
    expect(run('INCRBYFLOAT', 'g', '0.1')).toBe('"100000000000000000000"');
    run('SET', 'h', '-0.252');
    expect(run('INCRBYFLOAT', 'h', '0')).toBe('"-0.252"');
  });

  it('APPEND, GETRANGE, SETRANGE', () => {
    const { run } = setup();
    expect(run('APPEND', 's', 'Hello')).toBe('(integer) 5');
    expect(run('APPEND', 's', ' World')).toBe('(integer) 11');
    expect(run('GETRANGE', 's', '0', '4')).toBe('"Hello"');
    expect(run('GETRANGE', 's', '-5', '-1')).toBe('"World"');
    expect(run('GETRANGE', 's', '-1', '-5')).toBe('""');
    expect(run('GETRANGE', 's', '5', '100')).toBe('" World"');
    expect(run('SETRANGE', 's', '6', 'Redis')).toBe('(integer) 11');
    expect(run('GET', 's')).toBe('"Hello Redis"');
    expect(run('SETRANGE', 'pad', '3', 'x')).toBe('(integer) 4');
    expect(run('GET', 'pad')).toBe('"\\x00\\x00\\x00x"');
    expect(run('SETRANGE', 's', '-1', 'x')).toBe('(error) ERR offset is out of range');
    expect(run('SETRANGE', 'empty', '5', '')).toBe('(integer) 0');
    expect(run('EXISTS', 'empty')).toBe('(integer) 0');
  });

  it('GETEX, GETDEL, GETSET, MSET, MSETNX, SETNX, SETEX', () => {
    const { run, clock } = setup();
    run('SET', 'k', 'v');
    expect(run('GETEX', 'k', 'EX', '100')).toBe('"v"');
    expect(run('TTL', 'k')).toBe('(integer) 100');
    expect(run('GETEX', 'k', 'PERSIST')).toBe('"v"');
    expect(run('TTL', 'k')).toBe('(integer) -1');
    expect(run('GETEX', 'k', 'PXAT', '1')).toBe('"v"');
    expect(run('EXISTS', 'k')).toBe('(integer) 0');
    expect(run('GETEX', 'nokey', 'EX', '0')).toBe('(nil)');
    run('SET', 'k', 'v');
    expect(run('GETEX', 'k', 'EX', '0')).toBe("(error) ERR invalid expire time in 'getex' command");
    expect(run('GETDEL', 'k')).toBe('"v"');
    expect(run('GETDEL', 'k')).toBe('(nil)');
    expect(run('GETSET', 'k', 'a')).toBe('(nil)');
    expect(run('GETSET', 'k', 'b')).toBe('"a"');
    expect(run('MSET', 'a', '1', 'b')).toBe("(error) ERR wrong number of arguments for 'mset' command");
    expect(run('MSETNX', 'x', '1', 'k', '2')).toBe('(integer) 0');
    expect(run('MSETNX', 'x', '1', 'y', '2')).toBe('(integer) 1');
    expect(run('MGET', 'x', 'y', 'nokey')).toBe('1) "1"\n2) "2"\n3) (nil)');
    expect(run('SETNX', 'x', '5')).toBe('(integer) 0');
    expect(run('SETEX', 'e', '10', 'v')).toBe('OK');
    clock.advance(10_001);
    expect(run('GET', 'e')).toBe('(nil)');
  });

  it('reports 7.0 string encodings', () => {
    const { run } = setup();
    run('SET', 'i', '12345');
    run('SET', 'e', 'x'.repeat(44));
    run('SET', 'r', 'x'.repeat(45));
    run('SET', 'a', 'ab');
    run('APPEND', 'a', 'c');
    expect(run('OBJECT', 'ENCODING', 'i')).toBe('"int"');
    expect(run('OBJECT', 'ENCODING', 'e')).toBe('"embstr"');
    expect(run('OBJECT', 'ENCODING', 'r')).toBe('"raw"');
    expect(run('OBJECT', 'ENCODING', 'a')).toBe('"raw"');
    expect(run('OBJECT', 'ENCODING', 'none')).toBe('(nil)');
  });
});
