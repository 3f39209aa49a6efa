import { describe, expect, it } from 'vitest';
import { createWorld, type ProcessContext, type ZkClient, type ZkClientState } from '../../src/integration/index.js';
import type { WatchedEvent } from '../../src/zk-sim/index.js';

/** A world with one ZooKeeper (tickTime 2000) and the given apps. */
function world(seed = 1) {
  return createWorld({ seed }).zookeeper('zk', { tickTime: 2000 });
}

describe('ZooKeeper client: connection state machine', () => {
  it('connects, negotiates the timeout and reports SyncConnected to the default watcher', async () => {
    const events: string[] = [];
    let client!: ZkClient;
    const w = world().app('a', async (p) => {
      client = p.zookeeper('zk', { sessionTimeout: 100_000, watcher: (e) => events.push(`${e.type}/${e.state}`) });
      await client.connected();
    });
    await w.runFor(100);
    expect(client.state).toBe('CONNECTED');
    expect(client.sessionTimeout).toBe(40_000); // clamped to 20 × tickTime
    expect(events).toEqual(['None/SyncConnected']);
  });

  it('a partitioned client goes DISCONNECTED; the server expires it; others see its ephemeral go; on healing it learns EXPIRED', async () => {
    const states: ZkClientState[] = [];
    const aEvents: string[] = [];
    const bEvents: WatchedEvent[] = [];
    let a!: ZkClient;
    const w = world()
      .app('a', async (p) => {
        a = p.zookeeper('zk', { sessionTimeout: 6000, watcher: (e) => aEvents.push(e.state) });
        a.onState((s) => states.push(s));
        await a.connected();
        await a.create('/member', 'a', { mode: 'EPHEMERAL' });
      })
      .app('b', async (p) => {
        const b = p.zookeeper('zk', { sessionTimeout: 6000 });
        await b.connected();
        await p.sleep(200);
        await b.exists('/member', { watch: (e) => bEvents.push(e) });
      });
    await w.runFor(1000);
    expect(w.zkEngine().node('/member')).toBeDefined();
    w.partition(['a'], ['zk']);

    // readTimeout = 2/3 × 6000: a gives up on its connection 4 s after it last heard from zk (a
    // pong at t≈1000 at the latest).
    await w.runFor(2900);
    expect(a.state).toBe('CONNECTED');
    await w.runFor(1200);
    expect(a.state).toBe('DISCONNECTED');
    expect(aEvents).toContain('Disconnected');
    expect(w.zkEngine().node('/member')).toBeDefined(); // the server has not given up yet

    // The session expires on the server (bucket: last ping + 6000, rounded up to tickTime).
    await w.runFor(4000);
    expect(w.zkEngine().node('/member')).toBeUndefined();
    expect(bEvents).toEqual([{ type: 'NodeDeleted', state: 'SyncConnected', path: '/member' }]);
    expect(a.state).toBe('DISCONNECTED'); // still cut off: it cannot know yet

    w.heal();
    await w.runFor(8000);
    expect(a.state).toBe('EXPIRED');
    expect(aEvents.at(-1)).toBe('Expired');
    expect(states).toEqual(['CONNECTED', 'DISCONNECTED', 'EXPIRED']);
    await expect(a.getData('/')).rejects.toMatchObject({ codeName: 'SessionExpired' });
  });

  it('a request in flight when the server crashes ends in ConnectionLoss, never in silence', async () => {
    let outcome = '';
    const w = world().app('a', async (p) => {
      const zk = p.zookeeper('zk', { sessionTimeout: 6000 });
      await zk.connected();
      await p.sleep(100);
      try {
        await zk.create('/x', 'v');
        outcome = 'created';
      } catch (e) {
        outcome = (e as { codeName: string }).codeName;
      }
    });
    await w.runFor(100);
    // The request leaves at t≈100 and takes 1–3 ms: crash the server under it.
    await w.runUntil(w.now + 1);
    w.crash('zk');
    await w.runFor(50);
    expect(outcome).toBe('ConnectionLoss');
  });

  it('a request that was applied before the connection dropped is still reported as ConnectionLoss', async () => {
    let outcome = '';
    const w = world().app('a', async (p) => {
      const zk = p.zookeeper('zk', { sessionTimeout: 6000 });
      await zk.connected();
      await p.sleep(100);
      await zk.create('/x', 'v').then(
        () => (outcome = 'created'),
        (e: { codeName: string }) => (outcome = e.codeName),
      );
    });
    await w.runFor(100);
    w.cut('zk', 'a'); // the request gets through; its reply never does
    await w.runFor(10_000);
    expect(w.zkEngine().node('/x')).toBeDefined();
    expect(outcome).toBe('ConnectionLoss');
  });

  it('a restarted ZooKeeper keeps its data and sessions; clients reconnect and keep their session', async () => {
    let zk!: ZkClient;
    const states: ZkClientState[] = [];
    const w = world().app('a', async (p) => {
      zk = p.zookeeper('zk', { sessionTimeout: 10_000 });
      zk.onState((s) => states.push(s));
      await zk.connected();
      await zk.create('/eph', '', { mode: 'EPHEMERAL' });
      await zk.create('/data', 'kept');
    });
    await w.runFor(100);
    const id = zk.sessionId;
    w.crash('zk');
    await w.runFor(2000);
    expect(zk.state).toBe('DISCONNECTED');
    w.restart('zk');
    await w.runFor(3000);
    expect(zk.state).toBe('CONNECTED');
    expect(zk.sessionId).toBe(id);
    expect(states).toEqual(['CONNECTED', 'DISCONNECTED', 'CONNECTED']);
    expect(w.zkEngine().node('/eph')).toBeDefined();
    expect(new TextDecoder().decode(w.zkEngine().node('/data')!.data!)).toBe('kept');
  });

  it('re-registers watches on reconnect and fires the ones whose node changed meanwhile (SetWatches)', async () => {
    const fired: string[] = [];
    const w = world()
      .app('watcher', async (p) => {
        const zk = p.zookeeper('zk', { sessionTimeout: 20_000 });
        await zk.connected();
        await zk.create('/cfg', 'v1');
        await zk.create('/other', 'o1');
        await zk.getData('/cfg', { watch: (e) => fired.push(`${e.type} ${e.path}`) });
        await zk.getData('/other', { watch: (e) => fired.push(`${e.type} ${e.path}`) });
        await zk.exists('/later', { watch: (e) => fired.push(`${e.type} ${e.path}`) });
      })
      .app('admin', async (p) => {
        const zk = p.zookeeper('zk', { sessionTimeout: 20_000 });
        await zk.connected();
        await p.sleep(5000);
        await zk.setData('/cfg', 'v2'); // while the watcher is disconnected
        await zk.create('/later', '');
      });
    await w.runFor(500);
    w.partition(['watcher'], ['zk']);
    await w.runFor(14_500); // the watcher drops its connection; the session (20 s) survives
    expect(fired).toEqual([]);
    w.heal();
    await w.runFor(3000);
    expect(fired.sort()).toEqual(['NodeCreated /later', 'NodeDataChanged /cfg']);
    // The untouched watch was re-armed, and still fires once.
    expect([...w.zkEngine().watches()].map((x) => `${x.path} ${x.table}`)).toContain('/other data');
  });

  it('requests made while connecting wait for the connection', async () => {
    let path = '';
    const w = world().app('a', async (p) => {
      const zk = p.zookeeper('zk');
      path = await zk.create('/early', 'x'); // not awaiting connected() first
    });
    await w.runFor(100);
    expect(path).toBe('/early');
  });

  it('reports errors the way the Java client does: bad paths locally, NoNode from the server', async () => {
    const errors: string[] = [];
    const w = world().app('a', async (p) => {
      const zk = p.zookeeper('zk');
      await zk.create('no-slash').catch((e: Error) => errors.push(e.message));
      await zk.getData('/missing').catch((e: Error) => errors.push(e.message));
    });
    await w.runFor(100);
    expect(errors).toEqual(['Path must start with / character', 'KeeperErrorCode = NoNode for /missing']);
  });

  it('close() ends the session: its ephemerals go, and the handle is CLOSED', async () => {
    let zk!: ZkClient;
    const w = world().app('a', async (p: ProcessContext) => {
      zk = p.zookeeper('zk');
      await zk.create('/e', '', { mode: 'EPHEMERAL' });
      await zk.close();
    });
    await w.runFor(100);
    expect(zk.state).toBe('CLOSED');
    expect(w.zkEngine().node('/e')).toBeUndefined();
    await expect(zk.exists('/')).rejects.toMatchObject({ codeName: 'SessionExpired' });
  });

  it('pings keep an idle session alive', async () => {
    let zk!: ZkClient;
    const w = world().app('a', async (p) => {
      zk = p.zookeeper('zk', { sessionTimeout: 6000 });
      await zk.create('/e', '', { mode: 'EPHEMERAL' });
    });
    await w.runFor(60_000);
    expect(zk.state).toBe('CONNECTED');
    expect(w.zkEngine().node('/e')).toBeDefined();
    const pings = w.trace.filter((r) => r.type === 'send' && r.proc === 'a' && r.msg === 'ping').length;
    // A ping whenever nothing was sent for readTimeout/2 − 1 s = 1 s: about one a second.
    expect(pings).toBeGreaterThan(50);
    expect(pings).toBeLessThan(62);
  });
});
