// `npm run bench`: the Redis engine against peers measured in the same run, printed as ratios.
// A benchmark, not a test: nothing here passes or fails. Set BENCH_OPS to change the op count.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createRedis, ManualClock } from 'redzoo/redis';
import { fmt, freePort } from './lib.js';

const OPS = Number(process.env.BENCH_OPS ?? 100_000);
const ZSET_SIZE = 100_000;
const HASH_KEYS = 10_000;
const MOCK_SECONDS = Number(process.env.BENCH_MOCK_SECONDS ?? 20);

/** A deterministic mixed workload: [argv] per op, the same for every peer. */
function workload(n, seed = 1) {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (k) => Math.floor(rnd() * k);
  const ops = [];
  for (let i = 0; i < n; i++) {
    const r = int(12);
    switch (r) {
      case 0: ops.push(['SET', `str:${int(10_000)}`, `value-${i}`]); break;
      case 1: ops.push(['GET', `str:${int(10_000)}`]); break;
      case 2: ops.push(['INCR', `counter:${int(100)}`]); break;
      case 3: ops.push(['LPUSH', `list:${int(10)}`, `item-${i}`]); break;
      case 4: ops.push(['RPOP', `list:${int(10)}`]); break;
      case 5: ops.push(['LRANGE', `list:${int(10)}`, '0', '9']); break;
      case 6: ops.push(['SADD', `set:${int(100)}`, `m${int(1000)}`]); break;
      case 7: ops.push(['SISMEMBER', `set:${int(100)}`, `m${int(1000)}`]); break;
      case 8: ops.push(['ZADD', 'board', String(int(1_000_000)), `player:${int(ZSET_SIZE)}`]); break;
      case 9: {
        const lo = int(1_000_000);
        ops.push(['ZRANGEBYSCORE', 'board', String(lo), '+inf', 'LIMIT', '0', '10']);
        break;
      }
      case 10: ops.push(['ZRANK', 'board', `player:${int(ZSET_SIZE)}`]); break;
      default: ops.push(int(2) ? ['HSET', `hash:${int(HASH_KEYS)}`, `f${int(10)}`, `v${i}`] : ['HGET', `hash:${int(HASH_KEYS)}`, `f${int(10)}`]);
    }
  }
  return ops;
}

/** The sorted set every peer starts with, in chunks of 1000 members (spreading 200k args overflows the stack). */
function boardChunks() {
  const chunks = [];
  for (let i = 0; i < ZSET_SIZE; i += 1000) {
    const args = [];
    for (let j = i; j < Math.min(ZSET_SIZE, i + 1000); j++) args.push(String((j * 7919) % 1_000_000), `player:${j}`);
    chunks.push(args);
  }
  return chunks;
}

