import { describe, expect, it } from 'vitest';
import type { ZkEvent } from '../../src/zk-sim/index.js';
import { setup, zkError } from './helpers.js';

describe('session ids and timeouts', () => {
  it('ids carry the server id and start time, then count; timeouts are clamped to [2, 20] × tickTime', () => {
    const { zk, connect } = setup({ start: 5000 });
    const a = connect('a', 1);
    const b = connect('b', 1_000_000);
    const c = connect('c', 12_345);
    expect(a.sessionId).toBe((1n << 56n) | (5000n << 16n));
    expect(a.sessionId.toString(16)).toBe('100000013880000');
    expect(b.sessionId - a.sessionId).toBe(1n);
    expect([a.timeout, b.timeout, c.timeout]).toEqual([4000, 40000, 12345]);
    expect(zk.connect().timeout).toBe(30000);
    const other = setup({ tickTime: 500, minSessionTimeout: 3000, maxSessionTimeout: 5000, serverId: 3 });
    expect([other.connect('x', 100).timeout, other.connect('y', 60000).timeout]).toEqual([3000, 5000]);
    expect(other.connect('z').sessionId >> 56n).toBe(3n);
  });

  it('the default watcher hears SyncConnected; session create and close are transactions', () => {
    const { zk, connect, take } = setup();
    const txns: string[] = [];
    zk.events$.subscribe((e) => e.kind === 'txn' && txns.push(`${e.zxid} ${e.op}`));
    const s = connect('s');
    expect(take()).toEqual(['s None null SyncConnected']);
    expect(s.state).toBe('SyncConnected');
    s.close();
    expect(take()).toEqual(['s None null Closed']);
    expect(s.state).toBe('Closed');
    expect(txns).toEqual(['1 createSession', '2 closeSession']);
    s.close();
    expect(zk.lastZxid).toBe(2);
  });
});

describe('session expiry, to the millisecond', () => {
  it('expires in the tickTime bucket after the last request plus the timeout', () => {
    const { zk, clock, connect, take } = setup();
    const s = connect('s', 30_000); // heard at 0 → bucket roundToNextInterval(30000) = 32000
    const watcher = connect('w', 40_000);
    s.create('/e1', null, { mode: 'EPHEMERAL' });
    s.create('/e2', null, { mode: 'EPHEMERAL' });
    watcher.exists('/e1', { watch: true });
    take();
    clock.set(31_999);
    zk.tick();
    expect(s.state).toBe('SyncConnected');
    watcher.ping();
    clock.set(32_000);
    zk.tick();
    expect(s.state).toBe('Expired');
    expect(take()).toEqual(['w NodeDeleted /e1 SyncConnected', 's None null Expired']);
    expect(watcher.exists('/e2')).toBeNull();
    // Both ephemerals went in the one closeSession transaction.
    const root = watcher.exists('/')!;
    expect(root.pzxid).toBe(zk.lastZxid);
    expect(zkError(() => s.getData('/')).message).toBe('KeeperErrorCode = Session expired for /');
    expect(zkError(() => s.ping()).code).toBe(-112);
  });

  it('any request or ping moves the deadline; rounding is to the next multiple of tickTime', () => {
    const { zk, clock, connect } = setup();
    const s = connect('s', 4000);
    const info = () => [...zk.sessions()].find((i) => i.sessionId === s.sessionId)!;
    expect(info().expiresAt).toBe(6000);
    clock.set(1999);
    s.getChildren('/');
    expect(info().expiresAt).toBe(6000);
    clock.set(2000);
    s.ping();
    expect(info().expiresAt).toBe(8000);
    clock.set(7999);
    zk.tick();
    expect(s.state).toBe('SyncConnected');
    clock.set(8000);
    zk.tick();
    expect(s.state).toBe('Expired');
    expect(info()).toBeUndefined();
  });

  it('is decided before a late request, at the bucket time, without tick()', () => {
    const { zk, clock, connect, take } = setup();
    const s = connect('s', 4000);
    const other = connect('o', 40_000);
    s.create('/e', null, { mode: 'EPHEMERAL' });
    take();
    const txns: ZkEvent[] = [];
    zk.events$.subscribe((e) => e.kind === 'txn' && txns.push(e));
    clock.set(9000);
    expect(zkError(() => s.create('/late')).codeName).toBe('SessionExpired');
    expect(take()).toEqual(['s None null Expired']);
    expect(txns).toMatchObject([{ op: 'closeSession', time: 6000, sessionId: s.sessionId, paths: ['/e'] }]);
    expect(other.exists('/e')).toBeNull();
  });

  it("the expired session hears none of its own expiry's watch events", () => {
    const { zk, clock, connect, take } = setup();
    const s = connect('s', 4000);
    s.create('/mine', null, { mode: 'EPHEMERAL' });
    s.exists('/mine', { watch: true });
    connect('keepalive', 40_000);
    take();
    clock.set(6000);
    zk.tick();
    expect(take()).toEqual(['s None null Expired']);
  });

  it('after addAuth with an unknown scheme: AuthFailed, then the session expires unheard', () => {
    const { zk, clock, connect, take } = setup();
    const s = connect('s', 4000);
    const o = connect('o', 40_000);
    s.create('/e', null, { mode: 'EPHEMERAL' });
    take();
    s.addAuth('foo', 'bar');
    expect(s.state).toBe('AuthFailed');
    expect(take()).toEqual(['s None null AuthFailed']);
    expect(zkError(() => s.getData('/')).message).toBe('KeeperErrorCode = AuthFailed for /');
    s.close();
    s.addAuth('digest', 'a:b');
    expect(o.exists('/e')).not.toBeNull();
    clock.set(6000);
    zk.tick();
    expect(o.exists('/e')).toBeNull();
    expect(take()).toEqual([]);
  });
});

