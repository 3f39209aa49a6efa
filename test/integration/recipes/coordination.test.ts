/**
 * The ZooKeeper coordination recipes in the world: service discovery, the configuration center,
 * leader election; each on its own and under a fault.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, mutualExclusion, type ProcessContext, type World, type ZkClient } from '../../../src/integration/index.js';
import { configHistory, ConfigWatcher, initConfig, publishConfig, readConfig, rollbackConfig, updateConfig, type ConfigVersion } from '../../../src/integration/recipes/config.js';
import { InstanceClient, registerInstance, ServiceDiscovery, zkCode, type Balancing } from '../../../src/integration/recipes/discovery.js';
import { LeaderElection } from '../../../src/integration/recipes/election.js';

const TICK = 1000;

function zkWorld(seed = 1): World {
  return createWorld({ seed }).zookeeper('zk', { tickTime: TICK });
}

async function session(p: ProcessContext, sessionTimeout = 4000): Promise<ZkClient> {
  const zk = p.zookeeper('zk', { sessionTimeout });
  await zk.connected();
  return zk;
}

/** An instance: a database process that serves requests, and an agent app that registers it. */
function instance(w: World, name: string, options: { latency?: number; registerAt?: number } = {}): void {
  w.database(name, { latency: options.latency ?? 5, capacity: 1000 });
  w.app(`agent-${name}`, async (p) => {
    await p.sleep(options.registerAt ?? 0);
    const zk = await session(p);
    await registerInstance(zk, 'orders', name, name);
    p.log(`registered ${name}`);
  });
}

/** A discovery client; `work` runs once the first list is read. */
function discoveryClient(
  w: World,
  name: string,
  balancing: Balancing,
  work: (d: ServiceDiscovery, p: ProcessContext) => Promise<void>,
  sessionTimeout = 10_000,
): { changes: { at: number; members: string[] }[]; states: string[] } {
  const changes: { at: number; members: string[] }[] = [];
  const states: string[] = [];
  w.app(name, async (p) => {
    const zk = await session(p, sessionTimeout);
    zk.onState((s) => states.push(s));
    const d = new ServiceDiscovery(p, zk, 'orders', balancing);
    d.onChange((c) => changes.push({ at: p.now(), members: c.members.map((m) => m.id) }));
    await d.start();
    await work(d, p);
  });
  return { changes, states };
}