async function timeIt(fn) {
  globalThis.gc?.(); // a collection left over from setup must not land inside the measurement
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** The best of `runs` timings (ms): the least disturbed by the machine's other work. */
async function best(runs, fn) {
  let min = Infinity;
  for (let i = 0; i < runs; i++) min = Math.min(min, await fn());
  return min;
}

async function benchEngine(ops) {
  const r = createRedis({ clock: new ManualClock(0), seed: 1 });
  for (const chunk of boardChunks()) r.exec(['ZADD', 'board', ...chunk]);
  // Warm up the JIT on a copy of the workload, then measure.
  for (const op of ops.slice(0, Math.min(20_000, ops.length))) r.exec(op);
  return best(3, () =>
    timeIt(() => {
      for (const op of ops) r.exec(op);
    }),
  );
}

async function benchIoredisMock(ops) {
  const { default: RedisMock } = await import('ioredis-mock');
  const r = new RedisMock();
  for (const chunk of boardChunks()) await r.zadd('board', ...chunk);
  // ioredis-mock has no generic call(): each command is a method. Its cost grows with the sorted
  // set, so it runs the same op list for at most MOCK_SECONDS and reports the rate it reached.
  let done = 0;
  const deadline = performance.now() + MOCK_SECONDS * 1000;
  const ms = await timeIt(async () => {
    for (const [cmd, ...args] of ops) {
      await r[cmd.toLowerCase()](...args);
      if (++done % 100 === 0 && performance.now() > deadline) break;
    }
  });
  return (ms * ops.length) / done; // ms it would take for all ops at the rate reached
}

/**
 * The floor: a bare Map doing one get or set per op, no Redis semantics at all. Measured as the
 * engine is (JIT warmed on the same ops, best of 3): a cold first run reads 2–3× slower.
 */
async function benchMapFloor(ops) {
  const m = new Map();
  const run = (list) => {
    for (const op of list) {
      if (op[0].startsWith('G') || op[0].startsWith('Z') || op[0].startsWith('S')) m.get(op[1]);
      else m.set(op[1], op[2]);
    }
  };
  run(ops.slice(0, Math.min(20_000, ops.length)));
  return best(3, () => timeIt(() => run(ops)));
}

/** The real redis-server over loopback, pipelined in batches of 1000 (skipped when not installed). */
async function benchRealRedis(ops) {
  const port = await freePort();
  let proc;
  try {
    proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await new Promise((resolve, reject) => {
      proc.once('error', reject);
      setTimeout(resolve, 300);
    });
  } catch {
    return null;
  }
  const { default: Redis } = await import('ioredis');
  const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await r.connect();
    for (const chunk of boardChunks()) await r.zadd('board', ...chunk);
    const run = async (list) => {
      for (let i = 0; i < list.length; i += 1000) {
        const p = r.pipeline();
        for (const [cmd, ...args] of list.slice(i, i + 1000)) p.call(cmd, ...args);
        await p.exec();
      }
    };
    await run(ops.slice(0, Math.min(20_000, ops.length))); // as the others: warmed, best of 3
    return await best(3, () => timeIt(() => run(ops)));
  } catch {
    return null;
  } finally {
    r.disconnect();
    proc.kill('SIGKILL');
  }
}

/**
 * Per-op cost of one command at two sizes: textbook costs keep the ratio near 1. Each case runs
 * 1,000,000 ops, long enough to span a growth of V8's Map at a million members (a 100,000-op
 * window catches one whole rehash that steady state spreads over a million inserts).
 */
