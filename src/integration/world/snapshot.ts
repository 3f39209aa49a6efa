import { bytesToText } from '../../redis-sim/index.js';
import type { CheckResult } from './world.js';
import type { ProcessState } from './process.js';
import { RedisNode } from './redis-node.js';
import type { Sim } from './sim.js';
import type { ProcessKind, TraceRecord } from './trace.js';
import { hex, ZkNode } from './zk-node.js';
import { AppProc } from './app.js';
import { DatabaseNode } from './database.js';
import type { ZkClientState } from './zk-client.js';

export interface SnapshotOptions {
  /** At most this many keys per Redis server and znodes per ZooKeeper server. Default 200. */
  limit?: number;
  /** How many of the latest trace records to include. Default 50. */
  recent?: number;
}

export interface ProcessView {
  name: string;
  kind: ProcessKind;
  state: ProcessState;
  partitioned: boolean;
  role: string | undefined;
  /** Local clock minus virtual time, ms. */
  clockOffset: number;
  /** The state of each ZooKeeper handle the process holds. */
  zk: { server: string; state: ZkClientState; session: string | null }[];
}

export interface KeyView {
  key: string;
  type: string;
  encoding: string;
  /** ms left, or -1 without a TTL. */
  ttl: number;
  preview: string;
}

export interface RedisView {
  name: string;
  up: boolean;
  /** Keys in db 0 (expired keys not yet reclaimed are not counted). */
  keyCount: number;
  keys: KeyView[];
}

export interface ZnodeView {
  path: string;
  version: number;
  cversion: number;
  dataLength: number;
  numChildren: number;
  /** The owner session of an ephemeral, and the process using it (if connected). */
  ephemeralOwner: string | null;
  owner: string | null;
  data: string;
}

export interface ZooKeeperView {
  name: string;
  up: boolean;
  nodeCount: number;
  nodes: ZnodeView[];
  sessions: { id: string; timeout: number; owner: string | null; ephemerals: number; expiresAt: number }[];
  watches: { path: string; session: string; table: string; mode: string }[];
}

export interface DatabaseView {
  name: string;
  up: boolean;
  rows: number;
  queries: number;
  /** Queries waiting for a free slot right now, and the most ever. */
  queued: number;
  maxQueue: number;
}

export interface WorldSnapshot {
  step: number;
  time: number;
  processes: ProcessView[];
  /** Cut links, [from, to]. */
  cuts: [string, string][];
  redis: RedisView[];
  zookeeper: ZooKeeperView[];
  databases: DatabaseView[];
  recent: TraceRecord[];
  checks: CheckResult[];
}

/**
 * A picture of the world, built without touching it: no command runs, no lazy expiry fires, no
 * statistics move. Bounded by `limit`, so a million keys cost no more than two hundred. Frozen.
 */
export function snapshotOf(sim: Sim, checks: CheckResult[], options: SnapshotOptions = {}): WorldSnapshot {
  const limit = options.limit ?? 200;
  const now = sim.kernel.now();
  const processes: ProcessView[] = [];
  const redis: RedisView[] = [];
  const zookeeper: ZooKeeperView[] = [];
  const databases: DatabaseView[] = [];
  for (const p of sim.processes.values()) {
    processes.push({
      name: p.name,
      kind: p.kind,
      state: p.state,
      partitioned: sim.net.isolated(p.name),
      role: p.role,
      clockOffset: p.localNow() - now,
      zk: p instanceof AppProc ? [...p.zkClients].map((c) => ({ server: c.serverName, state: c.state, session: c.sessionId === null ? null : hex(c.sessionId) })) : [],
    });
    if (p instanceof RedisNode) redis.push(redisView(p, limit));
    if (p instanceof ZkNode) zookeeper.push(zkView(p, limit));
    if (p instanceof DatabaseNode) databases.push({ name: p.name, up: p.state !== 'crashed', rows: p.rows.size, queries: p.stats.queries, queued: p.queued, maxQueue: p.stats.maxQueue });
  }
  const snapshot = deepFreeze({ step: sim.kernel.step, time: now, processes, cuts: sim.net.cutLinks(), redis, zookeeper, databases, checks });
  // Trace records are read-only by contract and share payloads with the engines: not walked.
  return Object.freeze({ ...snapshot, recent: Object.freeze([...sim.trace.tail(options.recent ?? 50)]) as TraceRecord[] });
}

function redisView(p: RedisNode, limit: number): RedisView {
  if (p.state === 'crashed' || p.engine === undefined) return { name: p.name, up: false, keyCount: 0, keys: [] };
  const db = p.engine.dbs[0]!;
  const now = p.localNow();
  const keys: KeyView[] = [];
  let live = 0;
  for (let i = 0; i < db.entries.size; i++) {
    const entry = db.entries.valueAt(i);
    if (entry.expireAt !== -1 && entry.expireAt <= now) continue;
    live++;
    if (keys.length >= limit) continue;
    const v = entry.value;
    keys.push({
      key: bytesToText(db.entries.keyAt(i)),
      type: v.type,
      encoding: v.encoding,
      ttl: entry.expireAt === -1 ? -1 : entry.expireAt - now,
      preview: v.type === 'string' ? bytesToText(v.bytes).slice(0, 60) : '',
    });
  }
  keys.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { name: p.name, up: true, keyCount: live, keys };
}

function zkView(p: ZkNode, limit: number): ZooKeeperView {
  const engine = p.engine;
  if (engine === undefined) return { name: p.name, up: false, nodeCount: 0, nodes: [], sessions: [], watches: [] };
  const nodes: ZnodeView[] = [];
  for (const path of engine.walk('/')) {
    if (nodes.length >= limit) break;
    const n = engine.node(path)!;
    const stat = n.stat();
    const owner = stat.ephemeralOwner === 0n ? null : stat.ephemeralOwner;
    nodes.push({
      path,
      version: stat.version,
      cversion: stat.cversion,
      dataLength: stat.dataLength,
      numChildren: stat.numChildren,
      ephemeralOwner: owner === null ? null : hex(owner),
      owner: owner === null ? null : p.ownerOf(owner),
      data: n.data === null ? '' : new TextDecoder().decode(n.data).slice(0, 60),
    });
  }
  return {
    name: p.name,
    up: p.state !== 'crashed',
    nodeCount: engine.nodeCount,
    nodes,
    sessions: [...engine.sessions()].map((s) => ({ id: hex(s.sessionId), timeout: s.timeout, owner: p.ownerOf(s.sessionId), ephemerals: s.ephemerals, expiresAt: s.expiresAt })),
    watches: [...engine.watches()].slice(0, limit).map((w) => ({ path: w.path, session: hex(w.sessionId), table: w.table, mode: w.mode })),
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
