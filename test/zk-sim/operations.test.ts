import { describe, expect, it } from 'vitest';
import { Code, codeName, Ids, StatsTrack, validatePath, ZkError, type ZkEvent } from '../../src/zk-sim/index.js';
import { setup, text, zkError } from './helpers.js';

const pathError = (path: string, sequential = false) => {
  try {
    validatePath(path, sequential);
    return 'ok';
  } catch (e) {
    return (e as ZkError).message;
  }
};

describe('path validation (PathUtils.validatePath)', () => {
  it('gives ZooKeeper’s messages', () => {
    expect(pathError('')).toBe('Path length must be > 0');
    expect(pathError('a')).toBe('Path must start with / character');
    expect(pathError('/a/')).toBe('Path must not end with / character');
    expect(pathError('/')).toBe('ok');
    expect(pathError('/a//b')).toBe('Invalid path string "/a//b" caused by empty node name specified @3');
    expect(pathError('/a/./b')).toBe('Invalid path string "/a/./b" caused by relative paths not allowed @3');
    expect(pathError('/q1/../x')).toBe('Invalid path string "/q1/../x" caused by relative paths not allowed @5');
    expect(pathError('/.')).toBe('Invalid path string "/." caused by relative paths not allowed @1');
    expect(pathError('/..')).toBe('Invalid path string "/.." caused by relative paths not allowed @2');
    expect(pathError('/...')).toBe('ok');
    expect(pathError('/a.b/.c')).toBe('ok');
    expect(pathError('/a\u0000')).toBe('Invalid path string "/a\u0000" caused by null character not allowed @2');
    expect(pathError('/a\u0001')).toBe('Invalid path string "/a\u0001" caused by invalid character @2');
    expect(pathError('/a\u0085b')).toBe('Invalid path string "/a\u0085b" caused by invalid character @2');
    expect(pathError('/😀')).toBe('Invalid path string "/😀" caused by invalid character @1');
    expect(pathError('/é/ü')).toBe('ok');
  });

  it('sequential creates validate path + "1"', () => {
    expect(pathError('/a/', true)).toBe('ok');
    expect(pathError('/a//', true)).toBe('Invalid path string "/a//1" caused by empty node name specified @3');
    const { connect, zk } = setup();
    const s = connect('s');
    const z = zk.lastZxid;
    expect(s.create('/', null, { mode: 'PERSISTENT_SEQUENTIAL' })).toBe('/0000000000');
    expect(zkError(() => s.create('/x/')).kind).toBe('illegalArgument');
    expect(zk.lastZxid).toBe(z + 1);
  });
});

describe('a fresh tree', () => {
  it('has /, /zookeeper, /zookeeper/quota and /zookeeper/config with all-zero stats', () => {
    const { connect } = setup({ start: 123_456 });
    const s = connect('s');
    const zero = { czxid: 0, mzxid: 0, ctime: 0, mtime: 0, version: 0, aversion: 0, ephemeralOwner: 0n, dataLength: 0, pzxid: 0 };
    expect(s.exists('/')).toEqual({ ...zero, cversion: -1, numChildren: 1 });
    expect(s.exists('/zookeeper')).toEqual({ ...zero, cversion: -2, numChildren: 2 });
    expect(s.exists('/zookeeper/quota')).toEqual({ ...zero, cversion: 0, numChildren: 0 });
    expect(s.exists('/zookeeper/config')).toEqual({ ...zero, cversion: 0, numChildren: 0, aversion: -1 });
    expect(s.getData('/zookeeper/config')).toMatchObject({ dataIsNull: false, data: new Uint8Array(0) });
    expect(s.getACL('/').acl).toEqual(Ids.OPEN_ACL_UNSAFE);
    expect(s.getChildren('/zookeeper')).toEqual(['config', 'quota']);
  });
});

