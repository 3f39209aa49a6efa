import { describe, expect, it } from 'vitest';
import { setup, zkError } from './helpers.js';

const sorted = (xs: string[]) => [...xs].sort();

/**
 * The scenarios were first run with the Java client against ZooKeeper 3.8.0; the expected events
 * are what it delivered. Where one event reaches several callbacks of a session, Java runs them in
 * HashSet order (by identity hash, so arbitrary); those steps compare as sets.
 */
describe('standard watches', () => {
  it('exists on a missing node fires NodeCreated', () => {
    const { connect, take } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    take();
    expect(s1.exists('/a', { watch: true })).toBeNull();
    s2.create('/a');
    expect(take()).toEqual(['s1 NodeCreated /a SyncConnected']);
    s2.delete('/a');
    expect(take()).toEqual([]);
  });

  it('delete fires NodeDeleted once per session (data, exists and child watches), then the parent hears NodeChildrenChanged', () => {
    const { connect, take } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    s2.create('/w');
    s2.create('/w/a');
    take();
    s1.getData('/w/a', { watch: true });
    s1.getChildren('/w/a', { watch: true });
    s1.exists('/w/a', { watch: true });
    s1.getChildren('/w', { watch: true });
    s2.delete('/w/a');
    expect(take()).toEqual(['s1 NodeDeleted /w/a SyncConnected', 's1 NodeChildrenChanged /w SyncConnected']);
  });

  it('setData fires data and exists watches once; every distinct callback runs', () => {
    const { connect, watcher, take } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    s2.create('/b');
    take();
    const a1 = watcher('A');
    s1.getData('/b', { watch: a1 });
    s1.getData('/b', { watch: a1 });
    s1.exists('/b', { watch: watcher('B') });
    s1.getData('/b', { watch: watcher('A') });
    s2.setData('/b', '1');
    expect(sorted(take())).toEqual(['A NodeDataChanged /b SyncConnected', 'A NodeDataChanged /b SyncConnected', 'B NodeDataChanged /b SyncConnected']);
    s2.setData('/b', '2');
    expect(take()).toEqual([]);
  });

  it('child watches hear child creation and deletion, not data changes', () => {
    const { connect, watcher, take } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    s2.create('/b');
    take();
    s1.getChildren('/b', { watch: watcher('C') });
    s2.create('/b/c');
    expect(take()).toEqual(['C NodeChildrenChanged /b SyncConnected']);
    s1.getChildren('/b', { watch: watcher('C2') });
    s2.setData('/b/c', 'x');
    s2.setData('/b', 'x');
    expect(take()).toEqual([]);
    s2.delete('/b/c');
    expect(take()).toEqual(['C2 NodeChildrenChanged /b SyncConnected']);
  });

  it('getData and getChildren on a missing node set no watch; exists does', () => {
    const { zk, connect, take } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    take();
    expect(zkError(() => s1.getData('/x', { watch: true })).codeName).toBe('NoNode');
    expect(zkError(() => s1.getChildren('/x', { watch: true })).codeName).toBe('NoNode');
    expect([...zk.watches()]).toEqual([]);
    s1.exists('/x', { watch: true });
    expect([...zk.watches()]).toEqual([{ path: '/x', sessionId: s1.sessionId, table: 'data', mode: 'standard' }]);
    s2.create('/x');
    s2.create('/x/y');
    expect(take()).toEqual(['s1 NodeCreated /x SyncConnected']);
  });

  it('watch=true without a default watcher still registers on the server but runs nothing', () => {
    const { zk } = setup();
    const s1 = zk.connect();
    const s2 = zk.connect();
    s1.exists('/q', { watch: true });
    expect([...zk.watches()]).toHaveLength(1);
    s2.create('/q');
    expect([...zk.watches()]).toHaveLength(0);
  });

  it('a watch registered by a callback is not consumed by the event that ran it', () => {
    const { connect, take, log } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    s2.create('/n', '0');
    const again = () => {
      log.push('again');
      s1.getData('/n', { watch: again });
    };
    s1.getData('/n', { watch: again });
    take();
    s2.setData('/n', '1');
    s2.setData('/n', '2');
    expect(take()).toEqual(['again', 'again']);
  });
});

