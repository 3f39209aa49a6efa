import type { World, WorldSnapshot } from '../../integration/index.js';
import type { Stat, ZnodeView, ZooKeeperServer } from '../../zk-sim/index.js';
import { permString } from '../../cli/zk-format.js';
import { oneLine } from './format.js';

/**
 * The znode tree as the TUI shows it: depth first, children in name order, collapsed subtrees
 * skipped. Flattening is the one O(n) part, cached until the tree changes (the server's last
 * zxid moves with every transaction) or the collapsed set does; the details of a row (stat,
 * owner, watches, data) are read only for the rows on screen.
 */

export interface TreeLine {
  path: string;
  name: string;
  depth: number;
  children: number;
  collapsed: boolean;
}

export interface ZkTree {
  server: string;
  up: boolean;
  /** False until the server has started (no engine yet). */
  started: boolean;
  nodeCount: number;
  /** Lines of the flattened tree (collapsed subtrees left out). */
  count: number;
  /** Line `i` (0 ≤ i < count), built when asked: only the rows on screen are. */
  line(i: number): TreeLine;
}

export interface ZnodeRow extends TreeLine {
  version: number;
  kind: ZnodeView['kind'];
  /** `0x…` of the owner session of an ephemeral, and the process using that session (if known). */
  ephemeralOwner: string | null;
  owner: string | null;
  /** Which watch tables hold a watch on this path: 'd' data/exist, 'c' children, 'p' persistent, 'r' recursive. */
  watches: string;
  /** The sequence suffix of a sequential node's name (ten digits), '' otherwise. */
  sequence: string;
  data: string;
}

export function zkServers(world: World): string[] {
  return world.processNames.filter((n) => world.process(n).kind === 'zookeeper');
}

/** The engine of ZooKeeper server `name` (it keeps its data while crashed), or undefined before it starts. */
export function zkEngineOf(world: World, name: string): ZooKeeperServer | undefined {
  return (world.zkEngine(name) as ZooKeeperServer | undefined) ?? undefined;
}

interface Cached {
  engine: ZooKeeperServer | undefined;
  /** Every change of the tree is a transaction: while the zxid stands still, so does the tree. */
  zxid: number;
  up: boolean;
  collapsed: Readonly<Record<string, true>>;
  tree: ZkTree;
}
const cache = new WeakMap<World, Map<string, Cached>>();

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The sorted children of a znode, as full paths, kept while its pzxid (the zxid of its last child
 * change) and its child count stand.
 */
const childCache = new WeakMap<object, { pzxid: number; paths: string[] }>();

function childPaths(path: string, node: { pzxid: number; childCount: number; children: { toArray(): string[] } | null }): string[] {
  const hit = childCache.get(node);
  if (hit !== undefined && hit.pzxid === node.pzxid && hit.paths.length === node.childCount) return hit.paths;
  const prefix = path === '/' ? '/' : `${path}/`;
  const paths = node.children === null ? [] : node.children.toArray().sort(byName).map((n) => prefix + n);
  childCache.set(node, { pzxid: node.pzxid, paths });
  return paths;
}

/** The tree of server `name`, flattened (cached until the next transaction or a change of `collapsed`). */
export function zkTree(world: World, name: string, collapsed: Readonly<Record<string, true>>): ZkTree {
  let perServer = cache.get(world);
  if (perServer === undefined) cache.set(world, (perServer = new Map()));
  const hit = perServer.get(name);
  const engine = zkEngineOf(world, name);
  const up = world.process(name).state !== 'crashed';
  const zxid = engine?.lastZxid ?? -1;
  if (hit !== undefined && hit.engine === engine && hit.zxid === zxid && hit.up === up && hit.collapsed === collapsed) return hit.tree;
  // Columns, not objects: 10,000 lines are 10,000 pushes to three arrays.
  const paths: string[] = [];
  const depths: number[] = [];
  const counts: number[] = [];
  if (engine !== undefined) {
    // The engine's own nodes (its DataTree), not node(path): a ZnodeView per node would cost more
    // than the whole walk. An explicit stack: a chain of 10,000 znodes must not overflow the call stack.
    const nodes = engine.tree.nodes;
    const stack: string[] = ['/'];
    const stackDepth: number[] = [0];
    while (stack.length > 0) {
      const path = stack.pop()!;
      const depth = stackDepth.pop()!;
      const node = nodes.get(path);
      if (node === undefined) continue;
      const count = node.childCount;
      paths.push(path);
      depths.push(depth);
      counts.push(count);
      if (count === 0 || collapsed[path] === true) continue;
      const children = childPaths(path, node);
      for (let i = children.length - 1; i >= 0; i--) {
        stack.push(children[i]!);
        stackDepth.push(depth + 1);
      }
    }
  }
  const tree: ZkTree = {
    server: name,
    up,
    started: engine !== undefined,
    nodeCount: engine?.nodeCount ?? 0,
    count: paths.length,
    line: (i) => {
      const path = paths[i]!;
      return { path, name: path === '/' ? '/' : path.slice(path.lastIndexOf('/') + 1), depth: depths[i]!, children: counts[i]!, collapsed: counts[i]! > 0 && collapsed[path] === true };
    },
  };
  perServer.set(name, { engine, zxid, up, collapsed, tree });
  return tree;
}

