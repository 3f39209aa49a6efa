import { codeName, createZooKeeper, ZkError, type Session, type ZooKeeperOptions, type ZooKeeperServer } from '../../zk-sim/index.js';
import { Proc, type Endpoint } from './process.js';
import { ZkConnect, ZkConnected, ZkReply, ZkRequest, ZkWatchEvent } from './messages.js';
import type { Connection } from './network.js';
import type { Sim } from './sim.js';
import type { ScheduledEvent } from '../kernel/index.js';

export type ZkNodeOptions = Omit<ZooKeeperOptions, 'clock'>;

interface Attached {
  session: Session;
  conn: Connection | null;
}

/**
 * A standalone ZooKeeper server process: a zk-sim engine on the process's clock. Unlike the Redis
 * node it keeps its data through a crash (ZooKeeper logs every transaction before acknowledging
 * it), but a crash drops every connection, and with them every watch; on restart each session's
 * timeout starts again, as when ZooKeeper reloads its sessions from the log.
 */
export class ZkNode extends Proc {
  engine: ZooKeeperServer | undefined;
  private readonly attached = new Map<bigint, Attached>();
  private tickEvent: ScheduledEvent | undefined;
  private tickAt = Infinity;

  constructor(sim: Sim, name: string, readonly options: ZkNodeOptions = {}) {
    super(sim, name, 'zookeeper');
  }

  onStart(): void {
    if (this.engine === undefined) this.engine = createZooKeeper({ ...this.options, clock: { now: () => this.localNow() } });
    else this.engine.recover();
    this.tickAt = Infinity;
    this.armTick();
  }

  protected override onCrash(): void {
    for (const a of this.attached.values()) a.conn = null;
    this.tickAt = Infinity;
  }

  /** Session expiry and container reaping: a timer at the engine's next deadline. */
  private armTick(): void {
    const next = this.engine!.nextTimer;
    if (next >= this.tickAt || !Number.isFinite(next)) return;
    if (this.tickEvent) this.tickEvent.cancelled = true;
    this.tickAt = next;
    this.tickEvent = this.timer(Math.max(0, next - this.localNow()), () => {
      this.tickAt = Infinity;
      this.engine!.tick();
      this.armTick();
    });
  }

  override accept(conn: Connection): Endpoint {
    let mine: { id: bigint; a: Attached } | undefined;
    return {
      onMessage: (msg) => {
        if (msg instanceof ZkConnect) mine = this.connect(conn, msg);
        else if (msg instanceof ZkRequest && mine !== undefined) this.request(conn, mine.a.session, msg);
        this.armTick();
      },
      onClose: () => {
        if (mine !== undefined && mine.a.conn === conn) {
          mine.a.conn = null;
          mine.a.session.detach();
        }
      },
    };
  }

  private connect(conn: Connection, msg: ZkConnect): { id: bigint; a: Attached } | undefined {
    const engine = this.engine!;
    if (msg.sessionId !== null) {
      const a = this.attached.get(msg.sessionId);
      if (a === undefined || !a.session.revalidate()) {
        this.attached.delete(msg.sessionId);
        conn.send(this, new ZkConnected(msg.sessionId, 0));
        conn.closeBy(this);
        return undefined;
      }
      // A session has one connection: a stale one (the client gave up on it) is closed.
      if (a.conn !== null && a.conn !== conn) {
        a.conn.closeBy(this);
        a.session.detach();
      }
      a.conn = conn;
      conn.send(this, new ZkConnected(msg.sessionId, a.session.timeout));
      a.session.setWatches(msg.lastZxid, msg.watches);
      return { id: msg.sessionId, a };
    }
    let a: Attached | undefined;
    const session = engine.connect({
      sessionTimeout: msg.timeout,
      ip: '127.0.0.1',
      watcher: (event) => {
        if (a === undefined) return;
        if (event.type !== 'None') {
          a.conn?.send(this, new ZkWatchEvent(event));
          return;
        }
        // The server expired the session: traced (its ephemerals go now), and any connection it
        // still has is dropped; the client learns why when it reconnects.
        if (event.state === 'Expired') {
          this.sim.trace.append({ type: 'session', proc: this.name, state: 'Expired', session: hex(session.sessionId), server: this.name });
          const c = a.conn;
          a.conn = null;
          c?.closeBy(this);
        }
      },
    });
    a = { session, conn };
    this.attached.set(session.sessionId, a);
    conn.send(this, new ZkConnected(session.sessionId, session.timeout));
    return { id: session.sessionId, a };
  }

  private request(conn: Connection, session: Session, msg: ZkRequest): void {
    const engine = this.engine!;
    let err = 0;
    let result: unknown = null;
    try {
      result = this.apply(session, msg);
    } catch (e) {
      if (!(e instanceof ZkError)) throw e;
      err = e.code;
      result = e;
    }
    const reply = new ZkReply(msg.xid, engine.lastZxid, msg.op, err, result);
    if (msg.op !== 'ping') {
      this.sim.trace.append({ type: 'zk-op', proc: this.name, client: conn.client.name, op: msg.op, path: msg.path, result: err === 0 ? 'ok' : codeName(err) });
    }
    conn.send(this, reply);
    if (msg.op === 'closeSession') {
      this.attached.delete(session.sessionId);
      conn.closeBy(this);
    }
  }

  private apply(s: Session, msg: ZkRequest): unknown {
    const a = msg.args as never[];
    const path = msg.path as string;
    switch (msg.op) {
      case 'ping':
        return s.ping();
      case 'closeSession':
        return s.close();
      case 'create':
        return s.create2(path, a[0], a[1]);
      case 'delete':
        return s.delete(path, a[0]);
      case 'setData':
        return s.setData(path, a[0], a[1]);
      case 'getData':
        return s.getData(path, a[0]);
      case 'exists':
        return s.exists(path, a[0]);
      case 'getChildren':
        return s.getChildren(path, a[0]);
      case 'getChildren2':
        return s.getChildren2(path, a[0]);
      case 'multi':
        return s.multi(a[0]);
      case 'sync':
        return s.sync(path);
      case 'addWatch':
        return s.addWatch(path, a[0], true);
      case 'removeWatches':
        return s.removeWatches(path, a[0]);
      case 'getACL':
        return s.getACL(path);
      case 'setACL':
        return s.setACL(path, a[0], a[1]);
      case 'getEphemerals':
        return s.getEphemerals(path);
      case 'getAllChildrenNumber':
        return s.getAllChildrenNumber(path);
    }
  }

  /** Session id → its connection's client process name (for the views), or null when detached. */
  ownerOf(sessionId: bigint): string | null {
    return this.attached.get(sessionId)?.conn?.client.name ?? null;
  }
}

export function hex(id: bigint): string {
  return `0x${id.toString(16)}`;
}
