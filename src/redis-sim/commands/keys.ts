import { is } from '../args.js';
import { ERR, fail } from '../errors.js';
import { globMatch } from '../glob.js';
import { isExpired } from '../keyspace.js';
import { parseInt64 } from '../numbers.js';
import { array, bulk, bulks, bulkOrNil, integer, NIL, OK, ONE, status, ZERO, type Reply } from '../reply.js';
import { matches, parseCursor, parseScanOptions, scanStep } from '../scan.js';
import { HashValue, ListValue, SetValue, StringValue, type RedisValue } from '../values.js';
import type { Ctx } from '../context.js';
import { command, type CommandSpec } from './types.js';

/** DEL / UNLINK: expired keys count as absent; each deleted key signals watchers and emits 'del'. */
function del(c: Ctx, argv: string[]): Reply {
  let deleted = 0;
  for (let i = 1; i < argv.length; i++) {
    const key = argv[i]!;
    c.lookup(key);
    if (c.remove(key)) {
      c.notify('g', 'del', key);
      deleted++;
    }
  }
  return integer(deleted);
}

/**
 * getIntFromObjectOrReply, then the DB range. A custom message (SWAPDB's) covers both failures;
 * without one, an int64 outside the C int range has its own text.
 */
function selectDb(c: Ctx, s: string, message?: string): number {
  const id = parseInt64(s);
  if (id === null) fail(message ?? ERR.notInteger);
  if (typeof id === 'bigint' || id! > 2147483647 || id! < -2147483648) fail(message ?? ERR.valueBetween('-2147483648', '2147483647'));
  if ((id as number) < 0 || (id as number) >= c.server.dbs.length) fail(ERR.dbIndex);
  return id as number;
}

/** RENAME / RENAMENX: the value and its TTL move; events rename_from then rename_to. */
function rename(c: Ctx, argv: string[], nx: boolean): Reply {
  const [, src, dst] = argv as [string, string, string];
  const entry = c.lookupWrite(src);
  if (!entry) fail(ERR.noSuchKey);
  if (src === dst) return nx ? ZERO : OK;
  const expireAt = entry!.expireAt;
  if (c.lookupWrite(dst)) {
    if (nx) return ZERO;
    c.db.delete(dst);
  }
  c.create(dst, entry!.value);
  if (expireAt >= 0) c.db.setExpire(dst, c.db.peek(dst)!, expireAt);
  c.db.delete(src);
  c.server.touchWatched(c.db.id, src);
  c.server.touchWatched(c.db.id, dst);
  c.notify('g', 'rename_from', src);
  c.notify('g', 'rename_to', dst);
  return nx ? ONE : OK;
}

/** A deep copy, keeping the encoding Redis's dup functions keep. */
function copyValue(c: Ctx, v: RedisValue): RedisValue {
  switch (v.type) {
    case 'string':
      return new StringValue(v.bytes, v.encoding);
    case 'list': {
      const l = new ListValue();
      for (const x of v.items.values()) l.items.pushBack(x);
      return l;
    }
    case 'set': {
      const s = new SetValue();
      s.encoding = v.encoding;
      for (const m of v.members.keys()) s.members.set(m, true);
      return s;
    }
    case 'hash': {
      const h = new HashValue();
      h.encoding = v.encoding;
      for (const [f, x] of v.fields.entries()) h.fields.set(f, x);
      return h;
    }
    case 'zset':
      return v.copy(c.config);
  }
}

/** COPY source destination [DB destination-db] [REPLACE] */
function copy(c: Ctx, argv: string[]): Reply {
  const [, src, dst] = argv as [string, string, string];
  let dstDb = c.db;
  let replace = false;
  for (let i = 3; i < argv.length; i++) {
    if (is(argv[i]!, 'replace')) replace = true;
    else if (is(argv[i]!, 'db') && i + 1 < argv.length) dstDb = c.server.dbs[selectDb(c, argv[++i]!)]!;
    else fail(ERR.syntax);
  }
  if (dstDb === c.db && src === dst) fail(ERR.sameObject);
  const entry = c.lookupRead(src);
  if (!entry) return ZERO;
  if (c.lookupWrite(dst, dstDb)) {
    if (!replace) return ZERO;
    dstDb.delete(dst);
  }
  const value = copyValue(c, entry.value);
  c.create(dst, value, dstDb);
  if (entry.expireAt >= 0) dstDb.setExpire(dst, dstDb.peek(dst)!, entry.expireAt);
  c.changed('g', 'copy_to', dst, dstDb);
  return ONE;
}

