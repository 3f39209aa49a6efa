import { describe, expect, it } from 'vitest';
import { JavaHashSet, javaStringHash } from '../../src/zk-sim/index.js';

// Orders observed on a real ZooKeeper 3.8.0 (Debian 12) for the same operations.
describe('JavaHashSet reproduces java.util.HashSet iteration order', () => {
  it('String.hashCode', () => {
    expect(javaStringHash('')).toBe(0);
    expect(javaStringHash('a')).toBe(97);
    expect(javaStringHash('zookeeper')).toBe(1600681804);
    expect(javaStringHash('/a/b')).toBe(1494949);
    expect(javaStringHash('é€😀')).toBe(16752006);
    expect(javaStringHash('polygenelubricants')).toBe(-2147483648);
  });

  it('children of a node after 40 creates and 14 deletes (DataNode HashSet(8), grown to 64)', () => {
    const set = new JavaHashSet(8);
    for (let i = 0; i < 40; i++) set.add(`c${i * 37}`);
    for (let i = 0; i < 40; i += 3) expect(set.delete(`c${i * 37}`)).toBe(true);
    expect(set.capacity).toBe(64);
    expect(set.toArray().join(', ')).toBe(
      'c74, c1369, c37, c185, c1406, c481, c1147, c925, c1073, c407, c629, c703, c740, c148, c962, c296, c370, c592, c1295, c1258, c1036, c518, c814, c1184, c851, c259',
    );
  });

  it('sequential and plain names', () => {
    const set = new JavaHashSet(8);
    for (let i = 0; i < 5; i++) set.add(`lock-${String(i).padStart(10, '0')}`);
    set.add('zeta');
    set.add('alpha');
    expect([...set]).toEqual(['zeta', 'alpha', 'lock-0000000001', 'lock-0000000000', 'lock-0000000004', 'lock-0000000003', 'lock-0000000002']);
  });

  it("clone order (a session's ephemerals as getEphemerals and close see them)", () => {
    const set = new JavaHashSet();
    const base = '/acl85444/e/';
    for (let i = 0; i < 15; i++) set.add(`${base}n${i * 13}`);
    set.add(`${base}x`);
    set.add(`${base}y`);
    set.delete(`${base}n13`);
    expect(set.cloneOrder().map((p) => p.slice(base.length))).toEqual(['n156', 'n52', 'n169', 'n91', 'n104', 'n117', 'y', 'x', 'n0', 'n26', 'n39', 'n182', 'n65', 'n130', 'n78', 'n143']);
  });

  it('container reaping candidates', () => {
    expect(JavaHashSet.of(['/c', '/n1/n2', '/t', '/tseq0000000005']).toArray()).toEqual(['/tseq0000000005', '/c', '/t', '/n1/n2']);
  });

  it('add, has, delete and size stay consistent through resizes', () => {
    const set = new JavaHashSet();
    const ref = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const k = `k${(i * 7919) % 3001}`;
      if (i % 3 === 0) expect(set.delete(k)).toBe(ref.delete(k));
      else expect(set.add(k)).toBe(!ref.has(k) && (ref.add(k), true));
    }
    expect(set.size).toBe(ref.size);
    expect(new Set(set.toArray())).toEqual(ref);
    for (const k of ref) expect(set.has(k)).toBe(true);
    expect(set.has('nope')).toBe(false);
  });
});
