/**
 * What zkCli.sh 3.8 prints, as pure functions: the stat block (StatPrinter), dates as Java's
 * Date.toString() prints them, watch events (WatchedEvent.toString), error messages
 * (CliWrapperException and KeeperException.getMessage), ACLs (jute's CSV form of an Id,
 * ZKUtil.getPermString, AclParser), the usage list, and whoami's order.
 */
import { codeMessage, javaStringHash } from '../zk-sim/index.js';

// --- the stat block -----------------------------------------------------------------------------

/** A znode's Stat, with ZooKeeper's field names. */
export interface ZkStatLike {
  readonly czxid: number | bigint;
  readonly mzxid: number | bigint;
  readonly pzxid: number | bigint;
  readonly ctime: number;
  readonly mtime: number;
  readonly version: number;
  readonly cversion: number;
  readonly aversion: number;
  readonly ephemeralOwner: bigint | number;
  readonly dataLength: number;
  readonly numChildren: number;
}

/** Long.toHexString: two's complement for negatives, no leading zeros. */
export function javaLongHex(v: number | bigint): string {
  return BigInt.asUintN(64, BigInt(v)).toString(16);
}

/** StatPrinter.print: eleven lines, each ending with a newline. */
export function formatStat(stat: ZkStatLike, timeZone?: string): string {
  return (
    `cZxid = 0x${javaLongHex(stat.czxid)}\n` +
    `ctime = ${javaDateString(stat.ctime, timeZone)}\n` +
    `mZxid = 0x${javaLongHex(stat.mzxid)}\n` +
    `mtime = ${javaDateString(stat.mtime, timeZone)}\n` +
    `pZxid = 0x${javaLongHex(stat.pzxid)}\n` +
    `cversion = ${stat.cversion}\n` +
    `dataVersion = ${stat.version}\n` +
    `aclVersion = ${stat.aversion}\n` +
    `ephemeralOwner = 0x${javaLongHex(stat.ephemeralOwner)}\n` +
    `dataLength = ${stat.dataLength}\n` +
    `numChildren = ${stat.numChildren}\n`
  );
}

// --- Java's Date.toString() ---------------------------------------------------------------------

/**
 * The short names Java gives the common zones (standard, daylight). Java takes them from its own
 * tables, which differ from what Intl offers in en-US ("CET", not "GMT+1"). Zones not listed fall
 * back to Intl's abbreviation when it is one, else to "GMT+hh:mm" as Java prints custom zones.
 */