/** EXPIRE key seconds [NX | XX | GT | LT] and its three siblings. */
function expireGeneric(c: Ctx, argv: string[], unitMs: 1 | 1000, relative: boolean): Reply {
  const key = argv[1]!;
  let nx = false;
  let xx = false;
  let gt = false;
  let lt = false;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j]!.toLowerCase();
    if (opt === 'nx') nx = true;
    else if (opt === 'xx') xx = true;
    else if (opt === 'gt') gt = true;
    else if (opt === 'lt') lt = true;
    else fail(ERR.expireUnsupportedOption(argv[j]!));
  }
  if (nx && (xx || gt || lt)) fail(ERR.expireOptions);
  if (gt && lt) fail(ERR.expireGtLt);
  const parsed = parseInt64(argv[2]!);
  if (parsed === null) fail(ERR.notInteger);
  let when = BigInt(parsed!);
  const cmd = argv[0]!.toLowerCase();
  if (unitMs === 1000) {
    if (when > 9223372036854775807n / 1000n || when < -9223372036854775808n / 1000n) fail(ERR.expireTime(cmd));
    when *= 1000n;
  }
  const base = relative ? BigInt(c.now) : 0n;
  if (when > 9223372036854775807n - base) fail(ERR.expireTime(cmd));
  when += base;
  const entry = c.lookupWrite(key);
  if (!entry) return ZERO;
  const current = entry.expireAt;
  if (nx && current !== -1) return ZERO;
  if (xx && current === -1) return ZERO;
  if (gt && (current === -1 || when <= BigInt(current))) return ZERO;
  if (lt && current !== -1 && when >= BigInt(current)) return ZERO;
  if (when <= BigInt(c.now)) {
    c.remove(key);
    c.notify('g', 'del', key);
    return ONE;
  }
  c.db.setExpire(key, entry, Number(when));
  c.changed('g', 'expire', key);
  return ONE;
}

/** TTL / PTTL / EXPIRETIME / PEXPIRETIME: -2 no key, -1 no expiry. */
function ttlGeneric(c: Ctx, key: string, ms: boolean, absolute: boolean): Reply {
  const entry = c.lookupRead(key, c.db, false);
  if (!entry) return integer(-2);
  if (entry.expireAt < 0) return integer(-1);
  if (absolute) return integer(ms ? entry.expireAt : Math.floor(entry.expireAt / 1000));
  const ttl = Math.max(0, entry.expireAt - c.now);
  return integer(ms ? ttl : Math.floor((ttl + 500) / 1000));
}

function scan(c: Ctx, argv: string[]): Reply {
  const cursor = parseCursor(argv[1]!);
  const o = parseScanOptions(argv, 2, true);
  const step = scanStep(c.db.entries.keys(), cursor, o.count);
  const out: string[] = [];
  for (const key of step.names) {
    if (!matches(o, key)) continue;
    const entry = c.db.peek(key);
    if (!entry) continue;
    if (isExpired(entry, c.now)) {
      c.lookup(key); // expires it, as Redis's scan does for the keys it visits
      continue;
    }
    if (o.type !== null && entry.value.type !== o.type.toLowerCase()) continue;
    out.push(key);
  }
  return array([bulk(String(step.cursor)), bulks(out)]);
}

function keys(c: Ctx, argv: string[]): Reply {
  const pattern = argv[1]!;
  const all = pattern === '*';
  const out: string[] = [];
  for (const [key, entry] of c.db.entries.entries()) {
    if ((all || globMatch(pattern, key)) && !isExpired(entry, c.now)) out.push(key);
  }
  return bulks(out);
}

function randomKey(c: Ctx): Reply {
  // Expired keys found on the way are deleted, as dbRandomKey does; give up after many tries.
  for (let tries = 0; tries < 100 && c.db.size > 0; tries++) {
    const key = c.db.randomKey(c.random)!;
    if (c.lookup(key)) return bulk(key);
  }
  return NIL;
}

