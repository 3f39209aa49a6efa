/**
 * Scenario `service-discovery`: instances register ephemeral znodes, clients balance requests
 * over them, one instance crashes, and the clients keep sending it requests until its session
 * expires and its registration disappears.
 */
import { InstanceClient, registerInstance, ServiceDiscovery, type Balancing } from '../recipes/discovery.js';
import { invariant, type ProcessContext } from '../world/index.js';
import type { Scenario } from './scenario.js';

const TICK = 1000;
const SESSION_TIMEOUT = 4000;
/** Time for the deletion's notification and the client's re-read to travel (a few ms in practice). */
const NETWORK_ALLOWANCE = 50;
const CRASH_AT = 3000;
const DURATION = 10_000;
const FIRST_REQUEST_AT = 500;
const REQUEST_EVERY = 10;
const SERVICE = 'orders';
/** Each instance's service time, ms: one fast, one middling, one slow. */
const INSTANCES: readonly [string, number][] = [
  ['orders-1', 5],
  ['orders-2', 15],
  ['orders-3', 40],
];
const VICTIM = 'orders-2';
const CLIENTS: readonly [string, Balancing][] = [
  ['client-rr', 'round-robin'],
  ['client-random', 'random'],
  ['client-least', 'least-outstanding'],
];

interface RequestRecord {
  client: string;
  instance: string;
  start: number;
  end: number;
  ok: boolean;
}

