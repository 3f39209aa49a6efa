import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/integration/index.js';

describe('network', () => {
  it('delivers in order on a connection, whatever the jitter', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 50 }), async (seed, jitter) => {
        const w = createWorld({ seed, network: { latency: 1, jitter } }).redis('cache');
        w.app('a', async (p) => {
          const r = p.redis();
          // Pipelined: 50 commands sent in the same millisecond.
          await Promise.all(Array.from({ length: 50 }, (_, i) => r.exec(['RPUSH', 'l', String(i)])));
        });
        await w.runFor(5000);
        const delivered = w.trace.filter((r) => r.type === 'command').map((r) => (r.type === 'command' ? r.argv[2] : ''));
        expect(delivered).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
      }),
      { numRuns: 20 },
    );
  });

  it('latency is the base plus seeded jitter', async () => {
    const w = createWorld({ seed: 1, network: { latency: 10, jitter: 5 } }).redis('cache');
    w.app('a', async (p) => {
      const r = p.redis();
      for (let i = 0; i < 50; i++) await r.get('k');
    });
    await w.runFor(5000);
    const sends = new Map<number, number>();
    const oneWay: number[] = [];
    let i = 0;
    for (const r of w.trace) {
      if (r.type === 'send') sends.set(i++, r.time);
      if (r.type === 'deliver') oneWay.push(r.time - sends.get(oneWay.length)!);
    }
    expect(Math.min(...oneWay)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...oneWay)).toBeLessThanOrEqual(15);
    expect(new Set(oneWay).size).toBeGreaterThan(3);
  });

  it('holds what crosses a partition and delivers it, in order, after the heal (TCP retransmits)', async () => {
    const w = createWorld({ seed: 2 }).redis('cache');
    w.app('a', async (p) => {
      const r = p.redis('cache', { timeout: 10_000 });
      await r.get('warm-up');
      await p.sleep(100);
      await Promise.all([r.set('x', 1), r.set('x', 2), r.set('x', 3)]);
      p.log(`done at ${p.now()}`);
    });
    await w.runFor(50);
    w.partition(['a'], ['cache']);
    await w.runFor(2000);
    expect(w.trace.filter((r) => r.type === 'command')).toHaveLength(1);
    w.heal();
    await w.runFor(100);
    const sets = w.trace.filter((r) => r.type === 'command' && r.argv[0] === 'SET').map((r) => (r.type === 'command' ? r.argv[2] : ''));
    expect(sets).toEqual(['1', '2', '3']);
    expect(w.trace.find((r) => r.type === 'log')).toMatchObject({ text: expect.stringMatching(/^done at 20\d\d$/) });
  });

  it('a one-way cut: requests arrive, replies do not', async () => {
    const w = createWorld({ seed: 3 }).redis('cache');
    let error = '';
    w.app('a', async (p) => {
      const r = p.redis('cache', { timeout: 300 });
      await r.set('k', 'v').catch((e: Error) => (error = e.message));
    });
    w.cut('cache', 'a');
    await w.runFor(1000);
    expect(w.redisEngine().exec(['GET', 'k'])).toEqual({ type: 'bulk', value: 'v' });
    expect(error).toBe('Command timed out after 300 ms');
  });

  it('a timed partition heals both directions of its links, even one that was cut one way before', async () => {
    const w = createWorld({ seed: 3 }).redis('cache');
    w.app('a', async () => {});
    w.cut('cache', 'a');
    w.partition(['a'], ['cache'], 100);
    await w.runFor(200);
    expect(w.current.net.cutLinks()).toEqual([]);
    expect(w.isPartitioned('a')).toBe(false);
  });

  it('loss shows up as retransmission delay, not as a missing message', async () => {
    const w = createWorld({ seed: 4, network: { latency: 1, jitter: 0, loss: 0.3, rto: 200 } }).redis('cache');
    w.app('a', async (p) => {
      const r = p.redis('cache', { timeout: 100_000 });
      for (let i = 0; i < 100; i++) await r.incr('n');
    });
    await w.runFor(200_000);
    expect(w.redisEngine().exec(['GET', 'n'])).toEqual({ type: 'bulk', value: '100' });
    const delays = new Set<number>();
    const sent: number[] = [];
    for (const r of w.trace) {
      if (r.type === 'send') sent.push(r.time);
      if (r.type === 'deliver') delays.add(r.time - sent.shift()!);
    }
    expect([...delays].sort((a, b) => a - b).slice(0, 3)).toEqual([1, 201, 401]);
  });

  it('a slow link adds latency until it is set back', async () => {
    const w = createWorld({ seed: 5, network: { latency: 1, jitter: 0 } }).redis('cache');
    const rtts: number[] = [];
    w.app('a', async (p) => {
      const r = p.redis('cache', { timeout: 10_000 });
      for (let i = 0; i < 3; i++) {
        const t = p.now();
        await r.get('k');
        rtts.push(p.now() - t);
        await p.sleep(100);
      }
    });
    w.slow('a', 'cache', 250);
    w.after(150, (world) => world.slow('a', 'cache', 0));
    await w.runFor(2000);
    // The request went out slow (1 + 250 ms); by then the link was back, so the reply took 1 ms.
    expect(rtts).toEqual([252, 2, 2]);
  });
});

