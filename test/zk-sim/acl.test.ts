import { describe, expect, it } from 'vitest';
import { generateDigest, Ids, Perms, type ACL } from '../../src/zk-sim/index.js';
import { setup, text, zkError } from './helpers.js';

const BOB = 'bob:fyVmFCwVbTJYrznoSu1koqYEYF0=';
const bobOnly: ACL[] = [{ perms: Perms.ALL, id: { scheme: 'digest', id: BOB } }];

// Checked against ZooKeeper 3.8.0 with the Java client.
describe('ACLs', () => {
  it('digest ids are user:base64(sha1(user:password))', () => {
    expect(generateDigest('bob:secret')).toBe(BOB);
    expect(generateDigest('a:b:c')).toBe('a:cLzgnoJ6mP5qz3w+mwvPE2vDgu0=');
    expect(generateDigest('alice:pw')).toBe('alice:V55/p2T0OpjQ+low3NVAH4aLvm0=');
  });

  it('NoAuth, in the order the server checks; exists needs no permission', () => {
    const { zk, connect } = setup();
    const s1 = connect('s1');
    s1.create('/sec', 'd', { acl: bobOnly });
    const z = zk.lastZxid;
    const noAuth = (fn: () => unknown) => zkError(fn).message;
    expect(noAuth(() => s1.getData('/sec'))).toBe('KeeperErrorCode = NoAuth for /sec');
    expect(s1.exists('/sec')).not.toBeNull();
    expect(noAuth(() => s1.getACL('/sec'))).toBe('KeeperErrorCode = NoAuth for /sec');
    expect(noAuth(() => s1.getChildren('/sec'))).toBe('KeeperErrorCode = NoAuth for /sec');
    expect(noAuth(() => s1.getAllChildrenNumber('/sec'))).toBe('KeeperErrorCode = NoAuth for /sec');
    expect(noAuth(() => s1.create('/sec/x'))).toBe('KeeperErrorCode = NoAuth for /sec/x');
    expect(noAuth(() => s1.setData('/sec', null))).toBe('KeeperErrorCode = NoAuth for /sec');
    expect(noAuth(() => s1.setData('/sec', null, 99))).toBe('KeeperErrorCode = NoAuth for /sec');
    expect(noAuth(() => s1.setACL('/sec', Ids.OPEN_ACL_UNSAFE))).toBe('KeeperErrorCode = NoAuth for /sec');
    expect(zkError(() => s1.getData('/sec/nope')).codeName).toBe('NoNode');
    expect(zkError(() => s1.create('/sec/nope/x')).codeName).toBe('NoNode');
    expect(zkError(() => s1.delete('/sec', 99)).codeName).toBe('BadVersion');
    // Refused writes are transactions too; refused reads are not.
    expect(zk.lastZxid).toBe(z + 6);
    s1.addAuth('digest', 'bob:secret');
    expect(text(s1.getData('/sec').data)).toBe('d');
    expect(s1.getACL('/sec').acl).toEqual(bobOnly);
  });

  it('auth expands to every digest id of the caller, in the order added; duplicates collapse', () => {
    const { connect } = setup();
    const s = connect('s');
    s.addAuth('digest', 'bob:secret');
    s.create('/mine', null, { acl: Ids.CREATOR_ALL_ACL });
    expect(s.getACL('/mine').acl).toEqual(bobOnly);
    s.addAuth('digest', 'alice:pw');
    s.addAuth('digest', 'bob:secret');
    s.create('/mine2', null, { acl: Ids.CREATOR_ALL_ACL });
    expect(s.getACL('/mine2').acl.map((a) => a.id.id)).toEqual([BOB, 'alice:V55/p2T0OpjQ+low3NVAH4aLvm0=']);
    s.create('/dup', null, { acl: [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }, { perms: 31, id: { scheme: 'world', id: 'anyone' } }] });
    expect(s.getACL('/dup').acl).toEqual(Ids.OPEN_ACL_UNSAFE);
  });

  it('InvalidACL for ids no provider accepts', () => {
    const { connect } = setup();
    const s = connect('s');
    const bad = (id: { scheme: string; id: string }) => zkError(() => s.create('/x', null, { acl: [{ perms: 1, id }] })).message;
    expect(bad({ scheme: 'ip', id: 'nothost' })).toBe('KeeperErrorCode = InvalidACL for /x');
    expect(bad({ scheme: 'ip', id: '10.0.0.0/33' })).toBe('KeeperErrorCode = InvalidACL for /x');
    expect(bad({ scheme: 'digest', id: 'nocolon' })).toBe('KeeperErrorCode = InvalidACL for /x');
    expect(bad({ scheme: 'digest', id: 'a:b:c' })).toBe('KeeperErrorCode = InvalidACL for /x');
    expect(bad({ scheme: 'foo', id: 'bar' })).toBe('KeeperErrorCode = InvalidACL for /x');
    expect(bad({ scheme: 'world', id: 'someone' })).toBe('KeeperErrorCode = InvalidACL for /x');
    expect(bad({ scheme: 'auth', id: '' })).toBe('KeeperErrorCode = InvalidACL for /x');
  });

  it('getACL needs READ or ADMIN and masks digests without ADMIN', () => {
    const { connect } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    s1.create('/ro', null, { acl: Ids.READ_ACL_UNSAFE });
    expect(s2.getACL('/ro')).toMatchObject({ acl: [{ perms: 1, id: { scheme: 'world', id: 'anyone' } }], stat: { aversion: 0 } });
    s1.create('/p0', null, { acl: [{ perms: 0, id: { scheme: 'world', id: 'anyone' } }] });
    expect(zkError(() => s1.getACL('/p0')).codeName).toBe('NoAuth');
    s1.create('/mixed', null, {
      acl: [
        { perms: Perms.READ, id: { scheme: 'world', id: 'anyone' } },
        { perms: Perms.ALL, id: { scheme: 'digest', id: BOB } },
      ],
    });
    expect(s2.getACL('/mixed').acl[1]).toEqual({ perms: 31, id: { scheme: 'digest', id: 'bob:x' } });
    s2.addAuth('digest', 'bob:secret');
    expect(s2.getACL('/mixed').acl[1]!.id.id).toBe(BOB);
    expect(s1.getACL('/zookeeper/config')).toMatchObject({ acl: Ids.READ_ACL_UNSAFE, stat: { aversion: -1 } });
  });

  it('delete needs DELETE on the parent, checked before the node exists', () => {
    const { connect } = setup();
    const s = connect('s');
    s.create('/nodel', null, { acl: [{ perms: Perms.ALL & ~Perms.DELETE, id: { scheme: 'world', id: 'anyone' } }] });
    s.create('/nodel/c');
    expect(zkError(() => s.delete('/nodel/c')).message).toBe('KeeperErrorCode = NoAuth for /nodel/c');
    expect(zkError(() => s.delete('/nodel/zz')).codeName).toBe('NoAuth');
  });

  it('ip ACLs match the connection address, with a network mask', () => {
    const { zk } = setup();
    const s = zk.connect();
    const far = zk.connect({ ip: '10.1.2.3' });
    s.create('/ip', 'v', { acl: [{ perms: Perms.READ, id: { scheme: 'ip', id: '127.0.0.1' } }] });
    s.create('/net', 'v', { acl: [{ perms: Perms.READ, id: { scheme: 'ip', id: '10.1.0.0/16' } }] });
    expect(s.getData('/ip').data.length).toBe(1);
    expect(zkError(() => s.setData('/ip', null)).codeName).toBe('NoAuth');
    expect(zkError(() => far.getData('/ip')).codeName).toBe('NoAuth');
    expect(far.getData('/net').data.length).toBe(1);
    expect(zkError(() => s.getData('/net')).codeName).toBe('NoAuth');
  });

  it('a watcher without READ on the node is not told (CVE-2024-23944 fix in Debian 3.8.0)', () => {
    const { connect, take } = setup();
    const s1 = connect('s1');
    const s2 = connect('s2');
    s1.create('/r');
    s2.exists('/r/sec', { watch: true });
    s2.getChildren('/r', { watch: true });
    take();
    s1.create('/r/sec', 'd', { acl: bobOnly });
    expect(take()).toEqual(['s2 NodeChildrenChanged /r SyncConnected']);
  });

  it('super (superDigest) passes every check', () => {
    const { connect } = setup({ superDigest: generateDigest('super:pw') });
    const s = connect('s');
    s.create('/locked', 'x', { acl: bobOnly });
    s.addAuth('digest', 'super:pw');
    expect(text(s.getData('/locked').data)).toBe('x');
    expect(s.setACL('/locked', Ids.OPEN_ACL_UNSAFE, 0).aversion).toBe(1);
  });
});
