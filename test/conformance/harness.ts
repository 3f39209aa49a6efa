/**
 * The differential harness: a real redis-server started on a free loopback port, a raw RESP
 * connection that returns each reply's exact bytes, and the comparison rules for replies whose
 * order or timing Redis leaves unspecified.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = 'redis-server';

/** True when the real server can be run here; in CI its absence is an error, never a skip. */
export function haveRealRedis(): boolean {
  const ok = spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' }).status === 0;
  if (!ok && process.env.CI) throw new Error('CI: redis-server is not installed, the conformance suite cannot be skipped');
  return ok;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export class RealRedis {
  private constructor(
    readonly port: number,
    private readonly proc: ChildProcess,
    private readonly dir: string,
  ) {}

  static async start(): Promise<RealRedis> {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'redzoo-redis-'));
    const proc = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: 'ignore',
    });
    const server = new RealRedis(port, proc, dir);
    for (let i = 0; i < 100; i++) {
      try {
        const c = await RespConnection.open(port);
        await c.send(['PING']);
        c.close();
        return server;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    server.stop();
    throw new Error(`redis-server did not start on port ${port}`);
  }

  stop(): void {
    this.proc.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Finds where one RESP reply ends in buf (from offset), or -1 when more bytes are needed. */
export function replyEnd(buf: Buffer, offset: number): number {
  if (offset >= buf.length) return -1;
  const nl = buf.indexOf('\r\n', offset, 'latin1');
  if (nl < 0) return -1;
  const type = String.fromCharCode(buf[offset]!);
  const line = buf.toString('latin1', offset + 1, nl);
  switch (type) {
    case '+':
    case '-':
    case ':':
      return nl + 2;
    case '$': {
      const len = Number(line);
      if (len < 0) return nl + 2;
      const end = nl + 2 + len + 2;
      return end <= buf.length ? end : -1;
    }
    case '*': {
      const n = Number(line);
      let pos = nl + 2;
      for (let i = 0; i < n; i++) {
        pos = replyEnd(buf, pos);
        if (pos < 0) return -1;
      }
      return pos;
    }
    default:
      throw new Error(`bad RESP type byte ${JSON.stringify(type)}`);
  }
}

/** A raw RESP2 connection: commands out, each reply's exact bytes back, pipelined. */
export class RespConnection {
  private buf = Buffer.alloc(0);
  private waiting: ((b: Buffer) => void)[] = [];

  private constructor(private readonly socket: Socket) {
    socket.on('data', (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      for (;;) {
        if (this.waiting.length === 0) return;
        const end = replyEnd(this.buf, 0);
        if (end < 0) return;
        const reply = this.buf.subarray(0, end);
        this.buf = this.buf.subarray(end);
        this.waiting.shift()!(Buffer.from(reply));
      }
    });
  }

  static open(port: number): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      socket.once('error', reject);
      socket.connect(port, '127.0.0.1', () => {
        socket.removeListener('error', reject);
        socket.setNoDelay(true);
        resolve(new RespConnection(socket));
      });
    });
  }

  /** Sends commands (engine bytes, one char per byte) pipelined; resolves with each reply's bytes. */
  sendAll(commands: readonly string[][]): Promise<Buffer[]> {
    const promises = commands.map(() => new Promise<Buffer>((resolve) => this.waiting.push(resolve)));
    let out = '';
    for (const argv of commands) {
      out += `*${argv.length}\r\n`;
      for (const a of argv) out += `$${a.length}\r\n${a}\r\n`;
    }
    this.socket.write(Buffer.from(out, 'latin1'));
    return Promise.all(promises);
  }

  async send(argv: string[]): Promise<Buffer> {
    return (await this.sendAll([argv]))[0]!;
  }

  close(): void {
    this.socket.destroy();
  }
}

/** A small seeded PRNG for generators (mulberry32): the printed seed reproduces a run. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/**
 * How a reply is compared. 'exact' is byte for byte. The others exist only where Redis leaves
 * something unspecified: element order ('unordered'), field/value pair order ('unordered-pairs'),
 * which elements a random pick returns ('shape': type and length), and the millisecond a TTL
 * was read at ('ttl': integers within a tolerance).
 */
export type Compare = 'exact' | 'unordered' | 'unordered-pairs' | 'shape' | 'ttl' | 'scan';

export interface GeneratedCommand {
  argv: string[];
  compare?: Compare;
}

