/**
 * Service registry and discovery on ZooKeeper: instances register ephemeral znodes under
 * /services/<service>, clients keep the member list current with a child watch and balance
 * requests over it (round robin, random, least outstanding requests). Also the two small helpers
 * the other ZooKeeper recipes share: `ensurePath` and `zkCode`.
 *
 * How requests are modelled: the world has no app-to-app RPC, so an instance is a database
 * process (what serves requests) plus a small agent app that registers it in ZooKeeper and
 * shares its fate (a scenario crashes both at once). A request to an instance is a query to its
 * database process (`get('ping')`): it succeeds while that process is up and fails ("connection
 * refused", "connection lost", a timeout) once it is down, as a request to a dead server would.
 */
import { ZkError } from '../../zk-sim/index.js';
import type { DbClient, ProcessContext, ZkClient } from '../world/index.js';

/** The ZooKeeper error code name of `e` ('NodeExists', 'BadVersion', …), or undefined for other errors. */
export function zkCode(e: unknown): string | undefined {
  return e instanceof ZkError ? e.codeName : undefined;
}

/**
 * Creates every missing znode along `path` (persistent, empty). Several processes may do this
 * at once, so NodeExists just means someone else got there first.
 */
export async function ensurePath(zk: ZkClient, path: string): Promise<void> {
  let prefix = '';
  for (const part of path.split('/').slice(1)) {
    prefix += `/${part}`;
    if ((await zk.exists(prefix)) !== null) continue;
    await zk.create(prefix, '').catch((e: unknown) => {
      if (zkCode(e) !== 'NodeExists') throw e;
    });
  }
}

/** A registered instance: its znode's name and the address it serves on (the znode's data). */
export interface Instance {
  readonly id: string;
  readonly address: string;
}

/**
 * Registers an instance: an ephemeral znode /services/<service>/<id> holding its address.
 * Ephemeral, so the registration lives exactly as long as the instance's session: when the
 * instance dies, ZooKeeper deletes it once the session expires, and nobody has to clean up.
 * NodeExists has two harmless causes: our own create went through before a ConnectionLoss (the
 * node's owner is our session), or the node is left from an earlier life whose session has not
 * expired yet; then we wait for it to go rather than adopt it, because that old session's expiry
 * would delete it under us. Resolves with the node's path.
 */
export async function registerInstance(zk: ZkClient, service: string, id: string, address: string): Promise<string> {
  const dir = `/services/${service}`;
  const path = `${dir}/${id}`;
  await ensurePath(zk, dir);
  for (;;) {
    try {
      return await zk.create(path, address, { mode: 'EPHEMERAL' });
    } catch (e) {
      if (zkCode(e) !== 'NodeExists') throw e;
    }
    // The node is ours (our create went through before a ConnectionLoss) or an earlier life's.
    let gone!: () => void;
    const deleted = new Promise<void>((resolve) => (gone = resolve));
    const stat = await zk.exists(path, { watch: () => gone() });
    if (stat === null) continue;
    if (stat.ephemeralOwner === zk.sessionId) return path;
    await deleted;
  }
}

/** How a client chooses among the instances. */
export type Balancing = 'round-robin' | 'random' | 'least-outstanding';

/** A change of the member list, as one client saw it. */
export interface MembershipChange {
  readonly members: readonly Instance[];
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** What became of one request: which instance it went to, and its value or error. */
export type RequestOutcome<T> = { instance: Instance; ok: true; value: T } | { instance: Instance; ok: false; error: unknown };

/**
 * A discovery client: keeps the list of a service's instances current and balances requests
 * over it.
 *
 * The list comes from getChildren with a child watch. A ZooKeeper watch fires once, so every
 * event re-reads the children and sets the watch again in the same call (no window in which a
 * change goes unseen). After a reconnect it re-reads too: the client re-registers its watches
 * and the server fires those whose node changed meanwhile, but a re-read makes the list right
 * whatever happened while it was cut off. Between events the list may be stale: a crashed
 * instance stays listed until its session expires, and requests sent to it fail.
 */
export class ServiceDiscovery {
  /** The instances as this client last read them, sorted by id. */
  members: readonly Instance[] = [];
  private readonly dir: string;
  private readonly addresses = new Map<string, string>();
  private readonly outstandingById = new Map<string, number>();
  private readonly listeners: ((change: MembershipChange) => void)[] = [];
  private cursor = 0;
  private reads = 0;
  /** One function for every watch: re-arming the same watcher never stacks duplicates. */
  private readonly onChildrenEvent = (): void => void this.refresh();

