import {
  ClientWatchManager,
  Code,
  validatePath,
  ZkError,
  type AddWatchMode,
  type CreateOptions,
  type Data,
  type GetDataResult,
  type KeeperState,
  type Op,
  type OpResult,
  type Stat,
  type WatchedEvent,
  type Watcher,
  type WatcherType,
} from '../../zk-sim/index.js';
import type { ScheduledEvent } from '../kernel/index.js';
import type { AppProc, Deferred } from './app.js';
import { ZkConnect, ZkConnected, ZkReply, ZkRequest, ZkWatchEvent, type ZkOp } from './messages.js';
import type { Connection } from './network.js';
import type { Proc } from './process.js';
import { hex } from './zk-node.js';

export interface ZkClientOptions {
  /** Requested session timeout in ms; the server clamps it to [2, 20] × tickTime. Default 30000. */
  sessionTimeout?: number;
  /** The default watcher: connection-state events, and watches set with `watch: true`. */
  watcher?: Watcher;
}

/**
 * The handle's state. CONNECTING until the first connection; DISCONNECTED while it has lost its
 * connection and is trying again (the Java client calls both CONNECTING); EXPIRED when the server
 * said the session is gone; CLOSED after close().
 */
export type ZkClientState = 'CONNECTING' | 'CONNECTED' | 'DISCONNECTED' | 'EXPIRED' | 'CLOSED';

type WatchArg = boolean | Watcher | undefined;
type Registration = { kind: 'data' | 'exist' | 'child' | 'persistent' | 'recursive'; path: string; watcher: Watcher } | undefined;

interface Pending {
  op: string;
  path: string | null;
  d: Deferred<unknown>;
  registration: Registration;
}

/**
 * A ZooKeeper handle that behaves like the Java client's (ClientCnxn):
 *  - it connects at once, and after losing a connection waits 0–999 ms (random) and tries again;
 *    every lost connection or failed attempt tells the default watcher Disconnected;
 *  - while connected it pings when it has sent nothing for about readTimeout/2 (readTimeout = 2/3
 *    of the negotiated session timeout, so a third of it; see pingIdle), and gives the connection
 *    up when it has heard nothing for readTimeout;
 *  - requests in flight when a connection drops fail with ConnectionLoss (they may or may not
 *    have been applied); requests made while reconnecting wait for the connection;
 *  - it only learns that its session expired when a reconnect is refused: then Expired, and every
 *    later request fails with SessionExpired;
 *  - on reconnecting it re-registers its watches (SetWatches with the last zxid it saw), and the
 *    server fires at once those whose node changed meanwhile.
 */
export class ZkClient {
  state: ZkClientState = 'CONNECTING';
  sessionId: bigint | null = null;
  /** The negotiated timeout (the requested one until connected). */
  sessionTimeout: number;
  lastZxid = 0;
  private readonly watches: ClientWatchManager;
  private conn: Connection | null = null;
  private xid = 1;
  private readonly pending = new Map<number, Pending>();
  private outgoing: ZkRequest[] = [];
  private lastSend = 0;
  private lastHeard = 0;
  private timer: ScheduledEvent | undefined;
  private timerAt = Infinity;
  private firstConnect = true;
  private readonly stateListeners = new Set<(s: ZkClientState) => void>();
  private closing: Deferred<void> | undefined;

  constructor(
    private readonly proc: AppProc,
    private readonly server: Proc,
    options: ZkClientOptions = {},
  ) {
    this.sessionTimeout = options.sessionTimeout ?? 30_000;
    this.watches = new ClientWatchManager(options.watcher ?? null);
    this.startConnect();
  }

  get serverName(): string {
    return this.server.name;
  }

  private get readTimeout(): number {
    return Math.floor((this.sessionTimeout * 2) / 3);
  }

  /**
   * How long without sending before a ping. ClientCnxn pings when readTimeout/2 − idleSend −
   * (idleSend > 1000 ? 1000 : 0) reaches 0, which is at idleSend = readTimeout/2 − 1000 for long
   * timeouts and just over a second for middling ones.
   */
  private get pingIdle(): number {
    const half = Math.floor(this.readTimeout / 2);
    return half > 1000 ? Math.max(half - 1000, 1001) : half;
  }

  // ---------------------------------------------------------------- connection state machine

