/**
 * redzoo/zk: a pure, in-process ZooKeeper 3.8 standalone server and its client sessions.
 *
 * Layout:
 *   server.ts      ZooKeeperServer (createZooKeeper): zxids, the write pipeline (prep → txn →
 *                  apply → watch delivery), session expiry and container/TTL reaping on tick(),
 *                  events$, read-only inspection
 *   session.ts     Session: the client API (create, getData, multi, addWatch, …) with the Java
 *                  client's own checks
 *   prep.ts        PrepRequestProcessor: a request becomes a transaction or an error, checked in
 *                  ZooKeeper's order, against pending changes inside a multi
 *   tree.ts        DataTree: znodes, ephemerals, containers, TTL nodes; applies transactions and
 *                  triggers watches
 *   znode.ts       a stored znode and the Stat a client sees
 *   watches.ts     both sides of watches: the server's tables (modes, one event per session) and
 *                  the client's callbacks (materialize, removeWatches)
 *   sessions.ts    a session's record and the tickTime-bucketed expiry queue
 *   acl.ts         ACLs: world, digest, ip, auth; fixupACL, checkACL
 *   paths.ts       PathUtils.validatePath and path helpers
 *   quota.ts       quota paths and StatsTrack (the tree keeps zookeeper_stats up to date)
 *   java-hash.ts   java.util.HashSet's iteration order (children, ephemerals, reaping order)
 *   bytes.ts       znode data as binary strings (one char per byte), bytes in and out
 *   errors.ts      ZkError, KeeperException codes and every message
 *   types.ts       the public types (CreateMode, Stat, WatchedEvent, Op, …)
 *   clock.ts       the Clock interface and ManualClock
 */
export {
  createZooKeeper,
  ZooKeeperServer,
  type ZooKeeperOptions,
  type ConnectOptions,
  type ZkEvent,
  type TxnOp,
  type OpSummary,
  type WatchInfo,
  type SessionInfo,
  type ZnodeView,
} from './server.js';
export { Session, type SetWatchesLists } from './session.js';
export { ClientWatchManager } from './watches.js';
export { ZkError, Code, codeName, codeMessage, type CodeName } from './errors.js';
export { Perms, Ids, generateDigest, type ACL, type Id } from './acl.js';
export { validatePath } from './paths.js';
export { javaStringHash, JavaHashSet } from './java-hash.js';
export { ManualClock, type Clock } from './clock.js';
export {
  CREATE_MODES,
  type CreateMode,
  type NodeKind,
  type EventType,
  type KeeperState,
  type WatchedEvent,
  type Watcher,
  type Watch,
  type AddWatchMode,
  type WatcherType,
  type Data,
  type Stat,
  type CreateOptions,
  type WatchOption,
  type Op,
  type OpResult,
  type GetDataResult,
} from './types.js';
export {
  StatsTrack,
  StatsTrackError,
  QUOTA_ROOT,
  LIMIT_NODE,
  STAT_NODE,
  quotaPath,
  limitPath,
  statPath,
  trimQuotaPath,
} from './quota.js';
