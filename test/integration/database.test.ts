import { describe, expect, it } from 'vitest';
import { createWorld, fencingTokensIncrease } from '../../src/integration/index.js';

describe('database process', () => {
  it('keeps versioned rows: set bumps the version, cas writes only at the expected version', async () => {
    const got: unknown[] = [];
    const w = createWorld({ seed: 1 }).database('db');
    w.app('a', async (p) => {
      const db = p.database();
      got.push(await db.get('k'));
      got.push(await db.set('k', 'one'));
      got.push(await db.cas('k', 'two', 0));
      got.push(await db.cas('k', 'two', 1));
      got.push(await db.get('k'));
    });
    await w.runFor(1000);
    expect(got).toEqual([null, 1, null, 2, { value: 'two', version: 2 }]);
    expect(w.databaseNode().stats).toMatchObject({ queries: 5, reads: 2, writes: 3 });
  });

  it('starts with the rows it is given, at version 1', async () => {
    let row: unknown;
    const w = createWorld({ seed: 1 }).database('db', { rows: { greeting: 'hello' } });
    w.app('a', async (p) => {
      row = await p.database().get('greeting');
    });
    await w.runFor(100);
    expect(row).toEqual({ value: 'hello', version: 1 });
  });

  it('queues load beyond its capacity, so latency grows with load', async () => {
    const latencies: number[] = [];
    const w = createWorld({ seed: 1, network: { latency: 0, jitter: 0 } }).database('db', { latency: 10, capacity: 100 }); // one query at a time
    w.app('a', async (p) => {
      const db = p.database();
      await Promise.all(
        Array.from({ length: 5 }, async () => {
          const t = p.now();
          await db.get('k');
          latencies.push(p.now() - t);
        }),
      );
    });
    await w.runFor(1000);
    expect(latencies).toEqual([10, 20, 30, 40, 50]);
    expect(w.databaseNode().stats.maxQueue).toBe(4);
  });

  it('refuses fenced writes with an older token, and marks the accepted ones for the checker', async () => {
    const results: unknown[] = [];
    const w = createWorld({ seed: 1 }).database('db');
    w.check(fencingTokensIncrease('orders'));
    w.app('a', async (p) => {
      const db = p.database();
      results.push(await db.fencedSet('x', 'a', 'orders', 5));
      results.push(await db.fencedSet('x', 'b', 'orders', 4));
      results.push(await db.fencedSet('x', 'c', 'orders', 6));
    });
    await w.runFor(1000);
    expect(results).toEqual([1, 'stale', 2]);
    expect(w.databaseNode().stats.rejected).toBe(1);
    expect(w.finish().ok).toBe(true);
  });

  it('is durable through a crash; queries to it meanwhile fail', async () => {
    const got: string[] = [];
    const w = createWorld({ seed: 1 }).database('db');
    w.app('a', async (p) => {
      const db = p.database('db', { timeout: 300 });
      await db.set('k', 'kept');
      await p.sleep(100);
      await db.get('k').catch((e: Error) => got.push(e.message));
      await p.sleep(500);
      got.push((await db.get('k'))!.value);
    });
    await w.runFor(50);
    w.crash('db');
    await w.runFor(200);
    w.restart('db');
    await w.runFor(1000);
    expect(got).toEqual(['connection refused', 'kept']);
    expect(w.snapshot().databases).toEqual([{ name: 'db', up: true, rows: 1, queries: 2, queued: 0, maxQueue: 0 }]);
  });
});
