import { describe, expect, it } from 'vitest';
import { arr, bulk, err, fresh, NIL, OK, resp } from './helpers.js';

const invalid = (name: string, why: string) => err(`ERR CONFIG SET failed (possibly related to argument '${name}') - ${why}`);

describe('server commands', () => {
  it('CONFIG SET reads an integer setting with string2ll and a memory setting with memtoull', () => {
    const r = fresh();
    // Counts: plain integers only (no units, no sign, no leading zero), then the type's range.
    for (const bad of ['1k', '+5', '007', '-0', ' 1', '1.5', '99999999999999999999'])
      expect(r.exec(['CONFIG', 'SET', 'set-max-intset-entries', bad])).toEqual(invalid('set-max-intset-entries', "argument couldn't be parsed into an integer"));
    expect(r.exec(['CONFIG', 'SET', 'set-max-intset-entries', '-1'])).toEqual(invalid('set-max-intset-entries', 'argument must be between 0 and 9223372036854775807 inclusive'));
    expect(r.exec(['CONFIG', 'SET', 'set-max-intset-entries', '9223372036854775807'])).toEqual(OK);
    expect(r.exec(['CONFIG', 'GET', 'set-max-intset-entries'])).toEqual(arr('set-max-intset-entries', '9223372036854775807'));
    // Byte sizes: units, an empty number is 0, no sign; strtoull saturates, then the range check.
    expect(r.exec(['CONFIG', 'SET', 'hash-max-listpack-value', '1kb'])).toEqual(OK);
    expect(r.exec(['CONFIG', 'GET', 'hash-max-listpack-value'])).toEqual(arr('hash-max-listpack-value', '1024'));
    expect(r.exec(['CONFIG', 'SET', 'hash-max-listpack-value', ''])).toEqual(OK);
    expect(r.exec(['CONFIG', 'GET', 'hash-max-listpack-value'])).toEqual(arr('hash-max-listpack-value', '0'));
    for (const bad of ['-1', '+1', '0x10', '1.5', '1t'])
      expect(r.exec(['CONFIG', 'SET', 'hash-max-listpack-value', bad])).toEqual(invalid('hash-max-listpack-value', 'argument must be a memory value'));
    for (const big of ['9223372036854775808', '18446744073709551616', '8589934592gb'])
      expect(r.exec(['CONFIG', 'SET', 'zset-max-listpack-value', big])).toEqual(invalid('zset-max-listpack-value', 'argument must be between 0 and 9223372036854775807 inclusive'));
    expect(r.exec(['CONFIG', 'SET', 'maxmemory', '99999999999999999999'])).toEqual(OK);
    expect(r.exec(['CONFIG', 'GET', 'maxmemory'])).toEqual(arr('maxmemory', '18446744073709551615'));
    expect(r.exec(['CONFIG', 'SET', 'proto-max-bulk-len', '1k'])).toEqual(invalid('proto-max-bulk-len', 'argument must be between 1048576 and 9223372036854775807 inclusive'));
  });

  it('INFO memory prints maxmemory as a signed long long and its human form up to P, as redis-server 7.0 does', () => {
    const r = fresh();
    const line = (field: string): string => {
      const info = r.exec(['INFO', 'memory']);
      const text = info.type === 'bulk' && info.value !== null ? info.value : '';
      return text.split('\r\n').find((l) => l.startsWith(`${field}:`)) ?? '';
    };
    const cases: [string, string, string][] = [
      ['99999999999999999999', 'maxmemory:-1', 'maxmemory_human:18446744073709551615B'],
      ['9223372036854775808', 'maxmemory:-9223372036854775808', 'maxmemory_human:9223372036854775808B'],
      ['1125899906842624', 'maxmemory:1125899906842624', 'maxmemory_human:1.00P'],
      ['1099511627776', 'maxmemory:1099511627776', 'maxmemory_human:1.00T'],
      ['5gb', 'maxmemory:5368709120', 'maxmemory_human:5.00G'],
      ['1000', 'maxmemory:1000', 'maxmemory_human:1000B'],
    ];
    for (const [value, plain, human] of cases) {
      expect(r.exec(['CONFIG', 'SET', 'maxmemory', value])).toEqual(OK);
      expect([line('maxmemory'), line('maxmemory_human')]).toEqual([plain, human]);
    }
  });

  it('CONFIG SET int settings have their C type range; hz is clamped to 1..500', () => {
    const r = fresh();
    expect(r.exec(['CONFIG', 'SET', 'list-max-listpack-size', '-6'])).toEqual(OK);
    expect(r.exec(['CONFIG', 'GET', 'list-max-listpack-size'])).toEqual(arr('list-max-listpack-size', '-6'));
    expect(r.exec(['CONFIG', 'SET', 'list-max-listpack-size', '2147483648'])).toEqual(invalid('list-max-listpack-size', 'argument must be between -2147483648 and 2147483647 inclusive'));
    expect(r.exec(['CONFIG', 'SET', 'list-compress-depth', '-1'])).toEqual(invalid('list-compress-depth', 'argument must be between 0 and 2147483647 inclusive'));
    expect(r.exec(['CONFIG', 'SET', 'maxmemory-samples', '0'])).toEqual(invalid('maxmemory-samples', 'argument must be between 1 and 2147483647 inclusive'));
    expect(r.exec(['CONFIG', 'SET', 'active-expire-effort', '11'])).toEqual(invalid('active-expire-effort', 'argument must be between 1 and 10 inclusive'));
    expect(r.exec(['CONFIG', 'SET', 'timeout', '2147483648'])).toEqual(invalid('timeout', 'argument must be between 0 and 2147483647 inclusive'));
    expect(r.exec(['CONFIG', 'SET', 'slowlog-log-slower-than', '9223372036854775807'])).toEqual(OK);
    expect(r.exec(['CONFIG', 'SET', 'hz', '0'])).toEqual(OK);
    expect(r.exec(['CONFIG', 'GET', 'hz'])).toEqual(arr('hz', '1'));
    expect(r.exec(['CONFIG', 'SET', 'hz', '1000'])).toEqual(OK);
    expect(r.exec(['CONFIG', 'GET', 'hz'])).toEqual(arr('hz', '500'));
  });

  it('CONFIG SET names a rejected value by the setting it matched, in lower case; other errors as typed', () => {
    const r = fresh();
    expect(r.exec(['CONFIG', 'SET', 'HASH-MAX-ZIPLIST-VALUE', '-1'])).toEqual(invalid('hash-max-ziplist-value', 'argument must be a memory value'));
    expect(r.exec(['CONFIG', 'SET', 'APPENDONLY', 'maybe'])).toEqual(invalid('appendonly', "argument must be 'yes' or 'no'"));
    expect(r.exec(['CONFIG', 'SET', 'DATABASES', '3'])).toEqual(invalid('DATABASES', "can't set immutable config"));
    expect(r.exec(['CONFIG', 'SET', 'HZ', '1', 'hz', '2'])).toEqual(invalid('hz', 'duplicate parameter'));
    expect(r.exec(['CONFIG', 'SET', 'NOSUCH', '1'])).toEqual(err("ERR Unknown option or number of arguments for CONFIG SET - 'NOSUCH'"));
  });

  it("CONFIG SET's unknown-name error prints the name as C's %s does, up to a NUL", () => {
    const r = fresh();
    expect(r.exec(['CONFIG', 'SET', 'HZ\0', '1'])).toEqual(err("ERR Unknown option or number of arguments for CONFIG SET - 'HZ'"));
  });

  it('HELLO AUTH: only the default user exists (no password); options apply in order', () => {
    const r = fresh();
    const c = r.client();
    const hello = (...argv: string[]) => c.exec(['HELLO', ...argv]);
    expect(hello('2', 'AUTH', 'default', 'anything').type).toBe('array');
    const wrongPass = err('WRONGPASS invalid username-password pair or user is disabled.');
    expect(hello('2', 'AUTH', 'a', 'b')).toEqual(wrongPass);
    expect(hello('2', 'AUTH', 'Default', 'x')).toEqual(wrongPass);
    expect(hello('2', 'AUTH', 'a', 'b', 'SETNAME', 'x y')).toEqual(wrongPass);
    expect(hello('2', 'SETNAME', 'x y', 'AUTH', 'a', 'b')).toEqual(err('ERR Client names cannot contain spaces, newlines or special characters.'));
    expect(hello('2', 'SETNAME', 'kept', 'BOGUS')).toEqual(err("ERR Syntax error in HELLO option 'BOGUS'"));
    expect(c.exec(['CLIENT', 'GETNAME'])).toEqual(bulk('kept'));
    expect(hello('2', 'SETNAME', 'other', 'AUTH', 'nobody', 'x')).toEqual(wrongPass);
    expect(c.exec(['CLIENT', 'GETNAME'])).toEqual(bulk('other'));
  });

  it('CONFIG GET answers an exact name (any case) as typed, once', () => {
    const r = fresh();
    expect(r.exec(['CONFIG', 'GET', 'HZ'])).toEqual(arr('HZ', '10'));
    expect(r.exec(['CONFIG', 'GET', 'Hz', 'hz', 'h?'])).toEqual(arr('Hz', '10'));
    expect(r.exec(['CONFIG', 'GET', 'hash-max-ziplist-entries'])).toEqual(arr('hash-max-ziplist-entries', '512'));
  });

  it('COMMAND INFO and DOCS take container|subcommand names; COMMAND LIST lists subcommands', () => {
    const r = fresh();
    expect(r.exec(['COMMAND', 'INFO', 'get|x', 'config|get|x', 'config|', '|get'])).toEqual(arr(NIL, NIL, NIL, NIL));
    expect(resp(r, 'COMMAND', 'INFO', 'CONFIG|GET')).toMatch(/^\*1\r\n\*10\r\n\$10\r\nconfig\|get\r\n:-3\r\n/);
    expect(resp(r, 'COMMAND', 'DOCS', 'config|set', 'get|x')).toMatch(/^\*2\r\n\$10\r\nconfig\|set\r\n\*/);
    expect(r.exec(['COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'config|[gs]et'])).toEqual(arr('config|get', 'config|set'));
    const all = r.exec(['COMMAND', 'LIST']);
    expect(all.type === 'array' && all.value).toContainEqual({ type: 'bulk', value: 'object|encoding' });
  });
});
