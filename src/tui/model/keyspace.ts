import { bytesToText, type RedisServer } from '../../redis-sim/index.js';
import type { Entry } from '../../redis-sim/keyspace.js';
import { sizeOf, type RedisValue } from '../../redis-sim/values.js';
import type { World } from '../../integration/index.js';
import { oneLine, ttlText } from './format.js';

/**
 * The Redis keyspace as the TUI shows it, read straight from the engine without running a command:
 * no lazy expiry fires, no statistic moves, no LRU clock is touched. A key whose TTL has passed but
 * that the server has not reclaimed yet is left out, as a client would never see it.
 *
 * Only the rows on screen are built; the sorted list of key names is the one O(n) part, and it is
 * rebuilt once per change of the world (the caller's `revision`), not per frame.
 */

/** Elements (list, set, hash, zset) or bytes (string): the engine's own count. */
export { sizeOf };

export interface KeyRow {
  /** The key as the engine holds it (a binary string); `text` is how it reads. */
  bytes: string;
  text: string;
  type: string;
  encoding: string;
  /** ms left, or -1. */
  ttl: number;
  ttlText: string;
  /** Elements (list, set, hash, zset) or bytes (string). */
  size: number;
  preview: string;
}

export interface KeyIndex {
  server: string;
  up: boolean;
  /** Live keys in db 0, sorted by their bytes. */
  keys: string[];
}

interface Cached {
  revision: number;
  index: KeyIndex;
}
const cache = new WeakMap<World, Map<string, Cached>>();

/** The engine of Redis server `name`, or undefined while it is down or not started yet. */
export function liveEngine(world: World, name: string): RedisServer | undefined {
  const p = world.process(name);
  if (p.state === 'crashed') return undefined;
  // Before the process's start event the node has no engine yet (RedisNode.engine is assigned then).
  return (world.redisEngine(name) as RedisServer | undefined) ?? undefined;
}

/** The names of the Redis servers in the world, in the order they were added. */
export function redisServers(world: World): string[] {
  return world.processNames.filter((n) => world.process(n).kind === 'redis');
}

