/**
 * Lock recipes: the ZooKeeper lock (ephemeral sequential nodes, each waiter watching only its
 * predecessor), a naive ZooKeeper lock that shows the herd effect, a Redis lock (SET NX PX with a
 * random token, released only by its owner), and fenced writes (the protected storage refusing a
 * writer whose token is older than one it has already accepted).
 */
import { Code, ZkError, type Stat, type WatchedEvent, type ZooKeeperServer } from '../../zk-sim/index.js';
import { RedisConnectionError, toValue, type DbClient, type ProcessContext, type RedisClient, type ZkClient, type ZkClientState } from '../world/index.js';

// ------------------------------------------------------------------ ZooKeeper

/** A lock held through ZooKeeper: our node under the lock's directory, for as long as our session lives. */
export interface ZkLock {
  /** The lock's directory, e.g. /locks/orders. */
  readonly lockPath: string;
  /** Our node in it, e.g. /locks/orders/lock-1f2e3d4c-0000000004. */
  readonly node: string;
  /**
   * The node's czxid, our fencing token. Every later holder's node was created later, so its
   * czxid is larger: the storage the lock protects can refuse writes carrying an older one.
   */
  readonly token: number;
  /**
   * True while the session is connected and the lock not released: only then is it surely ours.
   * Disconnected, it may already be lost (the server may expire the session any moment); Expired,
   * it is lost: the server deleted our node and someone else may hold the lock.
   */
  isHeld(): boolean;
  /**
   * Calls `listener` once, at the moment the lock can no longer be trusted: the session left
   * CONNECTED (DISCONNECTED: maybe lost; EXPIRED: lost; CLOSED). Not called after release().
   */
  onLost(listener: (state: ZkClientState) => void): void;
  /** Deletes our node, so the next waiter takes over. A node already gone with its session is fine. */
  release(): Promise<void>;
}

/**
 * The ZooKeeper lock recipe. Create an ephemeral sequential node under `lockPath`; the lowest
 * node holds the lock. A waiter watches only the node just before its own, so a release wakes
 * exactly one waiter (no herd), and a waiter that leaves hands its place on to the next. The
 * node is ephemeral: if the holder's session expires, ZooKeeper deletes it and the next waiter
 * takes over, so the holder must treat an expired session as a lost lock (see ZkLock.isHeld).
 * Each wake-up is marked 'wake' { lock, watched } in the trace. Rejects with SessionExpired if
 * the session dies while waiting.
 */
export async function acquireZkLock(p: ProcessContext, zk: ZkClient, lockPath: string): Promise<ZkLock> {
  await ensurePath(zk, lockPath);
  const { path: node, stat } = await createLockNode(p, zk, lockPath);
  const name = node.slice(lockPath.length + 1);
  for (;;) {
    const children = bySequence(await retryOnConnectionLoss(() => zk.getChildren(lockPath)));
    const index = children.indexOf(name);
    if (index < 0) throw new ZkError(Code.SessionExpired, { path: node }); // our node went with our session
    if (index === 0) break;
    const predecessor = `${lockPath}/${children[index - 1]!}`;
    if (await deletedAfterWaiting(zk, predecessor)) {
      p.mark('wake', { lock: lockPath, watched: predecessor });
    }
  }
  return lockHandle(zk, lockPath, node, stat);
}

/**
 * A naive ZooKeeper lock, to show the herd effect: like the recipe, the lowest ephemeral
 * sequential node holds the lock, but every waiter watches the lock directory's children and
 * looks again on every change. So each release (and each newcomer) wakes every waiter, although
 * only one of them can take the lock: with n waiters, n wake-ups and n getChildren calls for
 * one hand-over. Each wake-up is marked 'wake' in the trace.
 */
export async function acquireNaiveZkLock(p: ProcessContext, zk: ZkClient, lockPath: string): Promise<ZkLock> {
  await ensurePath(zk, lockPath);
  const { path: node, stat } = await createLockNode(p, zk, lockPath);
  const name = node.slice(lockPath.length + 1);
  for (;;) {
    let wake: (e: WatchedEvent) => void = () => {};
    const changed = new Promise<WatchedEvent>((resolve) => (wake = resolve));
    const children = bySequence(await retryOnConnectionLoss(() => zk.getChildren(lockPath, { watch: (e) => wake(e) })));
    if (!children.includes(name)) throw new ZkError(Code.SessionExpired, { path: node });
    if (children[0] === name) break;
    const event = await changed;
    if (event.state === 'Expired') throw new ZkError(Code.SessionExpired, { path: node });
    p.mark('wake', { lock: lockPath, watched: lockPath });
  }
  return lockHandle(zk, lockPath, node, stat);
}