describe('processes', () => {
  it('a paused process runs nothing until it resumes, then everything that waited, in order', async () => {
    const w = createWorld({ seed: 1 });
    const ticks: number[] = [];
    w.app('a', async (p) => {
      for (let i = 0; i < 5; i++) {
        await p.sleep(100);
        ticks.push(p.now());
      }
    });
    await w.runFor(150);
    w.pause('a', 300);
    await w.runFor(1000);
    expect(ticks).toEqual([100, 450, 550, 650, 750]);
  });

  it('a crashed app loses everything; restarted, it runs its code from the top', async () => {
    const w = createWorld({ seed: 1 });
    let starts = 0;
    let finished = 0;
    w.app('a', async (p) => {
      starts++;
      await p.sleep(100);
      finished++;
    });
    await w.runFor(50);
    w.crash('a');
    await w.runFor(100);
    expect(finished).toBe(0);
    w.restart('a');
    await w.runFor(200);
    expect([starts, finished]).toEqual([2, 1]);
    expect(w.trace.filter((r) => r.type === 'process').map((r) => (r.type === 'process' ? r.event : ''))).toEqual(['start', 'start', 'exit']);
  });

  it('skew and drift change what a process reads from its clock, and how long its sleeps take', async () => {
    const w = createWorld({ seed: 1 });
    const seen: string[] = [];
    w.app('a', async (p) => {
      seen.push(`start ${p.now()}`);
      await p.sleep(1000);
      seen.push(`slept to ${p.now()}`);
    });
    w.skew('a', 5000);
    w.drift('a', 1); // its clock runs twice as fast: a 1000 ms sleep takes 500 ms of virtual time
    await w.runFor(2000);
    expect(seen).toEqual(['start 5000', 'slept to 6000']);
    expect(w.trace.find((r) => r.type === 'log' || (r.type === 'process' && r.event === 'exit'))?.time).toBe(500);
  });

  it('reports an app that throws, without stopping the world', async () => {
    const w = createWorld({ seed: 1 });
    w.app('bad', () => {
      throw new Error('boom');
    });
    w.app('good', async (p) => {
      await p.sleep(10);
      p.log('still here');
    });
    await w.runFor(100);
    expect(w.trace.filter((r) => r.type === 'process' && r.event === 'error')).toMatchObject([{ proc: 'bad', detail: 'Error: boom' }]);
    expect(w.trace.some((r) => r.type === 'log' && r.text === 'still here')).toBe(true);
  });

  it('world.as runs a task as a process, through its network, as a journaled input', async () => {
    const w = createWorld({ seed: 1 }).redis('cache');
    w.app('alice', async () => {});
    w.app('bob', async () => {});
    await w.runFor(10);
    w.as('alice', async (p) => p.log(`SET → ${await p.redis().set('k', 'v')}`));
    await w.runFor(10);
    w.partition(['bob'], ['cache']);
    w.as('bob', async (p) => p.log(`GET → ${await p.redis('cache', { timeout: 100 }).get('k').catch((e: Error) => e.message)}`));
    await w.runFor(500);
    const logs = () => w.trace.flatMap((r) => (r.type === 'log' ? [`${r.proc}: ${r.text}`] : []));
    expect(logs()).toEqual(['alice: SET → OK', 'bob: GET → Command timed out after 100 ms']);
    const hash = w.hash();
    await w.seek(5);
    await w.seek(w.step + 10_000);
    await w.runUntil(520);
    expect(w.hash()).toBe(hash);
    expect(() => w.as('cache', () => {})).toThrow("'cache' is a redis server, not an app");
  });

  it('refuses bad names and unknown processes with a clear error', () => {
    const w = createWorld();
    expect(() => w.redis('a b')).toThrow("bad process name 'a b'");
    w.redis('r');
    expect(() => w.redis('r')).toThrow("a process named 'r' already exists");
    expect(() => w.crash('nope')).toThrow("no process named 'nope' (there are: r)");
  });
});
