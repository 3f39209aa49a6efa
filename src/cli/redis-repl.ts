import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { wallClock } from './wall-clock.js';
import { createRedis, formatReply, toBytes, type Client, type RedisServer, type Reply } from '../redis-sim/index.js';
import { splitArgs } from '../redis-sim/resp-parser.js';
import { completions, formatHelp } from './redis-help.js';

/**
 * `redzoo redis`: a REPL over an in-process engine that behaves like `redis-cli` (7.0) connected to
 * a server: same line splitting (sdssplitargs), same reply printing (cliFormatReplyTTY), same
 * prompt (`127.0.0.1:6379[2](TX)> `), same local commands (quit, exit, help, clear, "N command").
 *
 * Two drivers share one RedisCliSession:
 * - a terminal gets line editing, history, tab completion and the prompt;
 * - piped input prints replies only, so `printf 'SET a 1\nGET a\n' | redzoo redis` prints exactly
 *   what `redis-cli --no-raw` prints for the same input.
 *
 * SUBSCRIBE (and PSUBSCRIBE, SSUBSCRIBE) switch to reading messages until Ctrl-C, as redis-cli
 * does; Ctrl-C then drops the connection and opens a fresh one on the same db, like redis-cli's
 * reconnect. Ctrl-C at the prompt and Ctrl-D on an empty line leave.
 */

const PROMPT_HOST = '127.0.0.1';
const PROMPT_PORT = 6379;
/** Long repeats ("1000000 INCR x") give the event loop a turn this often, so Ctrl-C still works. */
const REPEAT_SLICE = 1024;

export interface SessionOptions {
  /** Where output goes, as a binary string (one char per byte). */
  write: (bytes: string) => void;
  /** Where redis-cli's own errors go (its stderr); `write` by default. */
  writeError?: (text: string) => void;
  /** Wall-clock milliseconds, to time slow commands as redis-cli does ("(0.52s)"). */
  now?: () => number;
}

/**
 * The redis-cli side of one connection: tokenizing, the repeat prefix, local commands, the
 * prompt's db number and (TX) marker as redis-cli tracks them (from what it sent, not from the
 * server), pub/sub mode, and printing.
 */
export class RedisCliSession {
  private client: Client;
  /**
   * redis-cli's view of its connection: 'open'; 'closed' once the server hung up after a reply
   * (QUIT), which redis-cli only notices when the next command fails; 'none' after that failure
   * (its context is NULL), until the next command connects again.
   */
  private conn: 'open' | 'closed' | 'none' = 'open';
  private dbnum = 0;
  private inMulti = false;
  private preMultiDbnum = 0;
  /** When the line that entered pub/sub mode was typed (for the elapsed time), or null. */
  private pubsubSince: number | null = null;
  private interrupted = false;
  /**
   * Replies received and not yet read. redis-cli reads exactly one reply per command it sends
   * (all of them in pub/sub mode), so a command that gets several (UNSUBSCRIBE a b, outside
   * pub/sub mode) leaves the extra ones to be printed as the replies of the next commands. The
   * wire is modelled as it is, so the output matches line for line.
   */
  private readonly inbox: Reply[] = [];
  /** True while a command (or a repeat of one) runs. */
  busy = false;
  /** The exit code once `line` resolved to false: redis-cli exits 1 when pub/sub reading fails. */
  exitCode = 0;
  private readonly write: (bytes: string) => void;
  private readonly writeError: (text: string) => void;
  private readonly now: () => number;

  constructor(
    readonly redis: RedisServer,
    options: SessionOptions,
  ) {
    this.write = options.write;
    this.writeError = options.writeError ?? options.write;
    this.now = options.now ?? Date.now;
    this.client = this.connect();
  }

  /** What redis-cli shows before the cursor (cliRefreshPrompt). */
  prompt(): string {
    let p = `${PROMPT_HOST}:${PROMPT_PORT}`;
    if (this.dbnum !== 0) p += `[${this.dbnum}]`;
    if (this.inMulti) p += '(TX)';
    return p + '> ';
  }

