import { Subject, type Observable } from 'rxjs';
import { allowed, generateDigest, Perms, type ACL } from './acl.js';
import { binaryToBytes } from './bytes.js';
import { ManualClock, type Clock } from './clock.js';
import { keeper, ZkError } from './errors.js';
import { JavaHashSet } from './java-hash.js';
import { Prep } from './prep.js';
import { SessionRecord, SessionTracker } from './sessions.js';
import { Session, type SetWatchesLists } from './session.js';
import { DataTree, type Txn, type WatchSink } from './tree.js';
import type { EventType, KeeperState, NodeKind, Stat, WatchedEvent, Watcher } from './types.js';
import { MODE_NAMES, PERSISTENT, PERSISTENT_RECURSIVE, STANDARD } from './watches.js';
import type { Znode } from './znode.js';

export interface ZooKeeperOptions {
  /** Where time comes from; the wall clock by default (for the REPL). Simulations pass one. */
  clock?: Clock;
  /** tickTime in ms (2000): the session-expiry bucket width and the unit of the timeout bounds. */
  tickTime?: number;
  /** Negotiated timeouts are clamped to [min, max]; defaults 2 × and 20 × tickTime. */
  minSessionTimeout?: number;
  maxSessionTimeout?: number;
  /** The server id in the top byte of session ids: 1 for a standalone server, as ZooKeeper's. */
  serverId?: number;
  /** znode.container.checkIntervalMs: how often containers and TTL nodes are reaped (60000). */
  containerCheckIntervalMs?: number;
  /** znode.container.maxNeverUsedIntervalMs: reap containers that never had a child after this long (0: never). */
  containerMaxNeverUsedIntervalMs?: number;
  /** extendedTypesEnabled, needed for TTL nodes. On by default here (ZooKeeper's default is off). */
  extendedTypesEnabled?: boolean;
  /** DigestAuthenticationProvider.superDigest, `super:<base64 sha1>`: whoever matches passes every ACL. */
  superDigest?: string;
}

export interface ConnectOptions {
  /** Requested timeout in ms (30000, zkCli's default); the server clamps it. */
  sessionTimeout?: number;
  /** The default watcher: connection-state events, and every watch registered with `true`. */
  watcher?: Watcher;
  /** The client's address, for `ip:` ACLs (127.0.0.1). */
  ip?: string;
}

/** The request types that become transactions. */
export type TxnOp = 'create' | 'delete' | 'setData' | 'setACL' | 'check' | 'multi' | 'createSession' | 'closeSession' | 'deleteContainer' | 'reconfig';

/** One op of a multi, in a txn event: its type, path (the created one for creates) and result code. */
export interface OpSummary {
  op: string;
  path: string;
  err: number;
}

/** What happened, for the TUI, the scenarios and the trace: everything that changes state or reaches a client. */
export type ZkEvent =
  | {
      kind: 'txn';
      zxid: number;
      time: number;
      sessionId: bigint;
      op: TxnOp;
      /** The node written (the created path for creates); absent for session transactions. */
      path?: string;
      /** 0, or the error the request failed with (failed requests are transactions too). */
      err: number;
      /** Per-op type, path and result code, for multi. */
      ops?: readonly OpSummary[];
      /** The ephemerals a closeSession deleted, in deletion order. */
      paths?: readonly string[];
    }
  | { kind: 'watch'; zxid: number | null; time: number; sessionId: bigint; event: WatchedEvent; watchers: number }
  | { kind: 'session'; time: number; sessionId: bigint; state: KeeperState; timeout: number }
  | { kind: 'watcherError'; time: number; sessionId: bigint; event: WatchedEvent; error: unknown };

/** A watch as the server holds it, for inspection. */
export interface WatchInfo {
  path: string;
  sessionId: bigint;
  table: 'data' | 'child';
  mode: 'standard' | 'persistent' | 'persistentRecursive';
}

/** A session as the server sees it, for inspection. */
export interface SessionInfo {
  sessionId: bigint;
  timeout: number;
  state: KeeperState;
  /** The bucket in which it expires unless heard from (-1 once gone). */
  expiresAt: number;
  ephemerals: number;
  authIds: readonly { scheme: string; id: string }[];
}

