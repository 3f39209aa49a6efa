import { Socket } from 'node:net';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = `${ROOT}bin/redzoo.js`;

/** The CLI tests run the built launcher: dist/ must exist (`npm test` builds first). */
export function requireBuild(): void {
  if (!existsSync(`${ROOT}dist/cli/main.js`)) throw new Error('dist/ is missing: run `npm run build` first');
}

export const haveRedisCli = (): boolean => spawnSync('redis-cli', ['--version']).status === 0;

export interface Exchange {
  /** Everything the server wrote, as a binary string. */
  data: string;
  /** Whether the server closed the connection. */
  closed: boolean;
}

/**
 * Writes each chunk (a binary string) on a fresh connection, a few ms apart, then collects what
 * comes back until the server closes or has been quiet for `settleMs`.
 */
export function exchange(port: number, chunks: readonly string[], settleMs = 150): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let data = '';
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    let sent = false;
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ data, closed });
    };
    const settle = (): void => {
      clearTimeout(timer);
      if (sent) timer = setTimeout(done, settleMs);
    };
    socket.on('data', (d) => {
      data += d.toString('latin1');
      settle();
    });
    socket.on('close', () => {
      closed = true;
      if (sent) done();
      else resolve({ data, closed });
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      // A server that closes while we still write resets the connection: that is a close.
      if (e.code !== 'ECONNRESET' && e.code !== 'EPIPE') reject(e);
    });
    socket.connect(port, '127.0.0.1', async () => {
      for (const c of chunks) {
        if (socket.destroyed) break;
        socket.write(Buffer.from(c, 'latin1'));
        await new Promise((r) => setTimeout(r, 15));
      }
      sent = true;
      if (closed) done();
      else settle();
    });
  });
}

/** A connection that collects what the server writes, for conversations spread over time. */
export class RawClient {
  data = '';
  closed = false;
  private waiters: (() => void)[] = [];

  private constructor(private readonly socket: Socket) {
    socket.on('data', (d) => {
      this.data += d.toString('latin1');
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => {});
  }

  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = new Socket();
      s.once('error', reject);
      s.connect(port, '127.0.0.1', () => resolve(new RawClient(s)));
    });
  }

  write(bytes: string): void {
    this.socket.write(Buffer.from(bytes, 'latin1'));
  }

  /** Waits until the collected bytes satisfy `ok` (or the connection closes); returns them, cleared. */
  async until(ok: (data: string) => boolean, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!ok(this.data) && !this.closed) {
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(this.data)}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
    const out = this.data;
    this.data = '';
    return out;
  }

  /** Sends and waits for `n` CRLF-terminated lines (simple replies). */
  async send(bytes: string, lines = 1): Promise<string> {
    this.write(bytes);
    return this.until((d) => d.split('\r\n').length > lines);
  }

  close(): void {
    this.socket.destroy();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

/** RESP2 multibulk encoding of one command. */
export const mb = (...argv: string[]): string => `*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('');
