import { expireArg, int64Arg, intArg, is } from '../args.js';
import { ERR, fail } from '../errors.js';
import {
  addInt64,
  addLongDouble,
  formatLongDouble,
  intToString,
  isFiniteLongDouble,
  isInt64Min,
  parseInt64,
  parseLongDouble,
  type Int,
} from '../numbers.js';
import { bulk, bulkOrNil, EMPTY_ARRAY, integer, NIL, OK, ONE, ZERO, type Reply } from '../reply.js';
import { StringValue } from '../values.js';
import type { Ctx } from '../context.js';
import { command, type CommandSpec } from './types.js';

/** Redis's proto-max-bulk-len default: no string may grow past 512 MB. */
const MAX_STRING = 512 * 1024 * 1024;

const get = (c: Ctx, key: string): string | undefined => c.read(key, 'string')?.bytes;

/** SET's and GETEX's option grammar (parseExtendedStringArgumentsOrReply), Redis 7.0. */
interface SetOptions {
  nx: boolean;
  xx: boolean;
  get: boolean;
  keepTtl: boolean;
  persist: boolean;
  expire: { unit: 'seconds' | 'milliseconds'; relative: boolean; arg: string } | null;
}

const EXPIRE_OPTIONS: Record<string, { unit: 'seconds' | 'milliseconds'; relative: boolean }> = {
  ex: { unit: 'seconds', relative: true },
  px: { unit: 'milliseconds', relative: true },
  exat: { unit: 'seconds', relative: false },
  pxat: { unit: 'milliseconds', relative: false },
};

function parseSetOptions(argv: string[], from: number, forGet: boolean): SetOptions {
  const o: SetOptions = { nx: false, xx: false, get: false, keepTtl: false, persist: false, expire: null };
  let kind = '';
  for (let j = from; j < argv.length; j++) {
    const opt = argv[j]!.toLowerCase();
    const next = argv[j + 1];
    if (opt === 'nx' && !o.xx && !forGet) o.nx = true;
    else if (opt === 'xx' && !o.nx && !forGet) o.xx = true;
    else if (opt === 'get' && !forGet) o.get = true;
    else if (opt === 'keepttl' && !o.persist && !o.expire && !forGet) o.keepTtl = true;
    else if (opt === 'persist' && forGet && !o.expire) o.persist = true;
    else if (opt in EXPIRE_OPTIONS && !o.keepTtl && !o.persist && (kind === '' || kind === opt) && next !== undefined) {
      // Repeating the same unit is accepted (the last one wins); mixing units is not.
      kind = opt;
      o.expire = { ...EXPIRE_OPTIONS[opt]!, arg: next };
      j++;
    } else fail(ERR.syntax);
  }
  return o;
}

/** SET key value [NX | XX] [GET] [EX seconds | PX ms | EXAT unix-s | PXAT unix-ms | KEEPTTL] */
function set(c: Ctx, argv: string[]): Reply {
  const key = argv[1]!;
  const value = argv[2]!;
  const o = parseSetOptions(argv, 3, false);
  const when = o.expire ? expireArg(o.expire.arg, o.expire.unit, o.expire.relative, c.now, 'set') : -1;
  return setGeneric(c, key, value, o, when);
}

function setGeneric(c: Ctx, key: string, value: string, o: Pick<SetOptions, 'nx' | 'xx' | 'get' | 'keepTtl'>, when: number): Reply {
  let old: Reply | undefined;
  if (o.get) old = bulkOrNil(get(c, key));
  const entry = c.lookupWrite(key);
  if ((o.nx && entry) || (o.xx && !entry)) return old ?? NIL;
  c.store(key, new StringValue(value), o.keepTtl, c.db, entry);
  c.notify('$', 'set', key);
  if (when >= 0) {
    c.db.setExpire(key, c.db.peek(key)!, when);
    c.notify('g', 'expire', key);
  }
  return old ?? OK;
}

