import { createHash } from 'node:crypto';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
  JavaException,
  CliParseError,
  hasOption,
  javaDecodeInt,
  javaParseInt,
  javaParseLong,
  optionValue,
  parseCliOptions,
  splitZkLine,
  type OptionSpec,
  type ParsedLine,
} from './zk-args.js';
import {
  CODES,
  COMMAND_USAGE,
  LS_HELP,
  authIdsOrder,
  childrenOrder,
  cliErrorMessage,
  ephemeralsOrder,
  formatAcl,
  formatStat,
  formatUsage,
  formatWatcherLines,
  javaListString,
  keeperExceptionMessage,
  parseAcl,
  usageOf,
  validatePath,
  type AclLike,
  type KeeperErrorLike,
  type WatchedEventLike,
  type ZkStatLike,
} from './zk-format.js';

/**
 * `redzoo zk`: zkCli.sh 3.8's REPL over an in-process ZooKeeper engine. It reads lines as
 * ZooKeeperMain does (its tokenizer, its commons-cli option parsing, `history`, `redo`,
 * `printwatches`, `connect`, `close`, `quit`) and prints what each CliCommand prints, on the
 * stream it prints it on (`Created /x` and errors go to stderr, data and stats to stdout), so
 * `printf 'create /a x\nget -s /a\n' | redzoo zk 2>&1` reads like the same lines piped into
 * zkCli.sh against a fresh ZooKeeper.
 *
 * What the Java client does on its own side is done here too: path validation (PathUtils),
 * ACL parsing, the empty-ACL check, the order in which the server hands out hash sets
 * (getEphemerals, the children deleteall walks), the watch events removewatches raises.
 * zkCli dies on a few inputs (`set -v x`, `redo x`, `addWatch bad-path`): here the Java
 * exception's first line is printed and the REPL goes on.
 */

// --- what the REPL needs from the engine (redzoo/zk) --------------------------------------------

export type ZkData = Uint8Array | null | undefined;

/** One client session, as redzoo/zk's server.connect() returns it. */
export interface ZkClientSession {
  readonly sessionId: bigint;
  create(path: string, data?: Uint8Array, options?: { mode?: string; ttl?: number; acl?: AclLike[] }): string;
  getData(path: string, options?: { watch?: boolean }): { data: ZkData; stat: ZkStatLike };
  setData(path: string, data: Uint8Array, version?: number): ZkStatLike;
  exists(path: string, options?: { watch?: boolean }): ZkStatLike | null;
  getChildren(path: string, options?: { watch?: boolean }): string[];
  getChildren2(path: string, options?: { watch?: boolean }): { children: string[]; stat: ZkStatLike };
  getAllChildrenNumber(path: string): number;
  getEphemerals(prefix?: string): string[];
  delete(path: string, version?: number): void;
  multi(ops: { op: 'delete'; path: string; version?: number }[]): unknown;
  sync(path: string): unknown;
  addWatch(path: string, mode: 'PERSISTENT' | 'PERSISTENT_RECURSIVE'): void;
  removeWatches(path: string, type: 'Children' | 'Data' | 'Any'): void;
  getACL(path: string): { acl: readonly AclLike[]; stat: ZkStatLike };
  setACL(path: string, acl: AclLike[], version?: number): ZkStatLike;
  addAuth(scheme: string, auth: Uint8Array | string): void;
  ping(): void;
  close(): void;
}

export interface ZkServerLike {
  connect(options: { sessionTimeout?: number; watcher?: (event: WatchedEventLike) => void }): ZkClientSession;
  tick(): void;
}

// --- errors as zkCli reports them ---------------------------------------------------------------

/** org.apache.zookeeper.cli.CliException: processCmd prints its message on stderr. */
class CliException extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A KeeperException from the engine (ZkError) or raised on the client side, or null. */
function keeperError(e: unknown): KeeperErrorLike | null {
  if (typeof e !== 'object' || e === null) return null;
  const x = e as { code?: unknown; codeName?: unknown; path?: unknown };
  let code: number | undefined;
  if (typeof x.code === 'number') code = x.code;
  else if (typeof x.codeName === 'string') code = CODES[x.codeName];
  if (code === undefined) return null;
  return { code, path: typeof x.path === 'string' ? x.path : null };
}

class KeeperError extends Error implements KeeperErrorLike {
  constructor(
    readonly code: number,
    readonly path: string | null = null,
  ) {
    super(keeperExceptionMessage({ code, path }));
  }
}

/** Runs an engine call; a KeeperException becomes CliWrapperException, as the commands wrap it. */
function wrap<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    const k = keeperError(e);
    if (k) throw new CliException(cliErrorMessage(k));
    throw e;
  }
}

