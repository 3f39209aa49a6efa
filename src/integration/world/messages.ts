import type { Reply } from '../../redis-sim/index.js';
import { formatReply } from '../../redis-sim/index.js';
import type { SetWatchesLists, WatchedEvent } from '../../zk-sim/index.js';
import type { Message } from './process.js';

/**
 * What travels on the simulated wire. Each message carries a short label for the trace; the
 * payload is passed by reference (nothing is serialised), so messages must never be mutated.
 */

// ---------------------------------------------------------------- Redis (RESP request/reply)

export class RedisRequest implements Message {
  constructor(readonly argv: readonly string[]) {}
  get label(): string {
    return this.argv.join(' ');
  }
}

/** Every reply the command wrote (SUBSCRIBE a b writes two). */
export class RedisReplies implements Message {
  constructor(readonly replies: readonly Reply[]) {}
  get label(): string {
    return this.replies.map((r) => formatReply(r).replace(/\n/g, ' ')).join(' | ');
  }
}

/** A pub/sub message pushed to a subscriber. */
export class RedisPush implements Message {
  constructor(readonly reply: Reply) {}
  get label(): string {
    return `push ${formatReply(this.reply).replace(/\n/g, ' ')}`;
  }
}

// ---------------------------------------------------------------- ZooKeeper

export type ZkOp =
  | 'create'
  | 'delete'
  | 'setData'
  | 'getData'
  | 'exists'
  | 'getChildren'
  | 'getChildren2'
  | 'multi'
  | 'sync'
  | 'addWatch'
  | 'removeWatches'
  | 'getACL'
  | 'setACL'
  | 'getEphemerals'
  | 'getAllChildrenNumber';

/** ConnectRequest (+ the SetWatches the Java client sends right behind it on a reconnect). */
export class ZkConnect implements Message {
  constructor(
    readonly sessionId: bigint | null,
    readonly timeout: number,
    readonly lastZxid: number,
    readonly watches: SetWatchesLists,
  ) {}
  get label(): string {
    return this.sessionId === null ? `connect timeout=${this.timeout}` : `reconnect 0x${this.sessionId.toString(16)} lastZxid=${this.lastZxid}`;
  }
}

/** ConnectResponse: timeout 0 means the session is gone (expired or closed). */
export class ZkConnected implements Message {
  constructor(
    readonly sessionId: bigint,
    readonly timeout: number,
  ) {}
  get label(): string {
    return this.timeout > 0 ? `connected 0x${this.sessionId.toString(16)} timeout=${this.timeout}` : `session 0x${this.sessionId.toString(16)} expired`;
  }
}

export class ZkRequest implements Message {
  constructor(
    readonly xid: number,
    readonly op: ZkOp | 'ping' | 'closeSession',
    readonly path: string | null,
    readonly args: readonly unknown[],
  ) {}
  get label(): string {
    return this.path === null ? this.op : `${this.op} ${this.path}`;
  }
}

export class ZkReply implements Message {
  constructor(
    readonly xid: number,
    readonly zxid: number,
    readonly op: string,
    /** 0 for success, else KeeperException's code. */
    readonly err: number,
    readonly result: unknown,
  ) {}
  get label(): string {
    return this.err === 0 ? `${this.op} ok` : `${this.op} err ${this.err}`;
  }
}

export class ZkWatchEvent implements Message {
  constructor(readonly event: WatchedEvent) {}
  get label(): string {
    return `watch ${this.event.type} ${this.event.path ?? ''}`.trimEnd();
  }
}
