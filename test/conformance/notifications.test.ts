/**
 * Keyspace notifications, compared with a real redis-server: the same random workload runs with
 * notify-keyspace-events=KEA (plus 'n' for new keys and 'm' for misses), and the messages a
 * PSUBSCRIBE '__key*__:*' client receives must match in content and order. Commands whose effect
 * is random (SPOP, RANDOMKEY …) are left out, so both sides stay in the same state.
 */
import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, encodeResp } from '../../src/redis-sim/index.js';
import { haveRealRedis, RealRedis, RespConnection, replyEnd, Rng, type GenContext } from './harness.js';
import { FAMILIES } from './generators/index.js';

const available = haveRealRedis();
const SEEDS = process.env.REDZOO_SEED ? [Number(process.env.REDZOO_SEED)] : [11, 12];
const COMMANDS = Number(process.env.REDZOO_COMMANDS ?? 1500);

/** A raw subscriber: collects every pushed message; `drain` waits until a PING's pong arrives. */
class Subscriber {
  private buf = Buffer.alloc(0);
  private messages: string[] = [];
  private onPong: (() => void) | null = null;

  constructor(private readonly socket: Socket) {
    socket.on('data', (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      for (;;) {
        const end = replyEnd(this.buf, 0);
        if (end < 0) return;
        const reply = this.buf.toString('latin1', 0, end);
        this.buf = this.buf.subarray(end);
        if (reply === '*2\r\n$4\r\npong\r\n$0\r\n\r\n') this.onPong?.();
        else this.messages.push(reply);
      }
    });
  }

  static async open(port: number): Promise<Subscriber> {
    const socket = new Socket();
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.connect(port, '127.0.0.1', () => resolve());
    });
    return new Subscriber(socket);
  }

  send(argv: string[]): void {
    this.socket.write(`*${argv.length}\r\n` + argv.map((a) => `$${Buffer.byteLength(a, 'latin1')}\r\n${a}\r\n`).join(''), 'latin1');
  }

  async drain(): Promise<string[]> {
    const pong = new Promise<void>((resolve) => (this.onPong = resolve));
    this.send(['PING']);
    await pong;
    return this.messages.splice(0);
  }

  close(): void {
    this.socket.destroy();
  }
}

describe.skipIf(!available)('keyspace notifications match a real redis-server', () => {
  let real: RealRedis;
  beforeAll(async () => {
    real = await RealRedis.start();
  });
  afterAll(() => real?.stop());

  for (const seed of SEEDS) {
    it(`same messages in the same order for seed ${seed}`, async () => {
      const conn = await RespConnection.open(real.port);
      await conn.send(['FLUSHALL']);
      await conn.send(['CONFIG', 'SET', 'notify-keyspace-events', 'KEAnm']);
      const sub = await Subscriber.open(real.port);
      sub.send(['PSUBSCRIBE', '__key*__:*']);
      await sub.drain();

      const engine = createRedis({ clock: { now: () => Date.now() }, seed });
      engine.exec(['CONFIG', 'SET', 'notify-keyspace-events', 'KEAnm']);
      const mine: string[] = [];
      const engineSub = engine.client();
      engineSub.onPush((r) => mine.push(encodeResp(r).toString('latin1')));
      engineSub.exec(['PSUBSCRIBE', '__key*__:*']);
      const client = engine.client();

      const rng = new Rng(seed);
      const g: GenContext = {
        rng,
        key: () => rng.pick(['k1', 'k2', 'k3', 'k4']),
        member: () => rng.pick(['a', 'b', 'c', '1', '2', 'foo']),
        number: () => rng.pick(['0', '1', '-1', '2.5', 'x', '10']),
        index: () => String(rng.int(-4, 4)),
      };
      const batch: string[][] = [];
      while (batch.length < COMMANDS) {
        const family = rng.pick(FAMILIES.filter((f) => f.name !== 'server'));
        const next = family.next(g);
        const group = Array.isArray(next) ? next : [next];
        // Random picks would make the two sides diverge; whole-database commands drown the stream.
        if (group.some((cmd) => cmd.compare === 'shape' || ['FLUSHALL', 'FLUSHDB', 'SWAPDB', 'SELECT', 'MULTI', 'EXEC', 'DISCARD'].includes(cmd.argv[0]!.toUpperCase()))) continue;
        batch.push(...group.map((cmd) => cmd.argv));
      }
      for (let i = 0; i < batch.length; i += 100) {
        const part = batch.slice(i, i + 100);
        await conn.sendAll(part);
        for (const argv of part) client.sendBytes(argv);
      }
      const theirs = await sub.drain();
      sub.close();
      conn.close();
      const firstDiff = theirs.findIndex((m, i) => m !== mine[i]);
      if (firstDiff >= 0 || theirs.length !== mine.length) {
        const at = firstDiff >= 0 ? firstDiff : Math.min(theirs.length, mine.length);
        console.error(`seed ${seed}: first difference at message ${at}\n redis:  ${JSON.stringify(theirs.slice(at, at + 4))}\n redzoo: ${JSON.stringify(mine.slice(at, at + 4))}`);
      }
      expect(mine.length, `seed ${seed}`).toBe(theirs.length);
      expect(mine, `seed ${seed}`).toEqual(theirs);
      expect(theirs.length).toBeGreaterThan(100);
    });
  }
});
