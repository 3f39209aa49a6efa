import { describe, expect, it } from 'vitest';
import { createWorld, RedisConnectionError, type RedisClient } from '../../src/integration/index.js';

function world(seed = 1) {
  return createWorld({ seed }).redis('cache');
}

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    return `ok ${JSON.stringify(await p)}`;
  } catch (e) {
    return e instanceof RedisConnectionError ? e.code : `${(e as Error).name}: ${(e as Error).message}`;
  }
}

describe('Redis client', () => {
  it('runs commands with typed helpers and raw exec, replies in order', async () => {
    const got: unknown[] = [];
    const w = world().app('a', async (p) => {
      const r = p.redis();
      got.push(await r.set('k', 'héllo'));
      got.push(await r.get('k'));
      got.push(await r.incr('n'), await r.incr('n'));
      got.push(await r.exec(['STRLEN', 'k']));
      got.push(await outcome(r.lpush('k', 'x')));
      got.push(await r.exec(['NOSUCH']));
    });
    await w.runFor(100);
    expect(got).toEqual([
      'OK',
      'héllo',
      1,
      2,
      { type: 'integer', value: 6 },
      'RedisReplyError: WRONGTYPE Operation against a key holding the wrong kind of value',
      { type: 'error', value: "ERR unknown command 'NOSUCH', with args beginning with: " },
    ]);
    // Every command is in the trace with its reply.
    expect(w.trace.filter((r) => r.type === 'command').map((r) => (r.type === 'command' ? r.argv[0] : ''))).toEqual(['SET', 'GET', 'INCR', 'INCR', 'STRLEN', 'LPUSH', 'NOSUCH']);
  });

  it('a crashed server refuses connections; a restarted one has lost its keyspace', async () => {
    const got: string[] = [];
    const w = world().app('a', async (p) => {
      const r = p.redis();
      await r.set('k', 'v');
      await p.sleep(100);
      got.push(await outcome(r.get('k')));
      await p.sleep(100);
      got.push(await outcome(r.get('k')));
    });
    await w.runFor(50);
    w.crash('cache');
    await w.runFor(100);
    w.restart('cache');
    await w.runFor(200);
    expect(got).toEqual(['ECONNREFUSED', 'ok null']);
  });

  it('a command in flight when the server crashes fails (reset), never silently succeeds', async () => {
    let result = '';
    const w = world().app('a', async (p) => {
      const r = p.redis();
      await r.set('k', 'v');
      await p.sleep(100);
      result = await outcome(r.get('k'));
    });
    await w.runFor(101);
    w.crash('cache');
    await w.runFor(100);
    expect(['ECLOSED', 'ECONNRESET']).toContain(result);
  });

  it('a partition turns into a timeout; the next command uses a new connection', async () => {
    const got: string[] = [];
    const w = world().app('a', async (p) => {
      const r = p.redis('cache', { timeout: 200 });
      await r.set('k', 'v');
      await p.sleep(100);
      const t0 = p.now();
      got.push(await outcome(r.get('k')));
      got.push(`after ${p.now() - t0} ms`);
      await p.sleep(1000);
      got.push(await outcome(r.get('k')));
    });
    await w.runFor(50);
    w.partition(['a'], ['cache'], 500);
    await w.runFor(2000);
    expect(got).toEqual(['ETIMEDOUT', 'after 200 ms', 'ok "v"']);
  });

  it('a paused lock holder loses its lock: the key expires while it sleeps, and another process takes it', async () => {
    const log: string[] = [];
    const w = world()
      .app('holder', async (p) => {
        const r = p.redis();
        log.push(`holder SET NX: ${await r.set('lock', 'holder', { nx: true, px: 1000 })}`);
        await p.sleep(10); // the pause lands here
        log.push(`holder still thinks it holds the lock; GET says ${await r.get('lock')}`);
      })
      .app('other', async (p) => {
        const r = p.redis();
        await p.sleep(1500);
        log.push(`other SET NX: ${await r.set('lock', 'other', { nx: true, px: 1000 })}`);
      });
    await w.runFor(5);
    w.pause('holder', 3000);
    await w.runFor(5000);
    expect(log).toEqual(['holder SET NX: OK', 'other SET NX: OK', 'holder still thinks it holds the lock; GET says null']);
  });

  it('delivers pub/sub messages to subscribers, in order', async () => {
    const received: string[] = [];
    const w = world()
      .app('sub', async (p) => {
        const r = p.redis();
        await r.subscribe('news', (m, ch) => received.push(`${ch}: ${m}`));
        await r.psubscribe('n*', (m, ch, pat) => received.push(`${pat} ${ch}: ${m}`));
      })
      .app('pub', async (p) => {
        const r = p.redis();
        await p.sleep(50);
        expect(await r.publish('news', 'one')).toBe(2);
        await r.publish('news', 'two');
      });
    await w.runFor(200);
    expect(received).toEqual(['news: one', 'n* news: one', 'news: two', 'n* news: two']);
  });

  it('a subscriber reconnects and subscribes again after the server restarts (autoResubscribe)', async () => {
    const received: string[] = [];
    const w = world()
      .app('sub', async (p) => {
        const r = p.redis();
        await r.subscribe('news', (m) => received.push(`${m}@${p.now()}`));
        await r.psubscribe('n*', (m) => received.push(`pattern ${m}`));
      })
      .app('pub', async (p) => {
        const r = p.redis();
        await p.sleep(50);
        await r.publish('news', 'before');
        await p.sleep(2000);
        expect(await r.publish('news', 'after')).toBe(2);
      });
    await w.runFor(100);
    w.crash('cache');
    await w.runFor(300);
    w.restart('cache');
    await w.runFor(3000);
    expect(received.map((m) => m.replace(/@\d+/, ''))).toEqual(['before', 'pattern before', 'after', 'pattern after']);
    const subscribes = w.trace.filter((r) => r.type === 'command' && r.client === 'sub' && r.argv[0] !== 'PING').map((r) => (r.type === 'command' ? r.argv.join(' ') : ''));
    expect(subscribes).toEqual(['SUBSCRIBE news', 'PSUBSCRIBE n*', 'SUBSCRIBE news', 'PSUBSCRIBE n*']);
  });

  it('what a subscriber unsubscribed from, however it was sent, is not subscribed again after a restart', async () => {
    const received: string[] = [];
    const w = world()
      .app('sub', async (p) => {
        const r = p.redis();
        await r.subscribe('news', (m) => received.push(`news ${m}`));
        await r.subscribe('sport', (m) => received.push(`sport ${m}`));
        await r.psubscribe('n*', (m) => received.push(`pattern ${m}`));
        await r.unsubscribe('sport');
        await r.exec(['punsubscribe']); // raw, as a prompt sends it
      })
      .app('pub', async (p) => {
        const r = p.redis();
        await p.sleep(2500);
        await r.publish('news', 'after');
        await r.publish('sport', 'after');
      });
    await w.runFor(100);
    w.crash('cache');
    await w.runFor(300);
    w.restart('cache');
    await w.runFor(3000);
    expect(received).toEqual(['news after']);
    const subscribes = w.trace.filter((r) => r.type === 'command' && r.client === 'sub' && /SUBSCRIBE/i.test(r.argv[0]!)).map((r) => (r.type === 'command' ? r.argv.join(' ') : ''));
    expect(subscribes).toEqual(['SUBSCRIBE news', 'SUBSCRIBE sport', 'PSUBSCRIBE n*', 'UNSUBSCRIBE sport', 'punsubscribe', 'SUBSCRIBE news']);
  });

  it('MULTI/EXEC through WATCH: a concurrent write aborts the transaction', async () => {
    let first: unknown;
    let second: unknown;
    const w = world()
      .app('a', async (p) => {
        const r: RedisClient = p.redis();
        await r.set('balance', 10);
        await r.watch('balance');
        await p.sleep(50); // b writes meanwhile
        first = await r.multi([['INCRBY', 'balance', 5]]);
        await r.watch('balance');
        second = await r.multi([['INCRBY', 'balance', 5]]);
      })
      .app('b', async (p) => {
        await p.sleep(20);
        await p.redis().incr('balance');
      });
    await w.runFor(200);
    expect(first).toBeNull();
    expect(second).toEqual([{ type: 'integer', value: 16 }]);
  });

  it('a WATCH does not outlive its connection: after a reconnect, multi() aborts instead of running unwatched', async () => {
    const got: string[] = [];
    const w = world()
      .app('a', async (p) => {
        const r = p.redis('cache', { timeout: 200 });
        await r.set('balance', 10);
        await r.watch('balance');
        await p.sleep(50);
        got.push(await outcome(r.get('balance'))); // times out in the partition: the connection goes
        await p.sleep(600); // healed; b writes meanwhile
        got.push(await outcome(r.multi([['INCRBY', 'balance', 5]])));
        await r.watch('balance');
        got.push(await outcome(r.multi([['INCRBY', 'balance', 5]])));
      })
      .app('b', async (p) => {
        await p.sleep(500);
        await p.redis('cache').incr('balance');
      });
    await w.runFor(40);
    w.partition(['a'], ['cache'], 300);
    await w.runFor(2000);
    expect(got).toEqual(['ETIMEDOUT', 'ok null', 'ok [{"type":"integer","value":16}]']);
  });
});
