/**
 * Leader election on ZooKeeper: each candidate creates an ephemeral sequential node under
 * /election; the lowest sequence number leads; every other candidate watches only the node just
 * before its own, so when one goes only one candidate wakes (no herd), and it checks the children
 * again to see whether it is now the lowest.
 */
import type { ProcessContext, ZkClient } from '../world/index.js';
import { ensurePath, zkCode } from './discovery.js';

export interface ElectionOptions {
  /** The election's parent znode. Default /election. */
  root?: string;
  /** The resource named in the acquired/released marks (what mutualExclusion checks). Default 'leadership'. */
  resource?: string;
}

/** The 10-digit sequence number ZooKeeper appends to a sequential node's name. */
const sequence = (name: string): string => name.slice(-10);

/**
 * One candidate in an election, on one ZooKeeper session. `run()` follows the election until the
 * session ends (expired or closed); leadership is announced with setRole('leader') and
 * mark('acquired', { resource }), and given up with mark('released', { resource }).
 *
 * A leader steps down as soon as its connection is lost (DISCONNECTED), not when it learns that
 * its session expired: it cannot tell whether the server still counts it alive, and the server
 * may expire it and let the next candidate lead before the connection comes back. Because the
 * client gives up a silent connection after 2/3 of the session timeout, and the server expires
 * the session only after all of it, the old leader has stepped down before a new one is chosen
 * (as long as clocks run at the same rate). If the connection comes back in time, the session is
 * intact and it leads again.
 */
export class LeaderElection {
  isLeader = false;
  /** This candidate's node name (n-0000000004), once created. */
  node: string | undefined;
  private readonly root: string;
  private readonly resource: string;
  /** Settles when the session is over: a follower waiting on its predecessor stops waiting then. */
  private sessionOver: Promise<unknown> | undefined;

  constructor(
    private readonly p: ProcessContext,
    private readonly zk: ZkClient,
    options: ElectionOptions = {},
  ) {
    this.root = options.root ?? '/election';
    this.resource = options.resource ?? 'leadership';
  }

  /** Runs for leader; resolves when this candidate's session is over (or it resigned), not leading. */
  async run(): Promise<void> {
    this.p.setRole('candidate');
    try {
      await ensurePath(this.zk, this.root);
      this.node = await this.volunteer();
      this.p.log(`candidate ${this.node}`);
      this.sessionOver = this.zk.waitFor('EXPIRED', 'CLOSED');
      for (;;) {
        try {
          if (!(await this.electOnce())) break;
        } catch (e) {
          if (zkCode(e) !== 'ConnectionLoss') throw e;
          // The watch or the read was lost with the connection: wait for it to come back, then look again.
          if ((await this.zk.waitFor('CONNECTED', 'EXPIRED', 'CLOSED')) !== 'CONNECTED') break;
        }
      }
    } catch (e) {
      if (zkCode(e) !== 'SessionExpired') throw e;
    } finally {
      this.stepDown('my session is over');
      this.p.setRole(undefined);
    }
  }

  /**
   * Leaves the election: steps down first, then closes the session, which deletes the node so
   * the next candidate takes over at once. (Stepping down before the close, not after: the
   * successor may hear of the deletion before this process hears that its close went through.)
   */
  async resign(): Promise<void> {
    this.stepDown('resigned');
    await this.zk.close();
  }

  /**
   * Creates this candidate's node. The name carries the process's name, so after a
   * ConnectionLoss (the create may or may not have happened) it can find a node its session
   * already made instead of creating a second one that would never be cleaned up.
   */
  private async volunteer(): Promise<string> {
    const prefix = `${this.p.name}-n-`;
    for (;;) {
      try {
        const path = await this.zk.create(`${this.root}/${prefix}`, this.p.name, { mode: 'EPHEMERAL_SEQUENTIAL' });
        return path.slice(this.root.length + 1);
      } catch (e) {
        if (zkCode(e) !== 'ConnectionLoss') throw e;
        await this.zk.waitFor('CONNECTED', 'EXPIRED', 'CLOSED'); // if the session is gone, the next request says SessionExpired
        for (const name of await this.zk.getChildren(this.root)) {
          const stat = name.startsWith(prefix) ? await this.zk.exists(`${this.root}/${name}`) : null;
          if (stat !== null && stat.ephemeralOwner === this.zk.sessionId) return name;
        }
      }
    }
  }

  /**
   * One round: lowest node → lead until the connection is lost; otherwise wait for the
   * predecessor to go. Resolves false when this candidate is out of the election.
   */
  private async electOnce(): Promise<boolean> {
    const children = (await this.zk.getChildren(this.root)).sort((a, b) => sequence(a).localeCompare(sequence(b)));
    const index = children.indexOf(this.node!);
    if (index < 0) return false; // our node is gone: the session expired
    if (index === 0) {
      this.becomeLeader();
      const state = await this.zk.waitFor('DISCONNECTED', 'EXPIRED', 'CLOSED');
      this.stepDown(state === 'DISCONNECTED' ? 'lost my connection to ZooKeeper' : `session ${state.toLowerCase()}`);
      if (state !== 'DISCONNECTED') return false;
      return (await this.zk.waitFor('CONNECTED', 'EXPIRED', 'CLOSED')) === 'CONNECTED';
    }
    // Watch only the predecessor: when it goes, look again (it may not mean we lead: a candidate
    // in the middle may have left, and then we have a new predecessor).
    const predecessor = `${this.root}/${children[index - 1]}`;
    let wake!: () => void;
    const changed = new Promise<void>((resolve) => (wake = resolve));
    if ((await this.zk.exists(predecessor, { watch: () => wake() })) !== null) await Promise.race([changed, this.sessionOver]);
    return true;
  }

  private becomeLeader(): void {
    if (this.isLeader) return;
    this.isLeader = true;
    this.p.setRole('leader');
    this.p.mark('acquired', { resource: this.resource, node: this.node });
    this.p.log(`I lead (${this.node} is the lowest)`);
  }

  private stepDown(why: string): void {
    if (!this.isLeader) return;
    this.isLeader = false;
    this.p.setRole('candidate');
    this.p.mark('released', { resource: this.resource, node: this.node });
    this.p.log(`no longer leading: ${why}`);
  }
}