function scaling() {
  const rows = [];
  const REPS = 1_000_000;
  const perOp = (setup, op, n) => {
    let bestNs = Infinity;
    for (let run = 0; run < 3; run++) {
      const r = createRedis({ clock: new ManualClock(0), seed: 1 });
      setup(r, n);
      const ops = Array.from({ length: REPS }, (_, i) => op(i, n));
      for (const o of ops.slice(0, 2000)) r.exec(o);
      globalThis.gc?.();
      const t0 = performance.now();
      for (const o of ops) r.exec(o);
      bestNs = Math.min(bestNs, ((performance.now() - t0) * 1e6) / REPS);
    }
    return bestNs;
  };
  // The floor under any lookup by member: a bare Map.get whose key is the previous get's value,
  // in the same stride as ZRANK's members, so the CPU cannot overlap one lookup with the next.
  const chainedGet = (n) => {
    const keys = Array.from({ length: n }, (_, j) => `m${j}`);
    const m = new Map(keys.map((k, j) => [k, keys[(j + 7919) % n]]));
    let bestNs = Infinity;
    for (let run = 0; run < 3; run++) {
      let k = keys[run];
      globalThis.gc?.();
      const t0 = performance.now();
      for (let i = 0; i < REPS; i++) k = m.get(k);
      bestNs = Math.min(bestNs, ((performance.now() - t0) * 1e6) / REPS);
      if (k === undefined) throw new Error('chain broken');
    }
    return bestNs;
  };
  const fillZ = (r, n) => {
    for (let i = 0; i < n; i += 10_000) {
      const args = [];
      for (let j = i; j < Math.min(n, i + 10_000); j++) args.push(String(j), `m${j}`);
      r.exec(['ZADD', 'z', ...args]);
    }
  };
  const fillL = (r, n) => {
    for (let i = 0; i < n; i += 10_000) {
      const args = [];
      for (let j = i; j < Math.min(n, i + 10_000); j++) args.push(`e${j}`);
      r.exec(['RPUSH', 'l', ...args]);
    }
  };
  // Each case keeps the structure at its size: adds are paired with removals.
  const cases = [
    ['ZADD new member, then ZREM it', fillZ, (i, n) => (i % 2 ? ['ZREM', 'z', `new${i - 1}`] : ['ZADD', 'z', String(n + i + 0.5), `new${i}`])],
    ['ZRANK', fillZ, (i, n) => ['ZRANK', 'z', `m${(i * 7919) % n}`]],
    ['ZRANGEBYSCORE … LIMIT 0 10', fillZ, (i, n) => ['ZRANGEBYSCORE', 'z', String((i * 7919) % n), '+inf', 'LIMIT', '0', '10']],
    ['LPUSH, then RPOP', fillL, (i) => (i % 2 ? ['RPOP', 'l'] : ['LPUSH', 'l', `x${i}`])],
  ];
  for (const [name, setup, op] of cases) {
    const small = perOp(setup, op, 1_000);
    const large = perOp(setup, op, 1_000_000);
    rows.push([name, small, large, large / small]);
  }
  // And one dependent read of memory: a pointer chase through a shuffled Int32Array.
  const chase = (bytes) => {
    const n = bytes / 4;
    const order = Array.from({ length: n }, (_, i) => i);
    let s = 7;
    for (let i = n - 1; i > 0; i--) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      const j = Math.floor((s / 4294967296) * (i + 1)); // the LCG's high bits: its low ones repeat
      [order[i], order[j]] = [order[j], order[i]];
    }
    const next = new Int32Array(n);
    for (let i = 0; i < n; i++) next[order[i]] = order[(i + 1) % n];
    let bestNs = Infinity;
    for (let run = 0; run < 3; run++) {
      let p = 0;
      const t0 = performance.now();
      for (let i = 0; i < REPS; i++) p = next[p];
      bestNs = Math.min(bestNs, ((performance.now() - t0) * 1e6) / REPS);
      if (p < 0) throw new Error('chase broken');
    }
    return bestNs;
  };
  const reference = (name, measure, small, large) => {
    const [a, b] = [measure(small), measure(large)];
    rows.push([name, a, b, b / a]);
  };
  reference("(reference) bare Map.get, each key the last one's value", chainedGet, 1_000, 1_000_000);
  reference('(reference) one read whose address the last read gave: 128 KB, 128 MB', chase, 128 << 10, 128 << 20);
  return rows;
}

async function main() {
  console.log(`redzoo bench: Node ${process.version}, ${OPS} mixed ops (ZRANGEBYSCORE/ZRANK/ZADD on a ${ZSET_SIZE}-member sorted set)\n`);
  const ops = workload(OPS);
  const engine = await benchEngine(ops);
  const floor = await benchMapFloor(ops);
  const mock = await benchIoredisMock(ops);
  const real = await benchRealRedis(ops);
  const rate = (ms) => (OPS / ms) * 1000;
  const rows = [
    ['redzoo exec()', engine],
    ['bare Map floor', floor],
    ['ioredis-mock', mock],
    ['redis-server 7.0, loopback, pipelined', real],
  ];
  console.log('| peer | ops/s | redzoo is × faster |');
  console.log('|---|---:|---:|');
  for (const [name, ms] of rows) {
    if (ms === null) console.log(`| ${name} | not available | |`);
    else console.log(`| ${name} | ${fmt(rate(ms))} | ${name.startsWith('redzoo') ? '1' : (ms / engine).toFixed(2)} |`);
  }
  console.log(`\nredzoo / Map floor: ${(floor / engine).toFixed(3)} (1/5 would be 0.200)\n`);
  console.log('| command | ns/op at 1,000 | ns/op at 1,000,000 | ratio |');
  console.log('|---|---:|---:|---:|');
  for (const [name, small, large, ratio] of scaling()) console.log(`| ${name} | ${small.toFixed(0)} | ${large.toFixed(0)} | ${ratio.toFixed(2)} |`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