describe('persistent and recursive watches (addWatch)', () => {
  it('PERSISTENT hears the node and its children list, never a child data change', () => {
    const { connect, watcher, take } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    s2.create('/b');
    s1.addWatch('/b', 'PERSISTENT', watcher('P'));
    take();
    s2.create('/b/d');
    s2.setData('/b', 'y');
    s2.setData('/b/d', 'y');
    s2.delete('/b/d');
    s2.setData('/b', 'z');
    expect(take()).toEqual([
      'P NodeChildrenChanged /b SyncConnected',
      'P NodeDataChanged /b SyncConnected',
      'P NodeChildrenChanged /b SyncConnected',
      'P NodeDataChanged /b SyncConnected',
    ]);
  });

  it('PERSISTENT_RECURSIVE covers the subtree, before it exists, without NodeChildrenChanged', () => {
    const { connect, watcher, take } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    s1.addWatch('/r', 'PERSISTENT_RECURSIVE', watcher('RR'));
    take();
    s2.create('/r');
    s2.create('/r/a');
    s2.create('/r/a/b');
    s2.setData('/r/a/b', 'q');
    s2.delete('/r/a/b');
    s2.create('/other');
    expect(take()).toEqual([
      'RR NodeCreated /r SyncConnected',
      'RR NodeCreated /r/a SyncConnected',
      'RR NodeCreated /r/a/b SyncConnected',
      'RR NodeDataChanged /r/a/b SyncConnected',
      'RR NodeDeleted /r/a/b SyncConnected',
    ]);
  });

  it('3.8.0: a recursive watcher hears NodeChildrenChanged when its session also has a child watch there', () => {
    const { connect, watcher, take } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    s1.addWatch('/r', 'PERSISTENT_RECURSIVE', watcher('RR'));
    s2.create('/r');
    s2.create('/r/a');
    take();
    s1.getChildren('/r/a', { watch: watcher('CH') });
    s2.create('/r/a/z');
    const got = take();
    expect(got[0]).toBe('RR NodeCreated /r/a/z SyncConnected');
    expect(sorted(got.slice(1))).toEqual(['CH NodeChildrenChanged /r/a SyncConnected', 'RR NodeChildrenChanged /r/a SyncConnected']);
  });

  it('3.8.0: a one-shot watch on a persistent watch path turns the server side into a one-shot', () => {
    const { zk, connect, watcher, take } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    s1.addWatch('/o', 'PERSISTENT', watcher('PO'));
    s2.create('/o');
    expect(take()).toEqual(['s1 None null SyncConnected', 's2 None null SyncConnected', 'PO NodeCreated /o SyncConnected']);
    s1.getData('/o', { watch: watcher('GD') });
    s2.setData('/o', '1');
    expect(sorted(take())).toEqual(['GD NodeDataChanged /o SyncConnected', 'PO NodeDataChanged /o SyncConnected']);
    s2.setData('/o', '2');
    expect(take()).toEqual([]);
    s2.create('/o/k');
    expect(take()).toEqual(['PO NodeChildrenChanged /o SyncConnected']);
    expect([...zk.watches()].map((w) => `${w.table} ${w.path} ${w.mode}`)).toEqual(['child /o persistent']);
  });

  it('3.8.0: a recursive addWatch silences a standard child watch the session had on that path', () => {
    const { connect, watcher, take } = setup();
    const s1 = connect('s1');
    const s3 = connect('s3');
    s1.create('/eph');
    s3.create('/eph/e', null, { mode: 'EPHEMERAL' });
    s1.getChildren('/eph', { watch: watcher('EC') });
    s1.addWatch('/eph', 'PERSISTENT_RECURSIVE', watcher('ER'));
    take();
    s3.close();
    expect(take()).toEqual(['ER NodeDeleted /eph/e SyncConnected', 's3 None null Closed']);
  });
});

describe('removeWatches', () => {
  it('removes one callback or all, tells them, and says NoWatcher when nothing matched', () => {
    const { connect, watcher, take } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    s2.create('/x');
    const X = watcher('X');
    const Y = watcher('Y');
    s1.getData('/x', { watch: X });
    s1.getChildren('/x', { watch: X });
    s1.exists('/x', { watch: Y });
    take();
    s1.removeWatches('/x', 'Data', X);
    expect(take()).toEqual(['X DataWatchRemoved /x SyncConnected']);
    expect(zkError(() => s1.removeWatches('/x', 'Data', X)).message).toBe('KeeperErrorCode = No such watcher for /x');
    expect(zkError(() => s1.removeWatches('/x', 'Children', Y)).code).toBe(-121);
    s1.removeWatches('/x', 'Any');
    expect(take()).toEqual(['X ChildWatchRemoved /x SyncConnected', 'Y DataWatchRemoved /x SyncConnected']);
    expect(zkError(() => s1.removeWatches('/x', 'Any')).codeName).toBe('NoWatcher');
    expect(zkError(() => s1.removeWatches('/nonode', 'Any')).codeName).toBe('NoWatcher');
    s2.setData('/x', 'v');
    expect(take()).toEqual([]);
  });

  it('3.8.0: Children does not remove a persistent watch, but the server drops its child half', () => {
    const { connect, watcher, take } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    s2.create('/x');
    s1.addWatch('/x', 'PERSISTENT', watcher('PX'));
    take();
    expect(zkError(() => s1.removeWatches('/x', 'Children')).codeName).toBe('NoWatcher');
    s2.create('/x/1');
    s2.setData('/x', '1');
    expect(take()).toEqual(['PX NodeDataChanged /x SyncConnected']);
    s1.removeWatches('/x', 'Any');
    s2.setData('/x', '2');
    expect(take()).toEqual(['PX PersistentWatchRemoved /x SyncConnected']);
  });

  it("3.9's Persistent and PersistentRecursive types remove only that kind", () => {
    const { connect, watcher, take } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    const P = watcher('P');
    const R = watcher('R');
    s1.addWatch('/y', 'PERSISTENT', P);
    s1.addWatch('/z', 'PERSISTENT_RECURSIVE', R);
    take();
    expect(zkError(() => s1.removeWatches('/y', 'PersistentRecursive')).codeName).toBe('NoWatcher');
    s1.removeWatches('/y', 'Persistent', P);
    s1.removeWatches('/z', 'PersistentRecursive');
    expect(take()).toEqual(['P PersistentWatchRemoved /y SyncConnected', 'R PersistentWatchRemoved /z SyncConnected']);
    s2.create('/z');
    expect(take()).toEqual([]);
  });
});