/** A live, read-only look at one znode: nothing is copied until asked for. */
export interface ZnodeView {
  readonly path: string;
  readonly kind: NodeKind;
  /** The TTL in ms for TTL nodes, else 0. */
  readonly ttl: number;
  /** A copy of the data (null for a node created without data). */
  readonly data: Uint8Array | null;
  readonly acl: readonly ACL[];
  readonly childCount: number;
  stat(): Stat;
  /** Child names in ZooKeeper's (HashSet) order. */
  children(): Iterable<string>;
}

interface Delivery {
  session: SessionRecord;
  event: WatchedEvent;
  watchers: Iterable<Watcher>;
}

/**
 * The server: one ZooKeeper 3.8 standalone server and the client library of every session
 * connected to it, in one synchronous state machine.
 *
 * A write is prepared (PrepRequestProcessor: checks, in order), given the next zxid whether it
 * succeeds or not, applied to the tree (DataTree.processTxn), and its watch events are delivered
 * before the call returns, in zxid order: a client always hears of a change before it can read
 * it. Timers (session expiry, container and TTL reaping) run on `tick()`, and also before any
 * request, so they happen at their virtual millisecond whoever calls first.
 */
export class ZooKeeperServer implements WatchSink<SessionRecord> {
  readonly clock: Clock;
  readonly tickTime: number;
  readonly minSessionTimeout: number;
  readonly maxSessionTimeout: number;
  readonly containerCheckIntervalMs: number;
  readonly containerMaxNeverUsedIntervalMs: number;
  readonly extendedTypesEnabled: boolean;
  readonly startTime: number;
  /** @internal */
  readonly tree: DataTree<SessionRecord>;
  /** @internal */
  readonly tracker: SessionTracker;
  private readonly superDigest: string | undefined;
  private readonly live = new Map<bigint, SessionRecord>();
  private nextSessionId: bigint;
  private zxid = 0;
  private nextContainerCheck: number;
  private nextDue: number;
  private readonly subject = new Subject<ZkEvent>();
  readonly events$: Observable<ZkEvent> = this.subject.asObservable();
  private readonly queue: Delivery[] = [];
  private qHead = 0;
  /** The time of the transaction being applied, for the watch events it causes. */
  private currentTime = 0;
  /** Single requests prepare against the tree alone; one instance serves them all. */
  private readonly singlePrep: Prep<SessionRecord>;

  constructor(options: ZooKeeperOptions = {}) {
    this.clock = options.clock ?? new ManualClock(0);
    this.tickTime = options.tickTime ?? 2000;
    this.minSessionTimeout = options.minSessionTimeout ?? this.tickTime * 2;
    this.maxSessionTimeout = options.maxSessionTimeout ?? this.tickTime * 20;
    this.containerCheckIntervalMs = options.containerCheckIntervalMs ?? 60_000;
    this.containerMaxNeverUsedIntervalMs = options.containerMaxNeverUsedIntervalMs ?? 0;
    this.extendedTypesEnabled = options.extendedTypesEnabled ?? true;
    this.superDigest = options.superDigest;
    this.startTime = this.clock.now();
    this.tree = new DataTree<SessionRecord>(this);
    this.singlePrep = new Prep(this.tree, [], null, this.extendedTypesEnabled);
    this.tracker = new SessionTracker(this.tickTime, this.startTime);
    // SessionTrackerImpl.initializeNextSessionId: server id in the top byte, then the low 40 bits
    // of the start time (ms) shifted left 16, so the low two bytes count sessions.
    const sid = BigInt(options.serverId ?? 1);
    this.nextSessionId = (sid << 56n) | ((BigInt(Math.floor(this.startTime)) & 0xffffffffffn) << 16n);
    this.nextContainerCheck = this.startTime + this.containerCheckIntervalMs;
    this.nextDue = Math.min(this.tracker.next, this.nextContainerCheck);
  }

  /** The last zxid used. */
  get lastZxid(): number {
    return this.zxid;
  }

  // ---------------------------------------------------------------- sessions

  /** Opens a session: a createSession transaction, then SyncConnected to the default watcher. */
  connect(options: ConnectOptions = {}): Session {
    const now = this.clock.now();
    this.runDue(now);
    const asked = options.sessionTimeout ?? 30_000;
    const requested = Number.isFinite(asked) ? Math.trunc(asked) : 30_000;
    const timeout = Math.min(Math.max(requested, this.minSessionTimeout), this.maxSessionTimeout);
    const s = new SessionRecord(this.nextSessionId++, timeout, options.ip ?? '127.0.0.1', options.watcher ?? null, now);
    this.live.set(s.id, s);
    this.tracker.touch(s, now);
    this.transaction(s.id, 'createSession', { type: 'createSession', timeout }, now);
    this.sessionEvent(s, 'SyncConnected', now);
    const session = new Session(this, s);
    this.drain();
    return session;
  }

