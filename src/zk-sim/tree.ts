import { Ids, type ACL } from './acl.js';
import { JavaHashSet } from './java-hash.js';
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
    parent.addChild(path.substring(parentPath.length === 1 ? 1 : parentPath.length + 1));
    this.nodes.set(path, node);
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
    n.data = data;
    n.mtime = time;
    n.mzxid = zxid;
    n.version = version;
    this.fire(this.dataWatches, path, 'NodeDataChanged', n.acl, zxid);
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
