import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createRedis, ManualClock } from '../../src/redis-sim/index.js';
import { RedisCliSession } from '../../src/cli/redis-repl.js';
import { haveRealRedis, RealRedis } from '../conformance/harness.js';
import { BIN, haveRedisCli, requireBuild, ROOT } from './helpers.js';

/**
 * `redzoo redis`: the REPL. The session is tested in-process; the piped and interactive modes
 * through the built launcher (bin/redzoo.js), against the real redis-cli where one is installed.
 */

/** A session on a manual clock whose output is collected; `now` drives the elapsed-time print. */
function session() {
  const clock = new ManualClock(1_000_000);
  const redis = createRedis({ clock, seed: 1 });
  let out = '';
  let wall = 0;
  const s = new RedisCliSession(redis, { write: (b) => (out += b), now: () => wall });
  /** Types lines, returns what was printed. */
  const type = async (...lines: string[]): Promise<string> => {
    out = '';
    for (const l of lines) await s.line(l);
    return out;
  };
  return { s, redis, clock, type, advanceWall: (ms: number) => (wall += ms), output: () => out };
}

describe('the session', () => {
  it('prints replies as redis-cli does', async () => {
    const { type } = session();
    expect(await type('SET k "a b"', 'GET k', 'GET nope', 'RPUSH l x y', 'LRANGE l 0 -1', 'LPUSH k x')).toBe(
      'OK\n"a b"\n(nil)\n(integer) 2\n1) "x"\n2) "y"\n(error) WRONGTYPE Operation against a key holding the wrong kind of value\n',
    );
  });

  it('ignores empty and blank lines and reports unbalanced quotes', async () => {
    const { type } = session();
    expect(await type('', '   ', '\t', 'SET "a b', "SET 'a'b c", 'PING')).toBe('Invalid argument(s)\nInvalid argument(s)\nPONG\n');
  });

  it('repeats a command given a count first, and refuses a count <= 0', async () => {
    const { type } = session();
    expect(await type('3 INCR n')).toBe('(integer) 1\n(integer) 2\n(integer) 3\n');
    expect(await type('0 PING', '-1 PING', '"" PING')).toBe('Invalid redis-cli repeat command option value.\n'.repeat(3));
    expect(await type('5')).toBe("(error) ERR unknown command '5', with args beginning with: \n");
  });

  it('leaves on quit or exit, in any case, whatever follows', async () => {
    const { s } = session();
    expect(await s.line('PING')).toBe(true);
    expect(await s.line('QUIT')).toBe(false);
    expect(await s.line('exit now')).toBe(false);
  });

  it('shows the db in the prompt after SELECT, and (TX) inside MULTI, as redis-cli tracks them', async () => {
    const { s, type } = session();
    expect(s.prompt()).toBe('127.0.0.1:6379> ');
    await type('SELECT 2');
    expect(s.prompt()).toBe('127.0.0.1:6379[2]> ');
    await type('SELECT 99');
    expect(s.prompt()).toBe('127.0.0.1:6379[2]> ');
    await type('MULTI');
    expect(s.prompt()).toBe('127.0.0.1:6379[2](TX)> ');
    // Queued, not run: redis-cli still shows it, and forgets it on DISCARD.
    await type('SELECT 3');
    expect(s.prompt()).toBe('127.0.0.1:6379[3](TX)> ');
    await type('DISCARD');
    expect(s.prompt()).toBe('127.0.0.1:6379[2]> ');
    await type('MULTI', 'SELECT 5', 'EXEC');
    expect(s.prompt()).toBe('127.0.0.1:6379[5]> ');
    await type('MULTI', 'SELECT 1', 'NOPE', 'EXEC');
    expect(s.prompt()).toBe('127.0.0.1:6379[5]> ');
    await type('RESET');
    expect(s.prompt()).toBe('127.0.0.1:6379> ');
  });

  it('reads one reply per command, so extra replies show up as the next ones, as on the wire', async () => {
    const { type } = session();
    expect(await type('UNSUBSCRIBE a b', 'PING', 'ECHO x')).toBe(
      '1) "unsubscribe"\n2) "a"\n3) (integer) 0\n1) "unsubscribe"\n2) "b"\n3) (integer) 0\nPONG\n',
    );
  });

  it('prints reports (CLIENT INFO, INFO) as raw text', async () => {
    const { type } = session();
    const info = await type('CLIENT INFO');
    expect(info).toMatch(/^id=\d+ addr=/);
    expect(info.endsWith('\n')).toBe(true);
    expect(info).not.toContain('"');
  });

  it('answers help from the command table', async () => {
    const { type } = session();
    const get = await type('help GET');
    expect(get).toContain('\x1b[1mGET\x1b[0m \x1b[90mkey\x1b[0m\r\n');
    expect(get).toContain('\x1b[33mgroup:\x1b[0m string\r\n');
    const group = await type('help @string');
    expect(group).toContain('\x1b[1mINCRBYFLOAT\x1b[0m');
    expect(group).not.toContain('group:');
    expect(await type('help nosuchcommand')).toBe('\r\n');
    expect(await type('help')).toContain('"help <command>" for help on <command>');
  });

  it('understands clear, restart and :set like redis-cli', async () => {
    const { type } = session();
    expect(await type('clear')).toBe('\x1b[H\x1b[2J');
    expect(await type('restart')).toBe("Use 'restart' only in Lua debugging mode.\n");
    expect(await type(':set hints', ':set foo')).toBe("unknown redis-cli preference 'foo'\n");
    // Any first word starting with ':' is redis-cli's own (checked on redis-cli 7.0.15).
    expect(await type(':set', ':foo bar', ':', '3 :x')).toBe(
      "unknown redis-cli internal command ':set'\nunknown redis-cli internal command ':foo'\nunknown redis-cli internal command ':'\n" +
        "(error) ERR unknown command ':x', with args beginning with: \n".repeat(3),
    );
  });

  it('reads its own words as C strings: a NUL byte ends them, as redis-cli 7.0.15 does', async () => {
    const { s, type } = session();
    // strtol stops at the NUL: "" is a count of 0, "3" a count of 3.
    expect(await type('"\\x00abc" x', '"3\\x00x" PING')).toBe('Invalid redis-cli repeat command option value.\nPONG\nPONG\nPONG\n');
    expect(await type('":foo\\x00bar"')).toBe("unknown redis-cli internal command ':foo'\n");
    expect(await s.line('"quit\\x00x"')).toBe(false);
  });

  it('notices that the server closed the connection (QUIT) only when the next command fails', async () => {
    const redis = createRedis({ clock: new ManualClock(0), seed: 1 });
    let out = '';
    let err = '';
    const s = new RedisCliSession(redis, { write: (b) => (out += b), writeError: (t) => (err += t) });
    for (const l of ['SELECT 2', 'SET a 1', '3 QUIT', 'PING', 'GET a', '1 QUIT', 'PING']) await s.line(l);
    // The second QUIT fails and ends the repeat; the next command connects again, but without
    // SELECT (redis-cli believes it is still on db 2): GET a finds nothing on db 0.
    expect(out).toBe('OK\nOK\nOK\nPONG\n(nil)\nOK\n');
    expect(err).toBe('Error: Server closed the connection\n'.repeat(2));
    expect(s.prompt()).toBe('127.0.0.1:6379[2]> ');
    expect(redis.clients.size).toBe(0);
    // Reading messages on a closed connection fails too, and then redis-cli exits 1.
    out = err = '';
    await s.line('PING');
    expect(await s.line('1 QUIT')).toBe(true);
    expect(await s.line('SUBSCRIBE ch')).toBe(false);
    expect(s.exitCode).toBe(1);
    expect(out).toBe('PONG\nOK\nReading messages... (press Ctrl-C to quit)\n');
    expect(err).toBe('Error: Server closed the connection\n');
  });

  it('reads messages after SUBSCRIBE until Ctrl-C, then reconnects on the same db', async () => {
    const { s, redis, type, advanceWall, output } = session();
    await type('SELECT 1');
    expect(await type('SUBSCRIBE news')).toBe(
      'Reading messages... (press Ctrl-C to quit)\n1) "subscribe"\n2) "news"\n3) (integer) 1\n',
    );
    expect(s.inPubsub).toBe(true);
    redis.client().exec(['PUBLISH', 'news', 'hi']);
    expect(output()).toContain('1) "message"\n2) "news"\n3) "hi"\n');
    advanceWall(1234);
    expect(s.interrupt()).toBe(true);
    expect(output().endsWith('(1.23s)\n')).toBe(true);
    expect(s.inPubsub).toBe(false);
    expect(redis.channels.size).toBe(0);
    expect(s.prompt()).toBe('127.0.0.1:6379[1]> ');
    await type('SET indb1 x');
    expect(redis.client().exec(['SELECT', '1']).value).toBe('OK');
    expect(await type('EXISTS indb1')).toBe('(integer) 1\n');
  });

  it('leaves pub/sub mode at once when SUBSCRIBE fails', async () => {
    const { s, type } = session();
    expect(await type('SUBSCRIBE')).toBe(
      "Reading messages... (press Ctrl-C to quit)\n(error) ERR wrong number of arguments for 'subscribe' command\n",
    );
    expect(s.inPubsub).toBe(false);
  });

  it('prints keyspace events as the cron expires keys', async () => {
    const { s, redis, clock, type, output } = session();
    await type('CONFIG SET notify-keyspace-events Ex', 'SET t v PX 100', 'SUBSCRIBE __keyevent@0__:expired');
    clock.advance(500);
    redis.tick();
    expect(output()).toContain('1) "message"\n2) "__keyevent@0__:expired"\n3) "t"\n');
    s.interrupt();
  });

  it('stops a long repeat on Ctrl-C', async () => {
    const { s, redis } = session();
    const running = s.line('100000000 INCR n');
    await new Promise((r) => setImmediate(r));
    s.interrupt();
    await running;
    const n = Number(redis.exec(['GET', 'n']).value);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(100000000);
  });
});

