/**
 * Every error the engine can raise, with ZooKeeper 3.8's codes and texts. Nothing else in the
 * engine spells an error message.
 *
 * Two families, as in the Java client:
 *  - KeeperException: the server (or the client library standing in for it) refused the request.
 *    `code` is the wire code (-101), `codeName` its name ('NoNode'), and the message is
 *    KeeperException.getMessage(): `KeeperErrorCode = NoNode for /a`.
 *  - IllegalArgumentException: the Java client rejects a bad path, TTL or empty ACL before
 *    anything is sent, so no zxid is used. These are ZkErrors with `kind: 'illegalArgument'`,
 *    code BadArguments, and Java's message (`Path must start with / character`), which is what
 *    zkCli.sh prints for them.
 */

/** KeeperException.Code, by the names the API uses. */
export const Code = {
  Ok: 0,
  SystemError: -1,
  RuntimeInconsistency: -2,
  DataInconsistency: -3,
  ConnectionLoss: -4,
  MarshallingError: -5,
  Unimplemented: -6,
  OperationTimeout: -7,
  BadArguments: -8,
  UnknownSession: -12,
  NewConfigNoQuorum: -13,
  ReconfigInProgress: -14,
  APIError: -100,
  NoNode: -101,
  NoAuth: -102,
  BadVersion: -103,
  NoChildrenForEphemerals: -108,
  NodeExists: -110,
  NotEmpty: -111,
  SessionExpired: -112,
  InvalidCallback: -113,
  InvalidACL: -114,
  AuthFailed: -115,
  SessionMoved: -118,
  NotReadOnly: -119,
  EphemeralOnLocalSession: -120,
  NoWatcher: -121,
  RequestTimeout: -122,
  ReconfigDisabled: -123,
  SessionClosedRequireSaslAuth: -124,
  QuotaExceeded: -125,
  ThrottledOp: -127,
} as const;

export type CodeName = keyof typeof Code;

const NAMES = new Map<number, CodeName>(Object.entries(Code).map(([name, code]) => [code, name as CodeName]));

/** KeeperException.getCodeMessage: mostly the name, with a few historical exceptions. */
const CODE_MESSAGES: Partial<Record<CodeName, string>> = {
  Ok: 'ok',
  NotEmpty: 'Directory not empty',
  SessionExpired: 'Session expired',
  InvalidCallback: 'Invalid callback',
  SessionMoved: 'Session moved',
  NotReadOnly: 'Not a read-only call',
  EphemeralOnLocalSession: 'Ephemeral node on local session',
  NoWatcher: 'No such watcher',
  ReconfigDisabled: 'Reconfig is disabled',
  SessionClosedRequireSaslAuth: 'Session closed because client failed to authenticate',
  QuotaExceeded: 'Quota has exceeded',
  ThrottledOp: 'Op throttled due to high load',
  UnknownSession: 'Unknown error',
  RequestTimeout: 'Unknown error',
};

export function codeName(code: number): CodeName | 'Unknown' {
  return NAMES.get(code) ?? 'Unknown';
}

export function codeMessage(code: number): string {
  const name = NAMES.get(code);
  if (name === undefined) return 'Unknown error';
  return CODE_MESSAGES[name] ?? name;
}

export class ZkError extends Error {
  /** ZooKeeper's numeric code (-101). */
  readonly code: number;
  /** The code's name ('NoNode'). */
  readonly codeName: CodeName | 'Unknown';
  /**
   * The path the request named (Java reports the client's path, without a sequential suffix).
   * For a failed multi, the path of the op that failed (the Java exception has none).
   */
  readonly path: string | undefined;
  /** A failed multi's per-op codes: 0 before the failing op, its code, then -2 (RuntimeInconsistency). */
  readonly results: readonly number[] | undefined;
  /** 'keeper' for a KeeperException, 'illegalArgument' for what the Java client rejects locally. */
  readonly kind: 'keeper' | 'illegalArgument';

  constructor(code: number, options: { path?: string; results?: readonly number[]; message?: string; kind?: 'keeper' | 'illegalArgument'; messagePath?: string | null } = {}) {
    const messagePath = options.messagePath === undefined ? options.path : options.messagePath;
    super(options.message ?? `KeeperErrorCode = ${codeMessage(code)}${messagePath ? ` for ${messagePath}` : ''}`);
    this.name = 'ZkError';
    this.code = code;
    this.codeName = codeName(code);
    this.path = options.path;
    this.results = options.results;
    this.kind = options.kind ?? 'keeper';
  }
}

/** A KeeperException with ZooKeeper's code for `name`. */
export function keeper(name: CodeName, path?: string): ZkError {
  return new ZkError(Code[name], { path });
}

/** What the Java client throws as IllegalArgumentException before sending anything. */
export function illegalArgument(message: string, path?: string): ZkError {
  return new ZkError(Code.BadArguments, { message, path, kind: 'illegalArgument' });
}

/** The IllegalArgumentException texts (PathUtils.validatePath, EphemeralType.validateTTL, …). */
export const MSG = {
  pathNull: 'Path cannot be null',
  pathEmpty: 'Path length must be > 0',
  pathStart: 'Path must start with / character',
  pathEnd: 'Path must not end with / character',
  invalidPath: (path: string, reason: string) => `Invalid path string "${path}" caused by ${reason}`,
  nullChar: (i: number) => `null character not allowed @${i}`,
  emptyNodeName: (i: number) => `empty node name specified @${i}`,
  relativePath: (i: number) => `relative paths not allowed @${i}`,
  invalidChar: (i: number) => `invalid character @${i}`,
  ttlRange: (max: number) => `ttl must be positive and cannot be larger than: ${max}`,
  ttlNotValidForMode: (mode: string) => `ttl not valid for mode: ${mode}`,
  unknownMode: (mode: string) => `Received an invalid create mode: ${mode}`,
  unknownWatchMode: (mode: string) => `unknown watch mode: ${mode}`,
  unknownWatcherType: (type: string) => `unknown watcher type: ${type}`,
  unknownOp: (op: string) => `unknown multi op: ${op}`,
  nullWatcher: "Invalid Watcher, shouldn't be null",
} as const;