  /**
   * @internal Every request passes here: timers due by now first, then the session must be alive
   * (the Java client reports a closed or expired handle as SessionExpired for the request's path).
   */
  enter(s: SessionRecord, path?: string): number {
    const now = this.clock.now();
    if (now >= this.nextDue) this.runDue(now);
    if (s.state !== 'SyncConnected') throw keeper(s.state === 'AuthFailed' ? 'AuthFailed' : 'SessionExpired', path);
    this.tracker.touch(s, now);
    return now;
  }

  /** @internal The client closes its session: closeSession transaction, its ephemerals go, then Closed. */
  closeSession(s: SessionRecord): void {
    const now = this.clock.now();
    this.runDue(now);
    if (!s.alive) return;
    this.tracker.remove(s);
    const paths = this.tree.ephemerals.get(s.id)?.cloneOrder() ?? [];
    this.transaction(s.id, 'closeSession', { type: 'closeSession', paths }, now);
    this.forget(s);
    s.state = 'Closed';
    this.sessionEvent(s, 'Closed', now);
  }

  /**
   * The server expires a session it has not heard from: the connection was already dropped (so
   * it hears none of the events its own expiry causes), then closeSession deletes its ephemerals
   * in one transaction, then the client is told Expired.
   */
  private expire(s: SessionRecord, time: number): void {
    this.forget(s);
    const paths = this.tree.ephemerals.get(s.id)?.cloneOrder() ?? [];
    this.transaction(s.id, 'closeSession', { type: 'closeSession', paths }, time);
    if (s.alive) {
      s.state = 'Expired';
      this.sessionEvent(s, 'Expired', time);
    }
  }

  private forget(s: SessionRecord): void {
    this.tree.dataWatches.removeSession(s);
    this.tree.childWatches.removeSession(s);
    this.live.delete(s.id);
  }

  /** @internal The session's connection closed: its watches go with it (WatchManager.removeWatcher). */
  detachWatches(s: SessionRecord): void {
    this.tree.dataWatches.removeSession(s);
    this.tree.childWatches.removeSession(s);
  }

  /** @internal DataTree.setWatches: missed events go straight to the client, the rest are re-armed. */
  setWatches(s: SessionRecord, relZxid: number, w: SetWatchesLists): void {
    const missed = (type: EventType, path: string) => {
      const watchers = s.client.defaultWatcher ? [s.client.defaultWatcher] : [];
      this.queue.push({ session: s, event: { type, state: 'SyncConnected', path }, watchers });
    };
    const { dataWatches, childWatches } = this.tree;
    for (const path of w.data ?? []) {
      const n = this.tree.get(path);
      if (n === undefined) missed('NodeDeleted', path);
      else if (n.mzxid > relZxid) missed('NodeDataChanged', path);
      else dataWatches.add(path, s, STANDARD);
    }
    for (const path of w.exist ?? []) {
      if (this.tree.get(path) !== undefined) missed('NodeCreated', path);
      else dataWatches.add(path, s, STANDARD);
    }
    for (const path of w.child ?? []) {
      const n = this.tree.get(path);
      if (n === undefined) missed('NodeDeleted', path);
      else if (n.pzxid > relZxid) missed('NodeChildrenChanged', path);
      else childWatches.add(path, s, STANDARD);
    }
    for (const [paths, mode] of [[w.persistent, PERSISTENT], [w.persistentRecursive, PERSISTENT_RECURSIVE]] as const) {
      for (const path of paths ?? []) {
        childWatches.add(path, s, mode);
        dataWatches.add(path, s, mode);
      }
    }
  }

  /**
   * The server restarts from its transaction log: the tree and the sessions are as they were
   * (a write it acknowledged is durable), every connection and so every watch is gone, and each
   * session's expiry starts again from now (SessionTrackerImpl is rebuilt on load).
   */
  recover(): void {
    const now = this.clock.now();
    for (const s of this.live.values()) {
      this.detachWatches(s);
      this.tracker.touch(s, now);
    }
    this.nextDue = Math.min(this.tracker.next, this.nextContainerCheck);
  }