function flush(c: Ctx, argv: string[], all: boolean): Reply {
  if (argv.length > 2 || (argv.length === 2 && !is(argv[1]!, 'async') && !is(argv[1]!, 'sync'))) fail(ERR.syntax);
  for (const db of all ? c.server.dbs : [c.db]) {
    c.server.touchAllWatched(db.id);
    db.clear();
  }
  return OK;
}

function swapdb(c: Ctx, argv: string[]): Reply {
  const a = selectDb(c, argv[1]!, ERR.invalidDbIndex);
  const b = selectDb(c, argv[2]!, ERR.invalidSecondDbIndex);
  if (a !== b) {
    const dbs = c.server.dbs;
    c.server.touchAllWatched(a, dbs[b]);
    c.server.touchAllWatched(b, dbs[a]);
    dbs[a]!.swapContents(dbs[b]!);
  }
  return OK;
}

const OBJECT_HELP = [
  'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'ENCODING <key>',
  '    Return the kind of internal representation used in order to store the value',
  '    associated with a <key>.',
  'FREQ <key>',
  '    Return the access frequency index of the <key>. The returned integer is',
  '    proportional to the logarithm of the recent access frequency of the key.',
  'IDLETIME <key>',
  '    Return the idle time of the <key>, that is the approximated number of',
  '    seconds elapsed since the last access to the key.',
  'REFCOUNT <key>',
  '    Return the number of references of the value associated with the specified',
  '    <key>.',
  'HELP',
  '    Prints this help.',
];

const isLfu = (c: Ctx) => c.config.lfu;

/** OBJECT's lookups neither touch the key nor count as hits. */
const objectEntry = (c: Ctx, key: string) => c.lookup(key);

const G = { group: 'generic' as const };
const K1: [number, number, number] = [1, 1, 1];
const OBJ = { ...G, since: '2.2.3', flags: ['readonly'] as const, keys: [2, 2, 1] as [number, number, number] };

