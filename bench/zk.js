// The ZooKeeper engine's benchmark: 100,000 znodes under one parent (create, getData, setData,
// delete), getChildren of that parent, and a watch fan-out (10,000 sessions watching one node,
// one setData). A benchmark, not a test: nothing here passes or fails. Run `npm run build` first.
// ZK_BENCH_N changes the znode count, ZK_BENCH_SESSIONS the fan-out.
//
// The peer is a real ZooKeeper 3.8 over loopback (node-zookeeper-client, 5,000 znodes, pipelined),
// measured once for issue 3: create 4.9k/s, getData 5.6k/s, setData 7.5k/s, delete 11.8k/s.
import { performance } from 'node:perf_hooks';
import { createZooKeeper, ManualClock } from 'redzoo/zk';

const N = Number(process.env.ZK_BENCH_N ?? 100_000);
const SESSIONS = Number(process.env.ZK_BENCH_SESSIONS ?? 10_000);
const REAL_ZK = { create: 4_900, getData: 5_600, setData: 7_500, delete: 11_800 };

function fmt(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(0);
}

function time(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** One full round on a fresh server; returns ms per phase. */
function round(n) {
  const zk = createZooKeeper({ clock: new ManualClock(0) });
  const s = zk.connect();
  s.create('/bench');
  const names = Array.from({ length: n }, (_, i) => `/bench/n-${i}`);
  const payload = 'x'.repeat(32);
  const out = {};
  out.create = time(() => {
    for (let i = 0; i < n; i++) s.create(names[i], payload);
  });
  out.getData = time(() => {
    for (let i = 0; i < n; i++) s.getData(names[i]);
  });
  out.setData = time(() => {
    for (let i = 0; i < n; i++) s.setData(names[i], payload, 0);
  });
  let children = 0;
  out.getChildren = time(() => {
    children = s.getChildren('/bench').length;
  });
  if (children !== n) throw new Error(`getChildren returned ${children}`);
  out.delete = time(() => {
    for (let i = 0; i < n; i++) s.delete(names[i]);
  });
  return out;
}

function fanOut(sessions) {
  const zk = createZooKeeper({ clock: new ManualClock(0) });
  const writer = zk.connect();
  writer.create('/hot', 'v0');
  let fired = 0;
  const watcher = () => {
    fired++;
  };
  for (let i = 0; i < sessions; i++) zk.connect({ sessionTimeout: 40_000 }).getData('/hot', { watch: watcher });
  const ms = time(() => writer.setData('/hot', 'v1'));
  if (fired !== sessions) throw new Error(`fan-out reached ${fired} of ${sessions} watchers`);
  return ms;
}

// Warm up the JIT on a smaller round, then measure the best of three.
round(Math.min(20_000, N));
fanOut(Math.min(1_000, SESSIONS));
const rounds = [round(N), round(N), round(N)];
const best = (k) => Math.min(...rounds.map((r) => r[k]));
const fan = Math.min(fanOut(SESSIONS), fanOut(SESSIONS), fanOut(SESSIONS));

const rows = [];
for (const op of ['create', 'getData', 'setData', 'delete']) {
  const ms = best(op);
  const rate = (N / ms) * 1000;
  rows.push(`| ${op} | ${N.toLocaleString('en-US')} znodes | ${ms.toFixed(1)} ms | ${fmt(rate)}/s | ${Math.round(rate / REAL_ZK[op])}× | ≥ 500k/s |`);
}
rows.push(`| getChildren | one parent, ${N.toLocaleString('en-US')} children | ${best('getChildren').toFixed(2)} ms | | | < 50 ms |`);
rows.push(`| watch fan-out | ${SESSIONS.toLocaleString('en-US')} sessions, one setData | ${fan.toFixed(2)} ms | | | < 50 ms |`);

console.log(`\nZooKeeper engine (Node ${process.versions.node}, best of 3)\n`);
console.log('| operation | workload | time | rate | vs real ZooKeeper over loopback | target |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
