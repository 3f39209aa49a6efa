import { allowed, checkAcl, copyAcl, Ids, maskDigests, Perms, type ACL } from './acl.js';
import { binaryToBytes, toBinary } from './bytes.js';
import { illegalArgument, keeper, MSG } from './errors.js';
import { validatePath } from './paths.js';
import type { Prep } from './prep.js';
import type { ZooKeeperServer } from './server.js';
import type { SessionRecord } from './sessions.js';
import type { Txn } from './tree.js';
import type { Znode } from './znode.js';
import {
  CREATE_MODES,
  type AddWatchMode,
  type CreateMode,
  type CreateOptions,
  type Data,
  type GetDataResult,
  type KeeperState,
  type NodeKind,
  type Op,
  type OpResult,
  type Stat,
  type Watch,
  type WatchOption,
  type Watcher,
  type WatcherType,
} from './types.js';
import { PERSISTENT, PERSISTENT_RECURSIVE, STANDARD, type WatchMode } from './watches.js';

const MAX_TTL = 2 ** 40 - 1;
type CreateTxn = Extract<Txn, { type: 'create' }>;
/** The paths a client re-registers after reconnecting, per kind of watch. */
export interface SetWatchesLists {
  data?: readonly string[];
  exist?: readonly string[];
  child?: readonly string[];
  persistent?: readonly string[];
  persistentRecursive?: readonly string[];
}

const WATCHER_TYPES: ReadonlySet<string> = new Set(['Children', 'Data', 'Any', 'Persistent', 'PersistentRecursive']);

/**
 * A client session: the synchronous equivalent of org.apache.zookeeper.ZooKeeper.
 *
 * Each call does what the Java client does before sending (validate the path, the TTL, the ACL:
 * failures are ZkErrors of kind 'illegalArgument', or InvalidACL, and use no zxid), then what the
 * server does. Watch callbacks a call causes run before it returns. After close() or expiry every
 * call throws SessionExpired (what the Java client reports for a closed handle); after a failed
 * addAuth, AuthFailed.
 */
export class Session {
  /** @internal */
  constructor(
    private readonly server: ZooKeeperServer,
    /** @internal */
    readonly record: SessionRecord,
  ) {}

  /** ZooKeeper's 64-bit session id: server id, start time, then a counter. */
  get sessionId(): bigint {
    return this.record.id;
  }

  /** The negotiated timeout in ms (the request clamped to [2, 20] × tickTime). */
  get timeout(): number {
    return this.record.timeout;
  }

  /** 'SyncConnected' while usable; then 'Closed', 'Expired' or 'AuthFailed'. */
  get state(): KeeperState {
    return this.record.state;
  }

  /** Creates a znode; returns its path (with the sequential suffix, if any). */
  create(path: string, data?: Data, options: CreateOptions = {}): string {
    const c = createArgs(path, options);
    const acl = options.acl ?? Ids.OPEN_ACL_UNSAFE;
    if (acl.length === 0) throw keeper('InvalidACL');
    const bytes = toBytes(data);
    return this.request(() => this.createTxn(path, bytes, acl, c).path);
  }

  /** create, also returning the new node's stat (ZooKeeper's create2). */
  create2(path: string, data?: Data, options: CreateOptions = {}): { path: string; stat: Stat } {
    const c = createArgs(path, options);
    const acl = options.acl ?? Ids.OPEN_ACL_UNSAFE;
    if (acl.length === 0) throw keeper('InvalidACL');
    const bytes = toBytes(data);
    return this.request(() => {
      const txn = this.createTxn(path, bytes, acl, c);
      // Callbacks run only at drain(), so the node is still exactly what this create made.
      return { path: txn.path, stat: this.server.tree.get(txn.path)!.stat() };
    });
  }