  private startConnect(): void {
    const watches = {
      data: [...this.watches.data.keys()],
      exist: [...this.watches.exist.keys()],
      child: [...this.watches.child.keys()],
      persistent: [...this.watches.persistent.keys()],
      persistentRecursive: [...this.watches.recursive.keys()],
    };
    const conn = this.proc.sim.net.connect(this.proc, this.server, {
      onMessage: (msg) => this.conn === conn && this.receive(msg),
      onClose: () => this.conn === conn && this.lost(),
    });
    this.conn = conn;
    conn.send(this.proc, new ZkConnect(this.sessionId, this.sessionTimeout, this.lastZxid, watches));
    this.lastSend = this.lastHeard = this.proc.localNow();
    this.arm();
  }

  /**
   * One timer: the connect timeout, the next ping or the read timeout, whichever is first. Every
   * send and receive pushes those deadlines later, so a timer already set for earlier is kept: it
   * fires early, finds nothing due, and sets itself again (cheaper than rescheduling each time).
   */
  private arm(): void {
    if (this.state === 'EXPIRED' || this.state === 'CLOSED') return this.cancelTimer();
    if (this.conn === null) return; // between attempts: the reconnect timer is running
    const now = this.proc.localNow();
    const due =
      this.state === 'CONNECTED'
        ? Math.min(this.lastHeard + this.readTimeout, Math.max(this.lastSend + this.pingIdle, now))
        : this.lastSend + this.sessionTimeout; // connectTimeout = sessionTimeout / number of servers
    if (this.timer !== undefined && this.timerAt <= due) return;
    this.cancelTimer();
    this.timerAt = due;
    this.timer = this.proc.timer(Math.max(0, due - now), () => this.onTimer());
  }

  private cancelTimer(): void {
    if (this.timer) this.timer.cancelled = true;
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private onTimer(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.proc.localNow();
    if (this.state !== 'CONNECTED') {
      if (now - this.lastSend >= this.sessionTimeout) return this.lost();
    } else {
      if (now - this.lastHeard >= this.readTimeout) return this.lost();
      if (now - this.lastSend >= this.pingIdle) this.transmit(new ZkRequest(-2, 'ping', null, []));
    }
    this.arm();
  }

  /** The connection is gone (closed by the server, reset, or given up on): fail what was in flight. */
  private lost(): void {
    if (this.conn === null) return;
    this.cancelTimer();
    this.conn.closeBy(this.proc);
    this.conn = null;
    this.failAll(Code.ConnectionLoss);
    if (this.closing) return this.finishClose();
    const was = this.state;
    if (was === 'CONNECTED') this.setState('DISCONNECTED');
    this.event({ type: 'None', state: 'Disconnected', path: null }, this.defaultOnly());
    this.firstConnect = false;
    const backoff = this.proc.sim.rngFor(`zk-backoff:${this.proc.name}`).int(0, 999);
    this.timer = this.proc.timer(backoff, () => {
      this.timer = undefined;
      this.timerAt = Infinity;
      if (this.state === 'CONNECTING' || this.state === 'DISCONNECTED') this.startConnect();
    });
  }

  private receive(msg: unknown): void {
    this.lastHeard = this.proc.localNow();
    if (msg instanceof ZkConnected) return this.onConnected(msg);
    if (msg instanceof ZkWatchEvent) {
      const watchers = this.watches.materialize(msg.event.type, msg.event.path ?? '');
      this.proc.sim.trace.append({ type: 'watch', proc: this.proc.name, event: msg.event.type, path: msg.event.path, session: this.sessionHex ?? '' });
      return this.event(msg.event, watchers);
    }
    if (msg instanceof ZkReply) {
      if (msg.zxid > this.lastZxid) this.lastZxid = msg.zxid;
      const p = this.pending.get(msg.xid);
      if (p === undefined) return this.arm();
      this.pending.delete(msg.xid);
      // exists() on a missing node is NoNode on the wire (the API turns it into null): an exist watch.
      const missing = msg.err === Code.NoNode || (msg.err === 0 && p.op === 'exists' && msg.result === null);
      if (msg.err === 0 || missing) this.register(p.registration, missing);
      if (msg.err === 0) p.d.resolve(msg.result);
      else p.d.reject(msg.result instanceof ZkError ? msg.result : new ZkError(msg.err, { path: p.path ?? undefined }));
      if (p.op === 'closeSession') this.finishClose();
      else this.arm();
    }
  }

  private onConnected(msg: ZkConnected): void {
    if (msg.timeout <= 0) {
      // The server no longer knows the session: Expired, to every watcher, and the handle is dead.
      this.setState('EXPIRED');
      this.conn?.closeBy(this.proc);
      this.conn = null;
      this.failAll(Code.SessionExpired);
      const everyone = this.watches.all();
      this.event({ type: 'None', state: 'Expired', path: null }, everyone);
      return;
    }
    this.sessionId = msg.sessionId;
    this.sessionTimeout = msg.timeout;
    this.setState('CONNECTED');
    this.event({ type: 'None', state: 'SyncConnected', path: null }, this.defaultOnly());
    const queued = this.outgoing;
    this.outgoing = [];
    for (const r of queued) this.transmit(r);
    this.arm();
  }

  private transmit(req: ZkRequest): void {
    this.conn!.send(this.proc, req);
    this.lastSend = this.proc.localNow();
  }

  private failAll(code: number): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.outgoing = [];
    for (const p of pending) p.d.reject(new ZkError(code, { path: p.path ?? undefined }));
  }