  /** True while waiting for pub/sub messages: input is not read until Ctrl-C. */
  get inPubsub(): boolean {
    return this.pubsubSince !== null;
  }

  /**
   * One input line (a binary string), as redis-cli's repl() handles it. Resolves to false when
   * the user asked to leave (quit / exit).
   */
  async line(raw: string): Promise<boolean> {
    const start = this.now();
    const nul = raw.indexOf('\0');
    const line = nul >= 0 ? raw.slice(0, nul) : raw;
    if (line === '') return true;
    const argv = splitArgs(line);
    if (argv === null) {
      this.write('Invalid argument(s)\n');
      return true;
    }
    if (argv.length === 0) return true;

    let repeat = 1;
    let skip = 0;
    const n = strtol(cString(argv[0]!));
    if (argv.length > 1 && n.whole) {
      if (n.overflow || n.value <= 0) {
        this.write('Invalid redis-cli repeat command option value.\n');
        return true;
      }
      repeat = n.value;
      skip = 1;
    }

    // redis-cli compares its arguments as C strings (strcasecmp, %s): a NUL byte ends them.
    const first = cString(argv[0]!).toLowerCase();
    if (first === 'quit' || first === 'exit') return false;
    if (first.startsWith(':')) {
      // cliSetPreferences: hints are not shown here, but the setting is understood as redis-cli does.
      if (first === ':set' && argv.length >= 2) {
        const pref = cString(argv[1]!);
        if (!['hints', 'nohints'].includes(pref.toLowerCase())) this.write(`unknown redis-cli preference '${pref}'\n`);
      } else {
        this.write(`unknown redis-cli internal command '${cString(argv[0]!)}'\n`);
      }
      return true;
    }
    if (first === 'restart') {
      this.write("Use 'restart' only in Lua debugging mode.\n");
      return true;
    }
    if (argv.length === 1 && first === 'clear') {
      this.write('\x1b[H\x1b[2J');
      return true;
    }
    this.busy = true;
    this.interrupted = false;
    let ok: boolean;
    try {
      ok = await this.issue(argv.slice(skip), repeat, start);
    } finally {
      this.busy = false;
    }
    if (!ok) {
      this.exitCode = 1;
      return false;
    }
    if (!this.inPubsub) this.printElapsed(start);
    return true;
  }

  /**
   * Ctrl-C: leaves pub/sub mode (reconnecting, as redis-cli does) or stops a running repeat.
   * Returns whether it printed the elapsed time.
   */
  interrupt(): boolean {
    this.interrupted = true;
    if (this.pubsubSince === null) return false;
    const since = this.pubsubSince;
    this.pubsubSince = null;
    this.reconnect();
    return this.printElapsed(since);
  }

  /** Hangs up: the engine forgets this connection (its subscriptions, WATCHes, MULTI). */
  close(): void {
    this.client.onPush(undefined);
    this.redis.disconnect(this.client);
  }

  /**
   * The send on a connection the server closed fails: redis-cli prints the error and drops its
   * context. Returns true when that happened.
   */
  private sendFailed(): boolean {
    if (this.conn !== 'closed') return false;
    this.writeError('Error: Server closed the connection\n');
    this.conn = 'none';
    return true;
  }

  private connect(): Client {
    const client = this.redis.client({ addr: `${PROMPT_HOST}:${40000 + Math.floor(Math.random() * 20000)}` });
    client.onPush((reply) => {
      this.inbox.push(reply);
      if (this.inPubsub) this.drainPubsub();
    });
    return client;
  }

  /** cliConnect(CC_FORCE): a new connection, on the db the prompt shows. */
  private reconnect(): void {
    this.close();
    this.inbox.length = 0;
    this.client = this.connect();
    this.conn = 'open';
    this.inMulti = false;
    if (this.dbnum !== 0) this.client.sendBytes(['SELECT', String(this.dbnum)]);
  }