/** What a family generator is handed: randomness and the shared small pools that make types collide. */
export interface GenContext {
  rng: Rng;
  /** A key from a small shared pool, so commands of every type land on the same keys. */
  key(): string;
  /** A member/field/value from a small pool (some numeric, some not, one non-ASCII). */
  member(): string;
  /** A number-ish argument: integers, floats, edge cases and junk. */
  number(): string;
  /** An integer-ish argument for indexes and counts, including out-of-range and junk. */
  index(): string;
}

/**
 * A generator returns one command, or a group that must run back to back (a scripted sequence on
 * a private key): a group never contains MULTI/EXEC/DISCARD/SELECT, so a transaction around it
 * runs or drops it whole and both servers stay in the same state.
 */
export type Generator = (g: GenContext) => GeneratedCommand | GeneratedCommand[];

/** Parses one reply's bytes into a tree, for the non-exact comparisons. */
export function parseReply(buf: Buffer, offset = 0): { value: unknown; end: number } {
  const nl = buf.indexOf('\r\n', offset, 'latin1');
  const type = String.fromCharCode(buf[offset]!);
  const line = buf.toString('latin1', offset + 1, nl);
  switch (type) {
    case '+':
      return { value: { status: line }, end: nl + 2 };
    case '-':
      return { value: { error: line }, end: nl + 2 };
    case ':':
      return { value: Number(line), end: nl + 2 };
    case '$': {
      const len = Number(line);
      if (len < 0) return { value: null, end: nl + 2 };
      return { value: buf.toString('latin1', nl + 2, nl + 2 + len), end: nl + 2 + len + 2 };
    }
    case '*': {
      const n = Number(line);
      if (n < 0) return { value: null, end: nl + 2 };
      const items: unknown[] = [];
      let pos = nl + 2;
      for (let i = 0; i < n; i++) {
        const r = parseReply(buf, pos);
        items.push(r.value);
        pos = r.end;
      }
      return { value: items, end: pos };
    }
  }
  throw new Error(`bad reply ${JSON.stringify(buf.toString('latin1'))}`);
}

const key = (v: unknown) => JSON.stringify(v);

/** Splits an array reply's bytes into its elements' bytes (null when it is not a non-null array). */
export function arrayElements(buf: Buffer): Buffer[] | null {
  if (buf[0] !== 0x2a /* * */) return null;
  const nl = buf.indexOf('\r\n', 0, 'latin1');
  const n = Number(buf.toString('latin1', 1, nl));
  if (n < 0) return null;
  const out: Buffer[] = [];
  let pos = nl + 2;
  for (let i = 0; i < n; i++) {
    const end = replyEnd(buf, pos);
    out.push(buf.subarray(pos, end));
    pos = end;
  }
  return out;
}

/** Whether two replies agree under the given rule; exact compares bytes. */
export function sameReply(compare: Compare, a: Buffer, b: Buffer): boolean {
  if (a.equals(b)) return true;
  if (compare === 'exact') return false;
  const x = parseReply(a).value;
  const y = parseReply(b).value;
  switch (compare) {
    case 'unordered':
      return Array.isArray(x) && Array.isArray(y) && key([...x].map(key).sort()) === key([...y].map(key).sort());
    case 'unordered-pairs': {
      if (!Array.isArray(x) || !Array.isArray(y)) return false;
      const pairs = (v: unknown[]) => v.flatMap((_, i) => (i % 2 ? [] : [key([v[i], v[i + 1]])])).sort();
      return key(pairs(x)) === key(pairs(y));
    }
    case 'shape':
      return shape(x) === shape(y);
    case 'ttl':
      return typeof x === 'number' && typeof y === 'number' && (x < 0 || y < 0 ? x === y : Math.abs(x - y) <= 1500);
    case 'scan':
      // Cursors are the server's business; a finished scan (cursor 0) must return the same elements.
      return (
        Array.isArray(x) && Array.isArray(y) && x[0] === '0' && y[0] === '0' &&
        key([...(x[1] as unknown[])].map(key).sort()) === key([...(y[1] as unknown[])].map(key).sort())
      );
  }
}

function shape(v: unknown): string {
  if (Array.isArray(v)) return `array(${v.length})`;
  if (v === null) return 'null';
  if (typeof v === 'object') return key(v); // status and error replies must match exactly
  return typeof v;
}
