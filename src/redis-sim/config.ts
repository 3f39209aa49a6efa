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
  /** int: the bounds CONFIG SET checks (Redis's are those of the C type behind the setting). */
  min?: bigint;
  max?: bigint;
  /** int: a MEMORY_CONFIG, read with memtoull (units, no sign) rather than string2ll. */
  memory?: boolean;
  /** int: what the setting's apply hook keeps of an accepted value (hz is clamped to 1..500). */
  clamp?: readonly [bigint, bigint];
  readonly?: boolean;
  alias?: string;
}

const INT_MAX = 2147483647n;
const LONG_MAX = 9223372036854775807n;

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
    const int = (value: number, min = 0n, max = INT_MAX): Setting => ({ value: String(value), kind: 'int', min, max });
    const size = (value: number, min = 0n): Setting => int(value, min, LONG_MAX);
    const memory = (value: number, min = 0n, max = LONG_MAX): Setting => ({ ...int(value, min, max), memory: true });
    const def: Record<string, Setting> = {
      'set-max-intset-entries': size(512),
      'hash-max-listpack-entries': size(512),
      'hash-max-listpack-value': memory(64),
      'zset-max-listpack-entries': size(128),
      'zset-max-listpack-value': memory(64),
      'hash-max-ziplist-entries': { ...size(512), alias: 'hash-max-listpack-entries' },
      'hash-max-ziplist-value': { ...memory(64), alias: 'hash-max-listpack-value' },
      'zset-max-ziplist-entries': { ...size(128), alias: 'zset-max-listpack-entries' },
      'zset-max-ziplist-value': { ...memory(64), alias: 'zset-max-listpack-value' },
      // Any int: quicklist clamps a fill below -5 itself.
      'list-max-listpack-size': int(-2, -INT_MAX - 1n),
      'list-max-ziplist-size': { ...int(-2, -INT_MAX - 1n), alias: 'list-max-listpack-size' },
      'list-compress-depth': int(0),
      'notify-keyspace-events': { value: '', kind: 'flags' },
      maxmemory: memory(0, 0n, 2n ** 64n - 1n),
      'maxmemory-policy': {
        value: 'noeviction',
        kind: 'enum',
        choices: ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'],
      },
      'maxmemory-samples': int(5, 1n),
      'lfu-log-factor': int(10),
      'lfu-decay-time': int(1),
      hz: { ...int(10), clamp: [1n, 500n] },
      'active-expire-effort': int(1, 1n, 10n),
      databases: { ...int(16, 1n), readonly: true },
      port: { ...int(port, 0n, 65535n), readonly: true },
      bind: { value: '127.0.0.1', kind: 'string', readonly: true },
      save: { value: '', kind: 'string' },
      appendonly: { value: 'no', kind: 'bool' },
      timeout: int(0),
      'proto-max-bulk-len': memory(512 * 1024 * 1024, 1024n * 1024n),
      'client-query-buffer-limit': memory(1024 * 1024 * 1024, 1024n * 1024n),
      'slowlog-log-slower-than': int(10000, -1n, LONG_MAX),
      'slowlog-max-len': size(128),
      maxclients: int(10000, 1n, 4294967295n),
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

  /**
   * CONFIG SET name value, validated as Redis validates it. A rejected value is reported under
   * the setting's own (lower-case) name, an immutable setting under the name as typed.
   */
  set(rawName: string, value: string): void {
    const name = rawName.toLowerCase();
    let s = this.settings.get(name);
    if (!s) fail(ERR.configUnknown(rawName));
    const target = s!.alias ?? name;
    s = this.settings.get(target)!;
    if (s.readonly) fail(ERR.configInvalid(rawName, value, "can't set immutable config"));
    switch (s.kind) {
      case 'int': {
        let n: bigint | null;
        if (s.memory) {
          n = memtoull(value);
          if (n === null) fail(ERR.configInvalid(name, value, 'argument must be a memory value'));
        } else {
          const i = parseInt64(value);
          if (i === null) fail(ERR.configInvalid(name, value, 'argument couldn\'t be parsed into an integer'));
          n = BigInt(i!);
        }
        if (n! < s.min! || n! > s.max!) fail(ERR.configInvalid(name, value, `argument must be between ${s.min} and ${s.max} inclusive`));
        if (s.clamp) n = n! < s.clamp[0] ? s.clamp[0] : n! > s.clamp[1] ? s.clamp[1] : n!;
        s.value = String(n);
        this.ints.set(target, Number(n));
        for (const [alias, a] of this.settings) if (a.alias === target) this.ints.set(alias, Number(n));
        break;
      }
      case 'enum':
        if (!s.choices!.includes(value.toLowerCase())) fail(ERR.configInvalid(name, value, 'argument(s) must be one of the following: ' + s.choices!.join(', ')));
        s.value = value.toLowerCase();
        if (target === 'maxmemory-policy') this.lfu = s.value.endsWith('lfu');
        break;
      case 'bool':
        if (!['yes', 'no'].includes(value.toLowerCase())) fail(ERR.configInvalid(name, value, 'argument must be \'yes\' or \'no\''));
        s.value = value.toLowerCase();
        break;
      case 'flags': {
        const classes = parseNotifyFlags(value);
        if (classes === null) fail(ERR.configInvalid(name, value, 'Invalid event class character. Use \'Ag$lshzxeKEtmdn\'.'));
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

/**
 * memtoull: digits then an optional unit (b, k, kb, m, mb, g, gb, any case), no sign; an empty
 * number is 0, strtoull saturates at 2^64-1 and the unit's multiplication wraps as in C.
 */
function memtoull(value: string): bigint | null {
  const m = /^([0-9]*)(b|k|kb|m|mb|g|gb)?$/i.exec(value);
  if (!m || m[1]!.length >= 128) return null;
  const max = 2n ** 64n - 1n;
  let n = m[1] ? BigInt(m[1]) : 0n;
  if (n > max) n = max;
  const mult: Record<string, bigint> = { b: 1n, k: 1000n, kb: 1024n, m: 1000n ** 2n, mb: 1024n ** 2n, g: 1000n ** 3n, gb: 1024n ** 3n };
  return (n * mult[(m[2] ?? 'b').toLowerCase()]!) & max;
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
