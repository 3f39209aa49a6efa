import type { ACL } from './acl.js';

/** CreateMode, by ZooKeeper's names. */
export type CreateMode =
  | 'PERSISTENT'
  | 'EPHEMERAL'
  | 'PERSISTENT_SEQUENTIAL'
  | 'EPHEMERAL_SEQUENTIAL'
  | 'CONTAINER'
  | 'PERSISTENT_WITH_TTL'
  | 'PERSISTENT_SEQUENTIAL_WITH_TTL';

export interface ModeInfo {
  readonly flag: number;
  readonly ephemeral: boolean;
  readonly sequential: boolean;
  readonly container: boolean;
  readonly ttl: boolean;
}

/** CreateMode's flags and properties (the flag is what goes on the wire). */
export const CREATE_MODES: Readonly<Record<CreateMode, ModeInfo>> = {
  PERSISTENT: { flag: 0, ephemeral: false, sequential: false, container: false, ttl: false },
  EPHEMERAL: { flag: 1, ephemeral: true, sequential: false, container: false, ttl: false },
  PERSISTENT_SEQUENTIAL: { flag: 2, ephemeral: false, sequential: true, container: false, ttl: false },
  EPHEMERAL_SEQUENTIAL: { flag: 3, ephemeral: true, sequential: true, container: false, ttl: false },
  CONTAINER: { flag: 4, ephemeral: false, sequential: false, container: true, ttl: false },
  PERSISTENT_WITH_TTL: { flag: 5, ephemeral: false, sequential: false, container: false, ttl: true },
  PERSISTENT_SEQUENTIAL_WITH_TTL: { flag: 6, ephemeral: false, sequential: true, container: false, ttl: true },
};

/** What a znode is, for its lifetime: EphemeralType in ZooKeeper. */
export type NodeKind = 'persistent' | 'ephemeral' | 'container' | 'ttl';

/** Watcher.Event.EventType. */
export type EventType =
  | 'None'
  | 'NodeCreated'
  | 'NodeDeleted'
  | 'NodeDataChanged'
  | 'NodeChildrenChanged'
  | 'DataWatchRemoved'
  | 'ChildWatchRemoved'
  | 'PersistentWatchRemoved';

/** Watcher.Event.KeeperState. */
export type KeeperState = 'Disconnected' | 'SyncConnected' | 'AuthFailed' | 'ConnectedReadOnly' | 'SaslAuthenticated' | 'Expired' | 'Closed';

/** WatchedEvent. `path` is null for connection-state events (type 'None'), as in Java. */
export interface WatchedEvent {
  readonly type: EventType;
  readonly state: KeeperState;
  readonly path: string | null;
}

export type Watcher = (event: WatchedEvent) => void;

/** `true` means the session's default watcher (the one given to connect), as `watch=true` in Java. */
export type Watch = boolean | Watcher;

/** AddWatchMode. */
export type AddWatchMode = 'PERSISTENT' | 'PERSISTENT_RECURSIVE';

/**
 * Watcher.WatcherType for removeWatches. 3.8 has Children, Data and Any; Persistent and
 * PersistentRecursive are 3.9's, offered here as extensions.
 */
export type WatcherType = 'Children' | 'Data' | 'Any' | 'Persistent' | 'PersistentRecursive';

/** Data as callers give it: text (UTF-8 encoded), bytes, or null (Java's null byte[]). */
export type Data = string | Uint8Array | null;

/**
 * The Stat a client sees, with ZooKeeper's field names and order. `cversion` is the client-visible
 * one (child creations plus deletions); `ephemeralOwner` is the owning session for ephemerals and
 * 0n for every other kind (containers and TTL nodes included, as the server reports them).
 */
export interface Stat {
  czxid: number;
  mzxid: number;
  ctime: number;
  mtime: number;
  version: number;
  cversion: number;
  aversion: number;
  ephemeralOwner: bigint;
  dataLength: number;
  numChildren: number;
  pzxid: number;
}

export interface CreateOptions {
  mode?: CreateMode;
  /** Milliseconds, for the *_WITH_TTL modes only (1 .. 2^40-1). */
  ttl?: number;
  /** Default: world:anyone with all permissions (Ids.OPEN_ACL_UNSAFE), as zkCli. */
  acl?: readonly ACL[];
}

export interface WatchOption {
  watch?: Watch;
}

/** A multi op: Op.create / Op.delete / Op.setData / Op.check. `version` defaults to -1 (any). */
export type Op =
  | { op: 'create'; path: string; data?: Data; mode?: CreateMode; ttl?: number; acl?: readonly ACL[] }
  | { op: 'delete'; path: string; version?: number }
  | { op: 'setData'; path: string; data: Data; version?: number }
  | { op: 'check'; path: string; version?: number };

/** A successful multi's per-op result (OpResult.CreateResult, DeleteResult, SetDataResult, CheckResult). */
export type OpResult =
  | { op: 'create'; path: string; stat: Stat }
  | { op: 'delete' }
  | { op: 'setData'; stat: Stat }
  | { op: 'check' };

export interface GetDataResult {
  /** The bytes; empty when the node holds null. */
  data: Uint8Array;
  /** True when the node's data is null (created without data), which zkCli's `get` prints as "null". */
  dataIsNull: boolean;
  stat: Stat;
}
