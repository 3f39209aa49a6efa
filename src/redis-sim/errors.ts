/**
 * Every error text the engine can reply with, exactly as Redis 7.0 writes it. Handlers throw a
 * RedisError; the dispatcher turns it into an error reply. Nothing else in the engine spells an
 * error message.
 */
export class RedisError extends Error {
  constructor(readonly reply: string) {
    super(reply);
  }
}

export const fail = (message: string): never => {
  throw new RedisError(message);
};

/** printf's `%.Ns` on a binary string: at most n bytes, and the C string ends at its first NUL. */
const cstr = (s: string, n: number): string => {
  const nul = s.indexOf('\0');
  return (nul >= 0 ? s.slice(0, nul) : s).slice(0, n);
};

/** rejectCommandFormat / addReplyErrorFormat: no \r or \n may reach the error line. */
const oneLine = (s: string): string => s.replace(/[\r\n]/g, ' ');

export const ERR = {
  wrongType: 'WRONGTYPE Operation against a key holding the wrong kind of value',
  syntax: 'ERR syntax error',
  notInteger: 'ERR value is not an integer or out of range',
  notFloat: 'ERR value is not a valid float',
  notPositive: 'ERR value is out of range, must be positive',
  notPositiveCount: 'ERR value is out of range, value must be positive',
  overflow: 'ERR increment or decrement would overflow',
  decrementOverflow: 'ERR decrement would overflow',
  nanOrInfinity: 'ERR increment would produce NaN or Infinity',
  /** HINCRBYFLOAT's check of the increment itself (INCRBYFLOAT has none). */
  valueNaNOrInfinity: 'ERR value is NaN or Infinity',
  noSuchKey: 'ERR no such key',
  indexOutOfRange: 'ERR index out of range',
  hashNotInteger: 'ERR hash value is not an integer',
  hashNotFloat: 'ERR hash value is not a float',
  minMaxNotFloat: 'ERR min or max is not a float',
  minMaxNotLex: 'ERR min or max not valid string range item',
  scoreNaN: 'ERR resulting score is not a number (NaN)',
  weightNotFloat: 'ERR weight value is not a float',
  zaddXxNx: 'ERR XX and NX options at the same time are not compatible',
  zaddGtLtNx: 'ERR GT, LT, and/or NX options at the same time are not compatible',
  zaddIncrPair: 'ERR INCR option supports a single increment-element pair',
  zrangeLimit: 'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX',
  zrangeWithScoresByLex: 'ERR syntax error, WITHSCORES not supported in combination with BYLEX',
  atLeastOneKey: (cmd: string) => `ERR at least 1 input key is needed for '${cmd}' command`,
  numkeysZero: (cmd: string) => `ERR at least 1 input key is needed for ${cmd}`,
  numkeysTooMany: "ERR Number of keys can't be greater than number of args",
  numkeysPositive: 'ERR numkeys should be greater than 0',
  countPositive: 'ERR count should be greater than 0',
  limitNegative: "ERR LIMIT can't be negative",
  valueOutOfRange: 'ERR value is out of range',
  longRange: 'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
  /** getRangeLongFromObjectOrReply without a custom message (SRANDMEMBER's count, Redis 7.0's wording). */
  valueBetween: (min: string, max: string) => `ERR value is out of range, value must between ${min} and ${max}`,
  /** Not a Redis error: a random-with-repeats reply (SRANDMEMBER -n) past what the simulator will build. */
  replyTooLarge: (n: string, max: number) => `ERR redzoo: a reply of ${n} elements is beyond the simulator's limit of ${max}`,
  bitOffset: 'ERR bit offset is not an integer or out of range',
  offsetOutOfRange: 'ERR offset is out of range',
  stringTooLong: 'ERR string exceeds maximum allowed size (proto-max-bulk-len)',
  setExpire: "ERR invalid expire time in 'set' command",
  getexExpire: "ERR invalid expire time in 'getex' command",
  expireTime: (cmd: string) => `ERR invalid expire time in '${cmd}' command`,
  expireOptions: 'ERR NX and XX, GT or LT options at the same time are not compatible',
  expireGtLt: 'ERR GT and LT options at the same time are not compatible',
  expireUnsupportedOption: (opt: string) => `ERR Unsupported option ${opt}`,
  lposRank:
    "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
  lposCount: "ERR COUNT can't be negative",
  lposMaxlen: "ERR MAXLEN can't be negative",
  dbIndex: 'ERR DB index is out of range',
  invalidDbIndex: 'ERR invalid first DB index',
  invalidSecondDbIndex: 'ERR invalid second DB index',
  sameObject: 'ERR source and destination objects are the same',
  invalidCursor: 'ERR invalid cursor',
  unknownType: (t: string) => `ERR unknown type name '${t}'`,
  multiNested: 'ERR MULTI calls can not be nested',
  execWithoutMulti: 'ERR EXEC without MULTI',
  discardWithoutMulti: 'ERR DISCARD without MULTI',
  watchInMulti: 'ERR WATCH inside MULTI is not allowed',
  execAbort: 'EXECABORT Transaction discarded because of previous errors.',
  /** execCommandAbort: EXEC itself rejected (arity, subscribed context); the reason loses its 'ERR '. */
  execAbortBecause: (reason: string) => `EXECABORT Transaction discarded because of: ${reason.replace(/^ERR /, '')}`,
  notAllowedInMulti: (cmd: string) => `ERR Command not allowed inside a transaction`,
  wrongArity: (cmd: string) => `ERR wrong number of arguments for '${cmd}' command`,
  /**
   * processCommand's rejectCommandFormat: `'%.128s'` for the name, then `'%.*s' ` per argument
   * while the list is under 128 bytes; %s stops at a NUL, and \r \n become spaces (user bytes
   * must not break the reply line).
   */
  unknownCommand: (name: string, args: readonly string[]) => {
    let list = '';
    for (let i = 0; i < args.length && list.length < 128; i++) list += `'${cstr(args[i]!, 128 - list.length)}' `;
    return oneLine(`ERR unknown command '${cstr(name, 128)}', with args beginning with: ${list}`);
  },
  /** addReplySubcommandSyntaxError: a subcommand that checks its own argument count. */
  subcommandSyntax: (sub: string, cmd: string) =>
    `ERR unknown subcommand or wrong number of arguments for '${sub.slice(0, 128)}'. Try ${cmd.toUpperCase()} HELP.`,
  unknownSubcommand: (sub: string, cmd: string) =>
    oneLine(`ERR unknown subcommand '${cstr(sub, 128)}'. Try ${cstr(cmd, Infinity).toUpperCase()} HELP.`),
  subscribedContext: (cmd: string) =>
    `ERR Can't execute '${cmd}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
  noProto: 'NOPROTO unsupported protocol version',
  protocolVersion: 'ERR Protocol version is not an integer or out of range',
  helloSyntax: (opt: string) => `ERR Syntax error in HELLO option '${opt}'`,
  wrongPass: 'WRONGPASS invalid username-password pair or user is disabled.',
  clientType: (t: string) => `ERR Unknown client type '${t}'`,
  invalidClientId: 'ERR Invalid client ID',
  noConfigFile: 'ERR The server is running without a config file',
  lfuNotSelected: 'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
  lfuSelected: 'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
  configUnknown: (name: string) => `ERR Unknown option or number of arguments for CONFIG SET - '${cstr(name, Infinity)}'`,
  configInvalid: (name: string, value: string, why: string) =>
    `ERR CONFIG SET failed (possibly related to argument '${name}') - ${why}`,
  clientName: 'ERR Client names cannot contain spaces, newlines or special characters.',
  protocol: (detail: string) => `ERR Protocol error: ${detail}`,
} as const;
