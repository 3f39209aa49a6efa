import { describe, expect, it } from 'vitest';
import {
  acknowledgedWritesNeverLost,
  createWorld,
  fencingTokensIncrease,
  invariant,
  mutualExclusion,
  randomFaultPlan,
  readsNeverGoBack,
  type ProcessContext,
} from '../../src/integration/index.js';

/** A world whose apps only run `script` (marks at given times). */
function scripted(scripts: Record<string, (p: ProcessContext) => Promise<void>>) {
  const w = createWorld({ seed: 1 });
  for (const [name, fn] of Object.entries(scripts)) w.app(name, fn);
  return w;
}

describe('checkers', () => {
  it('mutual exclusion: fails, with who and when, when two hold the resource at once', async () => {
    const w = scripted({
      a: async (p) => {
        p.mark('acquired', { resource: 'r' });
        await p.sleep(100);
        p.mark('released', { resource: 'r' });
      },
      b: async (p) => {
        await p.sleep(50);
        p.mark('acquired', { resource: 'r' });
      },
    }).check(mutualExclusion('r'));
    await w.runFor(200);
    expect(w.checks()).toEqual([{ name: 'mutual exclusion on r', description: 'at most one process holds r at any time', ok: false, explanation: 'b acquired r at t=50ms while a still held it' }]);
    expect(w.trace.find((r) => r.type === 'check')).toMatchObject({ time: 50, ok: false, name: 'mutual exclusion on r' });
  });

  it('mutual exclusion: a crash releases, hand-overs pass, and the verdict goes in the trace', async () => {
    const w = scripted({
      a: async (p) => {
        p.mark('acquired', { resource: 'r' });
        await p.sleep(1000);
      },
      b: async (p) => {
        await p.sleep(100);
        p.mark('acquired', { resource: 'r' });
        p.mark('released', { resource: 'r' });
        p.mark('acquired', { resource: 'r' });
      },
    }).check(mutualExclusion('r'));
    w.after(50, (world) => world.crash('a'));
    await w.runFor(200);
    expect(w.finish()).toMatchObject({ ok: true, checks: [{ ok: true }] });
    expect(w.trace.at(-1)).toMatchObject({ type: 'check', ok: true });
  });

  it('acknowledged writes never lost: a read begun after an ack must see it', async () => {
    const w = scripted({
      writer: async (p) => {
        p.mark('write-acked', { key: 'k', version: 2 });
      },
      reader: async (p) => {
        await p.sleep(10);
        p.mark('read-start', { key: 'k' });
        p.mark('read', { key: 'k', version: 1 });
      },
    }).check(acknowledgedWritesNeverLost());
    await w.runFor(100);
    expect(w.checks()[0]).toMatchObject({ ok: false, explanation: 'reader read version 1 of k at t=10ms, but version 2 had been acknowledged before the read began' });

    const concurrent = scripted({
      reader: async (p) => {
        p.mark('read-start', { key: 'k' });
        await p.sleep(10);
        p.mark('read', { key: 'k', version: 1 });
      },
      writer: async (p) => {
        await p.sleep(5);
        p.mark('write-acked', { key: 'k', version: 2 });
      },
    }).check(acknowledgedWritesNeverLost());
    await concurrent.runFor(100);
    expect(concurrent.finish().ok).toBe(true);
  });

  it('reads never go back in time, per process and key', async () => {
    const w = scripted({
      a: async (p) => {
        p.mark('read', { key: 'k', version: 3 });
        p.mark('read', { key: 'other', version: 1 });
        p.mark('read', { key: 'k', version: 2 });
      },
    }).check(readsNeverGoBack());
    await w.runFor(10);
    expect(w.checks()[0]).toMatchObject({ ok: false, explanation: 'a read version 2 of k at t=0ms after having read version 3' });
  });

  it('fencing tokens never go backwards (a holder may write twice under its token)', async () => {
    const w = scripted({
      storage: async (p) => {
        p.mark('fenced-write', { resource: 'db', token: 5, writer: 'alice' });
        p.mark('fenced-write', { resource: 'db', token: 5, writer: 'alice' });
        p.mark('fenced-write', { resource: 'other', token: 1, writer: 'carol' });
        p.mark('fenced-write', { resource: 'db', token: 4, writer: 'bob' });
      },
    }).check(fencingTokensIncrease('db'));
    await w.runFor(10);
    expect(w.checks()[0]).toMatchObject({ ok: false, explanation: 'db accepted token 4 from bob at t=0ms after token 5' });
  });

  it('invariants over the world run after every event, or at the end', async () => {
    const w = createWorld({ seed: 1 }).redis('cache');
    w.app('a', async (p) => {
      await p.redis().set('k', '1');
      await p.redis().set('k', '2');
    });
    w.check(invariant('k is never 2', 'k stays below 2', () => (w.redisEngine().exec(['GET', 'k']) as { value: string | null }).value === '2' ? `k became 2 at t=${w.now}ms` : undefined));
    w.check(invariant('k ends at 2', 'k ends at 2', () => undefined, 'at end'));
    await w.runFor(100);
    const { ok, checks } = w.finish();
    expect(ok).toBe(false);
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['k is never 2', false],
      ['k ends at 2', true],
    ]);
  });
});