  private setState(state: ZkClientState): void {
    if (this.state === state) return;
    this.state = state;
    this.proc.sim.trace.append({ type: 'session', proc: this.proc.name, state, session: this.sessionHex, server: this.server.name });
    this.proc.sim.kernel.wake();
    for (const l of [...this.stateListeners]) l(state);
  }

  private get sessionHex(): string | null {
    return this.sessionId === null ? null : hex(this.sessionId);
  }

  private defaultOnly(): Set<Watcher> {
    return new Set(this.watches.defaultWatcher ? [this.watches.defaultWatcher] : []);
  }

  /** The EventThread: callbacks run in order; one that throws is logged and skipped. */
  private event(event: WatchedEvent, watchers: Iterable<Watcher>): void {
    this.proc.sim.kernel.wake();
    for (const w of watchers) {
      try {
        w(event);
      } catch (error) {
        this.proc.sim.trace.append({ type: 'log', proc: this.proc.name, text: `watcher threw: ${String(error)}` });
      }
    }
  }

  /** Resolves on the next change of state to one of `states` (or at once if already there). */
  waitFor(...states: ZkClientState[]): Promise<ZkClientState> {
    const d = this.proc.promise<ZkClientState>();
    if (states.includes(this.state)) d.resolve(this.state);
    else {
      const l = (s: ZkClientState) => {
        if (!states.includes(s)) return;
        this.stateListeners.delete(l);
        d.resolve(s);
      };
      this.stateListeners.add(l);
    }
    return d.promise;
  }

  /** Resolves once connected; rejects with SessionExpired if the session is gone instead. */
  async connected(): Promise<void> {
    const s = await this.waitFor('CONNECTED', 'EXPIRED', 'CLOSED');
    if (s !== 'CONNECTED') throw new ZkError(Code.SessionExpired);
  }

