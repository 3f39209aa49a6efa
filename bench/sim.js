// `npm run bench` (part 3): the simulation kernel and world. Events per second on a busy world,
// the wall time of one virtual hour of it, and the cost of seeking in a 100,000-event run.
// A benchmark, not a test: nothing here passes or fails.
import { performance } from 'node:perf_hooks';
import { createWorld, randomFaultPlan, applyFaultPlan } from 'redzoo/sim';
import { fmt } from './lib.js';

const APPS = 10;

/**
 * The busy world: one Redis, one ZooKeeper, ten application processes. Each app keeps a
 * ZooKeeper session (heart-beats), registers an ephemeral znode, then loops: a Redis GET, a SET
 * with a TTL on a miss, an INCR, a ZooKeeper getData or setData, then 20–200 ms of think time.
 * Latency 1–3 ms per message; a seeded fault plan partitions or pauses a process now and then.
 */
function busyWorld(seed, hours = 1) {
  const world = createWorld({ seed, network: { latency: 1, jitter: 2 } });
  world.redis('cache').zookeeper('zk', { tickTime: 2000 });
  world.app('setup', async (p) => {
    const zk = p.zookeeper('zk', { sessionTimeout: 10_000 });
    await zk.connected();
    await zk.create('/apps');
    await zk.create('/config', 'v0');
    await zk.close();
  });
  for (let i = 0; i < APPS; i++) {
    world.app(`app${i}`, async (p) => {
      await p.sleep(50);
      let zk = p.zookeeper('zk', { sessionTimeout: 10_000 });
      const redis = p.redis('cache', { timeout: 500 });
      for (;;) {
        try {
          if (zk.state === 'EXPIRED') zk = p.zookeeper('zk', { sessionTimeout: 10_000 });
          await zk.connected();
          await zk.create(`/apps/${p.name}-`, p.name, { mode: 'EPHEMERAL_SEQUENTIAL' });
          for (;;) {
            const key = `item:${p.random.int(0, 999)}`;
            const hit = await redis.get(key);
            if (hit === null) await redis.set(key, 'v', { px: 5_000 });
            await redis.incr(`hits:${p.name}`);
            if (p.random.chance(0.1)) await zk.setData('/config', `v${p.now()}`);
            else await zk.getData('/config');
            await p.sleep(p.random.int(20, 200));
          }
        } catch (e) {
          // Timeouts, ConnectionLoss, SessionExpired: back off and start over (a new session if it expired).
          await p.sleep(500);
        }
      }
    });
  }
  const hour = 3_600_000 * hours;
  applyFaultPlan(world, randomFaultPlan({ seed, targets: Array.from({ length: APPS }, (_, i) => `app${i}`), end: hour, every: 60_000, maxDuration: 15_000, weights: { crash: 0, pause: 1, partition: 1, slow: 1 } }));
  return world;
}

async function main() {
  const minutes = Number(process.env.BENCH_SIM_MINUTES ?? 60);
  console.log('\n## Simulation kernel and world\n');
  globalThis.gc?.();
  const world = busyWorld(1);
  const t0 = performance.now();
  await world.runFor(minutes * 60_000);
  const ms = performance.now() - t0;
  const events = world.step;
  console.log(`busy world (${APPS} apps, Redis + ZooKeeper, jitter, seeded partitions/pauses): ${minutes} virtual minutes`);
  console.log(`| events | trace records | wall time | events/s | virtual hour takes |`);
  console.log(`|---:|---:|---:|---:|---:|`);
  console.log(`| ${fmt(events)} | ${fmt(world.trace.length)} | ${(ms / 1000).toFixed(2)} s | ${fmt((events / ms) * 1000)} | ${((ms / minutes) * 60 / 1000).toFixed(2)} s |`);

  // Seek in a 100,000-event run: back (a rebuild) and forward, to random steps.
  const w = busyWorld(2);
  await w.stepForward(100_000);
  let worst = 0;
  let total = 0;
  const targets = [99_000, 50_000, 1_000, 75_000, 25_000, 100_000];
  for (const k of targets) {
    const t = performance.now();
    await w.seek(k);
    const d = performance.now() - t;
    worst = Math.max(worst, d);
    total += d;
  }
  console.log(`\nseek in a 100,000-event run (to ${targets.join(', ')}): mean ${(total / targets.length).toFixed(0)} ms, worst ${worst.toFixed(0)} ms`);
}

await main();