  private createTxn(path: string, bytes: string | null, acl: readonly ACL[], c: CreateArgs): CreateTxn {
    const server = this.server;
    const s = this.record;
    const now = server.enter(s, path);
    let txn: Txn;
    try {
      txn = server.prep(s.authInfo).create(path, bytes, acl, c.kind, c.sequential, c.ttl, s.id);
    } catch (e) {
      this.server.refused(s.id, 'create', path, now, e);
    }
    server.commit(s.id, 'create', txn, now, path);
    return txn as CreateTxn;
  }

  /** The node's data and stat; a watch fires on its change or deletion. */
  getData(path: string, options: WatchOption = {}): GetDataResult {
    validatePath(path);
    const w = this.resolve(options.watch);
    return this.request(() => {
      const n = this.readable(path);
      if (w !== undefined) {
        this.server.tree.dataWatches.add(path, this.record, STANDARD);
        if (w !== null) this.record.client.addData(path, w);
      }
      const data = n.data;
      return { data: data === null ? new Uint8Array(0) : binaryToBytes(data), dataIsNull: data === null, stat: n.stat() };
    });
  }

  /** Replaces the data if `version` matches (-1: any); returns the new stat. */
  setData(path: string, data: Data, version = -1): Stat {
    validatePath(path);
    const bytes = toBytes(data);
    return this.request(() => {
      const now = this.server.enter(this.record, path);
      const s = this.record;
      return this.server.write(s.id, 'setData', path, now, (p) => p.setData(path, bytes, version), s.authInfo).node!.stat();
    });
  }

  /** The stat, or null if there is no such node; a watch (set either way) fires on creation, change or deletion. */
  exists(path: string, options: WatchOption = {}): Stat | null {
    validatePath(path);
    const w = this.resolve(options.watch);
    return this.request(() => {
      this.server.enter(this.record, path);
      if (w !== undefined) this.server.tree.dataWatches.add(path, this.record, STANDARD);
      const n = this.server.tree.get(path);
      if (w !== undefined && w !== null) {
        if (n === undefined) this.record.client.addExist(path, w);
        else this.record.client.addData(path, w);
      }
      return n === undefined ? null : n.stat();
    });
  }

  /**
   * The child names, in the order ZooKeeper returns them (its HashSet's, reproduced; zkCli sorts
   * them for `ls`, this does not). A watch fires when a child is created or deleted, or the node goes.
   */
  getChildren(path: string, options: WatchOption = {}): string[] {
    return this.getChildren2(path, options).children;
  }

  /** getChildren with the node's stat. */
  getChildren2(path: string, options: WatchOption = {}): { children: string[]; stat: Stat } {
    validatePath(path);
    const w = this.resolve(options.watch);
    return this.request(() => {
      const n = this.readable(path);
      if (w !== undefined) {
        this.server.tree.childWatches.add(path, this.record, STANDARD);
        if (w !== null) this.record.client.addChild(path, w);
      }
      return { children: n.children === null ? [] : n.children.toArray(), stat: n.stat() };
    });
  }

  /** How many nodes are below `path`, at any depth. */
  getAllChildrenNumber(path: string): number {
    validatePath(path);
    return this.request(() => {
      const n = this.readable(path);
      return this.server.tree.countDescendants(path);
    });
  }

  /** This session's ephemerals whose path starts with `prefixPath` (a plain string prefix), in ZooKeeper's order. */
  getEphemerals(prefixPath = '/'): string[] {
    validatePath(prefixPath);
    return this.request(() => {
      this.server.enter(this.record, prefixPath);
      const all = this.server.ephemeralsOf(this.record.id);
      const prefix = prefixPath.trim();
      if (prefix === '' || prefix === '/') return all;
      return all.filter((p) => p.startsWith(prefixPath));
    });
  }

  /** Deletes a childless node if `version` matches (-1: any). */
  delete(path: string, version = -1): void {
    validatePath(path);
    this.request(() => {
      const now = this.server.enter(this.record, path);
      const s = this.record;
      this.server.write(s.id, 'delete', path, now, (p) => p.delete(path, version), s.authInfo);
    });
  }

