import { describe, expect, it } from 'vitest';
import type { ZkEvent } from '../../src/zk-sim/index.js';
import { setup, zkError } from './helpers.js';

describe('containers and TTL nodes', () => {
  it('reproduces a ZooKeeper 3.8.0 run: order, zxids, nested containers one round apart', () => {
    const { zk, clock, connect, watcher, take } = setup({ containerCheckIntervalMs: 3000 });
    const s = connect('s');
    s.create('/c', null, { mode: 'CONTAINER' });
    s.create('/c/x');
    s.create('/n1', null, { mode: 'CONTAINER' });
    s.create('/n1/n2', null, { mode: 'CONTAINER' });
    s.create('/n1/n2/x');
    s.create('/never', null, { mode: 'CONTAINER' });
    s.create('/t', null, { mode: 'PERSISTENT_WITH_TTL', ttl: 1000 });
    s.create('/tk', null, { mode: 'PERSISTENT_WITH_TTL', ttl: 1000 });
    s.create('/tk/k');
    expect(s.create('/tseq', null, { mode: 'PERSISTENT_SEQUENTIAL_WITH_TTL', ttl: 1000 })).toBe('/tseq0000000005');
    s.create('/exp');
    expect(s.exists('/')).toMatchObject({ cversion: 6, numChildren: 8 });
    s.delete('/c/x');
    s.delete('/n1/n2/x');
    s.addWatch('/', 'PERSISTENT_RECURSIVE', watcher('ROOT'));
    take();
    const before = zk.lastZxid;
    const txns: ZkEvent[] = [];
    zk.events$.subscribe((e) => e.kind === 'txn' && txns.push(e));
    clock.set(2999);
    zk.tick();
    expect(take()).toEqual([]);
    clock.set(3000);
    zk.tick();
    expect(take()).toEqual(['/tseq0000000005', '/c', '/t', '/n1/n2'].map((p) => `ROOT NodeDeleted ${p} SyncConnected`));
    expect(txns.map((e) => e.kind === 'txn' && [e.zxid, e.op, e.path, e.time, e.sessionId])).toEqual(
      ['/tseq0000000005', '/c', '/t', '/n1/n2'].map((p, i) => [before + 1 + i, 'deleteContainer', p, 3000, 0n]),
    );
    clock.set(6000);
    s.ping();
    expect(take()).toEqual(['ROOT NodeDeleted /n1 SyncConnected']);
    expect(new Set(s.getChildren('/'))).toEqual(new Set(['never', 'zookeeper', 'tk', 'exp']));
    expect(s.exists('/')).toMatchObject({ pzxid: before + 5, cversion: 10, numChildren: 4 });
    expect(s.exists('/never')).toMatchObject({ cversion: 0, numChildren: 0, ephemeralOwner: 0n });
    clock.set(600_000);
    zk.tick();
    expect(s.state).toBe('Expired');
    const late = connect('late');
    expect(late.exists('/never')).not.toBeNull();
    expect(late.exists('/tk')).not.toBeNull();
  });

  it('a TTL node goes at the first check where now - mtime > ttl; setData restarts the clock', () => {
    const { zk, clock, connect } = setup({ containerCheckIntervalMs: 1000 });
    const s = connect('s');
    s.create('/t', 'v', { mode: 'PERSISTENT_WITH_TTL', ttl: 3000 });
    clock.set(3000);
    zk.tick();
    expect(s.exists('/t')).not.toBeNull(); // 3000 - 0 is not > 3000
    clock.set(3500);
    s.setData('/t', 'w');
    clock.set(6000);
    zk.tick();
    expect(s.exists('/t')).not.toBeNull();
    clock.set(7000);
    zk.tick();
    expect(s.exists('/t')).toBeNull();
  });

  it('containers never used stay, unless maxNeverUsedIntervalMs says otherwise', () => {
    const { zk, clock, connect } = setup({ containerMaxNeverUsedIntervalMs: 90_000 });
    const s = connect('s', 40_000);
    s.create('/c', null, { mode: 'CONTAINER' });
    for (let t = 30_000; t <= 90_000; t += 30_000) {
      clock.set(t);
      s.ping();
    }
    zk.tick();
    expect(s.exists('/c')).not.toBeNull(); // checked at 60000: never used for 60000 ms
    clock.set(120_000);
    s.ping();
    expect(s.exists('/c')).toBeNull(); // checked at 120000: 120000 > 90000
  });

  it('TTL nodes need extended types; the TTL is validated by the client', () => {
    const { zk, connect } = setup({ extendedTypesEnabled: false });
    const s = connect('s');
    const z = zk.lastZxid;
    expect(zkError(() => s.create('/t', null, { mode: 'PERSISTENT_WITH_TTL', ttl: 10 })).message).toBe('KeeperErrorCode = Unimplemented for /t');
    expect(zk.lastZxid).toBe(z + 1);
    expect(zkError(() => s.create('/t', null, { mode: 'PERSISTENT_WITH_TTL', ttl: 2 ** 40 })).kind).toBe('illegalArgument');
    expect(zk.lastZxid).toBe(z + 1);
    expect(s.create('/c', null, { mode: 'CONTAINER' })).toBe('/c');
  });

  it('with nothing to reap, a long jump of the clock costs no work', () => {
    const { zk, clock, connect } = setup();
    const s = connect('s', 40_000);
    clock.set(10 ** 12);
    zk.tick();
    expect(s.state).toBe('Expired');
    expect(zk.nextTimer).toBeGreaterThan(10 ** 12);
  });
});