/** INCR / DECR / INCRBY / DECRBY: int64 arithmetic on a string that must hold an integer. */
function incrBy(c: Ctx, key: string, by: Int): Reply {
  const v = c.write(key, 'string');
  let current: Int = 0;
  if (v) {
    const parsed = v.bytes.length <= 20 ? parseInt64(v.bytes) : null;
    if (parsed === null) fail(ERR.notInteger);
    current = parsed!;
  }
  const next = addInt64(current, by);
  if (next === null) fail(ERR.overflow);
  const bytes = intToString(next!);
  if (v) {
    v.bytes = bytes;
    v.encoding = 'int';
  } else {
    c.create(key, new StringValue(bytes, 'int'));
  }
  c.changed('$', 'incrby', key);
  return integer(next!);
}

function incrByFloat(c: Ctx, argv: string[]): Reply {
  const key = argv[1]!;
  const v = c.write(key, 'string');
  const current = v ? parseLongDouble(v.bytes) : parseLongDouble('0');
  if (current === null) fail(ERR.notFloat);
  const incr = parseLongDouble(argv[2]!);
  if (incr === null) fail(ERR.notFloat);
  const sum = addLongDouble(current!, incr!);
  if (!isFiniteLongDouble(sum)) fail(ERR.nanOrInfinity);
  const bytes = formatLongDouble(sum);
  if (v) {
    v.bytes = bytes;
    v.encoding = bytes.length <= 44 ? 'embstr' : 'raw';
  } else {
    c.create(key, new StringValue(bytes, bytes.length <= 44 ? 'embstr' : 'raw'));
  }
  c.changed('$', 'incrbyfloat', key);
  return bulk(bytes);
}

/** GETRANGE's index arithmetic (7.0): negative indexes from the end, clamped, empty if crossed. */
function getRange(c: Ctx, argv: string[]): Reply {
  let start = intArg(argv[2]!);
  let end = intArg(argv[3]!);
  const s = get(c, argv[1]!);
  if (s === undefined) return bulk('');
  const len = s.length;
  if (start < 0 && end < 0 && start > end) return bulk('');
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= len) end = len - 1;
  if (start > end || len === 0) return bulk('');
  return bulk(s.slice(start, end + 1));
}

function setRange(c: Ctx, argv: string[]): Reply {
  const key = argv[1]!;
  const offset = intArg(argv[2]!);
  const value = argv[3]!;
  if (offset < 0) fail(ERR.offsetOutOfRange);
  const v = c.write(key, 'string');
  if (!v) {
    if (value.length === 0) return ZERO;
    if (offset + value.length > MAX_STRING) fail(ERR.stringTooLong);
    c.create(key, new StringValue('\0'.repeat(offset) + value, 'raw'));
    c.changed('$', 'setrange', key);
    return integer(offset + value.length);
  }
  const old = v.bytes;
  if (value.length === 0) return integer(old.length);
  if (offset + value.length > MAX_STRING) fail(ERR.stringTooLong);
  const padded = old.length < offset ? old + '\0'.repeat(offset - old.length) : old;
  v.bytes = padded.slice(0, offset) + value + padded.slice(offset + value.length);
  v.encoding = 'raw';
  c.changed('$', 'setrange', key);
  return integer(v.bytes.length);
}

function getex(c: Ctx, argv: string[]): Reply {
  const key = argv[1]!;
  const o = parseSetOptions(argv, 2, true);
  // Redis 7.0 looks the key up (nil, WRONGTYPE) before it validates the expire time.
  const value = get(c, key);
  if (value === undefined) return NIL;
  const when = o.expire ? expireArg(o.expire.arg, o.expire.unit, o.expire.relative, c.now, 'getex') : -1;
  const entry = c.db.peek(key)!;
  if (o.expire && !o.expire.relative && when <= c.now) {
    c.remove(key);
    c.notify('g', 'del', key);
  } else if (o.expire) {
    c.db.setExpire(key, entry, when);
    c.changed('g', 'expire', key);
  } else if (o.persist && entry.expireAt >= 0) {
    c.db.setExpire(key, entry, -1);
    c.changed('g', 'persist', key);
  }
  return bulk(value);
}