  /** issueCommandRepeat + cliSendCommand. Resolves to false when redis-cli would exit(1). */
  private async issue(argv: string[], repeat: number, lineStart: number): Promise<boolean> {
    const name = cString(argv[0]!).toLowerCase();
    if (name === 'help' || name === '?') {
      this.write(formatHelp(argv.slice(1)));
      return true;
    }
    if (this.conn === 'none') {
      // cliConnect with no context: the prompt's db and (TX) are kept, and no SELECT is sent
      // (redis-cli thinks it is already on that db), so the new connection is on db 0.
      this.client = this.connect();
      this.conn = 'open';
    }
    const verbatim = isVerbatim(argv);
    const pubsub = name === 'subscribe' || name === 'psubscribe' || name === 'ssubscribe';
    for (let i = 0; i < repeat; i++) {
      if (i > 0 && i % REPEAT_SLICE === 0) {
        await new Promise((r) => setImmediate(r));
        if (this.interrupted) return true;
      }
      if (pubsub) {
        this.write('Reading messages... (press Ctrl-C to quit)\n');
        // Reading fails in pub/sub mode: redis-cli prints the error and exits 1.
        if (this.sendFailed()) return false;
        this.inbox.push(...this.send(argv));
        // Everything that arrives is printed, until Ctrl-C or an error reply.
        this.pubsubSince = lineStart;
        this.drainPubsub();
        if (this.inPubsub) return true;
        continue;
      }
      // The rest of a repeat is dropped with the connection.
      if (this.sendFailed()) return true;
      this.inbox.push(...this.send(argv));
      const reply = this.inbox.shift();
      // No reply at all (CLIENT REPLY OFF) would leave redis-cli waiting; here nothing is printed.
      if (reply !== undefined) this.write(verbatim ? formatVerbatim(reply) : formatReply(reply));
      if (this.client.closing) {
        // The server hangs up after QUIT's +OK.
        this.close();
        this.inbox.length = 0;
        this.conn = 'closed';
      }
      this.track(argv, reply);
    }
    return true;
  }

  /** Pub/sub mode: print what has arrived; an error reply ends the mode (SUBSCRIBE with no channel). */
  private drainPubsub(): void {
    while (this.pubsubSince !== null && this.inbox.length > 0) {
      const reply = this.inbox.shift()!;
      this.write(formatReply(reply));
      if (reply.type === 'error') this.pubsubSince = null;
    }
  }

  private send(argv: string[]): Reply[] {
    try {
      return this.client.sendBytes(argv);
    } catch (e) {
      // The engine guards its handlers; this is the last net, so no input can end the REPL.
      return [{ type: 'error', value: `ERR redzoo internal error: ${String(e)}` }];
    }
  }

  /** What redis-cli remembers from a command it sent: the db for the prompt, and MULTI. */
  private track(argv: string[], reply: Reply | undefined): void {
    const name = cString(argv[0]!).toLowerCase();
    const failed = reply === undefined || reply.type === 'error';
    if (name === 'select' && argv.length === 2 && !failed) {
      this.dbnum = atoi(argv[1]!);
    } else if (name === 'multi' && argv.length === 1 && !failed) {
      this.inMulti = true;
      this.preMultiDbnum = this.dbnum;
    } else if (name === 'exec' && argv.length === 1 && this.inMulti) {
      this.inMulti = false;
      const nil = reply !== undefined && (reply.type === 'array' || reply.type === 'bulk') && reply.value === null;
      if (failed || nil) this.dbnum = this.preMultiDbnum;
    } else if (name === 'discard' && argv.length === 1 && !failed) {
      this.inMulti = false;
      this.dbnum = this.preMultiDbnum;
    } else if (name === 'reset' && argv.length === 1 && !failed) {
      this.inMulti = false;
      this.dbnum = 0;
    }
  }

  private printElapsed(start: number): boolean {
    const elapsed = this.now() - start;
    if (elapsed < 500) return false;
    this.write(`(${(elapsed / 1000).toFixed(2)}s)\n`);
    return true;
  }
}

/**
 * Commands whose replies redis-cli prints as raw text even in its human mode (INFO, CLIENT LIST,
 * MEMORY DOCTOR ...), because they are reports meant to be read as they are.
 */