  /**
   * Applies every op or none, as one transaction. On failure throws a ZkError whose `results`
   * holds one code per op: 0 for those before the failing one, its code, then -2.
   */
  multi(ops: readonly Op[]): OpResult[] {
    const prepared = ops.map((o) => prepareOp(o, this.record));
    if (prepared.length === 0) return [];
    return this.request(() => {
      const now = this.server.enter(this.record);
      const { txns, stats } = this.server.multi(this.record, now, prepared);
      return txns.map((t, i): OpResult => {
        switch (t.type) {
          case 'create':
            return { op: 'create', path: t.path, stat: stats[i]! };
          case 'delete':
            return { op: 'delete' };
          case 'setData':
            return { op: 'setData', stat: stats[i]! };
          default:
            return { op: 'check' };
        }
      });
    });
  }

  /** Lets the server catch up before the next read (a no-op here: one server is never behind). */
  sync(path: string): string {
    validatePath(path);
    return this.request(() => {
      this.server.enter(this.record, path);
      return path;
    });
  }

  /**
   * A watch that stays: PERSISTENT on the node (data, children, creation, deletion),
   * PERSISTENT_RECURSIVE on the node and everything below (never NodeChildrenChanged). The node
   * need not exist. `watcher` defaults to the session's watcher.
   */
  addWatch(path: string, mode: AddWatchMode, watcher: Watch = true): void {
    validatePath(path);
    if (mode !== 'PERSISTENT' && mode !== 'PERSISTENT_RECURSIVE') throw illegalArgument(MSG.unknownWatchMode(String(mode)));
    const w = this.resolve(watcher);
    const m: WatchMode = mode === 'PERSISTENT' ? PERSISTENT : PERSISTENT_RECURSIVE;
    this.request(() => {
      this.server.enter(this.record, path);
      this.server.tree.dataWatches.add(path, this.record, m);
      this.server.tree.childWatches.add(path, this.record, m);
      if (w !== undefined && w !== null) this.record.client.addPersistent(path, w, m === PERSISTENT_RECURSIVE);
    });
  }

  /**
   * Removes watches on `path`: `watcher`'s only (the server just checks it has one), or, without
   * one, all of this session's of that type (the server drops its own too). The removed callbacks
   * hear DataWatchRemoved, ChildWatchRemoved or PersistentWatchRemoved. NoWatcher when nothing
   * matched. In 3.8, Data and Children never remove persistent watches; Any does.
   */
  removeWatches(path: string, type: WatcherType, watcher?: Watch): void {
    validatePath(path);
    if (!WATCHER_TYPES.has(type)) throw illegalArgument(MSG.unknownWatcherType(String(type)));
    let w: Watcher | null = null;
    if (watcher !== undefined) {
      const r = this.resolve(watcher);
      if (r === undefined || r === null) throw illegalArgument(MSG.nullWatcher);
      w = r;
    }
    this.request(() => {
      this.server.enter(this.record, path);
      const ok = w === null ? this.serverRemove(path, type) : this.serverContains(path, type);
      const client = this.record.client;
      if (!client.contains(path, w, type)) throw keeper('NoWatcher', path);
      if (!ok) throw keeper('NoWatcher', path);
      const removed = client.remove(path, w, type);
      for (const [eventType, set] of removed) {
        if (set.size > 0) this.server.deliverLocal(this.record, { type: eventType, state: 'SyncConnected', path }, set);
      }
    });
  }

  /** The node's ACL (digest ids masked as `user:x` without ADMIN) and stat. Needs READ or ADMIN. */
  getACL(path: string): { acl: ACL[]; stat: Stat } {
    validatePath(path);
    return this.request(() => {
      this.server.enter(this.record, path);
      const n = this.server.tree.get(path);
      if (n === undefined) throw keeper('NoNode', path);
      const auth = this.record.authInfo;
      checkAcl(n.acl, Perms.READ | Perms.ADMIN, auth, path);
      const acl = allowed(n.acl, Perms.ADMIN, auth) ? n.acl.map(copyAcl) : maskDigests(n.acl);
      return { acl, stat: n.stat() };
    });
  }