function msetGeneric(c: Ctx, argv: string[], nx: boolean): Reply {
  if (argv.length % 2 === 0) fail(ERR.wrongArity(argv[0]!.toLowerCase() === 'msetnx' ? 'msetnx' : 'mset'));
  if (nx) {
    for (let i = 1; i < argv.length; i += 2) if (c.lookupWrite(argv[i]!)) return ZERO;
  }
  for (let i = 1; i < argv.length; i += 2) {
    c.store(argv[i]!, new StringValue(argv[i + 1]!));
    c.notify('$', 'set', argv[i]!);
  }
  return nx ? ONE : OK;
}

const S = { group: 'string' as const, since: '1.0.0' };
const K1: [number, number, number] = [1, 1, 1];

export const STRING_COMMANDS: readonly CommandSpec[] = [
  command({
    ...S, name: 'get', arity: 2, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'GET key', summary: 'Returns the string value of a key.',
    handler: (c, a) => bulkOrNil(get(c, a[1]!)),
  }),
  command({
    ...S, name: 'set', arity: -3, flags: ['write', 'denyoom'], keys: K1,
    syntax: 'SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]',
    summary: 'Sets the string value of a key, ignoring its type. The key is created if it does not exist.',
    handler: set,
  }),
  command({
    ...S, name: 'setnx', arity: 3, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'SETNX key value', summary: "Set the string value of a key only when the key doesn't exist.",
    handler: (c, a) => (setGeneric(c, a[1]!, a[2]!, { nx: true, xx: false, get: false, keepTtl: false }, -1) === OK ? ONE : ZERO),
  }),
  command({
    ...S, since: '2.0.0', name: 'setex', arity: 4, flags: ['write', 'denyoom'], keys: K1,
    syntax: 'SETEX key seconds value', summary: 'Sets the string value and expiration time of a key. Creates the key if it does not exist.',
    handler: (c, a) => setGeneric(c, a[1]!, a[3]!, { nx: false, xx: false, get: false, keepTtl: false }, expireArg(a[2]!, 'seconds', true, c.now, 'setex')),
  }),
  command({
    ...S, since: '2.6.0', name: 'psetex', arity: 4, flags: ['write', 'denyoom'], keys: K1,
    syntax: 'PSETEX key milliseconds value', summary: 'Sets both string value and expiration time in milliseconds of a key.',
    handler: (c, a) => setGeneric(c, a[1]!, a[3]!, { nx: false, xx: false, get: false, keepTtl: false }, expireArg(a[2]!, 'milliseconds', true, c.now, 'psetex')),
  }),
  command({
    ...S, name: 'getset', arity: 3, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'GETSET key value', summary: 'Returns the previous string value of a key after setting it to a new value.',
    handler: (c, a) => {
      const old = bulkOrNil(get(c, a[1]!));
      c.store(a[1]!, new StringValue(a[2]!));
      c.notify('$', 'set', a[1]!);
      return old;
    },
  }),
  command({
    ...S, since: '6.2.0', name: 'getdel', arity: 2, flags: ['write', 'fast'], keys: K1,
    syntax: 'GETDEL key', summary: 'Returns the string value of a key after deleting the key.',
    handler: (c, a) => {
      const v = get(c, a[1]!);
      if (v === undefined) return NIL;
      c.remove(a[1]!);
      c.notify('g', 'del', a[1]!);
      return bulk(v);
    },
  }),
  command({
    ...S, since: '6.2.0', name: 'getex', arity: -2, flags: ['write', 'fast'], keys: K1,
    syntax: 'GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | PERSIST]',
    summary: 'Returns the string value of a key after setting its expiration time.',
    handler: getex,
  }),
  command({
    ...S, name: 'mget', arity: -2, flags: ['readonly', 'fast'], keys: [1, -1, 1],
    syntax: 'MGET key [key ...]', summary: 'Atomically returns the string values of one or more keys.',
    handler: (c, a) => {
      const out: Reply[] = [];
      for (let i = 1; i < a.length; i++) {
        const e = c.lookupRead(a[i]!);
        out.push(e && e.value.type === 'string' ? bulk(e.value.bytes) : NIL);
      }
      return out.length ? { type: 'array', value: out } : EMPTY_ARRAY;
    },
  }),
  command({
    ...S, since: '1.0.1', name: 'mset', arity: -3, flags: ['write', 'denyoom'], keys: [1, -1, 2],
    syntax: 'MSET key value [key value ...]', summary: 'Atomically creates or modifies the string values of one or more keys.',
    handler: (c, a) => msetGeneric(c, a, false),
  }),
  command({
    ...S, since: '1.0.1', name: 'msetnx', arity: -3, flags: ['write', 'denyoom'], keys: [1, -1, 2],
    syntax: 'MSETNX key value [key value ...]', summary: 'Atomically modifies the string values of one or more keys only when all keys don\'t exist.',
    handler: (c, a) => msetGeneric(c, a, true),
  }),
  command({
    ...S, since: '2.0.0', name: 'append', arity: 3, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'APPEND key value', summary: "Appends a string to the value of a key. Creates the key if it doesn't exist.",
    handler: (c, a) => {
      const v = c.write(a[1]!, 'string');
      let len: number;
      if (!v) {
        c.create(a[1]!, new StringValue(a[2]!));
        len = a[2]!.length;
      } else {
        if (v.bytes.length + a[2]!.length > MAX_STRING) fail(ERR.stringTooLong);
        v.bytes += a[2]!;
        v.encoding = 'raw';
        len = v.bytes.length;
      }
      c.changed('$', 'append', a[1]!);
      return integer(len);
    },
  }),
  command({
    ...S, since: '2.2.0', name: 'strlen', arity: 2, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'STRLEN key', summary: 'Returns the length of a string value.',
    handler: (c, a) => integer(get(c, a[1]!)?.length ?? 0),
  }),
  command({
    ...S, since: '2.4.0', name: 'getrange', arity: 4, flags: ['readonly'], keys: K1,
    syntax: 'GETRANGE key start end', summary: 'Returns a substring of the string stored at a key.',
    handler: getRange,
  }),
  command({
    ...S, since: '2.2.0', name: 'setrange', arity: 4, flags: ['write', 'denyoom'], keys: K1,
    syntax: 'SETRANGE key offset value', summary: "Overwrites a part of a string value with another by an offset. Creates the key if it doesn't exist.",
    handler: setRange,
  }),
  command({
    ...S, name: 'incr', arity: 2, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'INCR key', summary: "Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.",
    handler: (c, a) => incrBy(c, a[1]!, 1),
  }),
  command({
    ...S, name: 'decr', arity: 2, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'DECR key', summary: "Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.",
    handler: (c, a) => incrBy(c, a[1]!, -1),
  }),
  command({
    ...S, name: 'incrby', arity: 3, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'INCRBY key increment', summary: "Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist.",
    handler: (c, a) => incrBy(c, a[1]!, int64Arg(a[2]!)),
  }),
  command({
    ...S, name: 'decrby', arity: 3, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'DECRBY key decrement', summary: "Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.",
    handler: (c, a) => {
      const by = int64Arg(a[2]!);
      if (isInt64Min(by)) fail(ERR.decrementOverflow);
      return incrBy(c, a[1]!, typeof by === 'number' ? -by : -by);
    },
  }),
  command({
    ...S, since: '2.6.0', name: 'incrbyfloat', arity: 3, flags: ['write', 'denyoom', 'fast'], keys: K1,
    syntax: 'INCRBYFLOAT key increment', summary: "Increment the floating point value of a key by a number. Uses 0 as initial value if the key doesn't exist.",
    handler: incrByFloat,
  }),
];
