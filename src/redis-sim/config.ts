import { ERR, fail } from './errors.js';
import { parseInt64 } from './numbers.js';

/**
 * The settings CONFIG GET/SET expose: the ones the engine obeys (encoding thresholds, keyspace
 * notifications, eviction policy for OBJECT FREQ/IDLETIME) and a few that clients read. Values are
 * held as Redis prints them; `int()` reads a numeric one.
 */
interface Setting {
  value: string;
  kind: 'int' | 'enum' | 'string' | 'flags' | 'bool';
  choices?: readonly string[];
  min?: number;
  readonly?: boolean;
  alias?: string;
}

const NOTIFY_CLASSES = 'g$lshzxetdn';
const NOTIFY_ALL = 'g$lshzxetd';

export class Config {
  private readonly settings = new Map<string, Setting>();
  private readonly ints = new Map<string, number>();
  /** The parsed notify-keyspace-events classes, for the hot path. */
  notify = new Set<string>();
  /** Whether maxmemory-policy is an LFU one (every key access asks), kept in step by set(). */
  lfu = false;

  constructor(port = 6379) {
    const int = (value: number, min = 0) => ({ value: String(value), kind: 'int' as const, min });
    const def: Record<string, Setting> = {
      'set-max-intset-entries': int(512),
      'hash-max-listpack-entries': int(512),
      'hash-max-listpack-value': int(64),
      'zset-max-listpack-entries': int(128),
      'zset-max-listpack-value': int(64),
      'hash-max-ziplist-entries': { ...int(512), alias: 'hash-max-listpack-entries' },
      'hash-max-ziplist-value': { ...int(64), alias: 'hash-max-listpack-value' },
      'zset-max-ziplist-entries': { ...int(128), alias: 'zset-max-listpack-entries' },
      'zset-max-ziplist-value': { ...int(64), alias: 'zset-max-listpack-value' },
      'list-max-listpack-size': { value: '-2', kind: 'int', min: -5 },
      'list-max-ziplist-size': { value: '-2', kind: 'int', min: -5, alias: 'list-max-listpack-size' },
      'list-compress-depth': int(0),
      'notify-keyspace-events': { value: '', kind: 'flags' },
      maxmemory: int(0),
      'maxmemory-policy': {
        value: 'noeviction',
        kind: 'enum',
        choices: ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'],
      },
      'maxmemory-samples': int(5, 1),
      'lfu-log-factor': int(10),
      'lfu-decay-time': int(1),
      hz: int(10, 1),
      'active-expire-effort': int(1, 1),
      databases: { ...int(16), readonly: true },
      port: { ...int(port), readonly: true },
      bind: { value: '127.0.0.1', kind: 'string', readonly: true },
      save: { value: '', kind: 'string' },
      appendonly: { value: 'no', kind: 'bool' },
      timeout: int(0),
      'proto-max-bulk-len': int(512 * 1024 * 1024, 1024 * 1024),
      'client-query-buffer-limit': int(1024 * 1024 * 1024, 1024 * 1024),
      'slowlog-log-slower-than': { value: '10000', kind: 'int', min: -1 },
      'slowlog-max-len': int(128),
      maxclients: int(10000, 1),
    };
    for (const [name, s] of Object.entries(def)) this.settings.set(name, s);
    for (const [name, s] of this.settings) if (s.kind === 'int') this.ints.set(name, Number(s.value));
  }

  /** A numeric setting, through its alias when it has one. */
  int(name: string): number {
    return this.ints.get(name)!;
  }

  get(name: string): string | undefined {
    const s = this.settings.get(name);
    return s && (s.alias ? this.settings.get(s.alias)!.value : s.value);
  }

  /** CONFIG GET pattern: name/value pairs of every setting matching the glob. */
  match(matches: (name: string) => boolean): [string, string][] {
    const out: [string, string][] = [];
    for (const name of this.settings.keys()) if (matches(name)) out.push([name, this.get(name)!]);
    return out;
  }

  /** CONFIG SET name value, validated as Redis validates it. */
  set(rawName: string, value: string): void {
    const name = rawName.toLowerCase();
    let s = this.settings.get(name);
    if (!s) fail(ERR.configUnknown(rawName));
    const target = s!.alias ?? name;
    s = this.settings.get(target)!;
    if (s.readonly) fail(ERR.configInvalid(rawName, value, "can't set immutable config"));
    switch (s.kind) {
      case 'int': {
        const n = parseMemory(value);
        if (n === null) fail(ERR.configInvalid(rawName, value, 'argument couldn\'t be parsed into an integer'));
        if (n! < (s.min ?? 0)) fail(ERR.configInvalid(rawName, value, `argument must be between ${s.min ?? 0} and 9223372036854775807 inclusive`));
        s.value = String(n);
        this.ints.set(target, n!);
        for (const [alias, a] of this.settings) if (a.alias === target) this.ints.set(alias, n!);
        break;
      }
      case 'enum':
        if (!s.choices!.includes(value.toLowerCase())) fail(ERR.configInvalid(rawName, value, 'argument(s) must be one of the following: ' + s.choices!.join(', ')));
        s.value = value.toLowerCase();
        if (target === 'maxmemory-policy') this.lfu = s.value.endsWith('lfu');
        break;
      case 'bool':
        if (!['yes', 'no'].includes(value.toLowerCase())) fail(ERR.configInvalid(rawName, value, 'argument must be \'yes\' or \'no\''));
        s.value = value.toLowerCase();
        break;
      case 'flags': {
        const classes = parseNotifyFlags(value);
        if (classes === null) fail(ERR.configInvalid(rawName, value, 'Invalid event class character. Use \'Ag$lshzxeKEtmdn\'.'));
        this.notify = classes!;
        s.value = notifyFlagsToString(classes!);
        break;
      }
      case 'string':
        s.value = value;
        break;
    }
  }
}

/** Integers as CONFIG SET takes them, with Redis's memory units (1k, 1kb, 1m, 1gb). */
function parseMemory(value: string): number | null {
  const m = /^(-?[0-9]+)(k|kb|m|mb|g|gb|b)?$/i.exec(value);
  if (!m) return null;
  const n = parseInt64(m[1]!);
  if (n === null || typeof n === 'bigint') return null;
  const unit = (m[2] ?? 'b').toLowerCase();
  const mult: Record<string, number> = { b: 1, k: 1000, kb: 1024, m: 1e6, mb: 1024 * 1024, g: 1e9, gb: 1024 ** 3 };
  return n * mult[unit]!;
}

function parseNotifyFlags(value: string): Set<string> | null {
  const out = new Set<string>();
  for (const ch of value) {
    if (ch === 'A') for (const c of NOTIFY_ALL) out.add(c);
    else if (NOTIFY_CLASSES.includes(ch) || ch === 'K' || ch === 'E' || ch === 'm') out.add(ch);
    else return null;
  }
  return out;
}

function notifyFlagsToString(flags: Set<string>): string {
  let s = '';
  // As Redis 7.0 prints them: with every class set it writes 'A' and leaves out 'n'.
  if ([...NOTIFY_ALL].every((c) => flags.has(c))) s += 'A';
  else for (const c of NOTIFY_CLASSES) if (flags.has(c)) s += c;
  for (const c of 'KEm') if (flags.has(c)) s += c;
  return s;
}
