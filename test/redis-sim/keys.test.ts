import { describe, expect, it } from 'vitest';
import { createRedis, ManualClock } from '../../src/redis-sim/index.js';
import { setup } from './helpers.js';

describe('keys and expiry', () => {
  it('DEL, EXISTS (counting repeats), TYPE, UNLINK', () => {
    const { run } = setup();
    run('MSET', 'a', '1', 'b', '2');
    expect(run('EXISTS', 'a', 'a', 'nokey')).toBe('(integer) 2');
    expect(run('TYPE', 'a')).toBe('string');
    expect(run('TYPE', 'nokey')).toBe('none');
    expect(run('DEL', 'a', 'b', 'c')).toBe('(integer) 2');
    expect(run('UNLINK', 'a')).toBe('(integer) 0');
  });

  it('EXPIRE options: no TTL counts as infinite; a past time deletes and returns 1', () => {
    const { run, clock } = setup();
    run('SET', 'k', 'v');
    expect(run('EXPIRE', 'k', '100', 'XX')).toBe('(integer) 0');
    expect(run('EXPIRE', 'k', '100', 'GT')).toBe('(integer) 0');
    expect(run('EXPIRE', 'k', '100', 'LT')).toBe('(integer) 1');
    expect(run('EXPIRE', 'k', '50', 'NX')).toBe('(integer) 0');
    expect(run('EXPIRE', 'k', '200', 'GT')).toBe('(integer) 1');
    expect(run('TTL', 'k')).toBe('(integer) 200');
    expect(run('PEXPIRETIME', 'k')).toBe(`(integer) ${clock.now() + 200_000}`);
    expect(run('EXPIRETIME', 'k')).toBe(`(integer) ${Math.floor((clock.now() + 200_000) / 1000)}`);
    expect(run('EXPIRE', 'k', '10', 'NX', 'XX')).toBe('(error) ERR NX and XX, GT or LT options at the same time are not compatible');
    expect(run('EXPIRE', 'k', '10', 'GT', 'LT')).toBe('(error) ERR GT and LT options at the same time are not compatible');
    expect(run('EXPIRE', 'k', '10', 'FOO')).toBe('(error) ERR Unsupported option FOO');
    expect(run('EXPIRE', 'k', '9223372036854775807')).toBe("(error) ERR invalid expire time in 'expire' command");
    expect(run('PERSIST', 'k')).toBe('(integer) 1');
    expect(run('TTL', 'k')).toBe('(integer) -1');
    expect(run('EXPIRE', 'k', '-1')).toBe('(integer) 1');
    expect(run('EXISTS', 'k')).toBe('(integer) 0');
    expect(run('TTL', 'k')).toBe('(integer) -2');
    expect(run('EXPIRE', 'k', '10')).toBe('(integer) 0');
  });

  it('TTL rounds to the nearest second as Redis does', () => {
    const { run, clock } = setup();
    run('SET', 'k', 'v', 'PX', '1500');
    expect(run('TTL', 'k')).toBe('(integer) 2');
    clock.advance(501);
    expect(run('TTL', 'k')).toBe('(integer) 1');
  });

  it('the active expiry cycle removes expired keys without any access', () => {
    const clock = new ManualClock(0);
    const r = createRedis({ clock, seed: 7 });
    for (let i = 0; i < 1000; i++) r.exec(['SET', `k${i}`, 'v', 'PX', String(i < 900 ? 50 : 1_000_000)]);
    expect(r.exec(['DBSIZE'])).toEqual({ type: 'integer', value: 1000 });
    clock.advance(100);
    r.tick();
    // Keys were sampled and removed by the cron, not by lookups: DBSIZE does not expire.
    const left = r.exec(['DBSIZE']);
    expect(left.type === 'integer' && Number(left.value)).toBeLessThan(1000);
    for (let i = 0; i < 50; i++) {
      clock.advance(100);
      r.tick();
    }
    expect(r.exec(['DBSIZE'])).toEqual({ type: 'integer', value: 100 });
    expect(r.stats.expiredKeys).toBe(900);
  });

  it('RENAME keeps the TTL and overwrites; RENAMENX refuses an existing target', () => {
    const { run } = setup();
    run('SET', 'a', '1', 'EX', '100');
    run('SET', 'b', '2');
    expect(run('RENAMENX', 'a', 'b')).toBe('(integer) 0');
    expect(run('RENAME', 'a', 'b')).toBe('OK');
    expect(run('TTL', 'b')).toBe('(integer) 100');
    expect(run('GET', 'b')).toBe('"1"');
    expect(run('RENAME', 'nokey', 'x')).toBe('(error) ERR no such key');
    expect(run('RENAME', 'b', 'b')).toBe('OK');
  });

  it('COPY to another database, with REPLACE, deep-copying the value', () => {
    const { run } = setup();
    run('RPUSH', 'l', 'a', 'b');
    expect(run('COPY', 'l', 'l2')).toBe('(integer) 1');
    run('RPUSH', 'l2', 'c');
    expect(run('LLEN', 'l')).toBe('(integer) 2');
    expect(run('COPY', 'l', 'l2')).toBe('(integer) 0');
    expect(run('COPY', 'l', 'l2', 'REPLACE')).toBe('(integer) 1');
    expect(run('COPY', 'l', 'l', 'DB', '0')).toBe('(error) ERR source and destination objects are the same');
    expect(run('COPY', 'l', 'l', 'DB', '1')).toBe('(integer) 1');
    expect(run('COPY', 'l', 'x', 'DB', '16')).toBe('(error) ERR DB index is out of range');
    run('SELECT', '1');
    expect(run('LRANGE', 'l', '0', '-1')).toBe('1) "a"\n2) "b"');
  });

  it('KEYS and SCAN with MATCH, COUNT and TYPE', () => {
    const { run, r } = setup();
    for (let i = 0; i < 100; i++) r.exec(['SET', `key:${i}`, 'v']);
    r.exec(['RPUSH', 'list', 'x']);
    expect(run('KEYS', 'key:1?').split('\n')).toHaveLength(10);
    const seen = new Set<string>();
    let cursor = '0';
    do {
      const reply = r.exec(['SCAN', cursor, 'COUNT', '7']);
      if (reply.type !== 'array' || !reply.value) throw new Error('bad scan reply');
      cursor = reply.value[0]!.value as string;
      for (const k of reply.value[1]!.value as unknown as { value: string }[]) seen.add(k.value);
    } while (cursor !== '0');
    expect(seen.size).toBe(101);
    expect(run('SCAN', '0', 'TYPE', 'list', 'COUNT', '1000')).toBe('1) "0"\n2) 1) "list"');
    expect(run('SCAN', 'x')).toBe('(error) ERR invalid cursor');
    expect(run('SCAN', '0', 'COUNT', '0')).toBe('(error) ERR syntax error');
  });

  it('SCAN returns every key present for the whole scan, despite concurrent writes', () => {
    const { r } = setup();
    for (let i = 0; i < 200; i++) r.exec(['SET', `stable:${i}`, 'v']);
    const seen = new Set<string>();
    let cursor = '0';
    let n = 0;
    do {
      const reply = r.exec(['SCAN', cursor, 'COUNT', '10']);
      if (reply.type !== 'array' || !reply.value) throw new Error('bad scan reply');
      cursor = reply.value[0]!.value as string;
      for (const k of reply.value[1]!.value as unknown as { value: string }[]) seen.add(k.value);
      r.exec(['SET', `churn:${n}`, 'v']);
      r.exec(['DEL', `churn:${n - 3}`]);
      n++;
    } while (cursor !== '0');
    for (let i = 0; i < 200; i++) expect(seen.has(`stable:${i}`)).toBe(true);
  });

  it('SELECT, SWAPDB, FLUSHDB, FLUSHALL, DBSIZE', () => {
    const { run } = setup();
    run('SET', 'a', '1');
    expect(run('SELECT', '16')).toBe('(error) ERR DB index is out of range');
    expect(run('SELECT', 'x')).toBe('(error) ERR value is not an integer or out of range');
    expect(run('SWAPDB', '0', '1')).toBe('OK');
    expect(run('DBSIZE')).toBe('(integer) 0');
    run('SELECT', '1');
    expect(run('GET', 'a')).toBe('"1"');
    expect(run('SWAPDB', 'x', '1')).toBe('(error) ERR invalid first DB index');
    expect(run('FLUSHDB', 'bogus')).toBe('(error) ERR syntax error');
    expect(run('FLUSHALL')).toBe('OK');
    expect(run('DBSIZE')).toBe('(integer) 0');
  });

  it('SELECT and COPY DB take a C int: past it, getIntFromObjectOrReply says so; SWAPDB has its own text', () => {
    const { run } = setup();
    run('SET', 'a', '1');
    const range = '(error) ERR value is out of range, value must between -2147483648 and 2147483647';
    expect(run('SELECT', '2147483648')).toBe(range);
    expect(run('SELECT', '-2147483649')).toBe(range);
    expect(run('SELECT', '9223372036854775808')).toBe('(error) ERR value is not an integer or out of range');
    expect(run('SELECT', '2147483647')).toBe('(error) ERR DB index is out of range');
    expect(run('COPY', 'a', 'b', 'DB', '9223372036854775807')).toBe(range);
    expect(run('SWAPDB', '2147483648', '0')).toBe('(error) ERR invalid first DB index');
    expect(run('SWAPDB', '0', '9223372036854775808')).toBe('(error) ERR invalid second DB index');
  });

  it('OBJECT subcommands, arity per subcommand, idle time on the clock', () => {
    const { run, clock } = setup();
    run('SET', 'n', '10');
    run('SET', 'big', '123456');
    clock.advance(5000);
    expect(run('OBJECT', 'IDLETIME', 'n')).toBe('(integer) 5');
    expect(run('OBJECT', 'REFCOUNT', 'n')).toBe('(integer) 2147483647');
    expect(run('OBJECT', 'REFCOUNT', 'big')).toBe('(integer) 1');
    expect(run('OBJECT', 'FREQ', 'n')).toMatch(/^\(error\) ERR An LFU maxmemory policy is not selected/);
    expect(run('OBJECT', 'ENCODING')).toBe("(error) ERR wrong number of arguments for 'object|encoding' command");
    expect(run('OBJECT', 'foo', 'n')).toBe("(error) ERR unknown subcommand 'foo'. Try OBJECT HELP.");
    expect(run('OBJECT')).toBe("(error) ERR wrong number of arguments for 'object' command");
    run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
    expect(run('OBJECT', 'FREQ', 'n')).toMatch(/^\(integer\) \d+$/);
    expect(run('OBJECT', 'IDLETIME', 'n')).toMatch(/^\(error\) ERR An LFU maxmemory policy is selected/);
  });

  it('unknown commands and arity errors name the command as Redis does', () => {
    const { run } = setup();
    expect(run('FOO', 'a', 'b')).toBe("(error) ERR unknown command 'FOO', with args beginning with: 'a' 'b' ");
    expect(run('get')).toBe("(error) ERR wrong number of arguments for 'get' command");
    expect(run('GET')).toBe("(error) ERR wrong number of arguments for 'get' command");
  });
});
