import { Ids, type ACL } from './acl.js';
import { JavaHashSet } from './java-hash.js';
import { LIMIT_NODE, QUOTA_ROOT, STAT_NODE, StatsTrack, StatsTrackError, statPath, trimQuotaPath } from './quota.js';
import type { EventType, NodeKind } from './types.js';
import { WatchTable } from './watches.js';
import { Znode, systemNode } from './znode.js';

/**
 * DataTree: the znodes and what hangs off them (ephemerals by session, containers, TTL nodes,
 * the two server-side watch tables), and the application of transactions to them. Like
 * ZooKeeper's DataTree.createNode(path, data, acl, ephemeralOwner, parentCVersion, zxid, time),
 * everything here is handed its zxid and time; nothing is validated again (the prep step did).
 * Watch triggers only queue events (the server runs callbacks after the write), so the node a
 * transaction returns still shows exactly that transaction's result.
 */

/** A transaction, as PrepRequestProcessor produces it and DataTree.processTxn applies it. */
export type Txn =
  | { type: 'create'; path: string; data: string | null; acl: readonly ACL[]; kind: NodeKind; owner: bigint; ttl: number; parentCVersion: number; parentPath: string; parent: Znode | undefined }
  | { type: 'delete'; path: string }
  | { type: 'setData'; path: string; data: string | null; version: number }
  | { type: 'setACL'; path: string; acl: readonly ACL[]; version: number }
  | { type: 'check'; path: string }
  | { type: 'error'; err: number }
  | { type: 'multi'; txns: Txn[] }
  | { type: 'createSession'; timeout: number }
  | { type: 'closeSession'; paths: string[] };

/** Where the tree sends the sessions a trigger selected (the server turns them into events). */
export interface WatchSink<S> {
  notify(sessions: ReadonlySet<S>, type: EventType, path: string, acl: readonly ACL[], zxid: number): void;
}

export const SPECIAL_PATHS: ReadonlySet<string> = new Set(['/', '/zookeeper', '/zookeeper/quota', '/zookeeper/config']);

export class DataTree<S> {
  readonly nodes = new Map<string, Znode>();
  /** Session id → its ephemeral paths, in a HashSet<>() as DataTree.ephemerals. */
  readonly ephemerals = new Map<bigint, JavaHashSet>();
  /** Container and TTL paths, in creation order. */
  readonly containers = new Set<string>();
  readonly ttls = new Set<string>();
  readonly dataWatches = new WatchTable<S>();
  readonly childWatches = new WatchTable<S>();
  /** The paths with a quota (DataTree.pTrie): those with a zookeeper_limits node. */
  readonly quotaPaths = new Set<string>();
  private readonly scratchA = new Set<S>();
  private readonly scratchB = new Set<S>();

  constructor(private readonly sink: WatchSink<S>) {
    // A fresh tree: / → zookeeper → {quota, config}, all stats 0; /zookeeper/config is
    // world-readable only, with the aversion -1 its setACL(…, -1) at startup leaves.
    const root = systemNode(Ids.OPEN_ACL_UNSAFE);
    const proc = systemNode(Ids.OPEN_ACL_UNSAFE);
    const quota = systemNode(Ids.OPEN_ACL_UNSAFE);
    const config = systemNode(Ids.READ_ACL_UNSAFE);
    config.aversion = -1;
    root.addChild('zookeeper');
    proc.addChild('quota');
    proc.addChild('config');
    this.nodes.set('/', root);
    this.nodes.set('/zookeeper', proc);
    this.nodes.set('/zookeeper/quota', quota);
    this.nodes.set('/zookeeper/config', config);
  }

  get(path: string): Znode | undefined {
    return this.nodes.get(path);
  }

  /** Applies one transaction; returns the node it created or wrote, when there is one. */
  apply(txn: Txn, zxid: number, time: number, sessionId: bigint): Znode | undefined {
    switch (txn.type) {
      case 'create':
        return this.createNode(txn, zxid, time);
      case 'delete':
        this.deleteNode(txn.path, zxid);
        return undefined;
      case 'setData':
        this.setData(txn.path, txn.data, txn.version, zxid, time);
        return this.nodes.get(txn.path);
      case 'setACL': {
        const n = this.nodes.get(txn.path)!;
        n.aversion = txn.version;
        n.acl = txn.acl;
        return n;
      }
      case 'closeSession':
        this.ephemerals.delete(sessionId);
        for (const p of txn.paths) if (this.nodes.has(p)) this.deleteNode(p, zxid);
        return undefined;
      case 'multi':
        for (const t of txn.txns) this.apply(t, zxid, time, sessionId);
        return undefined;
      default:
        return undefined;
    }
  }

  private createNode(txn: Extract<Txn, { type: 'create' }>, zxid: number, time: number): Znode {
    const { path, parentPath } = txn;
    const parent = txn.parent ?? this.nodes.get(parentPath)!;
    // Replays can carry an older parentCVersion; only a larger one moves cversion and pzxid.
    if (txn.parentCVersion > parent.cversion) {
      parent.cversion = txn.parentCVersion;
      parent.pzxid = zxid;
    }
    const node = new Znode(txn.data, txn.acl, zxid, zxid, zxid, time, time, 0, 0, 0, txn.owner, txn.kind, txn.ttl);
    const name = path.substring(parentPath.length === 1 ? 1 : parentPath.length + 1);
    parent.addChild(name);
    this.nodes.set(path, node);
    if (parentPath.startsWith(QUOTA_ROOT) && parentPath.length > QUOTA_ROOT.length) {
      if (name === LIMIT_NODE) this.quotaPaths.add(trimQuotaPath(parentPath));
      if (name === STAT_NODE) this.updateQuotaForPath(trimQuotaPath(parentPath));
    }
    this.updateQuotaStat(path, txn.data === null ? 0 : txn.data.length, 1);
    if (txn.kind === 'container') this.containers.add(path);
    else if (txn.kind === 'ttl') this.ttls.add(path);
    else if (txn.kind === 'ephemeral') {
      let set = this.ephemerals.get(txn.owner);
      if (set === undefined) this.ephemerals.set(txn.owner, (set = new JavaHashSet()));
      set.add(path);
    }
    this.fire(this.dataWatches, path, 'NodeCreated', node.acl, zxid);
    this.fire(this.childWatches, parentPath, 'NodeChildrenChanged', parent.acl, zxid);
    return node;
  }