function lockHandle(zk: ZkClient, lockPath: string, node: string, stat: Stat): ZkLock {
  let released = false;
  let notified = false;
  const listeners: ((state: ZkClientState) => void)[] = [];
  const stopListening = zk.onState((state) => {
    if (state === 'CONNECTED' || released || notified) return;
    notified = true;
    for (const l of listeners) l(state);
  });
  return {
    lockPath,
    node,
    token: stat.czxid,
    isHeld: () => !released && zk.state === 'CONNECTED',
    onLost(listener) {
      if (!released && zk.state !== 'CONNECTED' && !notified) {
        notified = true;
        listener(zk.state);
      } else listeners.push(listener);
    },
    async release() {
      if (released) return;
      released = true;
      stopListening();
      try {
        await retryOnConnectionLoss(() => zk.delete(node));
      } catch (e) {
        // NoNode or SessionExpired: the node is already gone, with the session that owned it.
        if (!(e instanceof ZkError && (e.code === Code.NoNode || e.code === Code.SessionExpired))) throw e;
      }
    },
  };
}

/**
 * Creates our lock node. If the connection drops while the create is in flight, it may have
 * been applied: retrying blindly would leave an orphan node of our own session ahead of us, and
 * we would wait on it forever. So the name carries a random id, and after a ConnectionLoss we
 * look for it first (Curator calls this a protected node).
 */
async function createLockNode(p: ProcessContext, zk: ZkClient, lockPath: string): Promise<{ path: string; stat: Stat }> {
  const id = p.random.uint32().toString(16).padStart(8, '0');
  for (;;) {
    try {
      return await zk.create2(`${lockPath}/lock-${id}-`, p.name, { mode: 'EPHEMERAL_SEQUENTIAL' });
    } catch (e) {
      if (!isConnectionLoss(e)) throw e;
      const mine = (await retryOnConnectionLoss(() => zk.getChildren(lockPath))).find((c) => c.includes(`-${id}-`));
      if (mine === undefined) continue;
      const stat = await retryOnConnectionLoss(() => zk.exists(`${lockPath}/${mine}`));
      if (stat !== null) return { path: `${lockPath}/${mine}`, stat };
    }
  }
}

/**
 * Waits until `path` is deleted. True if we waited for its deletion; false if it was already
 * gone, or the watch fired for another reason, or the connection dropped (the caller looks again).
 * Rejects with SessionExpired if the session expires meanwhile.
 */
function deletedAfterWaiting(zk: ZkClient, path: string): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    const watcher = (e: WatchedEvent) => {
      if (e.type === 'NodeDeleted') resolve(true);
      else if (e.state === 'Expired') reject(new ZkError(Code.SessionExpired, { path }));
      else resolve(false);
    };
    zk.exists(path, { watch: watcher }).then(
      (stat) => stat === null && resolve(false),
      (e: unknown) => (isConnectionLoss(e) ? resolve(false) : reject(e)),
    );
  });
}

/** Creates `path` and its parents as persistent nodes, if missing. */
async function ensurePath(zk: ZkClient, path: string): Promise<void> {
  let prefix = '';
  for (const part of path.split('/').slice(1)) {
    prefix += `/${part}`;
    const at = prefix;
    await retryOnConnectionLoss(() => zk.create(at, '')).catch((e: unknown) => {
      if (!(e instanceof ZkError && e.code === Code.NodeExists)) throw e;
    });
  }
}

/**
 * Runs `request` again after a ConnectionLoss (the request waits for the reconnection). Only for
 * requests that are safe to repeat: reads, deletes of our own node, creates of fixed paths.
 */
async function retryOnConnectionLoss<T>(request: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await request();
    } catch (e) {
      if (!isConnectionLoss(e)) throw e;
    }
  }
}

function isConnectionLoss(e: unknown): boolean {
  return e instanceof ZkError && e.code === Code.ConnectionLoss;
}

/** Lock nodes in the order of their sequence suffix (the last 10 digits), lowest first. */
function bySequence(children: readonly string[]): string[] {
  const seq = (name: string) => Number(name.slice(-10));
  return [...children].sort((a, b) => seq(a) - seq(b));
}

/**
 * Who is in line for a lock, read straight from the ZooKeeper server (for scenarios and tests,
 * not for process code): the names stored in the lock's nodes, lowest first, so the holder, then
 * the waiters. A crashed process's node stays in line until its session expires.
 */
export function lockQueue(server: ZooKeeperServer, lockPath: string): string[] {
  const dir = server.node(lockPath);
  if (dir === undefined) return [];
  return bySequence([...dir.children()]).map((child) => String.fromCharCode(...(server.node(`${lockPath}/${child}`)?.data ?? [])));
}

