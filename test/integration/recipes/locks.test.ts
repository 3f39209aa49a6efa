import { describe, expect, it } from 'vitest';
import { createWorld, fencingTokensIncrease, mutualExclusion, type ProcessContext, type World, type ZkClient, type ZkClientState } from '../../../src/integration/index.js';
import { acquireNaiveZkLock, acquireRedisLock, acquireZkLock, fencedWrite, lockQueue, releaseRedisLock, type ZkLock } from '../../../src/integration/recipes/locks.js';

const times = (w: World, label: string, proc?: string) => w.marks(label).filter((m) => proc === undefined || m.proc === proc).map((m) => m.time);

type Acquire = (p: ProcessContext, zk: ZkClient, path: string) => Promise<ZkLock>;

/** `names` each take the lock once (the first at t=0, the others joining 10 ms apart from t=100), hold it `holdMs`, release. */
function oneRoundEach(acquire: Acquire, names: string[], holdMs: number, seed = 1): World {
  const w = createWorld({ seed }).zookeeper('zk', { tickTime: 2000 });
  names.forEach((name, i) =>
    w.app(name, async (p) => {
      const zk = p.zookeeper('zk', { sessionTimeout: 6000 });
      await zk.connected();
      await p.sleep(i === 0 ? 0 : 100 + 10 * i);
      const lock = await acquire(p, zk, '/locks/x');
      p.mark('acquired', { resource: 'x', token: lock.token });
      await p.sleep(holdMs);
      p.mark('released', { resource: 'x' });
      await lock.release();
    }),
  );
  return w.check(mutualExclusion('x'));
}