// --- the launcher ------------------------------------------------------------------------------

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs bin/redzoo.js with piped stdin; `signal.sig` is sent once stdout contains `signal.when`,
 * then `signal.then` (if any) is written and stdin closed.
 */
function runBin(args: string[], input: string | null, signal?: { when: string; sig: NodeJS.Signals; then?: string }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    p.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('latin1');
      if (signal && !signalled && stdout.includes(signal.when)) {
        signalled = true;
        p.kill(signal.sig);
        if (signal.then !== undefined) p.stdin.end(signal.then);
      }
    });
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
    // With a signal to send, stdin stays open (an EOF racing the signal would end the REPL first).
    if (input !== null) {
      if (signal) p.stdin.write(input);
      else p.stdin.end(input);
    }
  });
}

/** Runs the real redis-cli with piped stdin. */
function runRedisCli(port: number, input: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn('redis-cli', ['--no-raw', '-p', String(port)]);
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString('latin1')));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
    p.stdin.end(input);
  });
}

/** Commands with deterministic replies, covering the printer, the tokenizer and redis-cli's rules. */
const SCRIPT = [
  'SET greeting "hello world"',
  'GET greeting',
  'get nosuchkey',
  'SET bin "\\x00\\xff\\x7f\\"q\\"\\n\\\\"',
  'GET bin',
  'STRLEN bin',
  "APPEND greeting '!'",
  'INCR counter',
  'INCRBY counter 41',
  'INCRBYFLOAT counter 0.5',
  'LPUSH greeting x',
  'GET',
  'FOOBAR a b',
  'set "unbalanced',
  'set a"b c',
  'set "a"b c',
  '3 INCR hits',
  '0 PING',
  '-2 PING',
  '"" PING',
  '',
  '   ',
  'RPUSH letters a b c d e f g h i j k l',
  'LRANGE letters 0 -1',
  'LRANGE letters 5 1',
  'SADD nums 3 1 2',
  'SMEMBERS nums',
  'HSET h f v',
  'HGET h f',
  'ZADD z 1 one 2 two 2.5 "two and a half"',
  'ZRANGE z 0 -1 WITHSCORES',
  'SELECT 2',
  'SET indb2 yes',
  'MULTI',
  'GET indb2',
  'LRANGE nolist 0 1',
  'RPUSH inlist 1 2',
  'LRANGE inlist 0 -1',
  'EXEC',
  'MULTI',
  ...Array.from({ length: 10 }, (_, i) => `RPUSH deep ${i}`),
  'LRANGE deep 0 -1',
  'EXEC',
  'MULTI',
  'SELECT 3',
  'DISCARD',
  'GET indb2',
  'SELECT 0',
  'MULTI',
  'NOPE',
  'EXEC',
  'EXEC',
  'UNSUBSCRIBE a b',
  'PING',
  'PING',
  'ECHO done',
  'ECHO "\\x41\\x42"',
  "ECHO 'c\\'d'",
  'ECHO a b',
  'TYPE h',
  'quit',
  'PING',
].join('\n');

