import { createServer, type Server, type Socket } from 'node:net';
import { createRedis, type RedisServer } from '../redis-sim/index.js';
import { wallClock } from './wall-clock.js';
import { encodeRespString } from '../redis-sim/resp.js';
import { RespParser } from '../redis-sim/resp-parser.js';

/**
 * `redzoo serve`: the engine behind a real TCP port, speaking RESP2, so redis-cli, ioredis,
 * node-redis (anything that talks to Redis) can talk to the simulator.
 *
 * Each connection is one engine client (its own db, MULTI, WATCH and subscriptions). What has
 * arrived is read in the slices Redis's read(2) calls would take (so protocol limits trip where they
 * trip in Redis), all of it is parsed before anything is written, and the replies leave in one
 * write, in order: pipelining as Redis does it (readQueryFromClient, then the replies at
 * beforeSleep). Pub/sub messages a connection receives between its own commands are written as
 * they happen.
 *
 * How a connection ends, as in Redis 7.0:
 *   QUIT                    +OK, then closed; anything pipelined after QUIT is ignored
 *   a protocol error        -ERR Protocol error: ..., then closed (replies before it are sent)
 *   POST / Host: lines      closed at once, nothing written (securityWarningCommand: someone is
 *                           talking HTTP to the port, e.g. a cross-protocol attack from a browser)
 *   query buffer too large  closed at once (client-query-buffer-limit, 1 GB)
 *   maxclients reached      -ERR max number of clients reached, then closed
 *   slow pub/sub reader     closed once its pending output passes 32 MB, or stays above 8 MB for
 *                           60 s (client-output-buffer-limit pubsub 32mb 8mb 60)
 */

export interface RedisServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The engine to serve; a fresh wall-clock one by default. */
  redis?: RedisServer;
  /** How often serverCron runs (active expiry); 100 ms, as Redis's hz 10. */
  tickMs?: number;
}

export interface RunningRedisServer {
  readonly port: number;
  readonly host: string;
  readonly redis: RedisServer;
  /** Stops listening, closes every connection (cleaning up their engine clients), stops the cron. */
  close(): Promise<void>;
}

const PUBSUB_HARD_LIMIT = 32 * 1024 * 1024;
const PUBSUB_SOFT_LIMIT = 8 * 1024 * 1024;
const PUBSUB_SOFT_SECONDS = 60;

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RunningRedisServer> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  let redis = options.redis;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    serveConnection(socket, redis!);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  // Server-level errors after startup (EMFILE on accept...) must not kill the process.
  server.on('error', () => {});
  const port = (server.address() as { port: number }).port;
  // Created once the port is known, so CONFIG GET port and CLIENT LIST's laddr tell the truth.
  redis ??= createRedis({ port, clock: wallClock });
  const engine = redis;
  const cron = setInterval(() => engine.tick(), options.tickMs ?? 100);
  cron.unref();
  let closing: Promise<void> | undefined;
  return {
    port,
    host,
    redis: engine,
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(cron);
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
}