// ------------------------------------------------------------------ Redis

/** A lock held in Redis: the key holds our random token until we release it or its TTL runs out. */
export interface RedisLock {
  /** lock:<name> */
  readonly key: string;
  /** Our random token: only the holder of this token may release the lock. */
  readonly token: string;
  /** A fencing token from INCR fence:<name>, if asked for: larger for every later holder. */
  readonly fence: number | undefined;
  /** When we got it (local clock) and for how long Redis keeps it (ms). */
  readonly acquiredAt: number;
  readonly ttl: number;
}

export interface RedisLockOptions {
  /** How long Redis keeps the lock if we never release it, ms. */
  ttl: number;
  /** How long to wait before trying again when the lock is taken, ms. Default 100 (with ±50% jitter). */
  retryEvery?: number;
  /** Also take a fencing token from INCR fence:<name>. */
  fencing?: boolean;
}

/**
 * The single-instance Redis lock: SET lock:<name> <random token> NX PX <ttl>, tried again until
 * it succeeds. NX makes only one client win; PX makes a lock whose holder died free itself; the
 * random token lets the holder release only its own lock. The TTL is also the recipe's weakness:
 * a holder that stalls longer than the TTL (a GC pause, a slow network) still believes it holds
 * a lock that Redis already gave to someone else. Hence the fencing token.
 *
 * With `fencing`, the lock comes with INCR fence:<name>, taken in the same MULTI/EXEC as the SET
 * (guarded by a WATCH on the lock, so a try that finds the lock taken burns no token). Taken by a
 * separate command after the SET, a token could be delayed (by a pause, again) past the next
 * holder's and come out newer than the lock it stands for.
 */
export async function acquireRedisLock(p: ProcessContext, redis: RedisClient, name: string, options: RedisLockOptions): Promise<RedisLock> {
  const key = `lock:${name}`;
  const token = p.random.uint32().toString(16).padStart(8, '0') + p.random.uint32().toString(16).padStart(8, '0');
  const retryEvery = options.retryEvery ?? 100;
  const set = ['SET', key, token, 'NX', 'PX', options.ttl];
  for (;;) {
    try {
      if (!options.fencing) {
        if ((await redis.call(...set)) === 'OK') return { key, token, fence: undefined, acquiredAt: p.now(), ttl: options.ttl };
      } else {
        await redis.watch(key);
        if ((await redis.exists(key)) === 0) {
          const replies = await redis.multi([set, ['INCR', `fence:${name}`]]); // null: the lock changed since the WATCH
          if (replies !== null && toValue(replies[0]!) === 'OK') return { key, token, fence: Number(toValue(replies[1]!)), acquiredAt: p.now(), ttl: options.ttl };
        } else await redis.call('UNWATCH');
      }
    } catch (e) {
      if (!(e instanceof RedisConnectionError)) throw e;
      p.log(`lock ${name}: ${e.message}; trying again`);
    }
    await p.sleep(p.random.jitter(retryEvery / 2, retryEvery));
  }
}

/**
 * Releases a Redis lock only if it is still ours: WATCH the key, GET it, and DEL it in a
 * MULTI/EXEC only if it still holds our token (EXEC fails if the key changed after the WATCH).
 * A plain DEL could delete the next holder's lock when ours had expired. (Redis users usually do
 * this with a Lua script; this engine has none, and WATCH gives the same guarantee.) Resolves
 * with true if it deleted our lock, false if the lock had expired or passed to someone else.
 */
export async function releaseRedisLock(redis: RedisClient, lock: RedisLock): Promise<boolean> {
  await redis.watch(lock.key);
  if ((await redis.get(lock.key)) !== lock.token) {
    await redis.call('UNWATCH');
    return false;
  }
  const replies = await redis.multi([['DEL', lock.key]]);
  return replies !== null && toValue(replies[0]!) === 1;
}

// ------------------------------------------------------------------ fencing

/** What the protected storage said to a fenced write. */
export type FencedOutcome = 'accepted' | 'stale';

/**
 * Writes through the storage's fence: the database refuses the write ('stale') if it has
 * already accepted a newer token for `resource`. A lock cannot stop a holder that does not know
 * it lost the lock (paused, cut off); the storage can, because a newer holder's token reached it
 * first. Marks 'write-result' { resource, key, token, outcome } for the trace.
 */
export async function fencedWrite(p: ProcessContext, db: DbClient, key: string, value: string, resource: string, token: number): Promise<FencedOutcome> {
  const outcome: FencedOutcome = (await db.fencedSet(key, value, resource, token)) === 'stale' ? 'stale' : 'accepted';
  p.mark('write-result', { resource, key, token, outcome });
  return outcome;
}