export const serviceDiscovery: Scenario = {
  name: 'service-discovery',
  summary: 'clients balance over instances registered in ZooKeeper; a crashed instance gets requests until its session expires',
  story:
    `Three instances of the "${SERVICE}" service register ephemeral znodes under /services/${SERVICE} (an agent process registers each ` +
    'one and shares its fate). Three clients watch that list and spread requests over it: round robin, random, and least outstanding ' +
    `requests. At t=${CRASH_AT / 1000}s ${VICTIM} crashes. Nothing tells ZooKeeper at once: the registration is ephemeral, so it goes only when ` +
    `the agent's session expires, ${SESSION_TIMEOUT / 1000}s after ZooKeeper last heard from it, at the next ${TICK / 1000}s tick. Until then the ` +
    'clients still list it and every request they send it fails. Watch the least-outstanding client: requests to a dead instance fail ' +
    'fast, so it looks idle and gets more than its share (a "black hole"). When the child watch fires, each client re-reads the list ' +
    'and sends the dead instance nothing more.',
  watch:
    'Between the crash and the session expiry, clients still list the dead instance and every request sent to it fails. The least-outstanding balancer makes it worse: failed requests finish fast, so the dead instance looks idle and gets more traffic (a black hole).',
  duration: DURATION,
  setup(world) {
    world.zookeeper('zk', { tickTime: TICK });
    for (const [name, latency] of INSTANCES) world.database(name, { latency, capacity: 1000 });

    for (const [instance] of INSTANCES) {
      // The agent: registers the instance and stays registered (a new session if its own expires).
      world.app(`agent-${instance}`, async (p) => {
        for (;;) {
          const zk = p.zookeeper('zk', { sessionTimeout: SESSION_TIMEOUT });
          try {
            await zk.connected();
            await registerInstance(zk, SERVICE, instance, instance);
            p.log(`registered ${instance}`);
            await zk.waitFor('EXPIRED', 'CLOSED');
          } catch (e) {
            p.log(`registering again after ${(e as Error).message}`);
            await zk.close();
            await p.sleep(200);
          }
        }
      });
    }

    // What the clients marked, read back from the trace (so a world rebuilt by a seek reads its own run).
    const requests = (): RequestRecord[] =>
      world.marks('request').map((m) => ({ client: m.proc, instance: String(m.data['instance']), start: Number(m.data['sent']), end: m.time, ok: m.data['ok'] === true }));
    /** When each client's list lost the victim. */
    const sawLeave = (): Map<string, number> => {
      const left = new Map<string, number>();
      for (const m of world.marks('member-left')) if (m.data['instance'] === VICTIM && !left.has(m.proc)) left.set(m.proc, m.time);
      return left;
    };

    const client = (balancing: Balancing) => async (p: ProcessContext) => {
      const zk = p.zookeeper('zk', { sessionTimeout: 10_000 });
      await zk.connected();
      const discovery = new ServiceDiscovery(p, zk, SERVICE, balancing);
      discovery.onChange((change) => {
        for (const instance of change.removed) p.mark('member-left', { service: SERVICE, instance });
      });
      await discovery.start();
      const instances = new InstanceClient(p, 500);
      await p.sleep(FIRST_REQUEST_AT - p.now());
      while (p.now() < DURATION) {
        const start = p.now();
        // Not awaited: requests overlap, which is what "outstanding" counts.
        void discovery
          .request((i) => instances.send(i))
          .then(
            (outcome) => p.mark('request', { instance: outcome.instance.id, sent: start, ok: outcome.ok }),
            () => {},
          );
        await p.sleep(REQUEST_EVERY);
      }
    };
    for (const [name, balancing] of CLIENTS) world.app(name, client(balancing));

    world.at(CRASH_AT, (w) => w.crash(VICTIM).crash(`agent-${VICTIM}`));

    const bound = SESSION_TIMEOUT + TICK + NETWORK_ALLOWANCE;
    world.check(
      invariant(
        'the dead instance leaves every list in time',
        `each client's member list drops ${VICTIM} within the session timeout plus one tick (${SESSION_TIMEOUT} + ${TICK} ms, and ${NETWORK_ALLOWANCE} ms for the network) after it crashed`,
        () => {
          const left = sawLeave();
          for (const [name] of CLIENTS) {
            const t = left.get(name);
            if (t === undefined) return `${name} still lists ${VICTIM} at the end`;
            if (t - CRASH_AT > bound) return `${name} saw ${VICTIM} leave at t=${t}ms, ${t - CRASH_AT} ms after the crash (more than ${bound} ms)`;
          }
        },
        'at end',
      ),
    );
    world.check(
      invariant(
        'no request to an instance after it left',
        `once a client's list no longer has ${VICTIM}, that client sends it no request`,
        () => {
          const left = sawLeave();
          const late = requests().find((r) => r.instance === VICTIM && r.start >= (left.get(r.client) ?? Infinity));
          if (late !== undefined) return `${late.client} sent a request to ${VICTIM} at t=${late.start}ms, after it saw it leave at t=${left.get(late.client)}ms`;
        },
        'at end',
      ),
    );
    world.check(
      invariant(
        'a stale list costs failed requests',
        `every client sends requests to ${VICTIM} after it crashed, and they fail: the list still has it until its session expires`,
        () => {
          const all = requests();
          for (const [name] of CLIENTS) {
            if (!all.some((r) => r.client === name && r.instance === VICTIM && r.start > CRASH_AT && !r.ok))
              return `${name} sent no failing request to ${VICTIM} after the crash`;
          }
        },
        'at end',
      ),
    );
    world.check(
      invariant(
        'only the dead instance fails',
        `every failed request went to ${VICTIM} and was sent or still unanswered when it crashed; the live instances answer every request`,
        () => {
          const bad = requests().find((r) => !r.ok && (r.instance !== VICTIM || r.end < CRASH_AT));
          if (bad !== undefined) return `${bad.client}'s request to ${bad.instance} at t=${bad.start}ms failed`;
        },
        'at end',
      ),
    );

    return {
      stats: () => {
        const all = requests();
        const left = sawLeave();
        const failed = (client?: string) => all.filter((r) => !r.ok && (client === undefined || r.client === client)).length;
        /** Of the requests a client sent between the crash and seeing the instance leave, the share that went to it. */
        const deadShare = (client: string) => {
          const window = all.filter((r) => r.client === client && r.start > CRASH_AT && r.start < (left.get(client) ?? Infinity));
          return window.length === 0 ? 'n/a' : `${Math.round((100 * window.filter((r) => r.instance === VICTIM).length) / window.length)}%`;
        };
        return {
          sessionTimeoutMs: SESSION_TIMEOUT,
          tickTimeMs: TICK,
          detectionMs: Math.max(...CLIENTS.map(([name]) => (left.get(name) ?? Infinity) - CRASH_AT)),
          requests: all.length,
          failedRequests: failed(),
          failedRoundRobin: failed('client-rr'),
          failedRandom: failed('client-random'),
          failedLeastOutstanding: failed('client-least'),
          deadShareRoundRobin: deadShare('client-rr'),
          deadShareLeastOutstanding: deadShare('client-least'),
        };
      },
    };
  },
};