interface WatchCache {
  revision: number;
  byPath: Map<string, Set<string>>;
}
const watchCache = new WeakMap<World, Map<string, WatchCache>>();

/** Armed watches by path (cached per revision). */
export function watchesByPath(world: World, name: string, revision: number): Map<string, Set<string>> {
  let perServer = watchCache.get(world);
  if (perServer === undefined) watchCache.set(world, (perServer = new Map()));
  const hit = perServer.get(name);
  if (hit !== undefined && hit.revision === revision) return hit.byPath;
  const byPath = new Map<string, Set<string>>();
  const engine = zkEngineOf(world, name);
  if (engine !== undefined && world.process(name).state !== 'crashed') {
    for (const w of engine.watches()) {
      const tag = w.mode === 'persistentRecursive' ? 'r' : w.mode === 'persistent' ? 'p' : w.table === 'data' ? 'd' : 'c';
      let set = byPath.get(w.path);
      if (set === undefined) byPath.set(w.path, (set = new Set()));
      set.add(tag);
    }
  }
  perServer.set(name, { revision, byPath });
  return byPath;
}

/** Session id (`0x…`) → the process using it, from a snapshot. */
export function sessionOwners(snapshot: WorldSnapshot, server: string): Map<string, string | null> {
  const zk = snapshot.zookeeper.find((z) => z.name === server);
  return new Map((zk?.sessions ?? []).map((s) => [s.id, s.owner]));
}

const SEQUENCE = /\d{10}$/;

/** The details of lines `from` .. `from + count`. */
export function znodeRows(
  world: World,
  tree: ZkTree,
  from: number,
  count: number,
  owners: Map<string, string | null>,
  watches: Map<string, Set<string>>,
): ZnodeRow[] {
  const engine = zkEngineOf(world, tree.server);
  if (engine === undefined) return [];
  const rows: ZnodeRow[] = [];
  for (let i = from; i < Math.min(tree.count, from + count); i++) {
    const line = tree.line(i);
    const node = engine.node(line.path);
    if (node === undefined) continue;
    const stat = node.stat();
    const eph = stat.ephemeralOwner === 0n ? null : `0x${stat.ephemeralOwner.toString(16)}`;
    const tags = watches.get(line.path);
    const data = node.data === null ? '' : oneLine(new TextDecoder().decode(node.data.subarray(0, 240)));
    rows.push({
      ...line,
      version: stat.version,
      kind: node.kind,
      ephemeralOwner: eph,
      owner: eph === null ? null : (owners.get(eph) ?? null),
      watches: tags === undefined ? '' : ['d', 'c', 'p', 'r'].filter((t) => tags.has(t)).join(''),
      sequence: (node.kind === 'ephemeral' || node.kind === 'persistent' || node.kind === 'ttl') && SEQUENCE.test(line.name) ? line.name.slice(-10) : '',
      data,
    });
  }
  return rows;
}

/** What the znode view shows: the data in full and the stat, or null when the node is gone. */
export interface ZnodeDetail {
  path: string;
  kind: ZnodeView['kind'];
  ttl: number;
  data: string | null;
  stat: Stat;
  children: string[];
  acl: string[];
}

export function znodeDetail(world: World, server: string, path: string): ZnodeDetail | null {
  const engine = zkEngineOf(world, server);
  const node = engine?.node(path);
  if (node === undefined) return null;
  return {
    path,
    kind: node.kind,
    ttl: node.ttl,
    data: node.data === null ? null : new TextDecoder().decode(node.data),
    stat: node.stat(),
    children: [...node.children()].sort(byName),
    acl: node.acl.map((a) => `${a.id.scheme}:${a.id.id}:${permString(a.perms)}`),
  };
}