describe('create', () => {
  it('sets czxid = mzxid = pzxid and both times; the parent gains cversion and pzxid, not mtime or version', () => {
    const { zk, clock, connect } = setup({ start: 1000 });
    const s = connect('s');
    s.create('/p', 'parent');
    clock.set(2000);
    const { path, stat } = s.create2('/p/c', 'data');
    const z = zk.lastZxid;
    expect(path).toBe('/p/c');
    expect(stat).toEqual({ czxid: z, mzxid: z, ctime: 2000, mtime: 2000, version: 0, cversion: 0, aversion: 0, ephemeralOwner: 0n, dataLength: 4, numChildren: 0, pzxid: z });
    expect(s.exists('/p')).toEqual({ czxid: z - 1, mzxid: z - 1, ctime: 1000, mtime: 1000, version: 0, cversion: 1, aversion: 0, ephemeralOwner: 0n, dataLength: 6, numChildren: 1, pzxid: z });
  });

  it('numbers sequential nodes from the parent’s creation count, never reused', () => {
    const { connect } = setup();
    const s = connect('s');
    s.create('/q');
    s.create('/q/plain');
    expect(s.create('/q/n-', null, { mode: 'PERSISTENT_SEQUENTIAL' })).toBe('/q/n-0000000001');
    s.delete('/q/n-0000000001');
    s.delete('/q/plain');
    expect(s.create('/q/n-', null, { mode: 'EPHEMERAL_SEQUENTIAL' })).toBe('/q/n-0000000002');
    expect(s.create('/q/', null, { mode: 'PERSISTENT_SEQUENTIAL_WITH_TTL', ttl: 5 })).toBe('/q/0000000003');
    expect(s.exists('/q')).toMatchObject({ cversion: 6, numChildren: 2 });
  });

  it('stores null, empty, text and bytes data as given', () => {
    const { connect } = setup();
    const s = connect('s');
    s.create('/null');
    s.create('/empty', '');
    s.create('/text', 'héllo');
    const bytes = new Uint8Array([0, 255, 7]);
    s.create('/bytes', bytes);
    bytes[0] = 9;
    expect(s.getData('/null')).toMatchObject({ dataIsNull: true, data: new Uint8Array(0), stat: { dataLength: 0 } });
    expect(s.getData('/empty')).toMatchObject({ dataIsNull: false, stat: { dataLength: 0 } });
    expect(s.getData('/text')).toMatchObject({ stat: { dataLength: 6 } });
    expect(text(s.getData('/text').data)).toBe('héllo');
    const got = s.getData('/bytes').data;
    expect([...got]).toEqual([0, 255, 7]);
    got[1] = 1;
    expect([...s.getData('/bytes').data]).toEqual([0, 255, 7]);
  });

  it('refuses an unknown mode before sending', () => {
    const { connect } = setup();
    const s = connect('s');
    expect(zkError(() => s.create('/x', null, { mode: 'NOPE' as never })).kind).toBe('illegalArgument');
  });
});

describe('setData, delete, setACL', () => {
  it('setData bumps version, mzxid and mtime only', () => {
    const { zk, clock, connect } = setup();
    const s = connect('s');
    s.create('/n', 'a');
    s.create('/n/c');
    const before = s.exists('/n')!;
    clock.set(777);
    const after = s.setData('/n', 'bbb', 0);
    expect(after).toEqual({ ...before, mzxid: zk.lastZxid, mtime: 777, version: 1, dataLength: 3 });
  });

  it('delete moves the parent’s pzxid and client-visible cversion', () => {
    const { zk, connect } = setup();
    const s = connect('s');
    s.create('/n');
    s.create('/n/a');
    s.create('/n/b');
    s.delete('/n/a', 0);
    expect(s.exists('/n')).toMatchObject({ cversion: 3, numChildren: 1, pzxid: zk.lastZxid });
    expect(s.exists('/n/a')).toBeNull();
  });

  it('setACL bumps only aversion', () => {
    const { connect } = setup();
    const s = connect('s');
    s.create('/n', 'x');
    const before = s.exists('/n')!;
    expect(s.setACL('/n', Ids.READ_ACL_UNSAFE, 0)).toEqual({ ...before, aversion: 1 });
    expect(zkError(() => s.setACL('/n', [])).message).toBe('KeeperErrorCode = InvalidACL');
    expect(zkError(() => s.setACL('/n', Ids.OPEN_ACL_UNSAFE)).codeName).toBe('NoAuth');
  });
});

describe('reads', () => {
  it('getChildren2, getAllChildrenNumber, sync', () => {
    const { connect } = setup();
    const s = connect('s');
    s.create('/a');
    s.create('/a/b');
    s.create('/a/b/c');
    const { children, stat } = s.getChildren2('/a');
    expect(children).toEqual(['b']);
    expect(stat.numChildren).toBe(1);
    expect(s.getAllChildrenNumber('/a')).toBe(2);
    expect(s.getAllChildrenNumber('/')).toBe(6);
    expect(s.sync('/a')).toBe('/a');
    expect(zkError(() => s.sync('a')).kind).toBe('illegalArgument');
  });

  it('return children in ZooKeeper’s HashSet order', () => {
    const { connect } = setup();
    const s = connect('s');
    s.create('/h');
    for (let i = 0; i < 40; i++) s.create(`/h/c${i * 37}`);
    for (let i = 0; i < 40; i += 3) s.delete(`/h/c${i * 37}`);
    expect(s.getChildren('/h').slice(0, 6)).toEqual(['c74', 'c1369', 'c37', 'c185', 'c1406', 'c481']);
  });
});