  /** @internal addauth with a scheme no provider serves: the server drops the connection. */
  authFailed(s: SessionRecord): void {
    const now = this.clock.now();
    this.tree.dataWatches.removeSession(s);
    this.tree.childWatches.removeSession(s);
    s.state = 'AuthFailed';
    this.sessionEvent(s, 'AuthFailed', now);
    // The session itself lives on, unheard from, until it expires (and its ephemerals with it).
  }

  /** @internal DigestAuthenticationProvider.handleAuthentication. */
  addDigest(s: SessionRecord, auth: string): void {
    const id = generateDigest(auth);
    if (this.superDigest !== undefined && id === this.superDigest) pushId(s.authInfo, 'super', '');
    pushId(s.authInfo, 'digest', id);
  }

  private sessionEvent(s: SessionRecord, state: KeeperState, time: number): void {
    if (this.subject.observed) this.subject.next({ kind: 'session', time, sessionId: s.id, state, timeout: s.timeout });
    // Connection-state events go to every callback the client holds (materialize(None)).
    const watchers = state === 'SyncConnected' ? (s.client.defaultWatcher ? [s.client.defaultWatcher] : []) : s.client.all();
    this.queue.push({ session: s, event: { type: 'None', state, path: null }, watchers });
  }

  // ---------------------------------------------------------------- timers

  /** Runs whatever is due at clock.now(): session expiry, container and TTL reaping. */
  tick(): void {
    this.runDue(this.clock.now());
    this.drain();
  }

  /** Timers in time order, each at its own time: as if the server's threads had run on time. */
  private runDue(now: number): void {
    for (;;) {
      const b = this.tracker.due(now);
      const c = this.nextContainerCheck <= now ? this.nextContainerCheck : -1;
      if (b < 0 && c < 0) break;
      if (b >= 0 && (c < 0 || b <= c)) {
        for (const s of this.tracker.poll(b)) this.expire(s, b);
      } else {
        this.checkContainers(c);
        this.nextContainerCheck = c + this.containerCheckIntervalMs;
        if (this.tree.containers.size === 0 && this.tree.ttls.size === 0 && this.nextContainerCheck <= now) {
          const k = Math.floor((now - this.nextContainerCheck) / this.containerCheckIntervalMs) + 1;
          this.nextContainerCheck += k * this.containerCheckIntervalMs;
        }
      }
    }
    this.nextDue = Math.min(this.tracker.next, this.nextContainerCheck);
  }

  /**
   * ContainerManager.checkContainers: candidates are containers that are empty and had a child
   * once (stored cversion > 0), and empty TTL nodes unmodified for longer than their TTL. They are
   * gathered first (so a parent container emptied by this round goes next round), in a HashSet,
   * and each is deleted by its own deleteContainer transaction.
   */
  private checkContainers(time: number): void {
    const tree = this.tree;
    if (tree.containers.size === 0 && tree.ttls.size === 0) return;
    const candidates = new JavaHashSet();
    for (const p of tree.containers) {
      const n = tree.get(p);
      if (n === undefined || n.childCount > 0) continue;
      if (n.cversion > 0) candidates.add(p);
      else if (this.containerMaxNeverUsedIntervalMs !== 0 && time - n.mtime > this.containerMaxNeverUsedIntervalMs) candidates.add(p);
    }
    for (const p of tree.ttls) {
      const n = tree.get(p);
      if (n === undefined || n.childCount > 0 || n.kind !== 'ttl') continue;
      if (n.ttl !== 0 && time - n.mtime > n.ttl) candidates.add(p);
    }
    for (const p of candidates.toArray()) {
      this.write(0n, 'deleteContainer', p, time, (prep) => prep.deleteContainer(p), NO_AUTH);
    }
  }

  // ---------------------------------------------------------------- transactions

  /** Takes the next zxid for `txn`, announces it, applies it. */
  private transaction(sessionId: bigint, op: TxnOp, txn: Txn, time: number, path?: string, err = 0, ops?: readonly OpSummary[]): Znode | undefined {
    const zxid = ++this.zxid;
    if (this.subject.observed) {
      const ev: ZkEvent = { kind: 'txn', zxid, time, sessionId, op, err };
      if (path !== undefined) ev.path = path;
      if (ops !== undefined) ev.ops = ops;
      if (txn.type === 'closeSession') ev.paths = txn.paths;
      this.subject.next(ev);
    }
    this.currentTime = time;
    return this.tree.apply(txn, zxid, time, sessionId);
  }