/** IllegalArgumentException from PathUtils → MalformedPathException. */
function checkPath(path: string, sequential = false): void {
  const reason = validatePath(path, sequential);
  if (reason !== null) throw new CliException(reason);
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');

/** `new String(data, UTF_8)`, with "null" for a znode that has no data at all. */
function dataString(data: ZkData): string {
  return data === null || data === undefined ? 'null' : utf8Decoder.decode(data);
}

const DEFAULT_HOST = 'localhost:2181';
/** zkCli's default -timeout, which a default server (tickTime 2000) accepts as it is. */
const DEFAULT_TIMEOUT = 30000;
const CLI_VERSION = 'ZooKeeper CLI version: 3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC';
const OPEN_ACL_UNSAFE: AclLike[] = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];
const MAX_TTL = 0xffffffffffn;

/** ZooKeeper.States, as the prompt shows them. */
type ClientState = 'CONNECTED' | 'CLOSED' | 'AUTH_FAILED';

export interface ZkCliOptions {
  /** stdout. */
  out: (text: string) => void;
  /** stderr (zkCli prints `Created`, errors and usage there). */
  err: (text: string) => void;
  /** What -server names; only printed (the engine is in this process). */
  host?: string;
  /** Session timeout asked for (zkCli's -timeout). */
  sessionTimeout?: number;
  /** The zone dates are printed in (the process's by default, as the JVM uses its own). */
  timeZone?: string;
}

/**
 * ZooKeeperMain's state for one run: the connection, `printwatches`, the history that `redo`
 * and `history` read, and the last parsed command line (a line with no token runs it again).
 */
export class ZkCli {
  private zk: ZkClientSession | null = null;
  private state: ClientState = 'CLOSED';
  private host: string;
  private printWatches = true;
  private commandCount = 0;
  private readonly history = new Map<number, string>();
  /** MyCommandOptions.cmdArgs: what the last line parsed to. */
  private lastArgs: string[] | null = null;
  /** The exit code zkCli would leave with now (the last command's). */
  exitCode = 0;
  /** Set by `quit`. */
  quitting = false;
  /** Auth ids added on this connection (the server's set; whoami lists them). */
  private authIds: { scheme: string; id: string; user: string }[] = [];
  /** Events held back until the greeting is printed (the first connection). */
  private held: WatchedEventLike[] | null = [];
  /** Which connection is current: events of older sessions are dropped. */
  private generation = 0;
  private readonly out: (text: string) => void;
  private readonly err: (text: string) => void;
  private readonly timeout: number;
  private readonly timeZone: string | undefined;

  constructor(
    readonly server: ZkServerLike,
    options: ZkCliOptions,
  ) {
    this.out = options.out;
    this.err = options.err;
    this.host = options.host ?? DEFAULT_HOST;
    this.timeout = options.sessionTimeout ?? DEFAULT_TIMEOUT;
    this.timeZone = options.timeZone;
    this.out(`Connecting to ${this.host}\n`);
    this.connectToZK(this.host);
  }

  /** run(): the greeting, then whatever the connection has said meanwhile. */
  greet(jline: boolean): void {
    this.out('Welcome to ZooKeeper!\n');
    this.out(jline ? 'JLine support is enabled\n' : 'JLine support is disabled\n');
    const held = this.held ?? [];
    this.held = null;
    for (const e of held) this.deliver(e);
  }

  /** getPrompt(): `[zk: localhost:2181(CONNECTED) 0] `. */
  prompt(): string {
    return `[zk: ${this.host}(${this.state}) ${this.commandCount}] `;
  }

  get connected(): boolean {
    return this.state === 'CONNECTED';
  }

  /** The session, for callers that look inside (tests, the TUI). */
  get session(): ZkClientSession | null {
    return this.zk;
  }

  /** The client's heartbeat: the engine's timers run, and the session stays alive. */
  heartbeat(): void {
    try {
      this.server.tick();
      if (this.zk && this.state === 'CONNECTED') this.zk.ping();
    } catch {
      // A session the server already expired: the Expired event says so.
    }
  }

  /** executeLine. */
  executeLine(line: string): void {
    if (line === '') return;
    const tokens = splitZkLine(line);
    if (tokens.length > 0) this.lastArgs = tokens;
    this.history.set(this.commandCount, line);
    if (this.lastArgs === null) {
      // parseCommand found nothing and there is no previous command: getArgArray() on null.
      this.uncaught(
        new JavaException(
          'java.lang.NullPointerException',
          'Cannot invoke "java.util.List.toArray(Object[])" because "this.cmdArgs" is null',
        ),
      );
    } else {
      this.processCmd(this.lastArgs);
    }
    this.commandCount++;
  }