describe('service discovery', () => {
  it('lists registered instances with their addresses and balances round robin, at random, and by fewest outstanding', async () => {
    const w = zkWorld();
    instance(w, 'i-1');
    instance(w, 'i-2');
    instance(w, 'i-3', { latency: 200 });
    const picks: Record<string, string[]> = {};
    let listed: { id: string; address: string }[] = [];
    for (const balancing of ['round-robin', 'random', 'least-outstanding'] as const) {
      discoveryClient(w, `client-${balancing}`, balancing, async (d, p) => {
        await p.sleep(100);
        listed = [...d.members];
        const client = new InstanceClient(p);
        const sent: Promise<unknown>[] = [];
        picks[balancing] = [];
        for (let i = 0; i < 12; i++) {
          // Requests overlap: one every 10 ms, while i-3 takes 200 ms to answer each.
          sent.push(d.request((inst) => client.send(inst)).then((o) => picks[balancing]!.push(o.instance.id)));
          await p.sleep(10);
        }
        await Promise.all(sent);
      });
    }
    await w.runFor(2000);
    expect(listed).toEqual([
      { id: 'i-1', address: 'i-1' },
      { id: 'i-2', address: 'i-2' },
      { id: 'i-3', address: 'i-3' },
    ]);
    const count = (xs: string[]) => Object.fromEntries(['i-1', 'i-2', 'i-3'].map((id) => [id, xs.filter((x) => x === id).length]));
    // Round robin ignores load: a third each, the slow instance included (in completion order, so i-3's come last).
    expect(count(picks['round-robin']!)).toEqual({ 'i-1': 4, 'i-2': 4, 'i-3': 4 });
    expect(picks['round-robin']!.slice(-4)).toEqual(['i-3', 'i-3', 'i-3', 'i-3']);
    // Least outstanding sends the slow instance one request, then avoids it while that one is in flight.
    expect(count(picks['least-outstanding']!)).toEqual({ 'i-1': 5, 'i-2': 6, 'i-3': 1 });
    expect(picks['random']).toHaveLength(12);
    expect(new Set(picks['random']).size).toBe(3);
  });

  it('a crashed instance stays listed until its session expires; its requests fail meanwhile; then nothing more goes to it', async () => {
    const w = zkWorld();
    instance(w, 'i-1');
    instance(w, 'i-2');
    const outcomes: { at: number; id: string; ok: boolean; error: string }[] = [];
    const { changes } = discoveryClient(w, 'client', 'round-robin', async (d, p) => {
      const client = new InstanceClient(p);
      await p.sleep(100);
      while (p.now() < 9000) {
        const o = await d.request((inst) => client.send(inst));
        outcomes.push({ at: p.now(), id: o.instance.id, ok: o.ok, error: o.ok ? '' : (o.error as Error).message });
        await p.sleep(50);
      }
    });
    w.at(2000, (x) => x.crash('i-2').crash('agent-i-2'));
    await w.runFor(10_000);

    expect(changes.map((c) => c.members)).toEqual([['i-1', 'i-2'], ['i-1']]);
    const left = changes[1]!.at;
    // The agent's session (4000 ms) expires at the first tick after ZooKeeper last heard from it.
    expect(left).toBeGreaterThan(2000 + 4000 - TICK);
    expect(left).toBeLessThanOrEqual(2000 + 4000 + TICK + 50);
    expect(w.zkEngine().node('/services/orders/i-2')).toBeUndefined();
    const failed = outcomes.filter((o) => !o.ok);
    expect(failed.length).toBeGreaterThan(20);
    expect(new Set(failed.map((o) => o.id))).toEqual(new Set(['i-2']));
    expect(new Set(failed.map((o) => o.error))).toEqual(new Set(['connection refused']));
    expect(failed.every((o) => o.at > 2000 && o.at <= left + 50)).toBe(true);
    expect(outcomes.filter((o) => o.at > left + 50).every((o) => o.id === 'i-1' && o.ok)).toBe(true);
  });

  it('a client cut off from ZooKeeper catches up after it reconnects: a member that left and one that joined meanwhile', async () => {
    const w = createWorld({ seed: 1 }).zookeeper('zk', { tickTime: 2000 });
    instance(w, 'i-1');
    instance(w, 'i-2');
    instance(w, 'i-3', { registerAt: 4000 });
    let members: string[] = [];
    const { changes, states } = discoveryClient(
      w,
      'client',
      'round-robin',
      async (d, p) => {
        await p.sleep(12_000);
        members = d.members.map((m) => m.id);
      },
      12_000,
    );
    w.at(500, (x) => {
      x.partition(['client'], ['zk'], 9500);
      x.crash('i-2').crash('agent-i-2');
    });
    await w.runFor(12_300);
    expect(states).toEqual(['DISCONNECTED', 'CONNECTED']); // same session: it never expired
    expect(w.zkEngine().node('/services/orders/i-2')).toBeUndefined();
    expect(changes.map((c) => c.members)).toEqual([
      ['i-1', 'i-2'],
      ['i-1', 'i-3'],
    ]);
    expect(changes[1]!.at).toBeGreaterThanOrEqual(10_000);
    expect(members).toEqual(['i-1', 'i-3']);
  });

  it('a restarted instance waits for its old registration to expire before registering again', async () => {
    const w = zkWorld();
    const registered: { at: number; session: bigint | null }[] = [];
    w.app('agent', async (p) => {
      const zk = await session(p);
      await registerInstance(zk, 'orders', 'i-1', 'i-1');
      registered.push({ at: p.now(), session: zk.sessionId });
    });
    w.at(2000, (x) => x.crash('agent'));
    w.at(2100, (x) => x.restart('agent'));
    await w.runFor(10_000);
    expect(registered).toHaveLength(2);
    const [first, second] = registered;
    expect(second!.session).not.toBe(first!.session);
    // The old node went when the old session expired (≤ crash + 4000 + a tick); only then the new one.
    expect(second!.at).toBeGreaterThan(2000 + 4000 - TICK);
    expect(second!.at).toBeLessThanOrEqual(2000 + 4000 + TICK + 50);
    expect(w.zkEngine().node('/services/orders/i-1')!.stat().ephemeralOwner).toBe(second!.session);
  });
});