  /**
   * @internal One write request: prepare it; a refusal is still a transaction (an error txn that
   * takes a zxid), then thrown. Returns the applied txn and the node it wrote.
   */
  write(sessionId: bigint, op: TxnOp, path: string, time: number, prepare: (prep: Prep<SessionRecord>) => Txn, authInfo: SessionRecord['authInfo']): { txn: Txn; node: Znode | undefined } {
    let txn: Txn;
    try {
      txn = prepare(this.prep(authInfo));
    } catch (e) {
      this.refused(sessionId, op, path, time, e);
    }
    const node = this.commit(sessionId, op, txn, time, path);
    return { txn, node };
  }

  /** @internal The preparer for a single request (one instance serves them all). */
  prep(authInfo: SessionRecord['authInfo']): Prep<SessionRecord> {
    const prep = this.singlePrep;
    prep.authInfo = authInfo;
    return prep;
  }

  /** @internal A request prep refused: an error transaction, then the error goes to the caller. */
  refused(sessionId: bigint, op: TxnOp, path: string | undefined, time: number, e: unknown): never {
    if (e instanceof ZkError) this.transaction(sessionId, op, { type: 'error', err: e.code }, time, path, e.code);
    throw e;
  }

  /** @internal Applies a prepared single request. */
  commit(sessionId: bigint, op: TxnOp, txn: Txn, time: number, path: string): Znode | undefined {
    return this.transaction(sessionId, op, txn, time, txn.type === 'create' ? txn.path : path);
  }

  /**
   * @internal A multi: every op prepared against the changes of the ones before it; the first
   * refusal fails the lot (ops before it report 0, later ones RuntimeInconsistency), and the
   * failed multi is still one transaction. A successful one applies every op under one zxid.
   */
  multi(s: SessionRecord, time: number, ops: readonly { op: string; path: string; prepare: (prep: Prep<SessionRecord>) => Txn }[]): { txns: Txn[]; stats: (Stat | undefined)[] } {
    const prep = new Prep(this.tree, s.authInfo, new Map(), this.extendedTypesEnabled);
    const txns: Txn[] = [];
    let failed: ZkError | null = null;
    let failedAt = -1;
    for (let i = 0; i < ops.length; i++) {
      if (failed !== null) {
        txns.push({ type: 'error', err: -2 });
        continue;
      }
      try {
        txns.push(ops[i]!.prepare(prep));
      } catch (e) {
        if (!(e instanceof ZkError)) throw e;
        failed = e;
        failedAt = i;
        txns.push({ type: 'error', err: e.code });
      }
    }
    const codes = txns.map((t, i) => (failed === null ? 0 : i < failedAt ? 0 : t.type === 'error' ? t.err : -2));
    const summary = ops.map((o, i) => {
      const t = txns[i]!;
      return { op: o.op, path: t.type === 'create' ? t.path : o.path, err: codes[i]! };
    });
    if (failed !== null) {
      this.transaction(s.id, 'multi', { type: 'error', err: failed.code }, time, undefined, failed.code, summary);
      throw new ZkError(failed.code, { path: ops[failedAt]!.path, results: codes, messagePath: null });
    }
    const zxid = ++this.zxid;
    if (this.subject.observed) this.subject.next({ kind: 'txn', zxid, time, sessionId: s.id, op: 'multi', err: 0, ops: summary });
    this.currentTime = time;
    // Each op's stat is taken as it is applied: a later op of the same multi may change the node.
    const stats = txns.map((t) => this.tree.apply(t, zxid, time, s.id)?.stat());
    return { txns, stats };
  }

  // ---------------------------------------------------------------- watch delivery

  /** WatchSink: the sessions a trigger selected hear the event if they may read the node. */
  notify(sessions: ReadonlySet<SessionRecord>, type: EventType, path: string, acl: readonly ACL[], zxid: number): void {
    const time = this.currentTime;
    for (const s of sessions) {
      // ServerCnxn.process(event, acl) (CVE-2024-23944, in Debian's 3.8.0): no READ, no event.
      if (!allowed(acl, Perms.READ, s.authInfo)) continue;
      const event: WatchedEvent = { type, state: 'SyncConnected', path };
      const watchers = s.client.materialize(type, path);
      if (this.subject.observed) this.subject.next({ kind: 'watch', zxid, time, sessionId: s.id, event, watchers: watchers.size });
      if (watchers.size > 0) this.queue.push({ session: s, event, watchers });
    }
  }