describe('fault plans', () => {
  it('are drawn from a seed: the same seed, the same plan; crashed processes come back', () => {
    const o = { seed: 7, targets: ['a', 'b'], end: 60_000 };
    expect(randomFaultPlan(o)).toEqual(randomFaultPlan(o));
    expect(randomFaultPlan(o)).not.toEqual(randomFaultPlan({ ...o, seed: 8 }));
    const plan = randomFaultPlan({ ...o, weights: { crash: 1, pause: 0, partition: 0, slow: 0 } });
    expect(plan.length).toBeGreaterThan(4);
    const crashes = plan.filter((s) => s.fault === 'crash').length;
    expect(plan.filter((s) => s.fault === 'restart')).toHaveLength(crashes);
    for (let i = 1; i < plan.length; i++) expect(plan[i]!.at).toBeGreaterThanOrEqual(plan[i - 1]!.at);
  });
});

describe('snapshot', () => {
  it('shows processes, partitions, keys with TTL and encoding, znodes with owners, sessions and watches, without touching the world', async () => {
    const w = createWorld({ seed: 1 }).redis('cache').zookeeper('zk');
    w.app('a', async (p) => {
      p.setRole('leader');
      const r = p.redis();
      await r.set('greeting', 'hello', { px: 5000 });
      await r.sadd('s', '1', '2');
      const zk = p.zookeeper('zk', { sessionTimeout: 10_000 });
      await zk.create('/election', '');
      await zk.create('/election/n-', 'a', { mode: 'EPHEMERAL_SEQUENTIAL' });
      await zk.getChildren('/election', { watch: true });
    });
    await w.runFor(1000);
    w.partition(['a'], ['cache']);
    const before = w.hash();
    const s = w.snapshot();
    expect(w.hash()).toBe(before);
    expect(Object.isFrozen(s) && Object.isFrozen(s.processes[0])).toBe(true);
    expect(s.processes.find((p) => p.name === 'a')).toMatchObject({ state: 'up', partitioned: true, role: 'leader', zk: [{ server: 'zk', state: 'CONNECTED' }] });
    expect(s.cuts).toEqual([
      ['a', 'cache'],
      ['cache', 'a'],
    ]);
    expect(s.redis[0]).toMatchObject({ name: 'cache', up: true, keyCount: 2 });
    const greeting = s.redis[0]!.keys.find((k) => k.key === 'greeting')!;
    expect(greeting).toMatchObject({ type: 'string', encoding: 'embstr', preview: 'hello' });
    expect(greeting.ttl).toBeGreaterThan(3900);
    expect(s.redis[0]!.keys.find((k) => k.key === 's')).toMatchObject({ type: 'set', encoding: 'intset', ttl: -1 });
    const eph = s.zookeeper[0]!.nodes.find((n) => n.path === '/election/n-0000000000')!;
    expect(eph).toMatchObject({ owner: 'a', data: 'a', ephemeralOwner: expect.stringMatching(/^0x/) });
    expect(s.zookeeper[0]!.watches).toEqual([{ path: '/election', session: eph.ephemeralOwner, table: 'child', mode: 'standard' }]);
    expect(s.zookeeper[0]!.sessions).toMatchObject([{ owner: 'a', ephemerals: 1, timeout: 10_000 }]);
    expect(s.recent.at(-1)).toMatchObject({ type: 'fault', fault: 'partition' });
  });
});