describe('configuration center', () => {
  const ROOT = '/config';

  it('publishes versions with their history, and every watcher follows them in order', async () => {
    const w = zkWorld();
    const seen: Record<string, number[]> = {};
    for (const app of ['app-1', 'app-2']) {
      seen[app] = [];
      w.app(app, async (p) => {
        const zk = await session(p);
        // Started before the configuration exists: the watcher waits for it to be created.
        await new ConfigWatcher(p, zk, (c) => seen[app]!.push(c.version)).start();
      });
    }
    let history: { name: string; value: string }[] = [];
    w.app('admin', async (p) => {
      const zk = await session(p);
      await p.sleep(100);
      expect(await initConfig(zk, 'a')).toMatchObject({ value: 'a', version: 0 });
      for (const value of ['b', 'c', 'd']) {
        await p.sleep(100);
        await updateConfig(p, zk, () => value);
      }
      history = await configHistory(zk, ROOT);
    });
    await w.runFor(1000);
    expect(seen).toEqual({ 'app-1': [0, 1, 2, 3], 'app-2': [0, 1, 2, 3] });
    expect(history).toEqual([
      { name: 'v-0000000000', value: 'a' },
      { name: 'v-0000000001', value: 'b' },
      { name: 'v-0000000002', value: 'c' },
      { name: 'v-0000000003', value: 'd' },
    ]);
  });

  it('a write with a stale version is refused with BadVersion and writes nothing, history included', async () => {
    const w = zkWorld();
    const got: unknown[] = [];
    w.app('admin', async (p) => {
      const zk = await session(p);
      await initConfig(zk, 'a');
      got.push(await publishConfig(zk, 'b', 0).then((s) => s.version));
      got.push(await publishConfig(zk, 'stale', 0).catch((e: unknown) => zkCode(e)));
      got.push(await readConfig(zk).then((c) => [c.value, c.version]));
      got.push((await configHistory(zk)).map((h) => h.value));
    });
    await w.runFor(1000);
    expect(got).toEqual([1, 'BadVersion', ['b', 1], ['a', 'b']]);
  });

  it('two administrators editing at once: one meets BadVersion, re-reads, and both edits survive', async () => {
    const w = zkWorld();
    const results: Record<string, number> = {};
    w.app('setup', async (p) => {
      await initConfig(await session(p), JSON.stringify({}));
    });
    for (const [admin, key] of [
      ['admin-a', 'limit'],
      ['admin-b', 'timeout'],
    ]) {
      w.app(admin!, async (p) => {
        const zk = await session(p);
        await p.sleep(200 - p.now());
        const r = await updateConfig(p, zk, async (current) => {
          await p.sleep(50); // editing: the other administrator reads the same version meanwhile
          return JSON.stringify({ ...(JSON.parse(current) as object), [key!]: 1 });
        });
        results[admin!] = r.conflicts;
      });
    }
    await w.runFor(1000);
    expect(Object.values(results).sort()).toEqual([0, 1]);
    const node = w.zkEngine().node('/config/current')!;
    expect(JSON.parse(new TextDecoder().decode(node.data!))).toEqual({ limit: 1, timeout: 1 });
    expect(node.stat().version).toBe(2);
  });

  it('rollback writes an old value as a new version; against a configuration that moved on it is refused', async () => {
    const w = zkWorld();
    const got: unknown[] = [];
    w.app('admin', async (p) => {
      const zk = await session(p);
      await initConfig(zk, 'good');
      await publishConfig(zk, 'bad', 0);
      const restored = await rollbackConfig(zk, 'v-0000000000', 1);
      got.push([restored.value, restored.version]);
      got.push(await rollbackConfig(zk, 'v-0000000001', 1).catch((e: unknown) => zkCode(e)));
      got.push((await configHistory(zk)).map((h) => `${h.name}=${h.value}`));
    });
    await w.runFor(1000);
    expect(got).toEqual([['good', 2], 'BadVersion', ['v-0000000000=good', 'v-0000000001=bad', 'v-0000000002=good']]);
  });

  it('a watcher cut off from ZooKeeper catches up after reconnecting; one whose ZooKeeper restarted too', async () => {
    const w = createWorld({ seed: 3 }).zookeeper('zk', { tickTime: 2000 });
    const seen: Record<string, ConfigVersion[]> = { cut: [], steady: [] };
    for (const app of ['cut', 'steady']) {
      w.app(app, async (p) => {
        const zk = await session(p, 12_000);
        await new ConfigWatcher(p, zk, (c) => seen[app]!.push(c)).start();
      });
    }
    w.app('admin', async (p) => {
      const zk = await session(p, 30_000);
      await initConfig(zk, 'v0');
      await p.sleep(2000);
      await updateConfig(p, zk, () => 'v1'); // while 'cut' is cut off
      await p.sleep(10_000);
      await zk.waitFor('CONNECTED');
      await updateConfig(p, zk, () => 'v2'); // after ZooKeeper restarted: watches are set again on reconnect
    });
    w.at(1000, (x) => x.partition(['cut'], ['zk'], 9000));
    w.at(11_000, (x) => x.crash('zk'));
    w.at(11_500, (x) => x.restart('zk'));
    await w.runFor(16_000);
    const versions = (app: string) => seen[app]!.map((c) => c.version);
    expect(versions('steady')).toEqual([0, 1, 2]);
    expect(versions('cut')).toEqual([0, 1, 2]);
    expect(seen['cut']![1]!.modifiedAt).toBeLessThan(10_000); // written while it was cut off …
    expect(w.trace.find((r) => r.type === 'log' && r.proc === 'cut' && r.text.includes('version 1'))).toBeUndefined();
    const caughtUp = w.trace.find((r) => r.type === 'watch' && r.proc === 'cut' && r.event === 'NodeDataChanged')!;
    expect(caughtUp.time).toBeGreaterThanOrEqual(10_000); // … and seen only once the link healed
    expect(seen['cut']!.at(-1)!.value).toBe('v2');
  });
});

