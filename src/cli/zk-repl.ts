import { readFileSync } from 'node:fs';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { wallClock } from './wall-clock.js';
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
  type OptionGroupSpec,
  type OptionSpec,
  type ParsedLine,
} from './zk-args.js';
import {
  Code,
  createZooKeeper,
  generateDigest,
  Ids,
  validatePath as clientValidatePath,
  ZkError,
  LIMIT_NODE,
  QUOTA_ROOT,
  StatsTrack,
  StatsTrackError,
  limitPath,
  quotaPath,
  statPath,
  trimQuotaPath,
  type AddWatchMode,
  type CreateMode,
  type Data,
  type Session,
  type Stat,
  type WatchedEvent,
  type ZooKeeperServer,
} from '../zk-sim/index.js';
import {
  COMMAND_USAGE,
  LS_HELP,
  authIdsOrder,
  cliErrorMessage,
  formatAcl,
  formatStat,
  formatUsage,
  formatWatcherLines,
  javaListString,
  keeperExceptionMessage,
  parseAcl,
  usageOf,
  type KeeperErrorLike,
} from './zk-format.js';

/**
 * `redzoo zk`: zkCli.sh 3.8's REPL over an in-process ZooKeeper engine. It reads lines as
 * ZooKeeperMain does (its tokenizer, its commons-cli option parsing, `history`, `redo`,
 * `printwatches`, `connect`, `close`, `quit`) and prints what each CliCommand prints, on the
 * stream it prints it on (`Created /x` and errors go to stderr, data and stats to stdout), so
 * `printf 'create /a x\nget -s /a\n' | redzoo zk 2>&1` reads like the same lines piped into
 * zkCli.sh against a fresh ZooKeeper.
 *
 * The engine plays the server and the Java client library (its path and ACL checks, the watch
 * events removewatches raises, HashSet orders); this file plays ZooKeeperMain and the
 * CliCommands, with their quirks (see docs/zookeeper.md). zkCli dies on a few inputs
 * (`set -v x`, `redo x`, `addWatch bad-path`): here the Java exception's first line is
 * printed and the REPL goes on.
 */

/** What the REPL needs of a server: sessions, and its timers run. */
export type ZkServerLike = Pick<ZooKeeperServer, 'connect' | 'tick'>;

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

/**
 * A KeeperException from the engine, or null (an IllegalArgumentException is not one). The
 * engine's errors need no wrapping in the commands: processCmd turns a KeeperException into
 * CliWrapperException's message and an IllegalArgumentException into MalformedPathException's.
 */
function keeperError(e: unknown): KeeperErrorLike | null {
  if (!(e instanceof ZkError) || e.kind !== 'keeper') return null;
  return { code: e.code, path: e.path ?? null };
}

/** PathUtils.validatePath's complaint, or null. */
function pathProblem(path: string, sequential = false): string | null {
  try {
    clientValidatePath(path, sequential);
    return null;
  } catch (e) {
    if (e instanceof ZkError) return e.message;
    throw e;
  }
}

