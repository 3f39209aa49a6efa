import { describe, expect, it } from 'vitest';
import { Ids } from '../../src/zk-sim/index.js';
import { setup, text, zkError } from './helpers.js';

/**
 * One long sequence first run through the Java client against a real ZooKeeper 3.8.0 (Debian 12),
 * replayed here. Every zxid is relative to the first create, so the increments (failed requests,
 * session events, multi) must match exactly, and so must the stats and errors.
 */
describe('replay of a Java-client session against ZooKeeper 3.8.0', () => {
  it('zxids, stats and errors match the real server', () => {
    const { zk, connect } = setup({ start: 5_000 });
    const s1 = connect('s1', 1000);
    const s2 = connect('s2', 100_000);
    const s3 = connect('s3', 3999);
    expect([s1.timeout, s2.timeout, s3.timeout]).toEqual([4000, 40000, 4000]);
    expect(s2.sessionId).toBe(s1.sessionId + 1n);
    expect(s3.sessionId).toBe(s1.sessionId + 2n);
    expect(zk.lastZxid).toBe(3);

    expect(s1.create('/p', 'hi')).toBe('/p');
    const Z = zk.lastZxid;
    expect(s1.exists('/p')).toEqual({ czxid: Z, mzxid: Z, ctime: 5000, mtime: 5000, version: 0, cversion: 0, aversion: 0, ephemeralOwner: 0n, dataLength: 2, numChildren: 0, pzxid: Z });
    expect(zkError(() => s1.create('/p')).message).toBe('KeeperErrorCode = NodeExists for /p');
    expect(zkError(() => s1.create('/nope/x')).message).toBe('KeeperErrorCode = NoNode for /nope/x');
    const bad = zkError(() => s1.create('nop'));
    expect([bad.kind, bad.message]).toEqual(['illegalArgument', 'Path must start with / character']);
    expect(zkError(() => s1.create('/p/')).message).toBe('Path must not end with / character');
    expect(s1.create('/p/', null, { mode: 'PERSISTENT_SEQUENTIAL' })).toBe('/p/0000000000');
    expect(text(s1.getData('/p').data)).toBe('hi');
    s1.sync('/p');
    s1.sync('/missing');
    expect(zk.lastZxid).toBe(Z + 3);

    expect(zkError(() => s1.setData('/p', 'x', 5)).codeName).toBe('BadVersion');
    expect(zkError(() => s1.setData('/nope', 'x')).codeName).toBe('NoNode');
    expect(s1.setData('/p', 'xyz', 0)).toMatchObject({ czxid: Z, mzxid: Z + 6, pzxid: Z + 3, version: 1, cversion: 1, aversion: 0, dataLength: 3, numChildren: 1 });
    expect(s1.setData('/p', null)).toMatchObject({ mzxid: Z + 7, pzxid: Z + 3, version: 2, cversion: 1, dataLength: 0 });
    expect(zkError(() => s1.delete('/nope')).codeName).toBe('NoNode');
    for (const p of ['/', '/zookeeper', '/zookeeper/quota', '/zookeeper/config']) {
      const e = zkError(() => s1.delete(p));
      expect([e.code, e.message]).toEqual([-8, `KeeperErrorCode = BadArguments for ${p}`]);
    }
    expect(zk.lastZxid).toBe(Z + 12);

    s1.create('/zookeeper/x');
    s1.delete('/zookeeper/x');
    expect(zkError(() => s1.setData('/zookeeper/config', 'x')).message).toBe('KeeperErrorCode = NoAuth for /zookeeper/config');
    expect(s1.setData('/zookeeper', 'x')).toEqual({ czxid: 0, mzxid: Z + 16, ctime: 0, mtime: 5000, version: 1, cversion: 0, aversion: 0, ephemeralOwner: 0n, dataLength: 1, numChildren: 2, pzxid: Z + 14 });
    expect(s1.setData('/zookeeper', new Uint8Array(0))).toMatchObject({ mzxid: Z + 17, version: 2, dataLength: 0 });

    s1.create('/p/c');
    expect(zkError(() => s1.delete('/p', 7)).codeName).toBe('BadVersion');
    expect(zkError(() => s1.delete('/p')).message).toBe('KeeperErrorCode = Directory not empty for /p');
    expect(zkError(() => s1.delete('/nope/x', 3)).codeName).toBe('NoNode');
    expect(zk.lastZxid).toBe(Z + 21);

    expect(s1.create('/p/s', null, { mode: 'PERSISTENT_SEQUENTIAL' })).toBe('/p/s0000000002');
    s1.delete('/p/c');
    expect(s1.exists('/p')).toMatchObject({ mzxid: Z + 7, pzxid: Z + 23, version: 2, cversion: 4, numChildren: 2 });
    expect(s1.create('/p/s', null, { mode: 'PERSISTENT_SEQUENTIAL' })).toBe('/p/s0000000003');
    expect(s1.create('/p/e', null, { mode: 'EPHEMERAL' })).toBe('/p/e');
    expect(zkError(() => s1.create('/p/e/x')).message).toBe('KeeperErrorCode = NoChildrenForEphemerals for /p/e/x');
    expect(zkError(() => s1.create('/p/e')).codeName).toBe('NodeExists');
    expect(s1.exists('/p')).toMatchObject({ pzxid: Z + 25, cversion: 6, numChildren: 4 });

    const ok = s1.multi([
      { op: 'create', path: '/m', data: 'd' },
      { op: 'create', path: '/m/a', mode: 'PERSISTENT_SEQUENTIAL' },
      { op: 'create', path: '/m/a', mode: 'PERSISTENT_SEQUENTIAL' },
      { op: 'setData', path: '/m', data: 'e', version: 0 },
      { op: 'check', path: '/m', version: 1 },
      { op: 'delete', path: '/m/a0000000000', version: 0 },
    ]);
    expect(ok.map((r) => (r.op === 'create' ? r.path : r.op))).toEqual(['/m', '/m/a0000000000', '/m/a0000000001', 'setData', 'check', 'delete']);
    expect(ok[3]).toEqual({ op: 'setData', stat: expect.objectContaining({ czxid: Z + 28, mzxid: Z + 28, pzxid: Z + 28, version: 1, cversion: 2, dataLength: 1, numChildren: 2 }) });
    expect(zk.lastZxid).toBe(Z + 28);

    const failed = zkError(() =>
      s1.multi([{ op: 'create', path: '/m2' }, { op: 'check', path: '/m', version: 0 }, { op: 'create', path: '/m3' }, { op: 'delete', path: '/zzz' }]),
    );
    expect([failed.code, failed.message, failed.results, failed.path]).toEqual([-103, 'KeeperErrorCode = BadVersion', [0, -103, -2, -2], '/m']);
    expect(s1.exists('/m2')).toBeNull();
    expect(s1.multi([])).toEqual([]);
    expect(zkError(() => s1.multi([{ op: 'create', path: '/m4' }, { op: 'delete', path: 'bad' }])).message).toBe('Path must start with / character');
    expect(zk.lastZxid).toBe(Z + 29);
    expect(s1.multi([{ op: 'check', path: '/m', version: 1 }])).toEqual([{ op: 'check' }]);
    const seqFail = zkError(() =>
      s1.multi([{ op: 'create', path: '/m/q', mode: 'PERSISTENT_SEQUENTIAL' }, { op: 'create', path: '/m/q' }, { op: 'create', path: '/m/q' }]),
    );
    expect(seqFail.results).toEqual([0, 0, -110]);
    expect(s1.exists('/m')).toMatchObject({ czxid: Z + 28, pzxid: Z + 28, cversion: 3, numChildren: 1 });
    expect(s1.create('/m/q', null, { mode: 'PERSISTENT_SEQUENTIAL' })).toBe('/m/q0000000002');
    expect(zkError(() => s1.multi([{ op: 'delete', path: '/m/q' }, { op: 'create', path: '/m/q' }])).results).toEqual([-101, -2]);
    expect(new Set(s1.getChildren('/m'))).toEqual(new Set(['a0000000001', 'q0000000002']));
    expect(s1.exists('/m')).toMatchObject({ pzxid: Z + 32, cversion: 4, numChildren: 2 });
    expect(s1.setACL('/m', Ids.OPEN_ACL_UNSAFE)).toMatchObject({ mzxid: Z + 28, pzxid: Z + 32, version: 1, cversion: 4, aversion: 1 });
    expect(zkError(() => s1.setACL('/m', Ids.OPEN_ACL_UNSAFE, 0)).codeName).toBe('BadVersion');
    expect(zk.lastZxid).toBe(Z + 35);

    expect(s1.getAllChildrenNumber('/')).toBe(11);
    expect(s1.getAllChildrenNumber('/m')).toBe(2);
    expect(zkError(() => s1.getAllChildrenNumber('/nope')).codeName).toBe('NoNode');
    expect(s1.getEphemerals('/')).toEqual(['/p/e']);
    expect(s1.getEphemerals('/p/e')).toEqual(['/p/e']);
    expect(zkError(() => s1.getEphemerals('nope')).message).toBe('Path must start with / character');
    expect(zkError(() => s1.create('/t0', null, { mode: 'PERSISTENT_WITH_TTL', ttl: 0 })).message).toBe('ttl must be positive and cannot be larger than: 1099511627775');
    expect(zkError(() => s1.create('/t0', null, { ttl: 100 })).message).toBe('ttl not valid for mode: PERSISTENT');
    expect(s1.create('/t1', null, { mode: 'PERSISTENT_WITH_TTL', ttl: 100_000 })).toBe('/t1');
    expect(s1.exists('/t1')).toMatchObject({ czxid: Z + 36, ephemeralOwner: 0n });
    const emptyAcl = zkError(() => s1.create('/a0', null, { acl: [] }));
    expect([emptyAcl.codeName, emptyAcl.path, emptyAcl.message]).toEqual(['InvalidACL', undefined, 'KeeperErrorCode = InvalidACL']);
    expect(zkError(() => s1.create('/a0', null, { acl: Ids.CREATOR_ALL_ACL })).message).toBe('KeeperErrorCode = InvalidACL for /a0');
    expect(zk.lastZxid).toBe(Z + 37);

    s2.close();
    expect(zk.lastZxid).toBe(Z + 38);
    const s4 = connect('s4', 4000);
    expect(s4.sessionId).toBe(s3.sessionId + 1n);
    expect(zk.lastZxid).toBe(Z + 39);
  });
});