describe('leader election', () => {
  /** Candidates that volunteer in order (10 ms apart) and run again with a new session when theirs ends. */
  function election(w: World, names: string[], hooks: Record<string, (e: LeaderElection, p: ProcessContext) => Promise<void>> = {}): void {
    w.check(mutualExclusion('leadership'));
    names.forEach((name, i) => {
      w.app(name, async (p) => {
        await p.sleep(10 * i);
        for (let life = 0; ; life++) {
          const zk = await session(p);
          const e = new LeaderElection(p, zk);
          await Promise.all([e.run(), life === 0 ? hooks[name]?.(e, p) : undefined]);
          p.log('session over: volunteering again');
        }
      });
    });
  }
  const leads = (w: World) => w.trace.filter((r) => r.type === 'mark' && r.label === 'acquired').map((r) => `${r.proc}@${r.time}`);
  // A crashed process keeps the role it last had: count only live ones.
  const leader = (w: World, names: string[]) => names.filter((n) => w.process(n).role === 'leader' && w.process(n).state === 'up');

  it('the lowest node leads; resigning hands over at once, to the next in line only', async () => {
    const w = zkWorld();
    const names = ['c-1', 'c-2', 'c-3'];
    election(w, names, {
      'c-1': async (e, p) => {
        await p.sleep(1000 - p.now());
        await e.resign();
      },
    });
    await w.runFor(900);
    expect(leader(w, names)).toEqual(['c-1']);
    expect(w.process('c-2').role).toBe('candidate');
    await w.runFor(200);
    expect(leader(w, names)).toEqual(['c-2']);
    const handover = w.trace.find((r) => r.type === 'mark' && r.label === 'acquired' && r.proc === 'c-2')!;
    expect(handover.time).toBeLessThan(1020);
    // Only c-2 was watching c-1's node.
    const woken = w.trace.filter((r) => r.type === 'watch' && r.event === 'NodeDeleted').map((r) => r.proc);
    expect(woken).toEqual(['c-2']);
    expect(w.finish().ok).toBe(true);
  });

  it('a crashed leader is replaced when its session expires, and rejoins at the back after a restart', async () => {
    const w = zkWorld();
    const names = ['c-1', 'c-2', 'c-3'];
    election(w, names);
    w.at(2000, (x) => x.crash('c-1'));
    w.at(8000, (x) => x.restart('c-1'));
    await w.runFor(5900);
    expect(leader(w, names)).toEqual([]); // c-1's node is still there: nobody may lead yet
    await w.runFor(6000);
    expect(leader(w, names)).toEqual(['c-2']);
    const [first, second] = leads(w);
    expect(first).toMatch(/^c-1@/);
    const takeover = Number(second!.split('@')[1]);
    expect(takeover).toBeGreaterThan(2000 + 4000 - TICK);
    expect(takeover).toBeLessThanOrEqual(2000 + 4000 + TICK + 50);
    expect(leads(w)).toHaveLength(2);
    expect([...w.zkEngine().node('/election')!.children()].sort((a, b) => a.slice(-10).localeCompare(b.slice(-10))).map((n) => n.slice(0, 3))).toEqual(['c-2', 'c-3', 'c-1']);
    expect(w.finish().ok).toBe(true);
  });

  it('a leader cut off from ZooKeeper steps down before its session expires; the next takes over; never two leaders', async () => {
    const w = zkWorld();
    const names = ['c-1', 'c-2'];
    election(w, names);
    w.at(2000, (x) => x.partition(['c-1'], ['zk'], 8000));
    await w.runFor(14_000);
    const marks = w.trace.filter((r) => r.type === 'mark').map((r) => `${r.proc} ${r.label}`);
    expect(marks).toEqual(['c-1 acquired', 'c-1 released', 'c-2 acquired']);
    const at = (proc: string, label: string) => w.trace.find((r) => r.type === 'mark' && r.proc === proc && r.label === label)!.time;
    // c-1 gives up its connection after 2/3 of the session timeout; the server expires it after all of it.
    expect(at('c-1', 'released')).toBeLessThan(2000 + 2667);
    expect(at('c-2', 'acquired') - at('c-1', 'released')).toBeGreaterThan(1000);
    expect(leader(w, names)).toEqual(['c-2']);
    // After the heal c-1 learns it expired and volunteers again with a new session.
    expect(w.trace.some((r) => r.type === 'log' && r.proc === 'c-1' && r.text === 'session over: volunteering again' && r.time >= 10_000)).toBe(true);
    expect([...w.zkEngine().node('/election')!.children()].map((n) => n.slice(0, 3)).sort()).toEqual(['c-1', 'c-2']);
    expect(w.finish().ok).toBe(true);
  });

  it('a waiting candidate whose predecessor dies re-checks and waits on the new predecessor; it does not lead out of turn', async () => {
    const w = zkWorld();
    const names = ['c-1', 'c-2', 'c-3'];
    election(w, names, {
      'c-1': async (e, p) => {
        await p.sleep(9000 - p.now());
        await e.resign();
      },
    });
    w.at(1000, (x) => x.crash('c-2'));
    await w.runFor(8000);
    expect(w.trace.filter((r) => r.type === 'watch' && r.event === 'NodeDeleted').map((r) => r.proc)).toEqual(['c-3']);
    expect(leader(w, names)).toEqual(['c-1']);
    await w.runFor(1100);
    expect(leader(w, names)).toEqual(['c-3']);
    expect(w.finish().ok).toBe(true);
  });
});