/** One TCP connection ⇄ one engine client. */
function serveConnection(socket: Socket, redis: RedisServer): void {
  socket.setNoDelay(true);
  socket.on('error', () => {
    // ECONNRESET and friends: 'close' follows and cleans up.
  });
  // acceptCommonHandler: one client too many gets this line and the door.
  if (redis.clients.size >= redis.config.int('maxclients')) {
    socket.end('-ERR max number of clients reached\r\n');
    return;
  }
  const client = redis.client({
    addr: formatAddr(socket.remoteAddress, socket.remotePort),
    laddr: formatAddr(socket.localAddress, socket.localPort),
  });
  const parser = new RespParser();
  /** Replies not yet handed to the socket, as a binary string (one char per byte). */
  let out = '';
  let processing = false;
  /** No more reading: the connection closes once `out` is written. */
  let closeAfterReply = false;
  let gone = false;
  let softLimitSince = 0;

  const cleanup = (): void => {
    if (gone) return;
    gone = true;
    client.onPush(undefined);
    redis.disconnect(client);
  };

  const flush = (): void => {
    if (gone && !closeAfterReply) return;
    if (out.length > 0) {
      const ok = socket.write(Buffer.from(out, 'latin1'));
      out = '';
      // Backpressure: stop reading while the peer is not reading its replies.
      if (!ok && !closeAfterReply) socket.pause();
    }
    if (closeAfterReply) {
      cleanup();
      // A full close once the replies are out, as Redis's close() after the last write.
      socket.end(() => socket.destroy());
    }
  };

  const kill = (): void => {
    out = '';
    closeAfterReply = false;
    cleanup();
    socket.destroy();
  };

  client.onPush((reply) => {
    if (gone) return;
    out += encodeRespString(reply);
    if (processing) return;
    flush();
    if (client.subscriptionCount > 0 && overPubsubLimit()) kill();
  });

  /** client-output-buffer-limit pubsub 32mb 8mb 60 (checked where Redis checks: when output grows). */
  const overPubsubLimit = (): boolean => {
    const pending = socket.writableLength;
    if (pending > PUBSUB_HARD_LIMIT) return true;
    if (pending <= PUBSUB_SOFT_LIMIT) {
      softLimitSince = 0;
      return false;
    }
    const now = Date.now();
    if (softLimitSince === 0) softLimitSince = now;
    return now - softLimitSince >= PUBSUB_SOFT_SECONDS * 1000;
  };

  socket.on('drain', () => {
    if (!gone) socket.resume();
  });

  /** Bytes that arrived in this turn of the event loop, not yet read. */
  let received: Buffer[] = [];
  let readScheduled = false;

  // Node hands data over in 64 KB chunks; what arrived together is gathered first (setImmediate runs
  // after the poll phase's reads), so it can be read in the slices Redis's read(2) calls take.
  socket.on('data', (chunk: Buffer) => {
    received.push(chunk);
    if (readScheduled) return;
    readScheduled = true;
    setImmediate(() => {
      readScheduled = false;
      const data = received.length === 1 ? received[0]! : Buffer.concat(received);
      received = [];
      try {
        onData(data);
      } catch {
        // Nothing a client sends may take the server down: at worst its own connection goes.
        kill();
      }
    });
  });

  const onData = (data: Buffer): void => {
    processing = true;
    try {
      // One readQueryFromClient per slice: the limits are checked after each read, as Redis does.
      for (let at = 0; at < data.length && !gone && !closeAfterReply; ) {
        const n = Math.min(parser.nextReadSize(), data.length - at);
        parser.maxBulkLen = redis.config.int('proto-max-bulk-len');
        parser.feed(data.subarray(at, at + n));
        at += n;
        if (parser.buffered > redis.config.int('client-query-buffer-limit')) {
          kill();
          return;
        }
        processInput();
      }
    } finally {
      processing = false;
    }
    flush();
  };

  /** processInputBuffer: runs every complete command read so far. */
  const processInput = (): void => {
    for (;;) {
      const parsed = parser.next();
      if (parsed === null) return;
      if (parsed.type === 'error') {
        out += `-${parsed.error}\r\n`;
        closeAfterReply = true;
        return;
      }
      const name = parsed.argv[0]!.toLowerCase();
      if (name === 'post' || name === 'host:') {
        kill();
        return;
      }
      out += run(parsed.argv);
      if (client.closing) {
        closeAfterReply = true;
        return;
      }
    }
  };

  const run = (argv: string[]): string => {
    let replies;
    try {
      replies = client.sendBytes(argv);
    } catch (e) {
      // The engine guards its handlers; this catches a bug in the dispatcher itself.
      return `-ERR redzoo internal error: ${String(e).replace(/[\r\n]/g, ' ')}\r\n`;
    }
    let s = '';
    for (const r of replies) s += encodeRespString(r);
    return s;
  };

  socket.on('close', cleanup);
}

/** anetFormatAddr: `ip:port`, IPv6 in brackets. */
function formatAddr(ip: string | undefined, port: number | undefined): string {
  const host = ip ?? '?';
  return `${host.includes(':') ? `[${host}]` : host}:${port ?? 0}`;
}