describe('watches and sessions', () => {
  it('closing a session deletes its ephemerals; watchers hear it, the parent child watch included', () => {
    const { connect, watcher, take } = setup();
    const s1 = connect('s1');
    const s3 = connect('s3');
    s1.create('/v');
    s3.create('/v/f', null, { mode: 'EPHEMERAL' });
    s1.getChildren('/v', { watch: watcher('EC') });
    s1.exists('/v/f', { watch: watcher('F') });
    take();
    s3.close();
    expect(take()).toEqual(['F NodeDeleted /v/f SyncConnected', 'EC NodeChildrenChanged /v SyncConnected', 's3 None null Closed']);
  });

  it('a multi delivers its events in op order, all under its zxid; a failed multi delivers none', () => {
    const { zk, connect, watcher, take } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    s1.create('/eph');
    s1.addWatch('/eph', 'PERSISTENT_RECURSIVE', watcher('ER'));
    s1.getChildren('/eph', { watch: watcher('MC') });
    s1.exists('/eph/m1', { watch: watcher('M1') });
    take();
    const zxids: (number | null)[] = [];
    const sub = zk.events$.subscribe((e) => {
      if (e.kind === 'watch') zxids.push(e.zxid);
    });
    s2.multi([{ op: 'create', path: '/eph/m1' }, { op: 'setData', path: '/eph/m1', data: 'v' }, { op: 'delete', path: '/eph/m1' }]);
    const got = take();
    expect(sorted(got.slice(0, 2))).toEqual(['ER NodeCreated /eph/m1 SyncConnected', 'M1 NodeCreated /eph/m1 SyncConnected']);
    expect(sorted(got.slice(2, 4))).toEqual(['ER NodeChildrenChanged /eph SyncConnected', 'MC NodeChildrenChanged /eph SyncConnected']);
    expect(got.slice(4)).toEqual(['ER NodeDataChanged /eph/m1 SyncConnected', 'ER NodeDeleted /eph/m1 SyncConnected']);
    expect(new Set(zxids)).toEqual(new Set([zk.lastZxid]));
    s1.exists('/eph/m2', { watch: watcher('M2') });
    expect(zkError(() => s2.multi([{ op: 'create', path: '/eph/m2' }, { op: 'check', path: '/eph', version: 99 }])).codeName).toBe('BadVersion');
    expect(take()).toEqual([]);
    s1.close();
    expect(sorted(take())).toEqual(['ER None null Closed', 'M2 None null Closed', 's1 None null Closed']);
    sub.unsubscribe();
  });

  it('a throwing watcher is reported on events$ and the others still run', () => {
    const { zk, connect, take, log } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    s2.create('/t');
    const errors: unknown[] = [];
    zk.events$.subscribe((e) => e.kind === 'watcherError' && errors.push(e.error));
    s1.getData('/t', {
      watch: () => {
        throw new Error('boom');
      },
    });
    s1.exists('/t', { watch: () => log.push('second') });
    take();
    expect(() => s2.setData('/t', 'x')).not.toThrow();
    expect(take()).toEqual(['second']);
    expect(String(errors[0])).toBe('Error: boom');
    expect(s2.getData('/t').stat.version).toBe(1);
  });

  it('callbacks see the event before the writer returns, and a write from a callback keeps zxid order', () => {
    const { zk, connect, log } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    const s3 = connect('s3');
    s2.create('/a');
    s2.create('/b');
    s1.getData('/a', {
      watch: (e) => {
        log.push(`s1 ${e.path}`);
        s1.setData('/b', 'from-callback');
      },
    });
    s3.getData('/a', { watch: (e) => log.push(`s3 ${e.path}`) });
    s3.getData('/b', { watch: (e) => log.push(`s3 ${e.path}`) });
    log.length = 0;
    const order: string[] = [];
    zk.events$.subscribe((e) => e.kind === 'txn' && order.push(`${e.zxid} ${e.op} ${e.path}`));
    s2.setData('/a', 'x');
    expect(log).toEqual(['s1 /a', 's3 /a', 's3 /b']);
    expect(order).toEqual([`${zk.lastZxid - 1} setData /a`, `${zk.lastZxid} setData /b`]);
  });
});