/** The client's own check, before a request: IllegalArgumentException → MalformedPathException. */
function checkPath(path: string, sequential = false): void {
  const reason = pathProblem(path, sequential);
  if (reason !== null) throw new CliException(reason);
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');

/** `new String(data, UTF_8)`, with "null" for a znode that has no data at all. */
function dataString(r: { data: Uint8Array; dataIsNull: boolean }): string {
  return r.dataIsNull ? 'null' : utf8Decoder.decode(r.data);
}

const DEFAULT_HOST = 'localhost:2181';
/** zkCli's default -timeout, which a default server (tickTime 2000) accepts as it is. */
const DEFAULT_TIMEOUT = 30000;
const CLI_VERSION = 'ZooKeeper CLI version: 3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC';
const MAX_TTL = 0xffffffffffn;
/** ZKUtil.deleteInBatch: how many multis may await their answer. */
const RATE_LIMIT = 10;

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
  private zk: Session | null = null;
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
  /** The connection's auth ids, as the server keeps them (whoami lists them). */
  private authIds: { scheme: string; id: string; user: string }[] = [];
  /** Events held back until the greeting is printed (the first connection's). */
  private held: WatchedEvent[] | null = [];
  /** AddWatchCommand's mode field: PERSISTENT_RECURSIVE until an `addWatch -m` changes it. */
  addWatchMode: AddWatchMode = 'PERSISTENT_RECURSIVE';
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

  /** ZooKeeper.States, as getPrompt() shows them. */
  private get state(): 'CONNECTED' | 'CLOSED' | 'AUTH_FAILED' {
    switch (this.zk?.state) {
      case 'SyncConnected':
        return 'CONNECTED';
      case 'AuthFailed':
        return 'AUTH_FAILED';
      default:
        return 'CLOSED';
    }
  }

  /** getPrompt(): `[zk: localhost:2181(CONNECTED) 0] `. */
  prompt(): string {
    return `[zk: ${this.host}(${this.state}) ${this.commandCount}] `;
  }

  /** States.isAlive(). */
  get connected(): boolean {
    return this.zk !== null && this.zk.state === 'SyncConnected';
  }

  /** The session, for callers that look inside (tests, completion). */
  get session(): Session | null {
    return this.zk;
  }

  /** The client's heartbeat: the engine's timers run, and the session stays alive. */
  heartbeat(): void {
    this.server.tick();
    if (this.zk !== null && this.connected) this.zk.ping();
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
    } catch (caught) {
      let e = caught;
      if (e instanceof ZkError) e = new CliException(e.kind === 'keeper' ? cliErrorMessage(keeperError(e)!) : e.message);
      if (e instanceof CliException) {
        this.exitCode = e.exitCode;
        this.err(`${e.message}\n`);
      } else if (e instanceof JavaException) {
        this.uncaught(e);
      } else {
        // The engine's own checks come first; this is the last net, so no input ends the REPL.
        this.exitCode = 1;
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
      this.zk?.close();
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
    if (!this.connected) {
      this.out('Not connected\n');
      return;
    }
    const command = COMMANDS[cmd];
    if (command) command(this, args);
  }

  // --- the connection ---------------------------------------------------------------------------

  /** connectToZK: the old session is closed (Closed), a new one opens (SyncConnected). */
  private connectToZK(host: string): void {
    if (this.connected) this.zk!.close();
    this.host = host;
    this.authIds = [{ scheme: 'ip', id: '127.0.0.1', user: '127.0.0.1' }];
    const generation = ++this.generation;
    this.zk = this.server.connect({
      sessionTimeout: this.timeout,
      watcher: (e) => {
        if (generation === this.generation) this.deliver(e);
      },
    });
  }

  /** MyWatcher.process: the event, if printwatches is on. */
  private deliver(e: WatchedEvent): void {
    if (this.held !== null) {
      this.held.push(e);
      return;
    }
    if (this.printWatches) this.out(formatWatcherLines(e));
  }

  // --- helpers the commands share ---------------------------------------------------------------

  /** The command's tokens through commons-cli; a ParseException becomes CliParseException. */
  parse(spec: OptionSpec, tokens: readonly string[], group?: OptionGroupSpec): ParsedLine {
    try {
      return parseCliOptions(spec, tokens, group);
    } catch (e) {
      if (e instanceof CliParseError) throw new CliException(e.toString());
      throw e;
    }
  }

  get api(): Session {
    return this.zk!;
  }

  print(text: string): void {
    this.out(text);
  }

  warn(text: string): void {
    this.err(text);
  }

  stat(stat: Stat): void {
    this.out(formatStat(stat, this.timeZone));
  }

  /**
   * ZKUtil.visitSubTreeDFS: the root (its data read, with the watch), then each node's children,
   * sorted, before descending into them; a node gone meanwhile is skipped.
   */
  visitSubTree(path: string, watch: boolean, visit: (path: string) => void): void {
    checkPath(path);
    this.api.getData(path, { watch });
    visit(path);
    const helper = (p: string): void => {
      let children: string[];
      try {
        children = [...this.api.getChildren(p, { watch })].sort();
      } catch (e) {
        if (e instanceof ZkError && e.code === Code.NoNode) return;
        throw e;
      }
      const prefix = p === '/' ? '/' : `${p}/`;
      for (const c of children) visit(prefix + c);
      for (const c of children) helper(prefix + c);
    };
    helper(path);
  }

  /**
   * addauth: the server checks the scheme (digest ids are `user:base64(sha1(user:password))`,
   * ip is the connection's own address, anything else fails the connection: AuthFailed).
   */
  addAuth(scheme: string, auth: string | null): void {
    // zkCli sends a null password for `addauth digest`, on which the server fails the same way.
    this.api.addAuth(auth === null ? '' : scheme, auth ?? '');
    if (scheme !== 'digest' || auth === null || !this.connected) return;
    const id = generateDigest(auth);
    if (!this.authIds.some((a) => a.scheme === 'digest' && a.id === id)) {
      this.authIds.push({ scheme, id, user: id.slice(0, id.lastIndexOf(':')) });
    }
  }

  whoAmI(): { scheme: string; user: string }[] {
    return authIdsOrder(this.authIds);
  }

  close(): void {
    this.zk?.close();
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
/** The quota commands' OptionGroup, in the order its options were added. */
const QUOTA_OPTIONS = { n: 'num soft quota', b: 'bytes soft quota', N: 'num hard quota', B: 'bytes hard quota' };
const SETQUOTA: OptionSpec = { n: true, b: true, N: true, B: true };
const SETQUOTA_GROUP: OptionGroupSpec = { descriptions: QUOTA_OPTIONS, required: true };
const DELQUOTA: OptionSpec = { n: false, b: false, N: false, B: false };
const DELQUOTA_GROUP: OptionGroupSpec = { descriptions: QUOTA_OPTIONS, required: false };
const RECONFIG: OptionSpec = { s: false, v: true, file: true, members: true, add: true, remove: true };
/** What FileInputStream's FileNotFoundException says after the path, by errno. */
const FILE_ERRORS: Record<string, string> = { ENOENT: 'No such file or directory', EACCES: 'Permission denied', EISDIR: 'Is a directory' };

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
    let mode: CreateMode;
    if (hasE && hasS) mode = 'EPHEMERAL_SEQUENTIAL';
    else if (hasE) mode = 'EPHEMERAL';
    else if (hasS) mode = hasT ? 'PERSISTENT_SEQUENTIAL_WITH_TTL' : 'PERSISTENT_SEQUENTIAL';
    else if (hasC) mode = 'CONTAINER';
    else mode = hasT ? 'PERSISTENT_WITH_TTL' : 'PERSISTENT';
    if (hasT && (ttl > MAX_TTL || ttl <= 0n)) {
      throw new CliException(`ttl must be positive and cannot be larger than: ${MAX_TTL}`);
    }
    const path = p.args[1]!;
    const data: Data = p.args.length > 2 ? utf8.encode(p.args[2]!) : null;
    const acl = p.args.length > 3 ? parseAcl(p.args[3]!, (l) => cli.warn(`${l}\n`)) : Ids.OPEN_ACL_UNSAFE;
    checkPath(path, hasS);
    try {
      const created = cli.api.create(path, data, { mode, acl, ...(hasT ? { ttl: Number(ttl) } : {}) });
      cli.warn(`Created ${created}\n`);
    } catch (e) {
      const k = keeperError(e);
      // InvalidACL (an empty list is refused before sending) is printed twice, as CreateCommand does.
      if (k?.code === Code.InvalidACL) cli.warn(`${keeperExceptionMessage(k)}\n`);
      throw e;
    }
  },

  get(cli, tokens) {
    let p = cli.parse(GET, tokens);
    if (p.args.length < 2) throw usage('get');
    p = retainWatchCompatibility(cli, GET, tokens, p, 'get', 'get [-s] [-w] path');
    const watch = hasOption(p, 'w');
    const path = p.args[1]!;
    checkPath(path);
    const r = cli.api.getData(path, { watch });
    cli.print(`${dataString(r)}\n`);
    if (hasOption(p, 's')) cli.stat(r.stat);
  },

  set(cli, tokens) {
    const p = cli.parse(SET, tokens);
    if (p.args.length < 3) throw usage('set');
    const path = p.args[1]!;
    const data = utf8.encode(p.args[2]!);
    const version = hasOption(p, 'v') ? javaParseInt(optionValue(p, 'v')!) : -1;
    checkPath(path);
    const stat = cli.api.setData(path, data, version);
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
      const { children, stat } = cli.api.getChildren2(path, { watch });
      cli.print(`${javaListString([...children].sort())}\n`);
      cli.stat(stat);
    } else {
      const children = cli.api.getChildren(path, { watch });
      cli.print(`${javaListString([...children].sort())}\n`);
    }
  },

  stat(cli, tokens) {
    let p = cli.parse(STAT, tokens);
    if (p.args.length < 2) throw usage('stat');
    p = retainWatchCompatibility(cli, STAT, tokens, p, 'stat', 'stat [-w] path');
    const path = p.args[1]!;
    checkPath(path);
    const stat = cli.api.exists(path, { watch: hasOption(p, 'w') });
    if (stat === null) throw new CliException(cliErrorMessage({ code: Code.NoNode, path }));
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
    cli.api.delete(path, version);
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
    const tree = ((): string[] => {
      // The list is its own queue: each node's children, in the server's order, go at its end.
      const all = [path];
      for (let next = 0; next < all.length; next++) {
        const node = all[next]!;
        for (const child of cli.api.getChildren(node)) all.push(node === '/' ? `/${child}` : `${node}/${child}`);
      }
      return all;
    })();
    // The multis go out asynchronously, at most RATE_LIMIT (10) awaiting their answer, and a
    // failure stops the loop only once its answer is in: the batches sent meanwhile still run.
    // Here answers are immediate, so a failure is taken as heard RATE_LIMIT batches later.
    let failedAt: number | null = null;
    let sent = 0;
    let ops: { op: 'delete'; path: string; version: number }[] = [];
    for (let i = tree.length - 1; i >= 0; --i) {
      ops.push({ op: 'delete', path: tree[i]!, version: -1 });
      if (ops.length === batch || i === 0) {
        if (failedAt !== null && sent - failedAt >= RATE_LIMIT) break;
        try {
          cli.api.multi(ops);
        } catch (e) {
          if (!keeperError(e)) throw e;
          failedAt ??= sent;
        }
        sent++;
        ops = [];
      }
    }
    // zkCli releases the batch's permit before it records the failure, so it sometimes misses
    // it and prints nothing: the message is printed here whenever a batch failed.
    if (failedAt !== null) cli.warn('Failed to delete some node(s) in the subtree!\n');
  },

  getEphemerals(cli, tokens) {
    const p = cli.parse(NONE, tokens);
    let prefix: string | null = null;
    if (p.args.length >= 2) {
      prefix = p.args[1]!;
      checkPath(prefix);
    }
    const list = cli.api.getEphemerals(prefix ?? '/');
    cli.print(`${javaListString(list)}\n`);
  },

  getAllChildrenNumber(cli, tokens) {
    const p = cli.parse(NONE, tokens);
    if (p.args.length < 2) throw usage('getAllChildrenNumber');
    const path = p.args[1]!;
    checkPath(path);
    cli.print(`${cli.api.getAllChildrenNumber(path)}\n`);
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
    if (hasOption(p, 'm')) {
      const m = optionValue(p, 'm')!.toUpperCase();
      if (m !== 'PERSISTENT' && m !== 'PERSISTENT_RECURSIVE') throw usage('addWatch');
      cli.addWatchMode = m;
    }
    // zkCli keeps one AddWatchCommand, whose mode only -m changes: it sticks to later addWatch.
    const mode = cli.addWatchMode;
    const path = p.args[1]!;
    // AddWatchCommand does not catch IllegalArgumentException: zkCli dies on a bad path.
    const reason = pathProblem(path);
    if (reason !== null) throw new JavaException('java.lang.IllegalArgumentException', reason);
    cli.api.addWatch(path, mode);
  },

  removewatches(cli, tokens) {
    const p = cli.parse(REMOVEWATCHES, tokens);
    if (p.args.length < 2) throw usage('removewatches');
    const path = p.args[1]!;
    const type = hasOption(p, 'c') ? 'Children' : hasOption(p, 'd') ? 'Data' : 'Any';
    checkPath(path);
    cli.api.removeWatches(path, type);
  },

  getAcl(cli, tokens) {
    const p = cli.parse(GETACL, tokens);
    if (p.args.length < 2) throw usage('getAcl');
    const path = p.args[1]!;
    checkPath(path);
    const { acl, stat } = cli.api.getACL(path);
    cli.print(formatAcl(acl));
    if (hasOption(p, 's')) cli.stat(stat);
  },

  setAcl(cli, tokens) {
    const p = cli.parse(SETACL, tokens);
    if (p.args.length < 3) throw usage('setAcl');
    const path = p.args[1]!;
    const acl = parseAcl(p.args[2]!, (l) => cli.warn(`${l}\n`));
    const version = hasOption(p, 'v') ? javaParseInt(optionValue(p, 'v')!) : -1;
    const setAcl = (node: string): Stat => cli.api.setACL(node, acl, version);
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
    const stat = setAcl(path);
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
    const { data, stat } = cli.api.getData('/zookeeper/config', { watch: hasOption(p, 'w') });
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

  setquota(cli, tokens) {
    const p = cli.parse(SETQUOTA, tokens, SETQUOTA_GROUP);
    if (p.args.length < 2) throw usage('setquota');
    const path = p.args[1]!;
    if (path.startsWith(QUOTA_ROOT)) {
      cli.warn(`cannot set a quota under the path: ${QUOTA_ROOT}\n`);
      return;
    }
    // checkOptionValue: each limit given must be positive (counts) or not negative (bytes).
    const quota = new StatsTrack();
    quota.count = quota.bytes = quota.countHardLimit = quota.byteHardLimit = -1n;
    try {
      for (const [o, isCount] of [['n', true], ['b', false], ['N', true], ['B', false]] as const) {
        if (!hasOption(p, o)) continue;
        const v = isCount ? BigInt(javaParseInt(optionValue(p, o)!)) : javaParseLong(optionValue(p, o)!);
        if (isCount ? v <= 0n : v < 0n) {
          cli.warn(isCount ? 'the num quota must be greater than zero\n' : 'the bytes quota must be greater than or equal to zero\n');
          return;
        }
        if (o === 'n') quota.count = v;
        else if (o === 'b') quota.bytes = v;
        else if (o === 'N') quota.countHardLimit = v;
        else quota.byteHardLimit = v;
      }
    } catch (e) {
      if (!(e instanceof JavaException)) throw e;
      cli.warn('NumberFormatException happens when parsing the option value\n');
      return;
    }
    createQuota(cli, path, quota);
  },

  listquota(cli, tokens) {
    const p = cli.parse(NONE, tokens);
    if (p.args.length < 2) throw usage('listquota');
    const path = p.args[1]!;
    cli.warn(`absolute path is ${limitPath(path)}\n`);
    try {
      const limits = readStats(cli, limitPath(path));
      const stats = readStats(cli, statPath(path));
      cli.print(`Output quota for ${path} ${limits.toString()}\n`);
      cli.print(`Output stat for ${path} ${stats.toString()}\n`);
    } catch (e) {
      if (!(e instanceof ZkError && e.code === Code.NoNode)) throw e;
      cli.warn(`quota for ${path} does not exist.\n`);
    }
  },

  delquota(cli, tokens) {
    const p = cli.parse(DELQUOTA, tokens, DELQUOTA_GROUP);
    if (p.args.length < 2) throw usage('delquota');
    const path = p.args[1]!;
    try {
      delQuota(cli, path, p);
    } catch (e) {
      if (!(e instanceof ZkError && e.code === Code.NoNode)) throw e;
      cli.warn(`quota for ${path} does not exist.\n`);
    }
  },

  reconfig(cli, tokens) {
    // ReconfigCommand.parse: a mode is needed, and incremental and non-incremental ones do not mix.
    const p = cli.parse(RECONFIG, tokens);
    const has = (o: string): boolean => hasOption(p, o);
    if (!(has('file') || has('members')) && !has('add') && !has('remove')) throw usage('reconfig');
    if (has('v')) {
      try {
        javaParseLong(optionValue(p, 'v')!, 16);
      } catch {
        throw new CliException('-v must be followed by a long (configuration version)');
      }
    }
    if ((has('file') || has('members')) && (has('add') || has('remove'))) {
      throw new CliException(
        "Can't use -file or -members together with -add or -remove (mixing incremental and non-incremental modes is not allowed)",
      );
    }
    if (has('file') && has('members')) throw new CliException("Can't use -file and -members together (conflicting non-incremental modes)");
    if (has('file')) {
      const file = optionValue(p, 'file')!;
      try {
        readFileSync(file);
      } catch (e) {
        const reason = FILE_ERRORS[(e as NodeJS.ErrnoException).code ?? ''] ?? (e as Error).message;
        // "Error processing " + path + e.getMessage(), whose message starts with the path again.
        throw new CliException(`Error processing ${file}${file} (${reason})`);
      }
    }
    // The engine is one standalone server: it refuses every reconfig (ReconfigDisabled).
    cli.api.reconfig();
  },
};

// --- quotas (SetQuotaCommand, ListQuotaCommand, DelQuotaCommand) --------------------------------

/** A quota node's StatsTrack; zkCli dies on one it cannot parse. */
function readStats(cli: ZkCli, path: string): StatsTrack {
  checkPath(path);
  const r = cli.api.getData(path);
  try {
    return StatsTrack.parse(r.dataIsNull ? null : utf8Decoder.decode(r.data));
  } catch (e) {
    if (e instanceof StatsTrackError) throw new JavaException(e.javaClass, e.message);
    throw e;
  }
}

/** A znode's children, or null when it does not exist. */
function childrenIfAny(cli: ZkCli, path: string): string[] | null {
  try {
    return cli.api.getChildren(path);
  } catch (e) {
    if (e instanceof ZkError && e.code === Code.NoNode) return null;
    throw e;
  }
}

/**
 * SetQuotaCommand.createQuota: the path must exist, and no path above or below it may have a
 * quota; the quota path's missing ancestors are created (with null data), then the limits and
 * stats nodes, or the limits are merged into the existing ones. The server fills the stats in.
 */
function createQuota(cli: ZkCli, path: string, quota: StatsTrack): void {
  checkPath(path);
  if (cli.api.exists(path) === null) throw new CliException(`${path} does not exist.`);
  // checkIfChildQuota: a limits node anywhere below the quota path, found depth-first.
  try {
    cli.visitSubTree(quotaPath(path), false, (qp) => {
      const children = childrenIfAny(cli, qp);
      if (children === null) return;
      if (qp !== quotaPath(path) && children.includes(LIMIT_NODE)) {
        throw new CliException(`${path} has a child ${trimQuotaPath(qp)} which has a quota`);
      }
    });
  } catch (e) {
    if (!(e instanceof ZkError && e.code === Code.NoNode)) throw e;
  }
  // checkIfParentQuota: the quota paths of the proper ancestors, stopping at the first missing or empty one.
  const splits = path.split('/');
  let qp = QUOTA_ROOT;
  for (let i = 1; i < splits.length - 1; i++) {
    qp += `/${splits[i]}`;
    const children = childrenIfAny(cli, qp);
    if (children === null || children.length === 0) break;
    if (qp !== quotaPath(path) && children.includes(LIMIT_NODE)) {
      throw new CliException(`${path} has a parent ${trimQuotaPath(qp)} which has a quota`);
    }
  }
  // /zookeeper/quota itself cannot be deleted, so only the nodes below it may be missing.
  qp = QUOTA_ROOT;
  for (let i = 1; i < splits.length; i++) {
    qp += `/${splits[i]}`;
    if (cli.api.exists(qp) !== null) continue;
    try {
      cli.api.create(qp, null, { acl: Ids.OPEN_ACL_UNSAFE });
    } catch (e) {
      if (!(e instanceof ZkError && e.code === Code.NodeExists)) throw e;
    }
  }
  const limits = limitPath(path);
  const stats = statPath(path);
  let current: StatsTrack;
  if (cli.api.exists(limits) === null) {
    cli.api.create(limits, quota.toString(), { acl: Ids.OPEN_ACL_UNSAFE });
    const zero = new StatsTrack();
    zero.count = 0n;
    zero.bytes = 0n;
    cli.api.create(stats, zero.toString(), { acl: Ids.OPEN_ACL_UNSAFE });
    current = readStats(cli, limits);
    checkQuota(cli, current, readStats(cli, stats));
  } else {
    current = readStats(cli, limits);
    if (quota.count > -1n) current.count = quota.count;
    if (quota.bytes > -1n) current.bytes = quota.bytes;
    if (quota.countHardLimit > -1n) current.countHardLimit = quota.countHardLimit;
    if (quota.byteHardLimit > -1n) current.byteHardLimit = quota.byteHardLimit;
    checkQuota(cli, current, readStats(cli, stats));
    cli.api.setData(limits, current.toString(), -1);
  }
}

/** SetQuotaCommand.checkQuota: a limit already exceeded is only warned of (on stdout). */
function checkQuota(cli: ZkCli, quota: StatsTrack, stats: StatsTrack): void {
  if ((quota.count > -1n && quota.count < stats.count) || (quota.countHardLimit > -1n && quota.countHardLimit < stats.count)) {
    cli.print(`[Warning]: the count quota you create is less than the existing count:${stats.count}\n`);
  }
  if ((quota.bytes > -1n && quota.bytes < stats.bytes) || (quota.byteHardLimit > -1n && quota.byteHardLimit < stats.bytes)) {
    cli.print(`[Warning]: the bytes quota you create is less than the existing bytes:${stats.bytes}\n`);
  }
}

/**
 * DelQuotaCommand.delQuota: with no option, the quota path's children go, then its ancestors
 * up to /zookeeper/quota while they are empty; with options, those limits become -1.
 */
function delQuota(cli: ZkCli, path: string, p: ParsedLine): void {
  const parent = quotaPath(path);
  const limits = limitPath(path);
  checkPath(limits);
  if (cli.api.exists(limits) === null) {
    cli.print(`Quota does not exist for ${path}\n`);
    return;
  }
  const strack = readStats(cli, limits);
  if (!['n', 'b', 'N', 'B'].some((o) => hasOption(p, o))) {
    for (const child of cli.api.getChildren(parent)) cli.api.delete(`${parent}/${child}`, -1);
    // trimProcQuotas
    for (let qp = parent; qp !== QUOTA_ROOT; qp = qp.substring(0, qp.lastIndexOf('/'))) {
      if (cli.api.getChildren(qp).length > 0) break;
      cli.api.delete(qp, -1);
    }
    return;
  }
  if (hasOption(p, 'n')) strack.count = -1n;
  if (hasOption(p, 'b')) strack.bytes = -1n;
  if (hasOption(p, 'N')) strack.countHardLimit = -1n;
  if (hasOption(p, 'B')) strack.byteHardLimit = -1n;
  cli.api.setData(limits, strack.toString(), -1);
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

/**
 * What is wrong with `redzoo zk`'s arguments, or null: zkCli's `-server host:port`,
 * `-timeout ms` and `-r` are understood (commands given on the command line are not).
 */
export function zkCliArgsProblem(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-server' || a === '-timeout') {
      if (i + 1 >= args.length) return `${a} needs a value`;
      const v = args[++i]!;
      if (a === '-timeout' && !/^[1-9][0-9]{0,8}$/.test(v)) return `invalid timeout '${v}'`;
    } else if (a !== '-r') {
      return `unexpected argument '${a}'`;
    }
  }
  return null;
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
  const server = options.server ?? createZooKeeper({ clock: wallClock });
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