describe('multi', () => {
  it('later ops see earlier ones; sequential numbers roll back with a failed multi', () => {
    const { zk, connect } = setup();
    const s = connect('s');
    const res = s.multi([
      { op: 'create', path: '/m', data: 'x' },
      { op: 'create', path: '/m/e', mode: 'EPHEMERAL' },
      { op: 'create', path: '/m/t', mode: 'PERSISTENT_WITH_TTL', ttl: 100 },
      { op: 'setData', path: '/m/e', data: 'y', version: 0 },
      { op: 'setData', path: '/m/e', data: 'zz', version: 1 },
    ]);
    expect(res[3]).toMatchObject({ op: 'setData', stat: { version: 1, dataLength: 1 } });
    expect(res[4]).toMatchObject({ op: 'setData', stat: { version: 2, dataLength: 2 } });
    expect(res[0]).toMatchObject({ op: 'create', path: '/m', stat: { numChildren: 0 } });
    expect(s.getEphemerals()).toEqual(['/m/e']);
    const z = zk.lastZxid;
    const err = zkError(() => s.multi([{ op: 'create', path: '/m/s', mode: 'PERSISTENT_SEQUENTIAL' }, { op: 'delete', path: '/m', version: 5 }]));
    expect([err.codeName, err.results, err.path]).toEqual(['BadVersion', [0, -103], '/m']);
    expect(zk.lastZxid).toBe(z + 1);
    expect(s.create('/m/s', null, { mode: 'PERSISTENT_SEQUENTIAL' })).toBe('/m/s0000000002');
  });

  it('reports the first failure in op order, with errors for ACLs, ephemeral parents and missing nodes', () => {
    const { connect } = setup();
    const s = connect('s');
    s.create('/e', null, { mode: 'EPHEMERAL' });
    expect(zkError(() => s.multi([{ op: 'create', path: '/e/x' }])).results).toEqual([-108]);
    expect(zkError(() => s.multi([{ op: 'create', path: '/a', acl: [] }])).results).toEqual([-114]);
    expect(zkError(() => s.multi([{ op: 'check', path: '/zookeeper/config' }, { op: 'setData', path: '/zookeeper/config', data: 'x' }])).results).toEqual([0, -102]);
    expect(zkError(() => s.multi([{ op: 'delete', path: '/e' }, { op: 'check', path: '/e' }])).results).toEqual([0, -101]);
    expect(zkError(() => s.multi([{ op: 'nope' } as never])).kind).toBe('illegalArgument');
  });
});

describe('quotas (DataTree.pTrie, zookeeper_stats)', () => {
  it('prints and parses StatsTrack as Java does', () => {
    const t = new StatsTrack();
    t.count = 2n;
    expect(t.toString()).toBe('count=2,bytes=-1');
    t.countHardLimit = 3n;
    t.byteHardLimit = -1n;
    expect(t.toString()).toBe('count=2,bytes=-1=;byteHardLimit=-1;countHardLimit=3');
    const back = StatsTrack.parse(t.toString());
    expect([back.count, back.bytes, back.countHardLimit, back.byteHardLimit]).toEqual([2n, -1n, 3n, -1n]);
    expect(() => StatsTrack.parse('garbage')).toThrow('Index 1 out of bounds for length 1');
  });

  it('counts the quota subtree when the stats node is created, then follows creates, sets and deletes in place', () => {
    const { connect } = setup();
    const s = connect('s');
    s.create('/q', 'ab');
    s.create('/q/a', '12345');
    s.create('/qq', 'not below /q');
    s.create('/zookeeper/quota/q');
    s.create('/zookeeper/quota/q/zookeeper_limits', 'count=2,bytes=-1');
    s.create('/zookeeper/quota/q/zookeeper_stats', 'count=0,bytes=0');
    const stats = () => text(s.getData('/zookeeper/quota/q/zookeeper_stats').data);
    expect(stats()).toBe('count=2,bytes=7');
    const before = s.exists('/zookeeper/quota/q/zookeeper_stats')!;
    s.create('/q/b');
    s.create('/q/a/c', 'xyz');
    s.setData('/q/a', '1');
    s.create('/qq/x', 'ignored');
    expect(stats()).toBe('count=4,bytes=6');
    const e = connect('e');
    e.create('/q/e', 'eph', { mode: 'EPHEMERAL' });
    expect(stats()).toBe('count=5,bytes=9');
    e.close();
    s.delete('/q/a/c');
    expect(stats()).toBe('count=3,bytes=3');
    // Rewritten in place: no zxid, no version, only the length moves.
    const after = s.exists('/zookeeper/quota/q/zookeeper_stats')!;
    expect({ ...after, dataLength: 0 }).toEqual({ ...before, dataLength: 0 });
    // Without its limits node, the path has no quota any more.
    s.delete('/zookeeper/quota/q/zookeeper_limits');
    s.create('/q/z');
    expect(stats()).toBe('count=3,bytes=3');
  });
});

