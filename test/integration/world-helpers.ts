import { applyFaultPlan, createWorld, randomFaultPlan, type World } from '../../src/integration/index.js';

/**
 * A small busy world for property tests: one Redis, one ZooKeeper, `apps` processes that mix
 * Redis and ZooKeeper requests, and a fault plan drawn from `faultSeed`.
 */
export function smallWorld(seed: number, apps: number, faultSeed: number, durationMs: number): World {
  const w = createWorld({ seed, network: { latency: 1, jitter: 3 } });
  w.redis('cache').zookeeper('zk', { tickTime: 500 });
  for (let i = 0; i < apps; i++) {
    w.app(`app${i}`, async (p) => {
      let zk = p.zookeeper('zk', { sessionTimeout: 2000 });
      const r = p.redis('cache', { timeout: 300 });
      for (;;) {
        try {
          if (zk.state === 'EXPIRED') zk = p.zookeeper('zk', { sessionTimeout: 2000 });
          await zk.create(`/m-${p.name}-`, '', { mode: 'EPHEMERAL_SEQUENTIAL' });
          for (;;) {
            const n = await r.incr(`c${p.random.int(0, 3)}`);
            p.log(`count ${n}`);
            await zk.getChildren('/', { watch: p.random.chance(0.5) });
            await p.sleep(p.random.int(5, 80));
          }
        } catch (e) {
          p.log(`retry after ${(e as Error).message}`);
          await p.sleep(100);
        }
      }
    });
  }
  const targets = Array.from({ length: apps }, (_, i) => `app${i}`).concat('cache');
  applyFaultPlan(w, randomFaultPlan({ seed: faultSeed, targets, end: durationMs, every: 400, maxDuration: 2500 }));
  return w;
}