  /** Replaces the ACL if the ACL version matches (-1: any); needs ADMIN. */
  setACL(path: string, acl: readonly ACL[], version = -1): Stat {
    validatePath(path);
    if (acl.length === 0) throw keeper('InvalidACL');
    return this.request(() => {
      const now = this.server.enter(this.record, path);
      const s = this.record;
      return this.server.write(s.id, 'setACL', path, now, (p) => p.setACL(path, acl, version), s.authInfo).node!.stat();
    });
  }

  /**
   * ZooKeeperAdmin.reconfigure: a standalone server (reconfigEnabled off, its default) refuses it
   * before anything else, as an error transaction that takes a zxid.
   */
  reconfig(): never {
    return this.request(() => {
      const now = this.server.enter(this.record);
      return this.server.refused(this.record.id, 'reconfig', undefined, now, keeper('ReconfigDisabled'));
    });
  }

  /**
   * addauth: `digest` with `user:password` adds the id `digest:user:base64(sha1(user:password))`;
   * `ip` re-adds the connection's address; any other scheme makes the server drop the connection
   * (state AuthFailed, every callback hears it, later calls throw AuthFailed).
   */
  addAuth(scheme: string, auth: string | Uint8Array): void {
    // Java's addAuthInfo on a dead handle is silently dropped.
    if (!this.record.alive) return;
    this.request(() => {
      this.server.enter(this.record);
      const text = typeof auth === 'string' ? auth : new TextDecoder().decode(auth);
      if (scheme === 'digest') this.server.addDigest(this.record, text);
      else if (scheme !== 'ip') this.server.authFailed(this.record);
    });
  }

  /** A heartbeat: the session's expiry moves to now + timeout (rounded up to the next tick). */
  ping(): void {
    this.request(() => this.server.enter(this.record));
  }

  /**
   * A client reconnects with this session id (ZooKeeperServer.reopenSession): true, and the
   * session is touched, when the server still has it; false when it has expired or was closed.
   */
  revalidate(): boolean {
    return this.request(() => {
      try {
        this.server.enter(this.record);
        return true;
      } catch {
        return false;
      }
    });
  }

  /** The connection is gone but the session lives on: the server drops its watches (removeCnxn). */
  detach(): void {
    this.server.detachWatches(this.record);
  }

  /**
   * SetWatches after a reconnect (DataTree.setWatches): each watch the client still holds is
   * re-registered, or, when what it watches changed after `relativeZxid`, the event it missed
   * goes to the session's default watcher at once.
   */
  setWatches(relativeZxid: number, watches: SetWatchesLists): void {
    this.request(() => this.server.setWatches(this.record, relativeZxid, watches));
  }

  /** Closes the session: its ephemerals go in one transaction; every callback hears Closed. */
  close(): void {
    this.request(() => this.server.closeSession(this.record));
  }

  /**
   * Runs one request: the watch callbacks it causes run before it returns (what ZooKeeper's
   * EventThread does after the reply, made synchronous), even when it fails.
   */
  private request<T>(fn: () => T): T {
    try {
      return fn();
    } finally {
      this.server.drain();
    }
  }

  /** For a read: the node at `path`, which this session may read (else NoNode, or NoAuth). */
  private readable(path: string): Znode {
    this.server.enter(this.record, path);
    const n = this.server.tree.get(path);
    if (n === undefined) throw keeper('NoNode', path);
    checkAcl(n.acl, Perms.READ, this.record.authInfo, path);
    return n;
  }

  /** undefined: no watch; null: watch=true without a default watcher (the server still registers it). */
  private resolve(watch: Watch | undefined): Watcher | null | undefined {
    if (watch === undefined || watch === false) return undefined;
    if (watch === true) return this.record.client.defaultWatcher;
    return watch;
  }