  /** @internal Client-side events (a watch removed): queued like the rest. */
  deliverLocal(s: SessionRecord, event: WatchedEvent, watchers: Iterable<Watcher>): void {
    if (this.subject.observed) this.subject.next({ kind: 'watch', zxid: null, time: this.clock.now(), sessionId: s.id, event, watchers: [...watchers].length });
    this.queue.push({ session: s, event, watchers });
  }

  /**
   * @internal Runs queued callbacks in order. A callback may make requests; their events join the
   * queue and are run by whoever drains next, so order is kept. A callback that throws is reported
   * on events$ and otherwise ignored, as ZooKeeper's EventThread does.
   */
  drain(): void {
    const q = this.queue;
    while (this.qHead < q.length) {
      const d = q[this.qHead++]!;
      for (const w of d.watchers) {
        try {
          w(d.event);
        } catch (error) {
          if (this.subject.observed) this.subject.next({ kind: 'watcherError', time: this.clock.now(), sessionId: d.session.id, event: d.event, error });
        }
      }
    }
    q.length = 0;
    this.qHead = 0;
  }

  // ---------------------------------------------------------------- inspection

  /** The znode at `path`, as a live read-only view. */
  node(path: string): ZnodeView | undefined {
    const n = this.tree.get(path);
    return n === undefined ? undefined : view(path, n);
  }

  /** The number of znodes, the root included. */
  get nodeCount(): number {
    return this.tree.nodes.size;
  }

  /** Every path under (and including) `path`, depth first, children in ZooKeeper's order. */
  *walk(path = '/'): Generator<string> {
    const n = this.tree.get(path);
    if (n === undefined) return;
    yield path;
    if (n.children === null) return;
    for (const name of n.children.toArray()) yield* this.walk(path === '/' ? `/${name}` : `${path}/${name}`);
  }

  /** Sessions the server knows (expired and closed ones are gone). */
  *sessions(): Generator<SessionInfo> {
    for (const s of this.live.values()) {
      yield {
        sessionId: s.id,
        timeout: s.timeout,
        state: s.state,
        expiresAt: s.expiresAt,
        ephemerals: this.tree.ephemerals.get(s.id)?.size ?? 0,
        authIds: s.authInfo.map((i) => ({ scheme: i.scheme, id: i.id })),
      };
    }
  }

  /** Watches as the server holds them (one per session and path and table). */
  *watches(): Generator<WatchInfo> {
    for (const [path, s, mode] of this.tree.dataWatches.entries()) yield { path, sessionId: s.id, table: 'data', mode: MODE_NAMES[mode] };
    for (const [path, s, mode] of this.tree.childWatches.entries()) yield { path, sessionId: s.id, table: 'child', mode: MODE_NAMES[mode] };
  }

  /** When the next timer (session bucket or container check) is due. */
  get nextTimer(): number {
    return this.nextDue;
  }

  /** Each live session's ephemeral paths, in ZooKeeper's order. */
  ephemeralsOf(sessionId: bigint): string[] {
    return this.tree.ephemerals.get(sessionId)?.cloneOrder() ?? [];
  }
}

const NO_AUTH: SessionRecord['authInfo'] = [];

function pushId(list: { scheme: string; id: string }[], scheme: string, id: string): void {
  if (!list.some((i) => i.scheme === scheme && i.id === id)) list.push({ scheme, id });
}

function view(path: string, n: Znode): ZnodeView {
  return {
    path,
    get kind() {
      return n.kind;
    },
    get ttl() {
      return n.ttl;
    },
    get data() {
      return n.data === null ? null : binaryToBytes(n.data);
    },
    get acl() {
      return n.acl;
    },
    get childCount() {
      return n.childCount;
    },
    stat: () => n.stat(),
    children: () => n.children ?? [],
  };
}

/** Starts a ZooKeeper 3.8 standalone server on `clock`. */
export function createZooKeeper(options: ZooKeeperOptions = {}): ZooKeeperServer {
  return new ZooKeeperServer(options);
}