describe('ephemerals', () => {
  it('getEphemerals and close follow the HashSet clone order observed on ZooKeeper 3.8.0', () => {
    const { connect, watcher, take } = setup();
    const s1 = connect('s1');
    const s3 = connect('s3');
    const base = '/acl85444/e';
    s1.create('/acl85444');
    s1.create(base);
    for (let i = 0; i < 15; i++) s3.create(`${base}/n${i * 13}`, null, { mode: 'EPHEMERAL' });
    s3.create(`${base}/x`, null, { mode: 'EPHEMERAL' });
    s3.create(`${base}/y`, null, { mode: 'EPHEMERAL' });
    s3.delete(`${base}/n13`);
    const expected = ['n156', 'n52', 'n169', 'n91', 'n104', 'n117', 'y', 'x', 'n0', 'n26', 'n39', 'n182', 'n65', 'n130', 'n78', 'n143'].map((n) => `${base}/${n}`);
    expect(s3.getEphemerals()).toEqual(expected);
    expect(s3.getEphemerals(`${base}/n1`)).toEqual(['n156', 'n169', 'n104', 'n117', 'n182', 'n130', 'n143'].map((n) => `${base}/${n}`));
    s1.addWatch(base, 'PERSISTENT_RECURSIVE', watcher('REC'));
    take();
    s3.close();
    expect(take()).toEqual([...expected.map((p) => `REC NodeDeleted ${p} SyncConnected`), 's3 None null Closed']);
  });

  it('an ephemeral has the session as owner and cannot have children', () => {
    const { connect } = setup();
    const s = connect('s');
    s.create('/e', 'x', { mode: 'EPHEMERAL' });
    expect(s.exists('/e')!.ephemeralOwner).toBe(s.sessionId);
    expect(s.create('/q', null, { mode: 'EPHEMERAL_SEQUENTIAL' })).toBe('/q0000000001');
    expect(zkError(() => s.create('/e/c')).codeName).toBe('NoChildrenForEphemerals');
    expect(zkError(() => s.create('/e/c', null, { mode: 'EPHEMERAL' })).codeName).toBe('NoChildrenForEphemerals');
  });
});