describe('reconfig', () => {
  it('is refused by a standalone server, as an error transaction', () => {
    const { connect, zk } = setup();
    const s = connect('s');
    const z = zk.lastZxid;
    const e = zkError(() => s.reconfig());
    expect([e.code, e.message]).toEqual([Code.ReconfigDisabled, 'KeeperErrorCode = Reconfig is disabled']);
    expect(zk.lastZxid).toBe(z + 1);
  });
});

describe('errors', () => {
  it('carry code, name and message', () => {
    expect(codeName(-101)).toBe('NoNode');
    expect(Code.RuntimeInconsistency).toBe(-2);
    const e = new ZkError(Code.NotEmpty, { path: '/x' });
    expect([e.code, e.codeName, e.path, e.message, e.kind]).toEqual([-111, 'NotEmpty', '/x', 'KeeperErrorCode = Directory not empty for /x', 'keeper']);
    expect(e).toBeInstanceOf(Error);
  });
});

describe('events$ and inspection', () => {
  it('streams every transaction with its zxid, session changes and watch deliveries', () => {
    const { zk, clock, connect } = setup();
    const events: ZkEvent[] = [];
    zk.events$.subscribe((e) => events.push(e));
    const s = connect('s');
    s.exists('/x', { watch: true });
    clock.set(10);
    s.create('/x', 'v');
    expect(() => s.create('/x')).toThrow();
    s.multi([{ op: 'setData', path: '/x', data: 'w' }]);
    expect(events).toEqual([
      { kind: 'txn', zxid: 1, time: 0, sessionId: s.sessionId, op: 'createSession', err: 0 },
      { kind: 'session', time: 0, sessionId: s.sessionId, state: 'SyncConnected', timeout: 30000 },
      { kind: 'txn', zxid: 2, time: 10, sessionId: s.sessionId, op: 'create', path: '/x', err: 0 },
      { kind: 'watch', zxid: 2, time: 10, sessionId: s.sessionId, event: { type: 'NodeCreated', state: 'SyncConnected', path: '/x' }, watchers: 1 },
      { kind: 'txn', zxid: 3, time: 10, sessionId: s.sessionId, op: 'create', path: '/x', err: -110 },
      { kind: 'txn', zxid: 4, time: 10, sessionId: s.sessionId, op: 'multi', err: 0, ops: [{ op: 'setData', path: '/x', err: 0 }] },
    ]);
  });

  it('offers a live read-only view of nodes, sessions and watches', () => {
    const { zk, connect } = setup();
    const s = connect('s');
    s.create('/a', 'x');
    s.create('/a/e', null, { mode: 'EPHEMERAL' });
    s.getChildren('/a', { watch: true });
    const a = zk.node('/a')!;
    expect([a.kind, a.childCount, [...a.children()], a.stat().numChildren]).toEqual(['persistent', 1, ['e'], 1]);
    expect(zk.node('/a/e')!.kind).toBe('ephemeral');
    expect(zk.node('/nope')).toBeUndefined();
    expect([...zk.walk()]).toEqual(['/', '/a', '/a/e', '/zookeeper', '/zookeeper/config', '/zookeeper/quota']);
    expect(zk.nodeCount).toBe(6);
    expect([...zk.sessions()]).toEqual([{ sessionId: s.sessionId, timeout: 30000, state: 'SyncConnected', expiresAt: 32000, ephemerals: 1, authIds: [{ scheme: 'ip', id: '127.0.0.1' }] }]);
    expect([...zk.watches()]).toEqual([{ path: '/a', sessionId: s.sessionId, table: 'child', mode: 'standard' }]);
    s.setData('/a', 'yy');
    expect(a.data).toEqual(new TextEncoder().encode('yy'));
  });
});