function isVerbatim(argv: readonly string[]): boolean {
  const argc = argv.length;
  const cmd = cString(argv[0]!).toLowerCase();
  const sub = argc >= 2 ? cString(argv[1]!).toLowerCase() : '';
  return (
    cmd === 'info' ||
    cmd === 'lolwut' ||
    (cmd === 'debug' && (sub === 'htstats' || sub === 'htstats-key' || sub === 'client-eviction')) ||
    (cmd === 'memory' && (sub === 'malloc-stats' || sub === 'doctor')) ||
    (argc === 2 && cmd === 'cluster' && (sub === 'nodes' || sub === 'info')) ||
    (cmd === 'client' && (sub === 'list' || sub === 'info')) ||
    (argc === 3 && cmd === 'latency' && sub === 'graph') ||
    (argc === 2 && cmd === 'latency' && sub === 'doctor') ||
    (cmd === 'proxy' && sub === 'info')
  );
}

/** cliFormatReplyRaw: bare text, array items joined by newlines, no newline after the reply. */
export function formatVerbatim(r: Reply): string {
  switch (r.type) {
    case 'error':
      return `${r.value}\n`;
    case 'status':
      return r.value;
    case 'bulk':
      return r.value ?? '';
    case 'integer':
      return String(r.value);
    case 'array':
      return (r.value ?? []).map(formatVerbatim).join('\n');
  }
}

/** An argument as C sees it (strcasecmp, strtol, printf's %s): up to its first NUL byte. */
const cString = (s: string): string => {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
};

/** strtol(s, &end, 10) for the repeat prefix: `whole` when the number is all there is. */
export function strtol(s: string): { value: number; whole: boolean; overflow: boolean } {
  let i = 0;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') negative = s[i++] === '-';
  const digitsFrom = i;
  while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
  // No digits: strtol leaves end at the start of the string, so only "" counts as whole.
  if (i === digitsFrom) return { value: 0, whole: s.length === 0, overflow: false };
  const big = BigInt(s.slice(digitsFrom, i)) * (negative ? -1n : 1n);
  const overflow = big > 9223372036854775807n || big < -9223372036854775808n;
  return { value: Number(big), whole: i === s.length, overflow };
}

/** atoi: what redis-cli makes of SELECT's argument for the prompt ((int) strtol). */
export function atoi(s: string): number {
  let i = 0;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') negative = s[i++] === '-';
  const from = i;
  while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
  if (i === from) return 0;
  let v = BigInt(s.slice(from, i)) * (negative ? -1n : 1n);
  if (v > 9223372036854775807n) v = 9223372036854775807n;
  if (v < -9223372036854775808n) v = -9223372036854775808n;
  return Number(BigInt.asIntN(32, v));
}

const isCSpace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);

// --- drivers ------------------------------------------------------------------------------------

export interface ReplOptions {
  input?: Readable & { isTTY?: boolean };
  output?: Writable & { isTTY?: boolean };
  /** redis-cli's own errors ("Error: Server closed the connection"); stderr by default. */
  errorOutput?: Writable;
  /** The engine; a fresh wall-clock one by default. */
  redis?: RedisServer;
  /** Force terminal (true) or piped (false) behaviour; by default, whether input is a terminal. */
  interactive?: boolean;
  /** How often serverCron runs (active expiry): 100 ms, as Redis's hz 10. */
  tickMs?: number;
  /** Where Ctrl-C comes from when input is piped (process signals by default). */
  signals?: NodeJS.EventEmitter;
}

/** Runs the REPL until quit/exit/EOF; resolves to the exit code redis-cli would have. */
export async function runRedisRepl(options: ReplOptions = {}): Promise<number> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const redis = options.redis ?? createRedis({ clock: wallClock });
  const interactive = options.interactive ?? Boolean(input.isTTY);
  const write = (s: string): void => {
    output.write(Buffer.from(s, 'latin1'));
  };
  const errorOutput = options.errorOutput ?? process.stderr;
  const session = new RedisCliSession(redis, { write, writeError: (s) => errorOutput.write(Buffer.from(s, 'latin1')) });
  const cron = setInterval(() => redis.tick(), options.tickMs ?? 100);
  try {
    return interactive
      ? await runTerminal(session, input, output, write)
      : await runPiped(session, input, options.signals ?? process);
  } finally {
    clearInterval(cron);
    session.close();
  }
}

