import { keeper } from './errors.js';
import { pathAndAncestors } from './paths.js';
import type { EventType, Watcher, WatcherType } from './types.js';

/**
 * Watches live on both sides of a ZooKeeper connection, and 3.8's behaviour comes from how the
 * two sides disagree, so both are modelled.
 *
 * Server side (WatchManager, one table for data watches and one for child watches): path →
 * session → mode. One entry per session and path, whatever the number of client callbacks; a
 * trigger sends a session at most one event. Modes: a standard watch is removed when it fires, a
 * persistent one stays, a persistent-recursive one also fires for every descendant (but never
 * NodeChildrenChanged). 3.8.0 quirks kept on purpose, because the real server does them:
 *  - a new registration overwrites the mode (WatcherModeManager): getData(watch) on a path with a
 *    persistent watch turns it into a one-shot on the server, while the client still thinks it
 *    is persistent;
 *  - addWatch puts the watch in both tables whatever the mode, so a recursive addWatch on a path
 *    silences a standard child watch the same session had there.
 *
 * Client side (ZKWatchManager): path → callbacks, in five maps (data, exist, child, persistent,
 * persistent recursive). An event that reaches the session is turned into the callbacks to run
 * (materialize), removing one-shot registrations. In 3.8.0 recursive callbacks are added for
 * NodeChildrenChanged too, which they receive when the same session also has a child watch there.
 */

export const STANDARD = 0;
export const PERSISTENT = 1;
export const PERSISTENT_RECURSIVE = 2;
export type WatchMode = typeof STANDARD | typeof PERSISTENT | typeof PERSISTENT_RECURSIVE;

export const MODE_NAMES = ['standard', 'persistent', 'persistentRecursive'] as const;

export class WatchTable<S> {
  private readonly table = new Map<string, Map<S, WatchMode>>();
  private readonly bySession = new Map<S, Set<string>>();
  private recursive = 0;

  /** True when no session watches anything here (the hot path's early exit). */
  get empty(): boolean {
    return this.table.size === 0;
  }

  /** The number of (path, session) watches. */
  get size(): number {
    let n = 0;
    for (const m of this.table.values()) n += m.size;
    return n;
  }

  add(path: string, s: S, mode: WatchMode): void {
    let m = this.table.get(path);
    if (m === undefined) this.table.set(path, (m = new Map()));
    const prev = m.get(s);
    if (prev === PERSISTENT_RECURSIVE) this.recursive--;
    if (mode === PERSISTENT_RECURSIVE) this.recursive++;
    m.set(s, mode);
    let paths = this.bySession.get(s);
    if (paths === undefined) this.bySession.set(s, (paths = new Set()));
    paths.add(path);
  }

  /**
   * WatchManager.triggerWatch: adds to `out` the sessions to notify of `type` on `path`, removing
   * standard watches that fire. Recursive watches on ancestors count only when some exist.
   */
  trigger(path: string, type: EventType, out: Set<S>, suppress?: ReadonlySet<S>): void {
    if (this.table.size === 0) return;
    if (this.recursive === 0) {
      this.triggerAt(path, true, type, out, suppress);
      return;
    }
    for (const p of pathAndAncestors(path)) this.triggerAt(p, p === path, type, out, suppress);
  }

  private triggerAt(p: string, atPath: boolean, type: EventType, out: Set<S>, suppress?: ReadonlySet<S>): void {
    const m = this.table.get(p);
    if (m === undefined) return;
    for (const [s, mode] of m) {
      if (mode === PERSISTENT_RECURSIVE) {
        if (type !== 'NodeChildrenChanged' && !suppress?.has(s)) out.add(s);
      } else if (atPath) {
        if (!suppress?.has(s)) out.add(s);
        if (mode === STANDARD) {
          m.delete(s);
          this.bySession.get(s)?.delete(p);
        }
      }
    }
    if (m.size === 0) this.table.delete(p);
  }

  contains(path: string, s: S, mode?: WatchMode): boolean {
    const got = this.table.get(path)?.get(s);
    return got !== undefined && (mode === undefined || got === mode);
  }

  /** Removes the session's watch on `path` (only if it has `mode`, when given). */
  remove(path: string, s: S, mode?: WatchMode): boolean {
    const m = this.table.get(path);
    const got = m?.get(s);
    if (m === undefined || got === undefined || (mode !== undefined && got !== mode)) return false;
    if (got === PERSISTENT_RECURSIVE) this.recursive--;
    m.delete(s);
    if (m.size === 0) this.table.delete(path);
    this.bySession.get(s)?.delete(path);
    return true;
  }

  /** The connection is gone: all its watches go (WatchManager.removeWatcher(Watcher)). */
  removeSession(s: S): void {
    const paths = this.bySession.get(s);
    if (paths === undefined) return;
    for (const p of paths) {
      const m = this.table.get(p);
      if (m === undefined) continue;
      if (m.get(s) === PERSISTENT_RECURSIVE) this.recursive--;
      m.delete(s);
      if (m.size === 0) this.table.delete(p);
    }
    this.bySession.delete(s);
  }

  /** Every (path, session, mode), for inspection. */
  *entries(): Generator<[string, S, WatchMode]> {
    for (const [p, m] of this.table) for (const [s, mode] of m) yield [p, s, mode];
  }

