import { checkAcl, fixupAcl, Perms, type ACL, type Id } from './acl.js';
import { keeper } from './errors.js';
import { parentOf } from './paths.js';
import { SPECIAL_PATHS, type DataTree, type Txn } from './tree.js';
import type { NodeKind } from './types.js';
import type { Znode } from './znode.js';

/**
 * PrepRequestProcessor: a write request becomes a transaction, or a KeeperException, checking
 * in ZooKeeper's order. The order matters because the first failing check names the error:
 *
 *   create   bad path → InvalidACL → parent NoNode → parent NoAuth(CREATE) → (sequential suffix
 *            from the parent's cversion) → NodeExists → NoChildrenForEphemerals
 *   delete   special path (/, /zookeeper, /zookeeper/quota, /zookeeper/config) BadArguments →
 *            parent NoNode → parent NoAuth(DELETE) → NoNode → BadVersion → NotEmpty
 *   setData  NoNode → NoAuth(WRITE) → BadVersion
 *
 * (The server re-validates paths first; the client has always validated them already, so that
 * check cannot fail and is not repeated.)
 *   setACL   InvalidACL → NoNode → NoAuth(ADMIN) → BadVersion (of aversion)
 *   check    NoNode → NoAuth(READ) → BadVersion
 *
 * Inside a multi every op sees the changes of the ops before it (ZooKeeper's outstanding change
 * records): that is the overlay, path → record or null for deleted. A single request runs with no
 * overlay and reads the tree directly.
 */

/** What prep needs to know of a node: a Znode, or a pending change inside a multi. */
export interface Rec {
  readonly version: number;
  readonly cversion: number;
  readonly aversion: number;
  readonly kind: NodeKind;
  readonly childCount: number;
  readonly acl: readonly ACL[];
}

export type Overlay = Map<string, Rec | null>;

export class Prep<S> {
  constructor(
    private readonly tree: DataTree<S>,
    /** The requester's ids; reset for each request when the instance is reused. */
    public authInfo: readonly Id[],
    private readonly overlay: Overlay | null,
    private readonly extendedTypes: boolean,
  ) {}

  private rec(path: string): Rec | undefined {
    if (this.overlay !== null && this.overlay.has(path)) return this.overlay.get(path) ?? undefined;
    return this.tree.nodes.get(path);
  }

  private change(path: string, rec: Rec | null): void {
    this.overlay?.set(path, rec);
  }

  create(path: string, data: string | null, acl: readonly ACL[], kind: NodeKind, sequential: boolean, ttl: number, owner: bigint): Txn {
    // `reqPath` is what errors name: the client's path, without the sequential suffix.
    const reqPath = path;
    if (kind === 'ttl' && !this.extendedTypes) throw keeper('Unimplemented', reqPath);
    if (path.lastIndexOf('/') < 0 || path.includes('\0')) throw keeper('BadArguments', reqPath);
    const fixed = fixupAcl(reqPath, this.authInfo, acl);
    const parentPath = parentOf(path);
    const parent = this.rec(parentPath);
    if (parent === undefined) throw keeper('NoNode', reqPath);
    checkAcl(parent.acl, Perms.CREATE, this.authInfo, reqPath);
    // The server validates the path again here; the client already checked path (+ "1" when
    // sequential), which makes that check unreachable, so it is left out.
    if (sequential) path = path + String(parent.cversion).padStart(10, '0');
    if (this.rec(path) !== undefined) throw keeper('NodeExists', reqPath);
    if (parent.kind === 'ephemeral') throw keeper('NoChildrenForEphemerals', reqPath);
    const parentCVersion = parent.cversion + 1;
    if (this.overlay !== null) {
      this.change(parentPath, { ...pick(parent), cversion: parentCVersion, childCount: parent.childCount + 1 });
      this.change(path, { version: 0, cversion: 0, aversion: 0, kind, childCount: 0, acl: fixed });
    }
    // A single request's parent is the tree's own node, which apply can use without a lookup.
    const parentNode = this.overlay === null ? (parent as Znode) : undefined;
    return { type: 'create', path, data, acl: fixed, kind, owner: kind === 'ephemeral' ? owner : 0n, ttl: kind === 'ttl' ? ttl : 0, parentCVersion, parentPath, parent: parentNode };
  }

  delete(path: string, version: number): Txn {
    if (path.lastIndexOf('/') < 0 || path.includes('\0') || SPECIAL_PATHS.has(path)) throw keeper('BadArguments', path);
    const parentPath = parentOf(path);
    const parent = this.rec(parentPath);
    if (parent === undefined) throw keeper('NoNode', path);
    checkAcl(parent.acl, Perms.DELETE, this.authInfo, path);
    const node = this.rec(path);
    if (node === undefined) throw keeper('NoNode', path);
    checkVersion(node.version, version, path);
    if (node.childCount > 0) throw keeper('NotEmpty', path);
    if (this.overlay !== null) {
      this.change(parentPath, { ...pick(parent), childCount: parent.childCount - 1 });
      this.change(path, null);
    }
    return { type: 'delete', path };
  }

  /** The container reaper's deleteContainer: no ACL check, and it refuses real ephemerals. */
  deleteContainer(path: string): Txn {
    if (path.lastIndexOf('/') < 0 || path.includes('\0') || SPECIAL_PATHS.has(path)) throw keeper('BadArguments', path);
    const node = this.rec(path);
    if (node === undefined) throw keeper('NoNode', path);
    if (node.childCount > 0) throw keeper('NotEmpty', path);
    if (node.kind === 'ephemeral') throw keeper('BadVersion', path);
    if (this.rec(parentOf(path)) === undefined) throw keeper('NoNode', path);
    return { type: 'delete', path };
  }

  setData(path: string, data: string | null, version: number): Txn {
    const node = this.rec(path);
    if (node === undefined) throw keeper('NoNode', path);
    checkAcl(node.acl, Perms.WRITE, this.authInfo, path);
    const newVersion = checkVersion(node.version, version, path);
    if (this.overlay !== null) this.change(path, { ...pick(node), version: newVersion });
    return { type: 'setData', path, data, version: newVersion };
  }

  setACL(path: string, acl: readonly ACL[], version: number): Txn {
    const fixed = fixupAcl(path, this.authInfo, acl);
    const node = this.rec(path);
    if (node === undefined) throw keeper('NoNode', path);
    checkAcl(node.acl, Perms.ADMIN, this.authInfo, path);
    const newVersion = checkVersion(node.aversion, version, path);
    if (this.overlay !== null) this.change(path, { ...pick(node), aversion: newVersion, acl: fixed });
    return { type: 'setACL', path, acl: fixed, version: newVersion };
  }

  check(path: string, version: number): Txn {
    const node = this.rec(path);
    if (node === undefined) throw keeper('NoNode', path);
    checkAcl(node.acl, Perms.READ, this.authInfo, path);
    checkVersion(node.version, version, path);
    return { type: 'check', path };
  }
}

function pick(r: Rec): Rec {
  return { version: r.version, cversion: r.cversion, aversion: r.aversion, kind: r.kind, childCount: r.childCount, acl: r.acl };
}

/** checkAndIncVersion: -1 matches any version; the new version is the old one plus one (int32). */
function checkVersion(current: number, expected: number, path: string): number {
  if (expected !== -1 && expected !== current) throw keeper('BadVersion', path);
  return (current + 1) | 0;
}