  private serverContains(path: string, type: WatcherType): boolean {
    const { dataWatches: d, childWatches: c } = this.server.tree;
    const s = this.record;
    switch (type) {
      case 'Children':
        return c.contains(path, s);
      case 'Data':
        return d.contains(path, s);
      case 'Any':
        return c.contains(path, s) || d.contains(path, s);
      case 'Persistent':
        return c.contains(path, s, PERSISTENT) || d.contains(path, s, PERSISTENT);
      case 'PersistentRecursive':
        return c.contains(path, s, PERSISTENT_RECURSIVE) || d.contains(path, s, PERSISTENT_RECURSIVE);
    }
  }

  private serverRemove(path: string, type: WatcherType): boolean {
    const { dataWatches: d, childWatches: c } = this.server.tree;
    const s = this.record;
    switch (type) {
      case 'Children':
        return c.remove(path, s);
      case 'Data':
        return d.remove(path, s);
      case 'Any': {
        const a = c.remove(path, s);
        const b = d.remove(path, s);
        return a || b;
      }
      case 'Persistent': {
        const a = c.remove(path, s, PERSISTENT);
        const b = d.remove(path, s, PERSISTENT);
        return a || b;
      }
      case 'PersistentRecursive': {
        const a = c.remove(path, s, PERSISTENT_RECURSIVE);
        const b = d.remove(path, s, PERSISTENT_RECURSIVE);
        return a || b;
      }
    }
  }
}

interface CreateArgs {
  readonly kind: NodeKind;
  readonly sequential: boolean;
  readonly ttl: number;
}

/** The Java client's checks before a create: the path (path + "1" if sequential), then the TTL. */
function createArgs(path: string, options: { mode?: CreateMode; ttl?: number }): CreateArgs {
  const mode = options.mode ?? 'PERSISTENT';
  const info = CREATE_MODES[mode];
  if (info === undefined) throw illegalArgument(MSG.unknownMode(String(mode)), path);
  validatePath(path, info.sequential);
  const ttl = options.ttl ?? -1;
  if (info.ttl) {
    if (!Number.isInteger(ttl) || ttl > MAX_TTL || ttl <= 0) throw illegalArgument(MSG.ttlRange(MAX_TTL), path);
  } else if (ttl >= 0) throw illegalArgument(MSG.ttlNotValidForMode(mode), path);
  if (!info.ttl) return PLAIN_ARGS[mode];
  return { kind: 'ttl', sequential: info.sequential, ttl };
}

const PLAIN_ARGS = Object.fromEntries(
  Object.entries(CREATE_MODES).map(([mode, info]) => {
    const kind: NodeKind = info.ephemeral ? 'ephemeral' : info.container ? 'container' : info.ttl ? 'ttl' : 'persistent';
    return [mode, Object.freeze({ kind, sequential: info.sequential, ttl: -1 })];
  }),
) as Record<CreateMode, CreateArgs>;

function prepareOp(o: Op, s: SessionRecord): { op: string; path: string; prepare: (prep: Prep<SessionRecord>) => Txn } {
  switch (o.op) {
    case 'create': {
      const c = createArgs(o.path, o);
      const bytes = toBytes(o.data);
      const acl = o.acl ?? Ids.OPEN_ACL_UNSAFE;
      return { op: o.op, path: o.path, prepare: (p) => p.create(o.path, bytes, acl, c.kind, c.sequential, c.ttl, s.id) };
    }
    case 'delete':
      validatePath(o.path);
      return { op: o.op, path: o.path, prepare: (p) => p.delete(o.path, o.version ?? -1) };
    case 'setData': {
      validatePath(o.path);
      const bytes = toBytes(o.data);
      return { op: o.op, path: o.path, prepare: (p) => p.setData(o.path, bytes, o.version ?? -1) };
    }
    case 'check':
      validatePath(o.path);
      return { op: o.op, path: o.path, prepare: (p) => p.check(o.path, o.version ?? -1) };
    default:
      throw illegalArgument(MSG.unknownOp(String((o as { op: unknown }).op)));
  }
}

/** Data in, as ZooKeeper stores it: text as UTF-8, bytes copied, null (or nothing) as null. */
function toBytes(data: Data | undefined): string | null {
  return data === undefined || data === null ? null : toBinary(data);
}