  /** Calls `listener` on every change of state. Returns a function that removes it. */
  onState(listener: (s: ZkClientState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  // ---------------------------------------------------------------- requests

  private submit<T>(op: ZkOp | 'closeSession', path: string | null, args: unknown[], registration?: Registration): Promise<T> {
    const d = this.proc.promise<unknown>();
    if (path !== null && op !== 'sync') {
      try {
        validatePath(path, op === 'create' && isSequential(args[1]));
      } catch (error) {
        d.reject(error);
        return d.promise as Promise<T>;
      }
    }
    if (this.state === 'EXPIRED' || this.state === 'CLOSED' || this.closing) {
      // ClientCnxn.conLossPacket: a dead handle reports SessionExpired.
      d.reject(new ZkError(Code.SessionExpired, { path: path ?? undefined }));
      return d.promise as Promise<T>;
    }
    const req = new ZkRequest(this.xid++, op, path, args);
    this.pending.set(req.xid, { op, path, d, registration });
    if (this.state === 'CONNECTED') {
      this.transmit(req);
      this.arm();
    } else this.outgoing.push(req);
    return d.promise as Promise<T>;
  }

  private watchFor(kind: NonNullable<Registration>['kind'], path: string, watch: WatchArg): Registration {
    if (watch === undefined || watch === false) return undefined;
    const watcher = watch === true ? this.watches.defaultWatcher : watch;
    return watcher ? { kind, path, watcher } : undefined;
  }

  /** WatchRegistration.register: a watch counts once the server has answered (exists: also NoNode). */
  private register(r: Registration, missing: boolean): void {
    if (r === undefined || (missing && r.kind !== 'exist')) return;
    const w = this.watches;
    if (r.kind === 'exist') (missing ? w.addExist : w.addData).call(w, r.path, r.watcher);
    else if (r.kind === 'data') w.addData(r.path, r.watcher);
    else if (r.kind === 'child') w.addChild(r.path, r.watcher);
    else w.addPersistent(r.path, r.watcher, r.kind === 'recursive');
  }

  /** Creates a znode; resolves with its path (with the sequence suffix for sequential modes). */
  async create(path: string, data?: Data, options: CreateOptions = {}): Promise<string> {
    return (await this.create2(path, data, options)).path;
  }
  create2(path: string, data: Data = '', options: CreateOptions = {}): Promise<{ path: string; stat: Stat }> {
    return this.submit('create', path, [data, options]);
  }
  getData(path: string, options: { watch?: WatchArg } = {}): Promise<GetDataResult> {
    return this.submit('getData', path, [{ watch: options.watch ? true : undefined }], this.watchFor('data', path, options.watch));
  }
  setData(path: string, data: Data, version = -1): Promise<Stat> {
    return this.submit('setData', path, [data, version]);
  }
  exists(path: string, options: { watch?: WatchArg } = {}): Promise<Stat | null> {
    return this.submit('exists', path, [{ watch: options.watch ? true : undefined }], this.watchFor('exist', path, options.watch));
  }
  getChildren(path: string, options: { watch?: WatchArg } = {}): Promise<string[]> {
    return this.submit('getChildren', path, [{ watch: options.watch ? true : undefined }], this.watchFor('child', path, options.watch));
  }
  getChildren2(path: string, options: { watch?: WatchArg } = {}): Promise<{ children: string[]; stat: Stat }> {
    return this.submit('getChildren2', path, [{ watch: options.watch ? true : undefined }], this.watchFor('child', path, options.watch));
  }
  delete(path: string, version = -1): Promise<void> {
    return this.submit('delete', path, [version]);
  }
  multi(ops: readonly Op[]): Promise<OpResult[]> {
    return this.submit('multi', null, [ops]);
  }
  sync(path: string): Promise<string> {
    return this.submit('sync', path, []);
  }
  addWatch(path: string, mode: AddWatchMode, watcher: Watcher | true = true): Promise<void> {
    const w = watcher === true ? this.watches.defaultWatcher : watcher;
    const reg: Registration = w ? { kind: mode === 'PERSISTENT_RECURSIVE' ? 'recursive' : 'persistent', path, watcher: w } : undefined;
    return this.submit('addWatch', path, [mode], reg);
  }
  /** Removes this session's watches of `type` on `path`, on the server and here. */
  async removeWatches(path: string, type: WatcherType): Promise<void> {
    await this.submit('removeWatches', path, [type]);
    const w = this.watches;
    const maps = type === 'Children' ? [w.child] : type === 'Data' ? [w.data, w.exist] : type === 'Persistent' ? [w.persistent] : type === 'PersistentRecursive' ? [w.recursive] : [w.data, w.exist, w.child, w.persistent, w.recursive];
    for (const m of maps) m.delete(path);
  }
  getEphemerals(prefix = '/'): Promise<string[]> {
    return this.submit('getEphemerals', prefix, []);
  }

  /** Closes the session: the server deletes its ephemerals; the handle is CLOSED either way. */
  close(): Promise<void> {
    if (this.state === 'EXPIRED' || this.state === 'CLOSED') return Promise.resolve();
    this.closing = this.proc.promise<void>();
    const done = this.closing.promise;
    if (this.state === 'CONNECTED') {
      const req = new ZkRequest(this.xid++, 'closeSession', null, []);
      this.pending.set(req.xid, { op: 'closeSession', path: null, d: this.proc.promise(), registration: undefined });
      this.transmit(req);
    } else this.finishClose();
    return done;
  }

  private finishClose(): void {
    this.cancelTimer();
    this.conn?.closeBy(this.proc);
    this.conn = null;
    this.failAll(Code.ConnectionLoss);
    this.setState('CLOSED');
    this.event({ type: 'None', state: 'Closed' as KeeperState, path: null }, this.defaultOnly());
    this.closing?.resolve();
  }
}

function isSequential(options: unknown): boolean {
  const mode = (options as CreateOptions | undefined)?.mode ?? 'PERSISTENT';
  return mode.includes('SEQUENTIAL');
}
