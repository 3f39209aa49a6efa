import type { Id } from './acl.js';
import type { KeeperState, Watcher } from './types.js';
import { ClientWatchManager } from './watches.js';

/**
 * Sessions: the server's record of each (SessionTrackerImpl.SessionImpl plus the connection's
 * auth ids) and the client's view of it (state, callbacks), kept together because both live in
 * this process.
 */
export class SessionRecord {
  /** The bucket (a multiple of tickTime) in which the session expires unless it is heard from. */
  expiresAt = -1;
  state: KeeperState = 'SyncConnected';
  readonly client: ClientWatchManager;
  /** Ids this connection has authenticated as; starts with `ip:<address>`. */
  readonly authInfo: Id[];

  constructor(
    readonly id: bigint,
    readonly timeout: number,
    readonly ip: string,
    defaultWatcher: Watcher | null,
    readonly createdAt: number,
  ) {
    this.client = new ClientWatchManager(defaultWatcher);
    this.authInfo = [{ scheme: 'ip', id: ip }];
  }

  /** Whether the client side can still send requests (ClientCnxn's state.isAlive()). */
  get alive(): boolean {
    return this.state === 'SyncConnected';
  }
}

/**
 * SessionTrackerImpl's ExpiryQueue: sessions sit in buckets one tickTime wide. Hearing from a
 * session (any request or ping) moves it to the bucket roundToNextInterval(now + timeout), the
 * first multiple of tickTime strictly after now + timeout; the tracker expires a whole bucket
 * when the clock reaches it. So a session with timeout 30000 on tickTime 2000, last heard at
 * t = 0, expires at exactly t = 32000.
 */
export class SessionTracker {
  private readonly buckets = new Map<number, Set<SessionRecord>>();
  /** nextExpirationTime: the next bucket the tracker thread will look at. */
  next: number;

  constructor(
    private readonly tickTime: number,
    start: number,
  ) {
    this.next = this.round(start);
  }

  round(t: number): number {
    return (Math.floor(t / this.tickTime) + 1) * this.tickTime;
  }

  touch(s: SessionRecord, now: number): void {
    const exp = this.round(now + s.timeout);
    if (exp === s.expiresAt) return;
    this.remove(s);
    let b = this.buckets.get(exp);
    if (b === undefined) this.buckets.set(exp, (b = new Set()));
    b.add(s);
    s.expiresAt = exp;
  }

  remove(s: SessionRecord): void {
    if (s.expiresAt < 0) return;
    this.buckets.get(s.expiresAt)?.delete(s);
    s.expiresAt = -1;
  }

  /** The time of the next non-empty bucket that is due at `now`, or -1 (moving `next` past empty ones). */
  due(now: number): number {
    while (this.next <= now) {
      const b = this.buckets.get(this.next);
      if (b !== undefined) {
        if (b.size > 0) return this.next;
        this.buckets.delete(this.next);
      }
      let min = Infinity;
      for (const k of this.buckets.keys()) if (k < min) min = k;
      this.next = min <= now ? min : this.round(now);
    }
    return -1;
  }

  /** ExpiryQueue.poll: takes the bucket at `time` (which due() returned). */
  poll(time: number): SessionRecord[] {
    const b = this.buckets.get(time);
    this.buckets.delete(time);
    this.next = time + this.tickTime;
    if (b === undefined) return [];
    const out = [...b];
    for (const s of out) s.expiresAt = -1;
    return out;
  }
}