const ZONE_NAMES: Record<string, readonly [string, string]> = {};
function zones(names: readonly [string, string], ...ids: string[]): void {
  for (const id of ids) ZONE_NAMES[id] = names;
}
zones(['UTC', 'UTC'], 'UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Universal', 'Etc/Universal', 'Zulu', 'Etc/Zulu');
zones(['GMT', 'GMT'], 'GMT', 'Etc/GMT', 'Etc/GMT+0', 'Etc/GMT-0', 'Etc/GMT0', 'GMT0', 'Greenwich', 'Etc/Greenwich', 'Africa/Abidjan', 'Africa/Accra', 'Atlantic/Reykjavik', 'Iceland');
zones(['GMT', 'BST'], 'Europe/London', 'GB', 'Europe/Belfast', 'Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/Jersey');
zones(['GMT', 'IST'], 'Europe/Dublin', 'Eire');
zones(['WET', 'WEST'], 'Europe/Lisbon', 'Portugal', 'Atlantic/Canary', 'Atlantic/Madeira', 'Atlantic/Faroe', 'WET', 'Africa/Casablanca', 'Africa/El_Aaiun');
zones(
  ['CET', 'CEST'],
  'CET', 'Europe/Paris', 'Europe/Berlin', 'Europe/Madrid', 'Europe/Rome', 'Europe/Amsterdam', 'Europe/Brussels', 'Europe/Vienna',
  'Europe/Zurich', 'Europe/Stockholm', 'Europe/Oslo', 'Europe/Copenhagen', 'Europe/Prague', 'Europe/Warsaw', 'Europe/Budapest',
  'Europe/Belgrade', 'Europe/Luxembourg', 'Europe/Monaco', 'Europe/Malta', 'Europe/Andorra', 'Europe/Bratislava', 'Europe/Ljubljana',
  'Europe/Zagreb', 'Europe/Sarajevo', 'Europe/Skopje', 'Europe/Tirane', 'Europe/Gibraltar', 'Europe/Vaduz', 'Europe/San_Marino',
  'Europe/Vatican', 'Europe/Podgorica', 'Europe/Busingen', 'Africa/Ceuta', 'Arctic/Longyearbyen', 'Poland', 'MET',
);
zones(
  ['EET', 'EEST'],
  'EET', 'Europe/Athens', 'Europe/Bucharest', 'Europe/Helsinki', 'Europe/Kiev', 'Europe/Kyiv', 'Europe/Riga', 'Europe/Sofia',
  'Europe/Tallinn', 'Europe/Vilnius', 'Europe/Chisinau', 'Europe/Mariehamn', 'Asia/Beirut', 'Asia/Nicosia', 'Europe/Nicosia',
  'Africa/Cairo', 'Egypt', 'Africa/Tripoli', 'Libya', 'Europe/Kaliningrad',
);
zones(['IST', 'IDT'], 'Asia/Jerusalem', 'Asia/Tel_Aviv', 'Israel');
zones(['MSK', 'MSK'], 'Europe/Moscow', 'W-SU', 'Europe/Simferopol');
zones(['TRT', 'TRT'], 'Europe/Istanbul', 'Asia/Istanbul', 'Turkey');
zones(
  ['EST', 'EDT'],
  'America/New_York', 'US/Eastern', 'EST5EDT', 'America/Detroit', 'America/Toronto', 'America/Montreal', 'America/Nassau',
  'America/Indiana/Indianapolis', 'America/Indianapolis', 'America/Kentucky/Louisville', 'America/Louisville', 'Canada/Eastern',
  'US/Michigan', 'America/Iqaluit',
);
zones(['EST', 'EST'], 'EST', 'America/Panama', 'America/Jamaica', 'Jamaica', 'America/Cancun');
zones(
  ['CST', 'CDT'],
  'America/Chicago', 'US/Central', 'CST6CDT', 'America/Winnipeg', 'Canada/Central', 'America/Matamoros',
  'America/Indiana/Knox', 'America/Menominee', 'America/North_Dakota/Center',
);
zones(['CST', 'CST'], 'America/Mexico_City', 'America/Regina', 'Canada/Saskatchewan', 'America/Guatemala', 'America/Costa_Rica', 'America/El_Salvador', 'America/Tegucigalpa', 'America/Managua');
zones(['MST', 'MDT'], 'America/Denver', 'US/Mountain', 'MST7MDT', 'America/Edmonton', 'Canada/Mountain', 'America/Boise', 'Navajo', 'America/Ciudad_Juarez');
zones(['MST', 'MST'], 'MST', 'America/Phoenix', 'US/Arizona', 'America/Creston', 'America/Hermosillo');
zones(['PST', 'PDT'], 'America/Los_Angeles', 'US/Pacific', 'PST8PDT', 'America/Vancouver', 'Canada/Pacific', 'America/Tijuana');
zones(['AKST', 'AKDT'], 'America/Anchorage', 'US/Alaska', 'America/Juneau', 'America/Sitka', 'America/Nome');
zones(['HST', 'HST'], 'HST', 'Pacific/Honolulu', 'US/Hawaii');
zones(['AST', 'ADT'], 'America/Halifax', 'Canada/Atlantic', 'Atlantic/Bermuda', 'America/Moncton', 'America/Glace_Bay');
zones(['AST', 'AST'], 'America/Puerto_Rico', 'America/Santo_Domingo', 'America/Barbados', 'America/Martinique');
zones(['NST', 'NDT'], 'America/St_Johns', 'Canada/Newfoundland');
zones(['BRT', 'BRST'], 'America/Sao_Paulo', 'Brazil/East');
zones(['ART', 'ARST'], 'America/Argentina/Buenos_Aires', 'America/Buenos_Aires');
zones(['COT', 'COT'], 'America/Bogota');
zones(['PET', 'PET'], 'America/Lima');
zones(['VET', 'VET'], 'America/Caracas');
zones(['IST', 'IST'], 'Asia/Kolkata', 'Asia/Calcutta');
zones(['NPT', 'NPT'], 'Asia/Kathmandu', 'Asia/Katmandu');
zones(['JST', 'JST'], 'Asia/Tokyo', 'Japan');
zones(['KST', 'KST'], 'Asia/Seoul', 'ROK');
zones(['CST', 'CST'], 'Asia/Shanghai', 'PRC', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'Asia/Taipei', 'ROC', 'Asia/Macau');
zones(['HKT', 'HKT'], 'Asia/Hong_Kong', 'Hongkong');
zones(['SGT', 'SGT'], 'Asia/Singapore', 'Singapore');
zones(['MYT', 'MYT'], 'Asia/Kuala_Lumpur');
zones(['ICT', 'ICT'], 'Asia/Bangkok', 'Asia/Ho_Chi_Minh', 'Asia/Saigon', 'Asia/Phnom_Penh', 'Asia/Vientiane');
zones(['WIB', 'WIB'], 'Asia/Jakarta');
zones(['GST', 'GST'], 'Asia/Dubai', 'Asia/Muscat');
zones(['PKT', 'PKT'], 'Asia/Karachi');
zones(['BDT', 'BDT'], 'Asia/Dhaka');
zones(['IRST', 'IRDT'], 'Asia/Tehran', 'Iran');
zones(['AEST', 'AEDT'], 'Australia/Sydney', 'Australia/Melbourne', 'Australia/Hobart', 'Australia/Canberra', 'Australia/ACT', 'Australia/NSW', 'Australia/Victoria', 'Australia/Tasmania');
zones(['AEST', 'AEST'], 'Australia/Brisbane', 'Australia/Queensland', 'Australia/Lindeman');
zones(['ACST', 'ACDT'], 'Australia/Adelaide', 'Australia/South', 'Australia/Broken_Hill');
zones(['ACST', 'ACST'], 'Australia/Darwin', 'Australia/North');
zones(['AWST', 'AWST'], 'Australia/Perth', 'Australia/West');
zones(['NZST', 'NZDT'], 'Pacific/Auckland', 'NZ', 'Antarctica/McMurdo');
zones(['SAST', 'SAST'], 'Africa/Johannesburg');
zones(['WAT', 'WAT'], 'Africa/Lagos');
zones(['EAT', 'EAT'], 'Africa/Nairobi', 'Africa/Addis_Ababa', 'Africa/Dar_es_Salaam', 'Africa/Kampala');

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string | undefined, extra: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  const key = `${timeZone ?? ''}|${JSON.stringify(extra)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      ...extra,
    });
    formatters.set(key, f);
  }
  return f;
}

/** The zone's offset from UTC at ms, in minutes (east positive). */
function offsetMinutes(ms: number, timeZone: string | undefined): number {
  const parts = formatter(timeZone).formatToParts(ms);
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  return Math.round((asUtc - whole) / 60000);
}

function gmtOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `GMT${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** The zone id the process runs in (what Java would take as its default zone). */
export function defaultTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * java.util.Date.toString(): `EEE MMM dd HH:mm:ss zzz yyyy`, in the given zone (the process's by
 * default, as the JVM uses its default zone), e.g. `Thu Jan 01 00:00:00 UTC 1970`.
 */
export function javaDateString(ms: number, timeZone?: string): string {
  const zone = timeZone ?? defaultTimeZone();
  const offset = offsetMinutes(ms, zone);
  const local = new Date(ms + offset * 60000);
  const year = local.getUTCFullYear();
  const text =
    `${WEEKDAYS[local.getUTCDay()]} ${MONTHS[local.getUTCMonth()]} ${String(local.getUTCDate()).padStart(2, '0')} ` +
    `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}:` +
    `${String(local.getUTCSeconds()).padStart(2, '0')}`;
  return `${text} ${zoneAbbreviation(ms, zone, offset)} ${String(year).padStart(4, '0')}`;
}

function zoneAbbreviation(ms: number, zone: string, offset: number): string {
  const names = ZONE_NAMES[zone];
  if (names) {
    if (names[0] === names[1]) return names[0];
    // Daylight time when the offset is above the year's standard (smallest) offset, sampled
    // monthly (Casablanca's standard time is the month of Ramadan).
    const year = new Date(ms + offset * 60000).getUTCFullYear();
    let standard = offset;
    for (let month = 0; month < 12; month++) standard = Math.min(standard, offsetMinutes(Date.UTC(year, month, 1), zone));
    return offset > standard ? names[1] : names[0];
  }
  const short = formatter(zone, { timeZoneName: 'short' })
    .formatToParts(ms)
    .find((p) => p.type === 'timeZoneName')?.value;
  if (short && /^[A-Z]{2,5}$/.test(short)) return short;
  return gmtOffset(offset);
}

// --- watch events -------------------------------------------------------------------------------

export interface WatchedEventLike {
  readonly type: string;
  readonly state: string;
  readonly path?: string | null;
}

/** WatchedEvent.toString() in 3.8 (no zxid yet). */
export function formatWatchedEvent(e: WatchedEventLike): string {
  return `WatchedEvent state:${e.state} type:${e.type} path:${e.path ?? 'null'}`;
}

/** ZooKeeperMain.MyWatcher: printMessage("WATCHER::") then printMessage(event), each after a blank line. */
export function formatWatcherLines(e: WatchedEventLike): string {
  return `\nWATCHER::\n\n${formatWatchedEvent(e)}\n`;
}

// --- errors -------------------------------------------------------------------------------------

export interface KeeperErrorLike {
  readonly code: number;
  readonly path?: string | null;
}

/** KeeperException.getMessage(): `KeeperErrorCode = NoNode for /x`. */
export function keeperExceptionMessage(e: KeeperErrorLike): string {
  return `KeeperErrorCode = ${codeMessage(e.code)}${e.path ? ` for ${e.path}` : ''}`;
}

/** CliWrapperException's message for a KeeperException: what zkCli prints when a call fails. */
export function cliErrorMessage(e: KeeperErrorLike): string {
  const path = e.path ?? 'null';
  switch (e.code) {
    case -101:
      return `Node does not exist: ${path}`;
    case -108:
      return `Ephemerals cannot have children: ${path}`;
    case -110:
      return `Node already exists: ${path}`;
    case -111:
      return `Node not empty: ${path}`;
    case -119:
      return `Not a read-only call: ${path}`;
    case -114:
      return `Acl is not valid : ${path}`;
    case -102:
      return `Insufficient permission : ${path}`;
    case -8:
      return `Arguments are not valid : ${path}`;
    case -103:
      return `version No is not valid : ${path}`;
    case -14:
      return 'Another reconfiguration is in progress -- concurrent reconfigs not supported (yet)';
    case -13:
      return (
        'No quorum of new config is connected and up-to-date with the leader of last committed config - try ' +
        'invoking reconfiguration after new servers are connected and synced'
      );
    case -125:
      return `Quota has exceeded : ${path}`;
    default:
      return keeperExceptionMessage(e);
  }
}

// --- ACLs ---------------------------------------------------------------------------------------

export interface AclLike {
  readonly perms: number;
  readonly id: { readonly scheme: string; readonly id: string };
}

export const PERMS = { READ: 1, WRITE: 2, CREATE: 4, DELETE: 8, ADMIN: 16 } as const;

/** ZKUtil.getPermString: letters in the order c, d, r, w, a. */
export function permString(perms: number): string {
  let s = '';
  if (perms & PERMS.CREATE) s += 'c';
  if (perms & PERMS.DELETE) s += 'd';
  if (perms & PERMS.READ) s += 'r';
  if (perms & PERMS.WRITE) s += 'w';
  if (perms & PERMS.ADMIN) s += 'a';
  return s;
}

/** jute's Utils.toCSVString: a leading quote, and %-escapes for the CSV separators. */
function csvString(s: string): string {
  let out = "'";
  for (const c of s) {
    switch (c) {
      case '\0':
        out += '%00';
        break;
      case '\n':
        out += '%0A';
        break;
      case '\r':
        out += '%0D';
        break;
      case ',':
        out += '%2C';
        break;
      case '}':
        out += '%7D';
        break;
      case '%':
        out += '%25';
        break;
      default:
        out += c;
    }
  }
  return out;
}

/** getAcl's two lines per entry: the Id record's CSV form (it ends with a newline), then `: perms`. */
export function formatAcl(acl: readonly AclLike[]): string {
  return acl.map((a) => `${csvString(a.id.scheme)},${csvString(a.id.id)}\n: ${permString(a.perms)}\n`).join('');
}

/** Java's String.split(","): trailing empty strings dropped; no separator → the whole string. */
function javaSplitComma(s: string): string[] {
  if (!s.includes(',')) return [s];
  const parts = s.split(',');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * AclParser.parse: `scheme:id:perm[,...]`. Malformed entries are reported (on stderr, through
 * `warn`) and skipped; unknown permission letters are reported and ignored.
 */
export function parseAcl(text: string, warn: (line: string) => void): AclLike[] {
  const out: AclLike[] = [];
  for (const a of javaSplitComma(text)) {
    const first = a.indexOf(':');
    const last = a.lastIndexOf(':');
    if (first === -1 || last === -1 || first === last) {
      warn(`${a} does not have the form scheme:id:perm`);
      continue;
    }
    let perms = 0;
    for (const c of a.slice(last + 1)) {
      switch (c) {
        case 'r':
          perms |= PERMS.READ;
          break;
        case 'w':
          perms |= PERMS.WRITE;
          break;
        case 'c':
          perms |= PERMS.CREATE;
          break;
        case 'd':
          perms |= PERMS.DELETE;
          break;
        case 'a':
          perms |= PERMS.ADMIN;
          break;
        default:
          warn(`Unknown perm type: ${c}`);
      }
    }
    out.push({ perms, id: { scheme: a.slice(0, first), id: a.slice(first + 1, last) } });
  }
  return out;
}

// --- usage --------------------------------------------------------------------------------------

/** Each command's option string (CliCommand.getOptionStr), as zkCli 3.8.0 lists them. */
export const COMMAND_USAGE: Readonly<Record<string, string>> = {
  addWatch: '[-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - default is PERSISTENT_RECURSIVE',
  addauth: 'scheme auth',
  close: '',
  config: '[-c] [-w] [-s]',
  connect: 'host:port',
  create: '[-s] [-e] [-c] [-t ttl] path [data] [acl]',
  delete: '[-v version] path',
  deleteall: 'path [-b batch size]',
  delquota: '[-n|-b|-N|-B] path',
  get: '[-s] [-w] path',
  getAcl: '[-s] path',
  getAllChildrenNumber: 'path',
  getEphemerals: 'path',
  history: '',
  listquota: 'path',
  ls: '[-s] [-w] [-R] path',
  printwatches: 'on|off',
  quit: '',
  reconfig:
    '[-s] [-v version] [[-file path] | [-members serverID=host:port1:port2;port3[,...]*]] | ' +
    '[-add serverId=host:port1:port2;port3[,...]]* [-remove serverId[,...]*]',
  redo: 'cmdno',
  removewatches: 'path [-c|-d|-a] [-l]',
  set: '[-s] [-v version] path data',
  setAcl: '[-s] [-v version] [-R] path acl',
  setquota: '-n|-b|-N|-B val path',
  stat: '[-w] path',
  sync: 'path',
  version: '',
  whoami: '',
};

/** CliCommand.getUsageStr: `name options`. */
export function usageOf(command: string): string {
  return `${command} ${COMMAND_USAGE[command] ?? ''}`;
}

/** ZooKeeperMain.usage(), printed on stderr before "Command not found". */
export function formatUsage(): string {
  const names = Object.keys(COMMAND_USAGE).sort(javaCompare);
  return (
    'ZooKeeper -server host:port -client-configuration properties-file cmd args\n' +
    names.map((n) => `\t${n} ${COMMAND_USAGE[n]}\n`).join('')
  );
}

/** HelpFormatter.printHelp("ls [options] path", options) for `ls -?`. */
export const LS_HELP = 'usage: ls [options] path\n -?   help\n -R   recurse\n -s   stat\n -w   watch\n';

/** String.compareTo: UTF-16 code units. */
export function javaCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** AbstractCollection.toString: `[a, b]`. */
export function javaListString(items: readonly string[]): string {
  return `[${items.join(', ')}]`;
}

// --- whoami's order ----------------------------------------------------------------------------

/**
 * The order whoami lists a connection's auth ids: a ConcurrentHashMap-backed set of Id records
 * (jute's hashCode: 37 * (37 * 17 + scheme.hashCode()) + id.hashCode()), bucket by bucket, in
 * insertion order within a bucket; 16 buckets, doubled past 0.75 load.
 */
export function authIdsOrder<T extends { scheme: string; id: string }>(ids: readonly T[]): T[] {
  const hash = (x: T): number => {
    let r = 17;
    r = (Math.imul(37, r) + javaStringHash(x.scheme)) | 0;
    r = (Math.imul(37, r) + javaStringHash(x.id)) | 0;
    return (r ^ (r >>> 16)) & 0x7fffffff;
  };
  let cap = 16;
  while (ids.length > cap * 0.75) cap *= 2;
  return ids
    .map((x, i) => ({ x, i, b: hash(x) & (cap - 1) }))
    .sort((a, b) => a.b - b.b || a.i - b.i)
    .map((e) => e.x);
}