describe('ZooKeeper lock recipe', () => {
  it('takes turns: mutual exclusion, czxid tokens that grow with every holder, one wake-up per hand-over', async () => {
    const w = createWorld({ seed: 1 }).zookeeper('zk', { tickTime: 2000 });
    for (const name of ['a', 'b', 'c', 'd']) {
      w.app(name, async (p) => {
        const zk = p.zookeeper('zk', { sessionTimeout: 6000 });
        await zk.connected();
        for (let i = 0; i < 3; i++) {
          const lock = await acquireZkLock(p, zk, '/locks/x');
          p.mark('acquired', { resource: 'x', token: lock.token });
          expect(lock.isHeld()).toBe(true);
          await p.sleep(50);
          p.mark('released', { resource: 'x' });
          await lock.release();
          expect(lock.isHeld()).toBe(false);
        }
      });
    }
    w.check(mutualExclusion('x'));
    await w.runFor(5000);
    expect(w.finish().ok).toBe(true);
    const acquired = w.marks('acquired');
    expect(acquired).toHaveLength(12);
    const tokens = acquired.map((m) => Number(m.data['token']));
    expect(tokens).toEqual([...tokens].sort((x, y) => x - y));
    expect(new Set(tokens).size).toBe(12);
    // The lock is never free while four contend: every hand-over wakes exactly the next in line.
    const wakes = w.marks('wake');
    expect(wakes).toHaveLength(11);
    expect(wakes.map((m) => m.proc)).toEqual(acquired.slice(1).map((m) => m.proc));
    expect(new Set(wakes.map((m) => m.data['watched'])).size).toBe(11);
    expect(w.zkEngine().node('/locks/x')!.childCount).toBe(0);
  });

  it('wakes one waiter per release where the naive lock wakes them all', async () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const recipe = oneRoundEach(acquireZkLock, names, 500);
    const naive = oneRoundEach(acquireNaiveZkLock, names, 500);
    await recipe.runFor(5000);
    await naive.runFor(5000);
    expect(recipe.finish().ok).toBe(true);
    expect(naive.finish().ok).toBe(true);
    expect(recipe.marks('acquired').map((m) => m.proc)).toEqual(names);
    expect(naive.marks('acquired').map((m) => m.proc)).toEqual(names);
    // Recipe: four releases, four wake-ups, each of the next in line.
    expect(recipe.marks('wake').map((m) => m.proc)).toEqual(['b', 'c', 'd', 'e']);
    // Naive: each newcomer wakes those already waiting (0+1+2+3), and each release every waiter (4+3+2+1).
    const firstRelease = times(naive, 'released')[0]!;
    expect(naive.marks('wake').filter((m) => m.time < firstRelease)).toHaveLength(6);
    expect(naive.marks('wake').filter((m) => m.time > firstRelease)).toHaveLength(10);
  });

  it('a crashed holder keeps the lock until ZooKeeper expires its session; then the next in line takes it', async () => {
    const w = oneRoundEach(acquireZkLock, ['a', 'b'], 3000);
    await w.runFor(500);
    expect(lockQueue(w.zkEngine(), '/locks/x')).toEqual(['a', 'b']);
    w.crash('a');
    await w.runFor(10_000);
    expect(w.finish().ok).toBe(true);
    // a was last heard at t≈21: its session expires at 21 + 6000, rounded up to the 2 s tick.
    // (The trace has no server 'Expired' record for a session whose connection is already closed.)
    const bAcquired = times(w, 'acquired', 'b')[0]!;
    expect(bAcquired).toBeGreaterThanOrEqual(8000);
    expect(bAcquired).toBeLessThan(8020);
    expect(w.marks('wake').map((m) => m.proc)).toEqual(['b']);
  });

  it('a holder cut off from ZooKeeper is told DISCONNECTED (isHeld false) before the server expires it; release after the heal is harmless', async () => {
    const lost: { state: ZkClientState; time: number }[] = [];
    let lockA: ZkLock | undefined;
    let released = false;
    const w = createWorld({ seed: 1 })
      .zookeeper('zk', { tickTime: 2000 })
      .app('a', async (p) => {
        const zk = p.zookeeper('zk', { sessionTimeout: 6000 });
        await zk.connected();
        const lock = (lockA = await acquireZkLock(p, zk, '/locks/x'));
        p.mark('acquired', { resource: 'x' });
        lock.onLost((state) => {
          lost.push({ state, time: p.now() });
          p.mark('released', { resource: 'x' });
        });
        await zk.waitFor('EXPIRED');
        await lock.release();
        released = true;
      })
      .app('b', async (p) => {
        const zk = p.zookeeper('zk', { sessionTimeout: 6000 });
        await zk.connected();
        await p.sleep(100);
        await acquireZkLock(p, zk, '/locks/x');
        p.mark('acquired', { resource: 'x' });
      })
      .check(mutualExclusion('x'));
    await w.runFor(1000);
    expect(lockA!.isHeld()).toBe(true);
    w.partition(['a'], ['zk'], 15_000);
    await w.runFor(5000);
    expect(lockA!.isHeld()).toBe(false);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.state).toBe('DISCONNECTED');
    await w.runFor(12_000);
    expect(w.finish().ok).toBe(true);
    const bAcquired = times(w, 'acquired', 'b')[0]!;
    expect(lost[0]!.time).toBeLessThan(bAcquired - 1000); // stopped well before anyone else could take it
    expect(released).toBe(true);
    expect(lost).toHaveLength(1); // onLost fires once
    expect(lockQueue(w.zkEngine(), '/locks/x')).toEqual(['b']);
  });

  it('a waiter whose session expires while it waits is rejected with SessionExpired', async () => {
    let outcome = '';
    const w = createWorld({ seed: 1 })
      .zookeeper('zk', { tickTime: 2000 })
      .app('holder', async (p) => {
        const zk = p.zookeeper('zk', { sessionTimeout: 6000 });
        await acquireZkLock(p, zk, '/locks/x'); // and never releases
      })
      .app('waiter', async (p) => {
        const zk = p.zookeeper('zk', { sessionTimeout: 6000 });
        await p.sleep(100);
        await acquireZkLock(p, zk, '/locks/x').then(
          () => (outcome = 'acquired'),
          (e: { codeName: string }) => (outcome = e.codeName),
        );
      });
    await w.runFor(500);
    w.partition(['waiter'], ['zk'], 10_000);
    await w.runFor(12_000);
    expect(outcome).toBe('SessionExpired');
    expect(lockQueue(w.zkEngine(), '/locks/x')).toEqual(['holder']);
  });
});

describe('naive ZooKeeper lock', () => {
  it('still excludes, and survives a crashed holder', async () => {
    const w = oneRoundEach(acquireNaiveZkLock, ['a', 'b', 'c'], 2000);
    await w.runFor(500);
    w.crash('a');
    await w.runFor(12_000);
    expect(w.finish().ok).toBe(true);
    expect(w.marks('acquired').map((m) => m.proc)).toEqual(['a', 'b', 'c']);
    expect(times(w, 'acquired', 'b')[0]).toBeGreaterThan(6000); // after a's session expired
  });
});