/** Piped input: lines as linenoise reads them without a terminal, no prompt, no echo. */
function runPiped(session: RedisCliSession, input: Readable, signals: NodeJS.EventEmitter): Promise<number> {
  return new Promise<number>((resolve) => {
    let pending: Buffer = Buffer.alloc(0);
    const lines: string[] = [];
    let ended = false;
    let running = false;
    let done = false;

    const finish = (code: number): void => {
      if (done) return;
      done = true;
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      signals.removeListener('SIGINT', onSigint);
      input.pause();
      resolve(code);
    };

    const pump = async (): Promise<void> => {
      if (running) return;
      running = true;
      try {
        while (!done && !session.inPubsub) {
          const line = lines.shift();
          if (line === undefined) {
            if (ended) finish(0);
            break;
          }
          if (!(await session.line(line))) finish(session.exitCode);
        }
      } finally {
        running = false;
      }
    };

    const onData = (chunk: Buffer): void => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let from = 0;
      for (let nl = pending.indexOf(0x0a, from); nl >= 0; nl = pending.indexOf(0x0a, from)) {
        lines.push(pending.toString('latin1', from, nl));
        from = nl + 1;
      }
      pending = pending.subarray(from);
      void pump();
    };
    const onEnd = (): void => {
      // linenoise returns a last line without its newline; an empty one means EOF.
      if (pending.length > 0) lines.push(pending.toString('latin1'));
      pending = Buffer.alloc(0);
      ended = true;
      void pump();
    };
    const onSigint = (): void => {
      if (session.inPubsub) {
        session.interrupt();
        void pump();
      } else if (session.busy) {
        session.interrupt();
      } else {
        // redis-cli's sigIntHandler outside pub/sub mode: exit(1).
        finish(1);
      }
    };

    input.on('data', onData);
    input.on('end', onEnd);
    signals.on('SIGINT', onSigint);
  });
}

/** A terminal: readline with the redis-cli prompt, history and completion. */
function runTerminal(session: RedisCliSession, input: Readable, output: Writable, write: (s: string) => void): Promise<number> {
  return new Promise<number>((resolve) => {
    const rl: Interface = createInterface({
      input,
      output,
      terminal: true,
      historySize: 1000,
      removeHistoryDuplicates: true,
      completer: (line: string) => completions(line),
    });
    const queue: string[] = [];
    let running = false;
    let done = false;

    const finish = (code: number): void => {
      if (done) return;
      done = true;
      rl.close();
      resolve(code);
    };

    const showPrompt = (): void => {
      rl.setPrompt(session.inPubsub ? '' : session.prompt());
      rl.prompt();
    };

    const pump = async (): Promise<void> => {
      if (running) return;
      running = true;
      try {
        while (!done && !session.inPubsub) {
          const line = queue.shift();
          if (line === undefined) break;
          if (!(await session.line(toBytes(line)))) {
            finish(session.exitCode);
            return;
          }
          if (queue.length === 0 && !done) showPrompt();
        }
      } finally {
        running = false;
      }
    };

    rl.on('line', (line) => {
      // Lines typed while reading messages are dropped, as the terminal drops them on Ctrl-C.
      if (session.inPubsub) return;
      queue.push(line);
      void pump();
    });
    rl.on('SIGINT', () => {
      if (session.inPubsub) {
        // The terminal echoes ^C; the prompt then redraws over it unless the time was printed.
        write('^C');
        if (!session.interrupt()) write('\r\x1b[K');
        showPrompt();
        void pump();
      } else if (session.busy) {
        queue.length = 0;
        session.interrupt();
      } else {
        write('\n');
        finish(0);
      }
    });
    rl.on('close', () => {
      // Ctrl-D on an empty line.
      if (!done) write('\n');
      finish(0);
    });
    showPrompt();
  });
}
