import { createRedis, type RedisServer } from '../../redis-sim/index.js';
import { Proc, type Endpoint } from './process.js';
import { RedisPush, RedisReplies, RedisRequest } from './messages.js';
import type { Connection } from './network.js';
import type { Sim } from './sim.js';

export interface RedisNodeOptions {
  /** CONFIG SET pairs applied at every start (e.g. { 'notify-keyspace-events': 'KEA' }). */
  config?: Readonly<Record<string, string>>;
}

/** serverCron's frequency (hz 10): the active expiry cycle runs every 100 ms. */
const CRON_MS = 100;

/**
 * A Redis server process: a redis-sim engine on the process's own clock, one engine client per
 * connection. Without persistence (a later issue), a crash loses the keyspace.
 */
export class RedisNode extends Proc {
  engine!: RedisServer;

  constructor(sim: Sim, name: string, readonly options: RedisNodeOptions = {}) {
    super(sim, name, 'redis');
  }

  onStart(): void {
    this.engine = createRedis({ clock: { now: () => this.localNow() }, random: this.sim.rngFor(`redis:${this.name}#${this.incarnation}`) });
    for (const [k, v] of Object.entries(this.options.config ?? {})) this.engine.exec(['CONFIG', 'SET', k, v]);
    this.cron();
  }

  private cron(): void {
    this.timer(CRON_MS, () => {
      this.engine.tick();
      this.cron();
    });
  }

  override accept(conn: Connection): Endpoint {
    const client = this.engine.client({ addr: `${conn.client.name}:${conn.id}` });
    client.onPush((reply) => conn.send(this, new RedisPush(reply)));
    return {
      onMessage: (msg) => {
        if (!(msg instanceof RedisRequest)) return;
        const replies = client.send(msg.argv);
        this.sim.trace.append({ type: 'command', proc: this.name, client: conn.client.name, argv: msg.argv, reply: replies.length === 1 ? replies[0]! : { type: 'array', value: replies } });
        conn.send(this, new RedisReplies(replies));
        if (client.closing) conn.closeBy(this);
      },
      onClose: () => this.engine.disconnect(client),
    };
  }
}