describe('Redis lock', () => {
  /** `names` each take lock:r once, hold it `holdMs`, write through the fence, release. */
  function redisWorld(names: string[], holdMs: number, fencing: boolean): World {
    const w = createWorld({ seed: 1 }).redis('redis').database('db');
    names.forEach((name, i) =>
      w.app(name, async (p) => {
        const redis = p.redis('redis');
        await p.sleep(10 * i);
        const lock = await acquireRedisLock(p, redis, 'r', { ttl: 1000, fencing });
        p.mark('acquired', { resource: 'r', fence: lock.fence });
        await p.sleep(holdMs);
        if (lock.fence !== undefined) await fencedWrite(p, p.database('db'), 'row', p.name, 'r', lock.fence);
        p.mark('released', { resource: 'r' });
        p.mark('release', { ok: await releaseRedisLock(redis, lock) });
      }),
    );
    return w.check(mutualExclusion('r')).check(fencingTokensIncrease('r'));
  }

  it('SET NX PX excludes; the owner releases with its token; fencing tokens count up, one per holder', async () => {
    const w = redisWorld(['a', 'b', 'c'], 200, true);
    await w.runFor(3000);
    expect(w.finish().ok).toBe(true);
    expect(w.marks('acquired').map((m) => [m.proc, m.data['fence']])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    expect(w.marks('release').map((m) => m.data['ok'])).toEqual([true, true, true]);
    expect(w.marks('write-result').map((m) => m.data['outcome'])).toEqual(['accepted', 'accepted', 'accepted']);
    expect(w.redisEngine().exec(['KEYS', '*'])).toEqual({ type: 'array', value: [{ type: 'bulk', value: 'fence:r' }] }); // every lock was released
  });

  it('a holder paused past the TTL loses the lock without knowing; its release leaves the new holder\'s lock alone; the fence refuses its write', async () => {
    const w = redisWorld(['a', 'b'], 500, true);
    await w.runFor(100);
    w.pause('a', 2000);
    await w.runFor(3000);
    const verdict = w.finish();
    expect(verdict.checks.map((c) => [c.name, c.ok])).toEqual([
      ['mutual exclusion on r', false],
      ['fencing on r', true],
    ]);
    expect(w.marks('acquired').map((m) => [m.proc, m.data['fence']])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    const results = w.marks('write-result').map((m) => [m.proc, m.data['outcome']]);
    expect(results).toEqual([
      ['b', 'accepted'],
      ['a', 'stale'],
    ]);
    expect(w.marks('release').map((m) => [m.proc, m.data['ok']])).toEqual([
      ['b', true],
      ['a', false],
    ]);
    expect(w.databaseNode('db').rows.get('row')?.value).toBe('b');
  });

  it('releasing an expired lock does not delete the next holder\'s', async () => {
    let released: boolean | undefined;
    let bToken = '';
    const w = createWorld({ seed: 1 })
      .redis('redis')
      .app('a', async (p) => {
        const redis = p.redis('redis');
        const lock = await acquireRedisLock(p, redis, 'r', { ttl: 300 });
        await p.sleep(600); // the lock expired meanwhile and b took it
        released = await releaseRedisLock(redis, lock);
      })
      .app('b', async (p) => {
        await p.sleep(50);
        bToken = (await acquireRedisLock(p, p.redis('redis'), 'r', { ttl: 5000 })).token;
      });
    await w.runFor(1000);
    expect(released).toBe(false);
    expect(bToken).toMatch(/^[0-9a-f]{16}$/);
    expect(w.redisEngine().exec(['GET', 'lock:r'])).toEqual({ type: 'bulk', value: bToken }); // b's lock, untouched
  });
});

describe('fenced writes', () => {
  it('the database accepts equal or newer tokens and refuses older ones', async () => {
    const outcomes: string[] = [];
    const w = createWorld({ seed: 1 })
      .database('db')
      .app('w', async (p) => {
        const db = p.database('db');
        for (const token of [5, 5, 7, 6, 8]) outcomes.push(await fencedWrite(p, db, 'k', `t${token}`, 'res', token));
      });
    await w.runFor(200);
    expect(outcomes).toEqual(['accepted', 'accepted', 'accepted', 'stale', 'accepted']);
    expect(w.databaseNode('db').rows.get('k')).toEqual({ value: 't8', version: 4 });
    expect(w.marks('write-result').map((m) => m.data['outcome'])).toEqual(outcomes);
  });
});