  /** processCmd: a CliException is printed on stderr and sets the exit code. */
  private processCmd(args: readonly string[]): void {
    try {
      this.processZKCmd([...args]);
      // quit exits with the code of the command before it.
      if (!this.quitting) this.exitCode = 0;
    } catch (e) {
      if (e instanceof CliException) {
        this.exitCode = e.exitCode;
        this.err(`${e.message}\n`);
      } else if (e instanceof JavaException) {
        this.uncaught(e);
      } else {
        this.err(`redzoo: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      }
    }
  }

  /** What kills zkCli (an exception nobody catches) is reported, and the REPL goes on. */
  private uncaught(e: JavaException): void {
    this.exitCode = 1;
    this.err(`Exception in thread "main" ${e.toString()}\n`);
  }

  private processZKCmd(args: string[]): void {
    const cmd = args[0]!;
    if (!Object.prototype.hasOwnProperty.call(COMMAND_USAGE, cmd)) {
      this.err(formatUsage());
      throw new CliException(`Command not found: Command not found ${cmd}`, 127);
    }
    if (cmd === 'quit') {
      this.closeSession();
      this.quitting = true;
      return;
    } else if (cmd === 'redo' && args.length >= 2) {
      const i = javaDecodeInt(args[1]!);
      if (this.commandCount <= i || i < 0) throw new CliException('Command index out of range');
      const again = splitZkLine(this.history.get(i) ?? '');
      if (again.length > 0) this.lastArgs = again;
      if (this.lastArgs![0] === 'redo') throw new CliException('No redoing redos');
      this.history.set(this.commandCount, this.history.get(i)!);
      this.processCmd(this.lastArgs!);
    } else if (cmd === 'history') {
      for (let i = this.commandCount - 10; i <= this.commandCount; ++i) {
        if (i < 0) continue;
        this.out(`${i} - ${this.history.get(i) ?? 'null'}\n`);
      }
    } else if (cmd === 'printwatches') {
      if (args.length === 1) this.out(`printwatches is ${this.printWatches ? 'on' : 'off'}\n`);
      else this.printWatches = args[1] === 'on';
    } else if (cmd === 'connect') {
      this.connectToZK(args.length >= 2 ? args[1]! : this.host);
    }

    // Below commands all need a live connection.
    if (this.zk === null || this.state !== 'CONNECTED') {
      this.out('Not connected\n');
      return;
    }
    const command = COMMANDS[cmd];
    if (command) command(this, args);
  }

  // --- the connection ---------------------------------------------------------------------------

  private connectToZK(host: string): void {
    if (this.zk !== null && this.state === 'CONNECTED') this.closeSession();
    this.host = host;
    this.authIds = [{ scheme: 'ip', id: '127.0.0.1', user: '127.0.0.1' }];
    const generation = ++this.generation;
    this.zk = this.server.connect({
      sessionTimeout: this.timeout,
      watcher: (e) => this.onEngineEvent(generation, e),
    });
    this.state = 'CONNECTED';
    this.deliver({ type: 'None', state: 'SyncConnected', path: null });
  }

  private closeSession(): void {
    const zk = this.zk;
    if (zk === null || this.state !== 'CONNECTED') return;
    this.state = 'CLOSED';
    try {
      zk.close();
    } catch {
      // Already gone on the server's side.
    }
    this.deliver({ type: 'None', state: 'Closed', path: null });
  }

  /** The session's default watcher. Connection events of this client are raised here. */
  private onEngineEvent(generation: number, e: WatchedEventLike): void {
    // Events of a session this client has closed (or left) are not its business any more.
    if (generation !== this.generation) return;
    if (e.type === 'None') {
      if (e.state === 'SyncConnected' || e.state === 'Closed') return;
      if (e.state === 'Expired') this.state = 'CLOSED';
      if (e.state === 'AuthFailed') this.state = 'AUTH_FAILED';
    }
    this.deliver(e);
  }

  private deliver(e: WatchedEventLike): void {
    if (this.held !== null) {
      this.held.push(e);
      return;
    }
    if (this.printWatches) this.out(formatWatcherLines(e));
  }

  // --- helpers the commands share ---------------------------------------------------------------

  /** The command's tokens through commons-cli; a ParseException becomes CliParseException. */
  parse(spec: OptionSpec, tokens: readonly string[]): ParsedLine {
    try {
      return parseCliOptions(spec, tokens);
    } catch (e) {
      if (e instanceof CliParseError) throw new CliException(e.toString());
      throw e;
    }
  }

  get api(): ZkClientSession {
    return this.zk!;
  }

  print(text: string): void {
    this.out(text);
  }

  warn(text: string): void {
    this.err(text);
  }

  stat(stat: ZkStatLike): void {
    this.out(formatStat(stat, this.timeZone));
  }

  /**
   * ZKUtil.visitSubTreeDFS: the root (its data read, with the watch), then each node's children,
   * sorted, before descending into them; a node gone meanwhile is skipped.
   */
  visitSubTree(path: string, watch: boolean, visit: (path: string) => void): void {
    const reason = validatePath(path);
    if (reason !== null) throw new CliException(reason);
    wrap(() => this.api.getData(path, { watch }));
    visit(path);
    const helper = (p: string): void => {
      let children: string[];
      try {
        children = [...this.api.getChildren(p, { watch })].sort();
      } catch (e) {
        const k = keeperError(e);
        if (k && k.code === CODES.NoNode) return;
        throw e;
      }
      const prefix = p === '/' ? '/' : `${p}/`;
      for (const c of children) visit(prefix + c);
      for (const c of children) helper(prefix + c);
    };
    wrap(() => helper(path));
  }

  /** getChildren in the order the server's HashSet gives (creation order known from czxid). */
  serverChildren(path: string): string[] {
    const names = this.api.getChildren(path, { watch: false });
    const prefix = path === '/' ? '/' : `${path}/`;
    const created = names
      .map((n) => ({ n, czxid: Number(this.api.exists(prefix + n)?.czxid ?? 0) }))
      .sort((a, b) => a.czxid - b.czxid)
      .map((x) => x.n);
    return childrenOrder(created);
  }

  /** getEphemerals in the server's order: the session's HashSet, cloned, then filtered. */
  serverEphemerals(prefix: string | null): string[] {
    const all = this.api.getEphemerals('/');
    const created = all
      .map((p) => ({ p, czxid: Number(this.api.exists(p)?.czxid ?? 0) }))
      .sort((a, b) => a.czxid - b.czxid)
      .map((x) => x.p);
    const ordered = ephemeralsOrder(created);
    if (prefix === null || prefix.trim() === '' || prefix.trim() === '/') return ordered;
    return ordered.filter((p) => p.startsWith(prefix));
  }

  /** addauth: the server checks the scheme; digest ids are `user:base64(sha1(user:password))`. */
  addAuth(scheme: string, auth: string | null): void {
    const fail = (): void => {
      this.state = 'AUTH_FAILED';
      this.deliver({ type: 'None', state: 'AuthFailed', path: null });
    };
    if (scheme === 'digest' && auth !== null) {
      try {
        this.api.addAuth(scheme, utf8.encode(auth));
      } catch (e) {
        if (keeperError(e)) return fail();
        throw e;
      }
      const user = auth.split(':')[0]!;
      const id = `${user}:${createHash('sha1').update(auth, 'utf8').digest('base64')}`;
      if (!this.authIds.some((a) => a.scheme === 'digest' && a.id === id)) this.authIds.push({ scheme, id, user });
      return;
    }
    // The ip provider adds the connection's own address, which is there already.
    if (scheme === 'ip') return;
    fail();
  }

  whoAmI(): { scheme: string; user: string }[] {
    return authIdsOrder(this.authIds);
  }

  close(): void {
    this.closeSession();
  }
}

// --- the commands (org.apache.zookeeper.cli.*Command) -------------------------------------------

type Command = (cli: ZkCli, tokens: string[]) => void;

function usage(command: string): CliException {
  return new CliException(usageOf(command));
}

/** `'get path [watch]' has been deprecated`: the third argument is rewritten to -w and parsed again. */
function retainWatchCompatibility(cli: ZkCli, spec: OptionSpec, tokens: string[], p: ParsedLine, command: string, modern: string): ParsedLine {
  if (p.args.length <= 2) return p;
  tokens[2] = '-w';
  cli.warn(`'${command} path [watch]' has been deprecated. Please use '${modern}' instead.\n`);
  return cli.parse(spec, tokens);
}

const CREATE: OptionSpec = { e: false, s: false, c: false, t: true };
const GET: OptionSpec = { s: false, w: false };
const SET: OptionSpec = { s: false, v: true };
const LS: OptionSpec = { '?': false, s: false, w: false, R: false };
const STAT: OptionSpec = { w: false };
const DELETE: OptionSpec = { v: true };
const DELETEALL: OptionSpec = { b: true };
const NONE: OptionSpec = {};
const ADDWATCH: OptionSpec = { m: true };
const REMOVEWATCHES: OptionSpec = { c: false, d: false, a: false, l: false };
const GETACL: OptionSpec = { s: false };
const SETACL: OptionSpec = { s: false, v: true, R: false };
const CONFIG: OptionSpec = { c: false, w: false, s: false };

const COMMANDS: Record<string, Command> = {
  create(cli, tokens) {
    const p = cli.parse(CREATE, tokens);
    if (p.args.length < 2) throw usage('create');
    const hasE = hasOption(p, 'e');
    const hasS = hasOption(p, 's');
    const hasC = hasOption(p, 'c');
    const hasT = hasOption(p, 't');
    if (hasC && (hasE || hasS)) {
      throw new CliException('-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.');
    }
    let ttl = 0n;
    if (hasT) {
      try {
        ttl = javaParseLong(optionValue(p, 't')!);
      } catch {
        throw new CliException('-t argument must be a long value');
      }
    }
    if (hasT && hasE) throw new CliException('TTLs cannot be used with Ephemeral znodes');
    if (hasT && hasC) throw new CliException('TTLs cannot be used with Container znodes');
    let mode: string;
    if (hasE && hasS) mode = 'EPHEMERAL_SEQUENTIAL';
    else if (hasE) mode = 'EPHEMERAL';
    else if (hasS) mode = hasT ? 'PERSISTENT_SEQUENTIAL_WITH_TTL' : 'PERSISTENT_SEQUENTIAL';
    else if (hasC) mode = 'CONTAINER';
    else mode = hasT ? 'PERSISTENT_WITH_TTL' : 'PERSISTENT';
    if (hasT && (ttl > MAX_TTL || ttl <= 0n)) {
      throw new CliException(`ttl must be positive and cannot be larger than: ${MAX_TTL}`);
    }
    const path = p.args[1]!;
    const data = p.args.length > 2 ? utf8.encode(p.args[2]!) : undefined;
    const acl = p.args.length > 3 ? parseAcl(p.args[3]!, (l) => cli.warn(`${l}\n`)) : OPEN_ACL_UNSAFE;
    checkPath(path, hasS);
    try {
      if (acl.length === 0) throw new KeeperError(CODES.InvalidACL!);
      const created = cli.api.create(path, data, { mode, acl, ...(hasT ? { ttl: Number(ttl) } : {}) });
      cli.warn(`Created ${created}\n`);
    } catch (e) {
      const k = keeperError(e);
      if (!k) throw e;
      if (k.code === CODES.InvalidACL) cli.warn(`${keeperExceptionMessage(k)}\n`);
      throw new CliException(cliErrorMessage(k));
    }
  },

  get(cli, tokens) {
    let p = cli.parse(GET, tokens);
    if (p.args.length < 2) throw usage('get');
    p = retainWatchCompatibility(cli, GET, tokens, p, 'get', 'get [-s] [-w] path');
    const watch = hasOption(p, 'w');
    const path = p.args[1]!;
    checkPath(path);
    const { data, stat } = wrap(() => cli.api.getData(path, { watch }));
    cli.print(`${dataString(data)}\n`);
    if (hasOption(p, 's')) cli.stat(stat);
  },

  set(cli, tokens) {
    const p = cli.parse(SET, tokens);
    if (p.args.length < 3) throw usage('set');
    const path = p.args[1]!;
    const data = utf8.encode(p.args[2]!);
    const version = hasOption(p, 'v') ? javaParseInt(optionValue(p, 'v')!) : -1;
    checkPath(path);
    const stat = wrap(() => cli.api.setData(path, data, version));
    if (hasOption(p, 's')) cli.stat(stat);
  },

  ls(cli, tokens) {
    let p = cli.parse(LS, tokens);
    if (hasOption(p, '?')) cli.print(LS_HELP);
    p = retainWatchCompatibility(cli, LS, tokens, p, 'ls', 'ls [-w] path');
    if (p.args.length < 2) throw usage('ls');
    const path = p.args[1]!;
    const watch = hasOption(p, 'w');
    if (hasOption(p, 'R')) {
      cli.visitSubTree(path, watch, (node) => cli.print(`${node}\n`));
      return;
    }
    checkPath(path);
    if (hasOption(p, 's')) {
      const { children, stat } = wrap(() => cli.api.getChildren2(path, { watch }));
      cli.print(`${javaListString([...children].sort())}\n`);
      cli.stat(stat);
    } else {
      const children = wrap(() => cli.api.getChildren(path, { watch }));
      cli.print(`${javaListString([...children].sort())}\n`);
    }
  },

  stat(cli, tokens) {
    let p = cli.parse(STAT, tokens);
    if (p.args.length < 2) throw usage('stat');
    p = retainWatchCompatibility(cli, STAT, tokens, p, 'stat', 'stat [-w] path');
    const path = p.args[1]!;
    checkPath(path);
    const stat = wrap(() => cli.api.exists(path, { watch: hasOption(p, 'w') }));
    if (stat === null) throw new CliException(cliErrorMessage({ code: CODES.NoNode!, path }));
    cli.stat(stat);
  },

  delete(cli, tokens) {
    let p = cli.parse(DELETE, tokens);
    if (p.args.length < 2) throw usage('delete');
    if (p.args.length > 2) {
      cli.warn("'delete path [version]' has been deprecated. Please use 'delete [-v version] path' instead.\n");
      p = cli.parse(DELETE, tokens);
    }
    const path = p.args[1]!;
    const version = hasOption(p, 'v') ? javaParseInt(optionValue(p, 'v')!) : -1;
    checkPath(path);
    wrap(() => cli.api.delete(path, version));
  },

  deleteall(cli, tokens) {
    const p = cli.parse(DELETEALL, tokens);
    if (p.args.length < 2) throw usage('deleteall');
    let batch = 1000;
    if (hasOption(p, 'b')) {
      try {
        batch = javaParseInt(optionValue(p, 'b')!);
      } catch {
        throw new CliException('-b argument must be an int value');
      }
    }
    const path = p.args[1]!;
    checkPath(path);
    // ZKUtil.listSubTreeBFS, then deleteInBatch: leaves first, `batch` deletes per multi.
    const tree = wrap(() => {
      const queue = [path];
      const all = [path];
      while (queue.length > 0) {
        const node = queue.shift()!;
        for (const child of cli.serverChildren(node)) {
          const childPath = node === '/' ? `/${child}` : `${node}/${child}`;
          queue.push(childPath);
          all.push(childPath);
        }
      }
      return all;
    });
    let success = true;
    let ops: { op: 'delete'; path: string; version: number }[] = [];
    for (let i = tree.length - 1; i >= 0; --i) {
      ops.push({ op: 'delete', path: tree[i]!, version: -1 });
      if (ops.length === batch || i === 0) {
        if (!success) break;
        const batchOps = ops;
        try {
          cli.api.multi(batchOps);
        } catch (e) {
          if (!keeperError(e)) throw e;
          success = false;
        }
        ops = [];
      }
    }
    if (!success) cli.warn('Failed to delete some node(s) in the subtree!\n');
  },

  getEphemerals(cli, tokens) {
    const p = cli.parse(NONE, tokens);
    let prefix: string | null = null;
    if (p.args.length >= 2) {
      prefix = p.args[1]!;
      checkPath(prefix);
    }
    const list = wrap(() => cli.serverEphemerals(prefix));
    cli.print(`${javaListString(list)}\n`);
  },

  getAllChildrenNumber(cli, tokens) {
    const p = cli.parse(NONE, tokens);
    if (p.args.length < 2) throw usage('getAllChildrenNumber');
    const path = p.args[1]!;
    checkPath(path);
    cli.print(`${wrap(() => cli.api.getAllChildrenNumber(path))}\n`);
  },

  sync(cli, tokens) {
    const p = cli.parse(NONE, tokens);
    if (p.args.length < 2) throw usage('sync');
    const path = p.args[1]!;
    checkPath(path);
    try {
      cli.api.sync(path);
      cli.print('Sync is OK\n');
    } catch (e) {
      const k = keeperError(e);
      if (!k) throw e;
      cli.print(`Sync has failed. rc=${k.code}\n`);
    }
  },

  addWatch(cli, tokens) {
    const p = cli.parse(ADDWATCH, tokens);
    if (p.args.length !== 2) throw usage('addWatch');
    let mode: 'PERSISTENT' | 'PERSISTENT_RECURSIVE' = 'PERSISTENT_RECURSIVE';
    if (hasOption(p, 'm')) {
      const m = optionValue(p, 'm')!.toUpperCase();
      if (m !== 'PERSISTENT' && m !== 'PERSISTENT_RECURSIVE') throw usage('addWatch');
      mode = m;
    }
    const path = p.args[1]!;
    // AddWatchCommand does not catch IllegalArgumentException: zkCli dies on a bad path.
    const reason = validatePath(path);
    if (reason !== null) throw new JavaException('java.lang.IllegalArgumentException', reason);
    wrap(() => cli.api.addWatch(path, mode));
  },

  removewatches(cli, tokens) {
    const p = cli.parse(REMOVEWATCHES, tokens);
    if (p.args.length < 2) throw usage('removewatches');
    const path = p.args[1]!;
    const type = hasOption(p, 'c') ? 'Children' : hasOption(p, 'd') ? 'Data' : 'Any';
    checkPath(path);
    wrap(() => cli.api.removeWatches(path, type));
  },

  getAcl(cli, tokens) {
    const p = cli.parse(GETACL, tokens);
    if (p.args.length < 2) throw usage('getAcl');
    const path = p.args[1]!;
    checkPath(path);
    const { acl, stat } = wrap(() => cli.api.getACL(path));
    cli.print(formatAcl(acl));
    if (hasOption(p, 's')) cli.stat(stat);
  },

  setAcl(cli, tokens) {
    const p = cli.parse(SETACL, tokens);
    if (p.args.length < 3) throw usage('setAcl');
    const path = p.args[1]!;
    const acl = parseAcl(p.args[2]!, (l) => cli.warn(`${l}\n`));
    const version = hasOption(p, 'v') ? javaParseInt(optionValue(p, 'v')!) : -1;
    const setAcl = (node: string): ZkStatLike => {
      checkPath(node);
      if (acl.length === 0) throw new KeeperError(CODES.InvalidACL!);
      return cli.api.setACL(node, acl, version);
    };
    if (hasOption(p, 'R')) {
      cli.visitSubTree(path, false, (node) => {
        try {
          setAcl(node);
        } catch (e) {
          const k = keeperError(e);
          if (!k) throw e;
          // The callback prints the KeeperException's message, without a newline.
          cli.print(keeperExceptionMessage(k));
        }
      });
      return;
    }
    const stat = wrap(() => setAcl(path));
    if (hasOption(p, 's')) cli.stat(stat);
  },

  addauth(cli, tokens) {
    const p = cli.parse(NONE, tokens);
    if (p.args.length < 2) throw usage('addauth');
    cli.addAuth(p.args[1]!, p.args.length >= 3 ? p.args[2]! : null);
  },

  close(cli) {
    cli.close();
  },

  whoami(cli) {
    cli.print('Auth scheme: User\n');
    for (const a of cli.whoAmI()) cli.print(`${a.scheme}: ${a.user}\n`);
  },

  version(cli, tokens) {
    const p = cli.parse(NONE, tokens);
    if (p.args.length > 1) throw usage('version');
    cli.print(`${CLI_VERSION}\n`);
  },

  config(cli, tokens) {
    const p = cli.parse(CONFIG, tokens);
    const { data, stat } = wrap(() => cli.api.getData('/zookeeper/config', { watch: hasOption(p, 'w') }));
    const text = data === null || data === undefined ? 'null' : utf8Decoder.decode(data);
    if (hasOption(p, 'c')) {
      // ConfigUtils.getClientConfigStr: the version, a blank, the servers' client addresses.
      const version = /^version=(.*)$/m.exec(text)?.[1]?.trim() ?? '';
      cli.print(`${version} \n`);
    } else {
      cli.print(`${text}\n`);
    }
    if (hasOption(p, 's')) cli.stat(stat);
  },

  listquota: notSimulated('listquota'),
  setquota: notSimulated('setquota'),
  delquota: notSimulated('delquota'),
  reconfig: notSimulated('reconfig'),
};

function notSimulated(name: string): Command {
  return () => {
    throw new CliException(`redzoo: ${name} is not simulated (quotas and reconfig are outside the engine)`);
  };
}

// --- drivers ------------------------------------------------------------------------------------

export interface ZkReplOptions {
  input?: Readable & { isTTY?: boolean };
  output?: Writable & { isTTY?: boolean };
  /** Where stderr goes when the input is piped (the terminal gets both on `output`). */
  errorOutput?: Writable;
  /** The engine; a fresh one on the wall clock by default. */
  server?: ZkServerLike;
  /** Force terminal (true) or piped (false) behaviour; by default, whether input is a terminal. */
  interactive?: boolean;
  /** How often the engine's timers run and the session heart-beats (ms). */
  tickMs?: number;
  /** zkCli's command line: -server host:port, -timeout ms (-r and others are accepted). */
  args?: readonly string[];
  timeZone?: string;
}

/** zkCli's own options: `-server host:port`, `-timeout ms`. */
export function parseZkCliArgs(args: readonly string[]): { host: string; timeout: number } {
  let host = DEFAULT_HOST;
  let timeout = DEFAULT_TIMEOUT;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-server' && i + 1 < args.length) host = args[++i]!;
    else if (args[i] === '-timeout' && i + 1 < args.length) {
      const t = Number(args[++i]);
      if (Number.isInteger(t) && t > 0) timeout = t;
    }
  }
  return { host, timeout };
}

/**
 * Runs the REPL until quit or end of input; resolves to the exit code zkCli would have (the last
 * command's: 0, 1 after a failed command, 127 after an unknown one).
 */
export async function runZkRepl(options: ZkReplOptions = {}): Promise<number> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const errorOutput = options.errorOutput ?? process.stderr;
  const interactive = options.interactive ?? Boolean(input.isTTY);
  const server = options.server ?? (await defaultServer());
  const { host, timeout } = parseZkCliArgs(options.args ?? []);
  const write = (stream: Writable) => (s: string) => {
    stream.write(s);
  };

  if (interactive) return runTerminal(server, input, output, { host, timeout, timeZone: options.timeZone, tickMs: options.tickMs });
  const cli = new ZkCli(server, { out: write(output), err: write(errorOutput), host, sessionTimeout: timeout, timeZone: options.timeZone });
  const beat = setInterval(() => cli.heartbeat(), options.tickMs ?? 100);
  try {
    cli.greet(false);
    return await runPiped(cli, input);
  } finally {
    clearInterval(beat);
  }
}

async function defaultServer(): Promise<ZkServerLike> {
  const engine = '../zk-sim/index.js';
  const zk = (await import(engine)) as {
    createZooKeeper(options?: { clock?: { now(): number } }): ZkServerLike;
  };
  return zk.createZooKeeper({ clock: { now: () => Date.now() } });
}

/** Piped input: BufferedReader.readLine over stdin (\n, \r\n or \r end a line), no prompt. */
function runPiped(cli: ZkCli, input: Readable): Promise<number> {
  return new Promise<number>((resolve) => {
    let pending = '';
    let lastWasCR = false;
    let done = false;
    const decoder = new TextDecoder('utf-8');

    const finish = (): void => {
      if (done) return;
      done = true;
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.pause();
      resolve(cli.exitCode);
    };
    const run = (line: string): void => {
      if (done) return;
      cli.executeLine(line);
      if (cli.quitting) finish();
    };
    const onText = (text: string): void => {
      for (const ch of text) {
        if (ch === '\n') {
          if (lastWasCR) {
            lastWasCR = false;
            continue;
          }
          run(pending);
          pending = '';
        } else if (ch === '\r') {
          run(pending);
          pending = '';
          lastWasCR = true;
          continue;
        } else {
          pending += ch;
        }
        lastWasCR = false;
      }
    };
    const onData = (chunk: Buffer | string): void => {
      onText(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    };
    const onEnd = (): void => {
      onText(decoder.decode());
      if (pending.length > 0) run(pending);
      finish();
    };
    input.on('data', onData);
    input.on('end', onEnd);
  });
}

/** A terminal: readline with zkCli's prompt, history, and completion of commands and paths. */
function runTerminal(
  server: ZkServerLike,
  input: Readable,
  output: Writable,
  o: { host: string; timeout: number; timeZone?: string; tickMs?: number },
): Promise<number> {
  return new Promise<number>((resolve) => {
    let rl: Interface | null = null;
    let busy = true;
    /** Output that arrives while the prompt waits (a watch fired by a timer) redraws it. */
    const write = (text: string): void => {
      if (rl && !busy) {
        output.write(`\r\x1b[K${text}`);
        rl.prompt(true);
      } else {
        output.write(text);
      }
    };
    const cli = new ZkCli(server, { out: write, err: write, host: o.host, sessionTimeout: o.timeout, timeZone: o.timeZone });
    cli.greet(true);
    const beat = setInterval(() => cli.heartbeat(), o.tickMs ?? 100);
    let done = false;
    const finish = (code: number): void => {
      if (done) return;
      done = true;
      clearInterval(beat);
      rl?.close();
      resolve(code);
    };
    rl = createInterface({
      input,
      output,
      terminal: true,
      historySize: 1000,
      completer: (line: string) => complete(cli, line),
    });
    const showPrompt = (): void => {
      busy = false;
      rl!.setPrompt(cli.prompt());
      rl!.prompt();
    };
    rl.on('line', (line) => {
      busy = true;
      cli.executeLine(line);
      if (cli.quitting) finish(cli.exitCode);
      else showPrompt();
    });
    rl.on('SIGINT', () => {
      // JLine hands Ctrl-C to the JVM, which exits.
      output.write('\r\n');
      cli.close();
      finish(cli.exitCode);
    });
    rl.on('close', () => {
      output.write('\r\n');
      finish(cli.exitCode);
    });
    showPrompt();
  });
}

/** JLineZNodeCompleter: command names first, then znode paths from the server. */
export function complete(cli: ZkCli, line: string): [string[], string] {
  const tokens = line.split(' ');
  const token = tokens[tokens.length - 1] ?? '';
  if (tokens.length === 1) {
    const names = Object.keys(COMMAND_USAGE).filter((n) => n.startsWith(token));
    return [names.sort(), token];
  }
  if (!token.startsWith('/') || !cli.connected || !cli.session) return [[], token];
  const slash = token.lastIndexOf('/');
  const dir = slash === 0 ? '/' : token.slice(0, slash);
  const partial = token.slice(slash + 1);
  try {
    const children = cli.session.getChildren(dir, { watch: false });
    const prefix = dir === '/' ? '/' : `${dir}/`;
    return [children.filter((c) => c.startsWith(partial)).sort().map((c) => prefix + c), token];
  } catch {
    return [[], token];
  }
}