  /** The paths a session watches here. */
  pathsOf(s: S): ReadonlySet<string> {
    return this.bySession.get(s) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

type WatchMap = Map<string, Set<Watcher>>;

function addTo(from: Set<Watcher> | undefined, to: Set<Watcher>): void {
  if (from !== undefined) for (const w of from) to.add(w);
}

function register(map: WatchMap, path: string, w: Watcher): void {
  let set = map.get(path);
  if (set === undefined) map.set(path, (set = new Set()));
  set.add(w);
}

export type RemovedWatchers = Map<'ChildWatchRemoved' | 'DataWatchRemoved' | 'PersistentWatchRemoved', Set<Watcher>>;

/** ZKWatchManager: one session's callbacks. */
export class ClientWatchManager {
  readonly data: WatchMap = new Map();
  readonly exist: WatchMap = new Map();
  readonly child: WatchMap = new Map();
  readonly persistent: WatchMap = new Map();
  readonly recursive: WatchMap = new Map();

  constructor(public defaultWatcher: Watcher | null) {}

  addData(path: string, w: Watcher): void {
    register(this.data, path, w);
  }
  addExist(path: string, w: Watcher): void {
    register(this.exist, path, w);
  }
  addChild(path: string, w: Watcher): void {
    register(this.child, path, w);
  }
  addPersistent(path: string, w: Watcher, recursive: boolean): void {
    register(recursive ? this.recursive : this.persistent, path, w);
  }

  /** Every callback: connection-state events (Closed, Expired, AuthFailed) go to all of them. */
  all(): Set<Watcher> {
    const out = new Set<Watcher>();
    if (this.defaultWatcher !== null) out.add(this.defaultWatcher);
    for (const map of [this.data, this.exist, this.child, this.persistent, this.recursive]) for (const ws of map.values()) addTo(ws, out);
    return out;
  }

  /** ZKWatchManager.materialize for a node event. */
  materialize(type: EventType, path: string): Set<Watcher> {
    const out = new Set<Watcher>();
    switch (type) {
      case 'NodeDataChanged':
      case 'NodeCreated':
        take(this.data, path, out);
        take(this.exist, path, out);
        break;
      case 'NodeChildrenChanged':
        take(this.child, path, out);
        break;
      case 'NodeDeleted':
        take(this.data, path, out);
        take(this.exist, path, out);
        take(this.child, path, out);
        break;
      default:
        return out;
    }
    if (this.persistent.size > 0) addTo(this.persistent.get(path), out);
    // 3.8.0 adds recursive callbacks for every event type, NodeChildrenChanged included.
    if (this.recursive.size > 0) for (const p of pathAndAncestors(path)) addTo(this.recursive.get(p), out);
    return out;
  }

  /** ZKWatchManager.containsWatcher (3.8.0: Children and Data also match persistent watches). */
  contains(path: string, w: Watcher | null, type: WatcherType): boolean {
    const has = (map: WatchMap) => {
      const set = map.get(path);
      return set !== undefined && (w === null ? set.size > 0 : set.has(w));
    };
    switch (type) {
      case 'Children':
        return has(this.child) || has(this.persistent) || has(this.recursive);
      case 'Data':
        return has(this.data) || has(this.exist) || has(this.persistent) || has(this.recursive);
      case 'Persistent':
        return has(this.persistent);
      case 'PersistentRecursive':
        return has(this.recursive);
      case 'Any':
        return has(this.child) || has(this.data) || has(this.exist) || has(this.persistent) || has(this.recursive);
    }
  }

  /**
   * ZKWatchManager.removeWatcher after the server said OK: which callbacks go, by the event they
   * will be told. Throws NoWatcher when none matched (3.8.0: Children and Data never remove
   * persistent watches, only Any does).
   */
  remove(path: string, w: Watcher | null, type: WatcherType): RemovedWatchers {
    if (!this.contains(path, w, type)) throw keeper('NoWatcher', path);
    const removed: RemovedWatchers = new Map([
      ['ChildWatchRemoved', new Set()],
      ['DataWatchRemoved', new Set()],
      ['PersistentWatchRemoved', new Set()],
    ]);
    let any = false;
    const rm = (map: WatchMap, into: Set<Watcher>) => {
      const set = map.get(path);
      if (set === undefined) return;
      if (w === null) {
        map.delete(path);
        addTo(set, into);
        any = true;
      } else if (set.delete(w)) {
        into.add(w);
        if (set.size === 0) map.delete(path);
        any = true;
      }
    };
    const child = removed.get('ChildWatchRemoved')!;
    const data = removed.get('DataWatchRemoved')!;
    const pers = removed.get('PersistentWatchRemoved')!;
    switch (type) {
      case 'Children':
        rm(this.child, child);
        break;
      case 'Data':
        rm(this.data, data);
        rm(this.exist, data);
        break;
      case 'Persistent':
        rm(this.persistent, pers);
        break;
      case 'PersistentRecursive':
        rm(this.recursive, pers);
        break;
      case 'Any':
        rm(this.child, child);
        rm(this.data, data);
        rm(this.exist, data);
        rm(this.persistent, pers);
        rm(this.recursive, pers);
        break;
    }
    if (!any) throw keeper('NoWatcher', path);
    return removed;
  }

  clear(): void {
    for (const map of [this.data, this.exist, this.child, this.persistent, this.recursive]) map.clear();
  }
}

function take(map: WatchMap, path: string, out: Set<Watcher>): void {
  if (map.size === 0) return;
  const set = map.get(path);
  if (set === undefined) return;
  map.delete(path);
  addTo(set, out);
}
