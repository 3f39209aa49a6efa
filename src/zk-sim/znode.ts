import type { ACL } from './acl.js';
import { JavaHashSet } from './java-hash.js';
import type { NodeKind, Stat } from './types.js';

/**
 * A znode as the server stores it (DataNode + StatPersisted). The stored `cversion` counts child
 * creations only; clients see `2 * cversion - numChildren` (creations plus deletions), which is
 * why a fresh `/` (one child, never created by a transaction) reports cversion -1.
 */
export class Znode {
  /** HashSet<String>(8), created on the first child as DataNode.addChild does. */
  children: JavaHashSet | null = null;

  constructor(
    /** A binary string (one char per byte), or null for Java's null byte[]. */
    public data: string | null,
    public acl: readonly ACL[],
    public czxid: number,
    public mzxid: number,
    public pzxid: number,
    public ctime: number,
    public mtime: number,
    public version: number,
    public cversion: number,
    public aversion: number,
    /** The owning session for ephemerals; 0n otherwise. */
    public ephemeralOwner: bigint,
    public kind: NodeKind,
    /** The TTL in ms for kind 'ttl'; 0 otherwise. */
    public ttl: number,
  ) {}

  get childCount(): number {
    return this.children === null ? 0 : this.children.size;
  }

  addChild(name: string): void {
    (this.children ??= new JavaHashSet(8)).add(name);
  }

  removeChild(name: string): void {
    this.children?.delete(name);
  }

  /** DataNode.copyStat: what a client is told. */
  stat(): Stat {
    const n = this.childCount;
    return {
      czxid: this.czxid,
      mzxid: this.mzxid,
      ctime: this.ctime,
      mtime: this.mtime,
      version: this.version,
      cversion: this.cversion * 2 - n,
      aversion: this.aversion,
      ephemeralOwner: this.kind === 'ephemeral' ? this.ephemeralOwner : 0n,
      dataLength: this.data === null ? 0 : this.data.length,
      numChildren: n,
      pzxid: this.pzxid,
    };
  }
}

/** A system node of a fresh tree: every stat field 0 (so ctime is the epoch), empty data. */
export function systemNode(acl: readonly ACL[]): Znode {
  return new Znode('', acl, 0, 0, 0, 0, 0, 0, 0, 0, 0n, 'persistent', 0);
}