  constructor(
    private readonly p: ProcessContext,
    private readonly zk: ZkClient,
    readonly service: string,
    readonly balancing: Balancing = 'round-robin',
  ) {
    this.dir = `/services/${service}`;
  }

  /** Starts following the service; resolves once the first member list has been read. */
  async start(): Promise<void> {
    await ensurePath(this.zk, this.dir);
    this.zk.onState((state) => {
      if (state === 'CONNECTED') void this.refresh();
    });
    await this.refresh();
  }

  /** Calls `listener` after every change of the member list. */
  onChange(listener: (change: MembershipChange) => void): void {
    this.listeners.push(listener);
  }

  /** Requests in flight to instance `id`. */
  outstanding(id: string): number {
    return this.outstandingById.get(id) ?? 0;
  }

  /**
   * Reads the children (re-arming the watch) and the address of any new one. Reads may overlap
   * (a watch event and a reconnect); only the latest one started may publish its list.
   */
  private async refresh(): Promise<void> {
    const read = ++this.reads;
    try {
      const children = (await this.zk.getChildren(this.dir, { watch: this.onChildrenEvent })).sort();
      const members: Instance[] = [];
      for (const id of children) {
        const address = this.addresses.get(id) ?? (await this.readAddress(id));
        if (address !== undefined) members.push({ id, address });
      }
      if (read === this.reads) this.publish(members);
    } catch (e) {
      // ConnectionLoss: the reconnect reads again. SessionExpired: this handle is finished.
      this.p.log(`discovery of ${this.service}: ${(e as Error).message}`);
    }
  }

  private async readAddress(id: string): Promise<string | undefined> {
    try {
      const { data } = await this.zk.getData(`${this.dir}/${id}`);
      return new TextDecoder().decode(data);
    } catch (e) {
      if (zkCode(e) === 'NoNode') return undefined; // it left between the two reads
      throw e;
    }
  }

  private publish(members: Instance[]): void {
    const before = new Set(this.members.map((m) => m.id));
    const now = new Set(members.map((m) => m.id));
    const added = [...now].filter((id) => !before.has(id));
    const removed = [...before].filter((id) => !now.has(id));
    for (const m of members) this.addresses.set(m.id, m.address);
    for (const id of removed) this.addresses.delete(id);
    this.members = members;
    if (added.length === 0 && removed.length === 0) return;
    this.p.log(`${this.service} instances: ${members.map((m) => m.id).join(', ') || '(none)'}`);
    for (const l of this.listeners) l({ members, added, removed });
  }

  /**
   * Chooses an instance: round robin takes them in turn; random draws one (from the process's
   * seeded stream); least outstanding takes the one with the fewest requests in flight (ties in
   * turn). Undefined when none is listed.
   */
  pick(): Instance | undefined {
    const members = this.members;
    if (members.length === 0) return undefined;
    if (this.balancing === 'random') return this.p.random.pick(members);
    if (this.balancing === 'round-robin') return members[this.cursor++ % members.length];
    const fewest = Math.min(...members.map((m) => this.outstanding(m.id)));
    const idle = members.filter((m) => this.outstanding(m.id) === fewest);
    return idle[this.cursor++ % idle.length];
  }

  /**
   * Sends one request to an instance the balancing rule picks, counting it as outstanding while
   * it runs. Throws only when no instance is listed; a failed request is an outcome, not a throw.
   */
  async request<T>(send: (instance: Instance) => Promise<T>): Promise<RequestOutcome<T>> {
    const instance = this.pick();
    if (instance === undefined) throw new Error(`no instance of ${this.service} is registered`);
    this.outstandingById.set(instance.id, this.outstanding(instance.id) + 1);
    try {
      return { instance, ok: true, value: await send(instance) };
    } catch (error) {
      return { instance, ok: false, error };
    } finally {
      this.outstandingById.set(instance.id, this.outstanding(instance.id) - 1);
    }
  }
}

/**
 * Requests to instances as this world models them: one database connection per instance, one
 * query per request. Succeeds only while the instance's process is up.
 */
export class InstanceClient {
  private readonly clients = new Map<string, DbClient>();

  constructor(
    private readonly p: ProcessContext,
    private readonly timeout = 500,
  ) {}

  /** One request to `instance`: resolves when it answered, rejects when it is down or too slow. */
  async send(instance: Instance): Promise<void> {
    let client = this.clients.get(instance.address);
    if (client === undefined) this.clients.set(instance.address, (client = this.p.database(instance.address, { timeout: this.timeout })));
    await client.get('ping');
  }
}
