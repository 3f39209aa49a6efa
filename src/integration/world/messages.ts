import { quoteBytes, type Reply } from '../../redis-sim/index.js';
import type { SetWatchesLists, WatchedEvent } from '../../zk-sim/index.js';
import type { Message } from './process.js';

/**
 * What travels on the simulated wire. Payloads are passed by reference (nothing is serialised),
 * so messages must never be mutated. Each message describes itself in a short label, made once:
 * the trace keeps labels, not payloads (a run of millions of messages must not keep them all).
 */
abstract class Labelled implements Message {
  declare private text: string | undefined; // no field initializer: made on first use
  get label(): string {
    return (this.text ??= this.describe());
  }
  protected abstract describe(): string;
}

/** A reply in a few words: what redis-cli would show, cut short. */
export function summarize(r: Reply): string {
  switch (r.type) {
    case 'status':
      return r.value;
    case 'error':
      return `(error) ${r.value}`;
    case 'integer':
      return `(integer) ${r.value}`;
    case 'bulk':
      return r.value === null ? '(nil)' : r.value.length > 40 ? `${quoteBytes(r.value.slice(0, 40))}…` : quoteBytes(r.value);
    case 'array':
      return r.value === null ? '(nil)' : r.value.length > 3 ? `[${r.value.length} items]` : `[${r.value.map(summarize).join(', ')}]`;
  }
}

// ---------------------------------------------------------------- Redis (RESP request/reply)

export class RedisRequest extends Labelled {
  constructor(readonly argv: readonly string[]) {
    super();
  }
  protected describe(): string {
    return this.argv.join(' ');
  }
}

/** Every reply the command wrote (SUBSCRIBE a b writes two). */
export class RedisReplies extends Labelled {
  constructor(readonly replies: readonly Reply[]) {
    super();
  }
  protected describe(): string {
    return this.replies.map(summarize).join(' | ');
  }
}

/** A pub/sub message pushed to a subscriber. */
export class RedisPush extends Labelled {
  constructor(readonly reply: Reply) {
    super();
  }
  protected describe(): string {
    return `push ${summarize(this.reply)}`;
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
export class ZkConnect extends Labelled {
  constructor(
    readonly sessionId: bigint | null,
    readonly timeout: number,
    readonly lastZxid: number,
    readonly watches: SetWatchesLists,
  ) {
    super();
  }
  protected describe(): string {
    return this.sessionId === null ? `connect timeout=${this.timeout}` : `reconnect 0x${this.sessionId.toString(16)} lastZxid=${this.lastZxid}`;
  }
}

/** ConnectResponse: timeout 0 means the session is gone (expired or closed). */
export class ZkConnected extends Labelled {
  constructor(
    readonly sessionId: bigint,
    readonly timeout: number,
  ) {
    super();
  }
  protected describe(): string {
    return this.timeout > 0 ? `connected 0x${this.sessionId.toString(16)} timeout=${this.timeout}` : `session 0x${this.sessionId.toString(16)} expired`;
  }
}

export class ZkRequest extends Labelled {
  constructor(
    readonly xid: number,
    readonly op: ZkOp | 'ping' | 'closeSession',
    readonly path: string | null,
    readonly args: readonly unknown[],
  ) {
    super();
  }
  protected describe(): string {
    return this.path === null ? this.op : `${this.op} ${this.path}`;
  }
}

export class ZkReply extends Labelled {
  constructor(
    readonly xid: number,
    readonly zxid: number,
    readonly op: string,
    /** 0 for success, else KeeperException's code. */
    readonly err: number,
    readonly result: unknown,
  ) {
    super();
  }
  protected describe(): string {
    return this.err === 0 ? `${this.op} ok` : `${this.op} err ${this.err}`;
  }
}

export class ZkWatchEvent extends Labelled {
  constructor(readonly event: WatchedEvent) {
    super();
  }
  protected describe(): string {
    return `watch ${this.event.type} ${this.event.path ?? ''}`.trimEnd();
  }
}