export const KEY_COMMANDS: readonly CommandSpec[] = [
  command({
    ...G, since: '1.0.0', name: 'del', arity: -2, flags: ['write'], keys: [1, -1, 1],
    syntax: 'DEL key [key ...]', summary: 'Deletes one or more keys.', handler: del,
  }),
  command({
    ...G, since: '4.0.0', name: 'unlink', arity: -2, flags: ['write', 'fast'], keys: [1, -1, 1],
    syntax: 'UNLINK key [key ...]', summary: 'Asynchronously deletes one or more keys.', handler: del,
  }),
  command({
    ...G, since: '1.0.0', name: 'exists', arity: -2, flags: ['readonly', 'fast'], keys: [1, -1, 1],
    syntax: 'EXISTS key [key ...]', summary: 'Determines whether one or more keys exist.',
    handler: (c, a) => {
      let n = 0;
      for (let i = 1; i < a.length; i++) if (c.lookupRead(a[i]!, c.db, false)) n++;
      return integer(n);
    },
  }),
  command({
    ...G, since: '1.0.0', name: 'type', arity: 2, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'TYPE key', summary: 'Determines the type of value stored at a key.',
    handler: (c, a) => status(c.lookupRead(a[1]!, c.db, false)?.value.type ?? 'none'),
  }),
  command({
    ...G, since: '1.0.0', name: 'rename', arity: 3, flags: ['write'], keys: [1, 2, 1],
    syntax: 'RENAME key newkey', summary: 'Renames a key and overwrites the destination.',
    handler: (c, a) => rename(c, a, false),
  }),
  command({
    ...G, since: '1.0.0', name: 'renamenx', arity: 3, flags: ['write', 'fast'], keys: [1, 2, 1],
    syntax: 'RENAMENX key newkey', summary: "Renames a key only when the target key name doesn't exist.",
    handler: (c, a) => rename(c, a, true),
  }),
  command({
    ...G, since: '6.2.0', name: 'copy', arity: -3, flags: ['write', 'denyoom'], keys: [1, 2, 1],
    syntax: 'COPY source destination [DB destination-db] [REPLACE]', summary: 'Copies the value of a key to a new key.',
    handler: copy,
  }),
  command({
    ...G, since: '1.0.0', name: 'keys', arity: 2, flags: ['readonly'], keys: [0, 0, 0],
    syntax: 'KEYS pattern', summary: 'Returns all key names that match a pattern.', handler: keys,
  }),
  command({
    ...G, since: '2.8.0', name: 'scan', arity: -2, flags: ['readonly'], keys: [0, 0, 0],
    syntax: 'SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]', summary: 'Iterates over the key names in the database.',
    handler: scan,
  }),
  command({
    ...G, since: '1.0.0', name: 'randomkey', arity: 1, flags: ['readonly'], keys: [0, 0, 0],
    syntax: 'RANDOMKEY', summary: 'Returns a random key name from the database.', handler: (c) => randomKey(c),
  }),
  command({
    ...G, since: '3.2.1', name: 'touch', arity: -2, flags: ['readonly', 'fast'], keys: [1, -1, 1],
    syntax: 'TOUCH key [key ...]', summary: 'Returns the number of existing keys out of those specified after updating the time they were last accessed.',
    handler: (c, a) => {
      let n = 0;
      for (let i = 1; i < a.length; i++) if (c.lookupRead(a[i]!)) n++;
      return integer(n);
    },
  }),
  command({
    ...G, since: '1.0.0', name: 'expire', arity: -3, flags: ['write', 'fast'], keys: K1,
    syntax: 'EXPIRE key seconds [NX | XX | GT | LT]', summary: "Sets the expiration time of a key in seconds.",
    handler: (c, a) => expireGeneric(c, a, 1000, true),
  }),
  command({
    ...G, since: '2.6.0', name: 'pexpire', arity: -3, flags: ['write', 'fast'], keys: K1,
    syntax: 'PEXPIRE key milliseconds [NX | XX | GT | LT]', summary: 'Sets the expiration time of a key in milliseconds.',
    handler: (c, a) => expireGeneric(c, a, 1, true),
  }),
  command({
    ...G, since: '1.2.0', name: 'expireat', arity: -3, flags: ['write', 'fast'], keys: K1,
    syntax: 'EXPIREAT key unix-time-seconds [NX | XX | GT | LT]', summary: 'Sets the expiration time of a key to a Unix timestamp.',
    handler: (c, a) => expireGeneric(c, a, 1000, false),
  }),
  command({
    ...G, since: '2.6.0', name: 'pexpireat', arity: -3, flags: ['write', 'fast'], keys: K1,
    syntax: 'PEXPIREAT key unix-time-milliseconds [NX | XX | GT | LT]', summary: 'Sets the expiration time of a key to a Unix milliseconds timestamp.',
    handler: (c, a) => expireGeneric(c, a, 1, false),
  }),
  command({
    ...G, since: '1.0.0', name: 'ttl', arity: 2, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'TTL key', summary: 'Returns the expiration time in seconds of a key.',
    handler: (c, a) => ttlGeneric(c, a[1]!, false, false),
  }),
  command({
    ...G, since: '2.6.0', name: 'pttl', arity: 2, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'PTTL key', summary: 'Returns the expiration time in milliseconds of a key.',
    handler: (c, a) => ttlGeneric(c, a[1]!, true, false),
  }),
  command({
    ...G, since: '7.0.0', name: 'expiretime', arity: 2, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'EXPIRETIME key', summary: 'Returns the expiration time of a key as a Unix timestamp.',
    handler: (c, a) => ttlGeneric(c, a[1]!, false, true),
  }),
  command({
    ...G, since: '7.0.0', name: 'pexpiretime', arity: 2, flags: ['readonly', 'fast'], keys: K1,
    syntax: 'PEXPIRETIME key', summary: 'Returns the expiration time of a key as a Unix milliseconds timestamp.',
    handler: (c, a) => ttlGeneric(c, a[1]!, true, true),
  }),
  command({
    ...G, since: '2.2.0', name: 'persist', arity: 2, flags: ['write', 'fast'], keys: K1,
    syntax: 'PERSIST key', summary: 'Removes the expiration time of a key.',
    handler: (c, a) => {
      const entry = c.lookupWrite(a[1]!);
      if (!entry || entry.expireAt < 0) return ZERO;
      c.db.setExpire(a[1]!, entry, -1);
      c.changed('g', 'persist', a[1]!);
      return ONE;
    },
  }),
  command({
    ...G, since: '2.2.3', name: 'object', arity: -2, flags: [], keys: [0, 0, 0],
    syntax: 'OBJECT <subcommand> [<arg> ...]', summary: 'A container for object introspection commands.',
    handler: () => fail(ERR.syntax),
    subcommands: [
      command({
        ...OBJ, name: 'object|encoding', arity: 3, syntax: 'OBJECT ENCODING key', summary: 'Returns the internal encoding of a Redis object.',
        handler: (c, a) => bulkOrNil(objectEntry(c, a[2]!)?.value.encoding),
      }),
      command({
        ...OBJ, since: '4.0.0', name: 'object|freq', arity: 3, syntax: 'OBJECT FREQ key', summary: 'Returns the logarithmic access frequency counter of a Redis object.',
        handler: (c, a) => {
          const e = objectEntry(c, a[2]!);
          if (!e) return NIL;
          if (!isLfu(c)) fail(ERR.lfuNotSelected);
          return integer(e.lfuCounter);
        },
      }),
      command({
        ...OBJ, name: 'object|idletime', arity: 3, syntax: 'OBJECT IDLETIME key', summary: 'Returns the time since the last access to a Redis object.',
        handler: (c, a) => {
          const e = objectEntry(c, a[2]!);
          if (!e) return NIL;
          if (isLfu(c)) fail(ERR.lfuSelected);
          return integer(Math.floor((c.now - e.lru) / 1000));
        },
      }),
      command({
        ...OBJ, name: 'object|refcount', arity: 3, syntax: 'OBJECT REFCOUNT key', summary: 'Returns the reference count of a value of a key.',
        handler: (c, a) => {
          const e = objectEntry(c, a[2]!);
          if (!e) return NIL;
          // Small integers are shared objects in Redis (0..9999), with a pinned refcount.
          const v = e.value;
          const shared = v.type === 'string' && v.encoding === 'int' && /^[0-9]{1,4}$/.test(v.bytes);
          return integer(shared ? 2147483647 : 1);
        },
      }),
      command({
        ...OBJ, name: 'object|help', arity: 2, keys: [0, 0, 0], syntax: 'OBJECT HELP', summary: 'Returns helpful text about the different subcommands.',
        handler: () => array(OBJECT_HELP.map(status)),
      }),
    ],
  }),
  command({
    ...G, group: 'server', since: '1.0.0', name: 'dbsize', arity: 1, flags: ['readonly', 'fast'], keys: [0, 0, 0],
    syntax: 'DBSIZE', summary: 'Returns the number of keys in the database.', handler: (c) => integer(c.db.size),
  }),
  command({
    ...G, group: 'server', since: '1.0.0', name: 'flushdb', arity: -1, flags: ['write'], keys: [0, 0, 0],
    syntax: 'FLUSHDB [ASYNC | SYNC]', summary: 'Remove all keys from the current database.', handler: (c, a) => flush(c, a, false),
  }),
  command({
    ...G, group: 'server', since: '1.0.0', name: 'flushall', arity: -1, flags: ['write'], keys: [0, 0, 0],
    syntax: 'FLUSHALL [ASYNC | SYNC]', summary: 'Removes all keys from all databases.', handler: (c, a) => flush(c, a, true),
  }),
  command({
    ...G, group: 'connection', since: '1.0.0', name: 'select', arity: 2, flags: ['loading', 'stale', 'fast'], keys: [0, 0, 0],
    syntax: 'SELECT index', summary: 'Changes the selected database.',
    handler: (c, a) => {
      c.client.db = selectDb(c, a[1]!);
      return OK;
    },
  }),
  command({
    ...G, group: 'server', since: '4.0.0', name: 'swapdb', arity: 3, flags: ['write', 'fast'], keys: [0, 0, 0],
    syntax: 'SWAPDB index1 index2', summary: 'Swaps two Redis databases.', handler: swapdb,
  }),
];