/** The sorted live keys of server `name` (cached per revision). */
export function keyIndex(world: World, name: string, revision: number): KeyIndex {
  let perServer = cache.get(world);
  if (perServer === undefined) cache.set(world, (perServer = new Map()));
  const hit = perServer.get(name);
  if (hit !== undefined && hit.revision === revision) return hit.index;
  const engine = liveEngine(world, name);
  const keys: string[] = [];
  if (engine !== undefined) {
    const entries = engine.dbs[0]!.entries;
    const now = world.process(name).localNow();
    for (let i = 0; i < entries.size; i++) {
      const e = entries.valueAt(i);
      if (e.expireAt !== -1 && e.expireAt <= now) continue;
      keys.push(entries.keyAt(i));
    }
    keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  const index = { server: name, up: engine !== undefined, keys };
  perServer.set(name, { revision, index });
  return index;
}

/** The entry of `key` (engine bytes), read without touching it, or undefined when gone or expired. */
export function peekEntry(world: World, server: string, key: string): Entry | undefined {
  const engine = liveEngine(world, server);
  if (engine === undefined) return undefined;
  const entry = engine.dbs[0]!.entries.get(key);
  if (entry === undefined) return undefined;
  if (entry.expireAt !== -1 && entry.expireAt <= world.process(server).localNow()) return undefined;
  return entry;
}

/** Rows `from` .. `from + count` of the index. */
export function keyRows(world: World, index: KeyIndex, from: number, count: number): KeyRow[] {
  const rows: KeyRow[] = [];
  if (!index.up) return rows;
  const now = world.process(index.server).localNow();
  const entries = world.redisEngine(index.server).dbs[0]!.entries;
  for (let i = from; i < Math.min(index.keys.length, from + count); i++) {
    const bytes = index.keys[i]!;
    const entry = entries.get(bytes);
    if (entry === undefined) continue;
    const ttl = entry.expireAt === -1 ? -1 : entry.expireAt - now;
    rows.push({
      bytes,
      text: bytesToText(bytes),
      type: entry.value.type,
      encoding: entry.value.encoding,
      ttl,
      ttlText: ttlText(ttl),
      size: sizeOf(entry.value),
      preview: preview(entry.value, 80),
    });
  }
  return rows;
}


/** A score as Redis prints it (`inf`, `-inf`, `1.5`). */
export function scoreText(score: number): string {
  if (score === Infinity) return 'inf';
  if (score === -Infinity) return '-inf';
  return String(score);
}

/** The first elements of a value, up to about `width` characters. */
export function preview(v: RedisValue, width: number): string {
  if (v.type === 'string') return oneLine(bytesToText(v.bytes.length > width * 4 ? v.bytes.slice(0, width * 4) : v.bytes)).slice(0, width);
  const parts: string[] = [];
  let used = 0;
  const n = sizeOf(v);
  // A small intset reads in the order SMEMBERS gives (ascending), as Redis keeps it.
  const ordered = v.type === 'set' && v.encoding === 'intset' && n <= 512 ? [...v.ordered()] : null;
  for (let i = 0; i < n && used < width; i++) {
    const part = ordered !== null ? ordered[i]! : element(v, i);
    parts.push(part);
    used += part.length + 2;
  }
  const body = parts.join(', ') + (parts.length < n ? ', …' : '');
  return (v.type === 'list' ? `[${body}]` : `{${body}}`).slice(0, width + 4);
}

/** Element `i` of a collection as one short text (`member:score` for a zset, `field=value` for a hash). */
function element(v: Exclude<RedisValue, { type: 'string' }>, i: number): string {
  switch (v.type) {
    case 'list':
      return oneLine(bytesToText(v.items.get(i)));
    case 'set':
      return oneLine(bytesToText(v.members.keyAt(i)));
    case 'hash':
      return `${oneLine(bytesToText(v.fields.keyAt(i)))}=${oneLine(bytesToText(v.fields.valueAt(i)))}`;
    case 'zset': {
      const e = v.list.range(i + 1, 1, false)[0]!;
      return `${oneLine(bytesToText(e.member))}:${scoreText(e.score)}`;
    }
  }
}

/**
 * The whole value of a key, one line per element, for the key view: lines `from` .. `from +
 * count` only (a list of a million elements costs what the screen shows). A string is cut into
 * lines of `width`.
 */
export interface ValueLines {
  total: number;
  lines: string[];
}

export function valueLines(v: RedisValue, width: number, from: number, count: number): ValueLines {
  if (v.type === 'string') {
    const text = bytesToText(v.bytes);
    const all: string[] = [];
    for (const raw of text.split('\n')) {
      if (raw.length === 0) all.push('');
      for (let i = 0; i < raw.length; i += Math.max(1, width)) all.push(raw.slice(i, i + width));
    }
    return { total: all.length, lines: all.slice(from, from + count) };
  }
  const total = sizeOf(v);
  const lines: string[] = [];
  const digits = String(total).length;
  const end = Math.min(total, from + count);
  if (v.type === 'zset') {
    const entries = v.list.range(from + 1, end - from, false);
    entries.forEach((e, j) => lines.push(`${String(from + j + 1).padStart(digits)}) ${oneLine(bytesToText(e.member))}  (score ${scoreText(e.score)})`));
    return { total, lines };
  }
  // Sets: members in the order SMEMBERS gives them (an intset sorted) while that is cheap.
  const ordered = v.type === 'set' && v.encoding === 'intset' && total <= 10_000 ? [...v.ordered()] : null;
  for (let i = from; i < end; i++) {
    const n = String(i + 1).padStart(digits);
    if (v.type === 'list') lines.push(`${n}) ${oneLine(bytesToText(v.items.get(i)))}`);
    else if (v.type === 'set') lines.push(`${n}) ${oneLine(bytesToText(ordered ? ordered[i]! : v.members.keyAt(i)))}`);
    else lines.push(`${n}) ${oneLine(bytesToText(v.fields.keyAt(i)))} → ${oneLine(bytesToText(v.fields.valueAt(i)))}`);
  }
  return { total, lines };
}