describe('piped input', () => {
  beforeAll(requireBuild);

  it('prints only replies, no prompt', async () => {
    const r = await runBin(['redis'], 'SET a 1\nGET a\n');
    expect(r).toEqual({ code: 0, stdout: 'OK\n"1"\n', stderr: '' });
  });

  it('is not what `redzoo` with no command runs: that is the TUI, which says it needs a terminal', async () => {
    const r = await runBin([], 'PING\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^redzoo: the terminal UI needs a terminal .*`redzoo run <scenario>`/);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });

  it('runs a last line that has no newline, and takes CRLF lines', async () => {
    expect((await runBin(['redis'], 'ECHO a\r\nECHO b')).stdout).toBe('"a"\n"b"\n');
  });

  it('exits 1 on Ctrl-C (SIGINT) outside pub/sub mode, as redis-cli does', async () => {
    const r = await runBin(['redis'], 'PING\n', { when: 'PONG', sig: 'SIGINT' });
    expect(r.code).toBe(1);
  });

  it('after SUBSCRIBE waits for messages; Ctrl-C goes back to reading lines', async () => {
    const r = await runBin(['redis'], 'SUBSCRIBE ch\nPING\n', { when: '(integer) 1\n', sig: 'SIGINT', then: 'ECHO after\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Reading messages... (press Ctrl-C to quit)\n1) "subscribe"\n2) "ch"\n3) (integer) 1\nPONG\n"after"\n');
  });

  describe('against the real redis-cli', () => {
    const real = haveRealRedis() && haveRedisCli();
    let server: RealRedis | undefined;
    beforeAll(async () => {
      if (real) server = await RealRedis.start();
    });
    afterAll(() => server?.stop());

    it.skipIf(!real)('prints exactly what `redis-cli --no-raw` prints for the same script', async () => {
      const [ours, theirs] = await Promise.all([runBin(['redis'], SCRIPT + '\n'), runRedisCli(server!.port, SCRIPT + '\n')]);
      expect(ours.stderr).toBe('');
      expect(ours.stdout).toBe(theirs.stdout);
      expect(ours.stdout).toContain('11)  1) "0"\n     2) "1"\n');
    });

    it.skipIf(!real)('after the server hangs up (QUIT), and after SUBSCRIBE on a closed connection, as redis-cli does', async () => {
      const script = ['FLUSHALL', ':set nohints', ':nope', '"\\x00x" PING', 'SELECT 2', 'SET a 1', '2 QUIT', 'PING', 'GET a', '1 QUIT', 'SUBSCRIBE ch', 'PING', ''].join('\n');
      const [ours, theirs] = await Promise.all([runBin(['redis'], script), runRedisCli(server!.port, script)]);
      expect(ours.stdout).toBe(theirs.stdout);
      expect(ours.code).toBe(theirs.code);
      expect(ours.code).toBe(1);
      expect(ours.stderr).toBe('Error: Server closed the connection\n'.repeat(2));
      // Which error hiredis reports depends on whether the server's RST beat the read.
      expect(theirs.stderr).toMatch(/^(Error: (Server closed the connection|Connection reset by peer)\n){2}$/);
    });
  });
});

describe('the redzoo command', () => {
  beforeAll(requireBuild);

  it('prints usage for --help and help', async () => {
    for (const arg of ['--help', '-h', 'help']) {
      const r = await runBin([arg], null);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('redzoo serve --redis-port N [--bind ADDR]');
    }
  });

  it('exits 2 with the usage on stderr for an unknown command or a bad option', async () => {
    const unknown = await runBin(['frobnicate'], null);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain("redzoo: unknown command 'frobnicate'");
    expect(unknown.stderr).toContain('Usage:');
    expect((await runBin(['serve'], null)).code).toBe(2);
    expect((await runBin(['serve', '--redis-port', 'x'], null)).code).toBe(2);
    expect((await runBin(['serve', '--redis-port', '0', '--nope'], null)).code).toBe(2);
    expect((await runBin(['redis', 'extra'], null)).code).toBe(2);
  });

  it('serve: says where it listens, serves, and exits 0 on SIGTERM and SIGINT', async () => {
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      const r = await runBin(['serve', '--redis-port', '0', '--bind', '127.0.0.1'], null, { when: 'listening', sig });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^redzoo: simulated Redis 7\.0 listening on 127\.0\.0\.1:\d+ \(RESP2; Ctrl-C to stop\)\n$/);
    }
  });

  it('serve: exits 1 with a message when the port is taken', async () => {
    const blocker = await import('node:net').then(
      (net) =>
        new Promise<import('node:net').Server>((resolve) => {
          const s = net.createServer();
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    );
    const port = (blocker.address() as { port: number }).port;
    const r = await runBin(['serve', '--redis-port', String(port)], null);
    blocker.close();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('EADDRINUSE');
  });
});

// --- a real terminal ---------------------------------------------------------------------------

const haveTmux = spawnSync('tmux', ['-V']).status === 0;
if (!haveTmux && process.env.CI) throw new Error('CI: tmux is not installed; the terminal test cannot be skipped');
if (!haveTmux) console.warn('tmux is not installed: the interactive REPL test is skipped');

describe.skipIf(!haveTmux)('in a terminal (tmux)', () => {
  beforeAll(requireBuild);
  const name = `redzoo-test-${process.pid}`;
  const tmux = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });
  afterAll(() => {
    tmux('kill-session', '-t', name);
  });

  async function screenUntil(ok: (screen: string) => boolean): Promise<string> {
    let screen = '';
    for (let i = 0; i < 100; i++) {
      screen = tmux('capture-pane', '-p', '-t', name).stdout;
      if (ok(screen)) return screen;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`screen never matched:\n${screen}`);
  }

  it('shows the prompt, runs what is typed, and leaves on quit', async () => {
    const started = tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '30', `${process.execPath} ${BIN} redis; sleep 30`);
    expect(started.status).toBe(0);
    // capture-pane trims the prompt's trailing space.
    await screenUntil((s) => s.includes('127.0.0.1:6379>'));
    // Type as a person does, each line after the reply to the last (keys typed ahead are echoed
    // before the prompt is drawn, and the screen would differ).
    tmux('send-keys', '-t', name, 'SET greeting "hi there"', 'Enter');
    await screenUntil((s) => s.includes('OK\n127.0.0.1:6379>'));
    tmux('send-keys', '-t', name, 'GET greeting', 'Enter');
    await screenUntil((s) => s.includes('"hi there"\n127.0.0.1:6379>'));
    tmux('send-keys', '-t', name, 'SELECT 3', 'Enter');
    const screen = await screenUntil((s) => s.includes('127.0.0.1:6379[3]>'));
    expect(screen).toContain('127.0.0.1:6379> SET greeting "hi there"\nOK\n127.0.0.1:6379> GET greeting\n"hi there"\n127.0.0.1:6379> SELECT 3\nOK\n127.0.0.1:6379[3]>');
    tmux('send-keys', '-t', name, 'quit', 'Enter');
    // The REPL is gone when the shell's `sleep` is what runs in the pane.
    await screenUntil(() => tmux('display-message', '-p', '-t', name, '#{pane_current_command}').stdout.trim() === 'sleep');
  });
});
