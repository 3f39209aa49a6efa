import { describe, expect, it } from 'vitest';
import { createZooKeeper, ManualClock, type WatchedEvent } from '../../src/zk-sim/index.js';

/** The server's side of a client reconnecting: revalidate, drop watches with a connection, SetWatches, restart. */
describe('reconnect support (ServerCnxn close, SetWatches, restart)', () => {
  function setup() {
    const clock = new ManualClock(0);
    const zk = createZooKeeper({ clock, tickTime: 2000 });
    const events: WatchedEvent[] = [];
    const s = zk.connect({ sessionTimeout: 6000, watcher: (e) => events.push(e) });
    const other = zk.connect({ sessionTimeout: 6000 });
    events.length = 0;
    return { clock, zk, s, other, events };
  }

  it('a detached session hears nothing; SetWatches fires what changed after relZxid and re-arms the rest', () => {
    const { zk, s, other, events } = setup();
    other.create('/d', 'x');
    other.create('/c', '');
    other.create('/same', '');
    s.getData('/d', { watch: true });
    s.getChildren('/c', { watch: true });
    s.exists('/e', { watch: true });
    s.getData('/same', { watch: true });
    const rel = zk.lastZxid;
    s.detach();
    expect([...zk.watches()]).toEqual([]);
    other.setData('/d', 'y');
    other.create('/c/k', '');
    other.create('/e', '');
    expect(events).toEqual([]);
    s.setWatches(rel, { data: ['/d', '/same', '/gone'], child: ['/c'], exist: ['/e', '/f'] });
    expect(events).toEqual([
      { type: 'NodeDataChanged', state: 'SyncConnected', path: '/d' },
      { type: 'NodeDeleted', state: 'SyncConnected', path: '/gone' },
      { type: 'NodeCreated', state: 'SyncConnected', path: '/e' },
      { type: 'NodeChildrenChanged', state: 'SyncConnected', path: '/c' },
    ]);
    expect([...zk.watches()].map((w) => `${w.path} ${w.table}`).sort()).toEqual(['/f data', '/same data']);
  });

  it('persistent watches are re-added in both tables without firing', () => {
    const { zk, s, events } = setup();
    s.setWatches(0, { persistent: ['/p'], persistentRecursive: ['/r'] });
    expect(events).toEqual([]);
    expect([...zk.watches()].map((w) => `${w.path} ${w.table} ${w.mode}`).sort()).toEqual(['/p child persistent', '/p data persistent', '/r child persistentRecursive', '/r data persistentRecursive']);
  });

  it('revalidate touches a live session and refuses an expired one', () => {
    const { clock, zk, s, other } = setup();
    clock.advance(5000);
    expect(s.revalidate()).toBe(true); // touched at 5000: now expires at 12000
    clock.advance(6000);
    zk.tick();
    expect(s.state).toBe('SyncConnected');
    expect(other.state).toBe('Expired');
    expect(other.revalidate()).toBe(false);
  });

  it('recover keeps data and sessions, drops watches, and restarts every session timeout', () => {
    const { clock, zk, s, other } = setup();
    s.create('/eph', '', { mode: 'EPHEMERAL' });
    other.exists('/eph', { watch: true });
    clock.advance(5000);
    zk.recover();
    expect([...zk.watches()]).toEqual([]);
    clock.advance(6000);
    zk.tick();
    expect(zk.node('/eph')).toBeDefined();
    clock.advance(2000);
    zk.tick();
    expect(zk.node('/eph')).toBeUndefined();
  });
});