  deleteNode(path: string, zxid: number): void {
    const slash = path.lastIndexOf('/');
    const parentPath = slash === 0 ? '/' : path.substring(0, slash);
    const parent = this.nodes.get(parentPath)!;
    parent.removeChild(path.substring(slash + 1));
    if (zxid > parent.pzxid) parent.pzxid = zxid;
    const node = this.nodes.get(path)!;
    this.nodes.delete(path);
    if (parentPath.startsWith(QUOTA_ROOT) && path.substring(slash + 1) === LIMIT_NODE) this.quotaPaths.delete(trimQuotaPath(parentPath));
    this.updateQuotaStat(path, node.data === null ? 0 : -node.data.length, -1);
    if (node.kind === 'container') this.containers.delete(path);
    else if (node.kind === 'ttl') this.ttls.delete(path);
    else if (node.kind === 'ephemeral') this.ephemerals.get(node.ephemeralOwner)?.delete(path);
    // NodeDeleted goes to data and child watchers of the node, once per session, then the
    // parent's child watchers hear NodeChildrenChanged.
    if (!this.dataWatches.empty || !this.childWatches.empty) {
      const a = this.scratchA;
      const b = this.scratchB;
      this.dataWatches.trigger(path, 'NodeDeleted', a);
      if (a.size) this.sink.notify(a, 'NodeDeleted', path, node.acl, zxid);
      this.childWatches.trigger(path, 'NodeDeleted', b, a);
      if (b.size) this.sink.notify(b, 'NodeDeleted', path, node.acl, zxid);
      a.clear();
      b.clear();
      this.fire(this.childWatches, parentPath, 'NodeChildrenChanged', parent.acl, zxid);
    }
  }

  private setData(path: string, data: string | null, version: number, zxid: number, time: number): void {
    const n = this.nodes.get(path)!;
    this.updateQuotaStat(path, (data === null ? 0 : data.length) - (n.data === null ? 0 : n.data.length), 0);
    n.data = data;
    n.mtime = time;
    n.mzxid = zxid;
    n.version = version;
    this.fire(this.dataWatches, path, 'NodeDataChanged', n.acl, zxid);
  }

  /** getMaxPrefixWithQuota: the deepest path with a quota at or above `path` (never '/'). */
  maxPrefixWithQuota(path: string): string | null {
    if (this.quotaPaths.size === 0) return null;
    for (let p = path; p.length > 1; p = p.substring(0, p.lastIndexOf('/'))) {
      if (this.quotaPaths.has(p)) return p;
    }
    return null;
  }

  /** updateQuotaStat: the stats node of the quota over `path` counts the change. */
  private updateQuotaStat(path: string, bytesDiff: number, countDiff: number): void {
    const prefix = this.maxPrefixWithQuota(path);
    if (prefix === null) return;
    this.rewriteStats(prefix, (s) => {
      s.count += BigInt(countDiff);
      s.bytes += BigInt(bytesDiff);
    });
  }

  /** updateQuotaForPath: a new stats node starts from the subtree as it is (the node itself included). */
  private updateQuotaForPath(path: string): void {
    let count = 0;
    let bytes = 0;
    const stack = [path];
    while (stack.length > 0) {
      const p = stack.pop()!;
      const n = this.nodes.get(p);
      if (n === undefined) continue;
      count++;
      bytes += n.data === null ? 0 : n.data.length;
      if (n.children !== null) for (const c of n.children) stack.push(p === '/' ? `/${c}` : `${p}/${c}`);
    }
    this.rewriteStats(path, (s) => {
      s.count = BigInt(count);
      s.bytes = BigInt(bytes);
    }, true);
  }

  /** The stats node's data rewritten in place; a missing or unreadable one is left alone (the server logs it). */
  private rewriteStats(path: string, change: (s: StatsTrack) => void, fresh = false): void {
    const node = this.nodes.get(statPath(path));
    if (node === undefined) return;
    let s: StatsTrack;
    try {
      s = fresh ? new StatsTrack() : StatsTrack.parse(node.data);
    } catch (e) {
      if (e instanceof StatsTrackError) return;
      throw e;
    }
    change(s);
    node.data = s.toString();
  }

  private fire(table: WatchTable<S>, path: string, type: EventType, acl: readonly ACL[], zxid: number): void {
    const out = this.scratchA;
    table.trigger(path, type, out);
    if (out.size === 0) return;
    this.sink.notify(out, type, path, acl, zxid);
    out.clear();
  }

  /** getAllChildrenNumber: every node below `path` (for '/', every node but the root). */
  countDescendants(path: string): number {
    let count = 0;
    const stack = [path];
    while (stack.length > 0) {
      const p = stack.pop()!;
      const n = this.nodes.get(p);
      if (n === undefined || n.children === null) continue;
      for (const name of n.children) {
        count++;
        stack.push(p === '/' ? `/${name}` : `${p}/${name}`);
      }
    }
    return count;
  }
}
