// The ZooKeeper engine's benchmark: 100,000 znodes under one parent (create, getData, setData,
// delete), getChildren of that parent, and a watch fan-out (10,000 sessions watching one node,
// one setData). A benchmark, not a test: nothing here passes or fails. Run `npm run build` first.
// ZK_BENCH_N changes the znode count, ZK_BENCH_SESSIONS the fan-out.
//
// The peer is a real ZooKeeper 3.8 (the Debian jars) started here on a free loopback port and driven
// by node-zookeeper-client, so every ratio comes from this run on this machine. It gets a fixed
// 5,000 znodes rather than N because every request is a network round trip: at N its four rounds
// would take about a minute.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import zookeeper from 'node-zookeeper-client';
import { createZooKeeper, ManualClock } from 'redzoo/zk';
import { fmt, freePort } from './lib.js';

const N = Number(process.env.ZK_BENCH_N ?? 100_000);
const SESSIONS = Number(process.env.ZK_BENCH_SESSIONS ?? 10_000);
const REAL_N = 5_000;
const REAL_START_MS = 20_000;
const JAVA_DIR = '/usr/share/java';
const CLASSPATH = ['zookeeper', 'zookeeper-jute', 'slf4j-api', 'slf4j-nop', 'commons-cli', 'netty-all'].map((j) => join(JAVA_DIR, `${j}.jar`));
const OPS = ['create', 'getData', 'setData', 'delete'];

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

/** A real standalone ZooKeeper over loopback, pipelined; ms per phase (best of 3), or null when it can't run. */
async function benchRealZooKeeper(n) {
  if (!CLASSPATH.every((jar) => existsSync(jar))) return null;
  const dir = mkdtempSync(join(tmpdir(), 'redzoo-zk-bench-'));
  const port = await freePort();
  const cfg = join(dir, 'zoo.cfg');
  writeFileSync(cfg, `tickTime=2000\ndataDir=${dir}\nclientPort=${port}\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n`);
  const proc = spawn('java', ['-cp', CLASSPATH.join(':'), 'org.apache.zookeeper.server.ZooKeeperServerMain', cfg], { stdio: 'ignore' });
  // 'error' covers a missing java binary; 'close' a server that dies on start.
  const exited = new Promise((resolve) => {
    proc.once('error', resolve);
    proc.once('close', resolve);
  });
  // The client keeps retrying until the server listens; a session is the sign it is up.
  const client = zookeeper.createClient(`127.0.0.1:${port}`, { spinDelay: 100 });
  const call = (method, ...args) =>
    new Promise((resolve, reject) => client[method](...args, (err, value) => (err ? reject(err) : resolve(value))));
  try {
    const connected = new Promise((resolve) => client.once('connected', () => resolve(true)));
    client.connect();
    const up = await Promise.race([connected, exited.then(() => false), sleep(REAL_START_MS, false, { ref: false })]);
    if (!up) return null;

    await call('create', '/bench');
    const names = Array.from({ length: n }, (_, i) => `/bench/n-${i}`);
    const payload = Buffer.from('x'.repeat(32));
    const phase = async (op) => {
      const t0 = performance.now();
      await Promise.all(names.map(op));
      return performance.now() - t0;
    };
    const realRound = async () => ({
      create: await phase((p) => call('create', p, payload)),
      getData: await phase((p) => call('getData', p)),
      setData: await phase((p) => call('setData', p, payload, 0)),
      delete: await phase((p) => call('remove', p, -1)),
    });
    // Same treatment as the engine: one warm-up round for the JVM's JIT, then the best of three.
    await realRound();
    const realRounds = [await realRound(), await realRound(), await realRound()];
    return Object.fromEntries(OPS.map((op) => [op, Math.min(...realRounds.map((r) => r[op]))]));
  } finally {
    client.close();
    proc.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

// Warm up the JIT on a smaller round, then measure the best of three.
round(Math.min(20_000, N));
fanOut(Math.min(1_000, SESSIONS));
const rounds = [round(N), round(N), round(N)];
const best = (k) => Math.min(...rounds.map((r) => r[k]));
const fan = Math.min(fanOut(SESSIONS), fanOut(SESSIONS), fanOut(SESSIONS));
const real = await benchRealZooKeeper(REAL_N);

const rows = [];
for (const op of OPS) {
  const ms = best(op);
  const rate = (N / ms) * 1000;
  const realRate = real && (REAL_N / real[op]) * 1000;
  const peer = real ? `${fmt(realRate)}/s | ${Math.round(rate / realRate)}×` : '|';
  rows.push(`| ${op} | ${N.toLocaleString('en-US')} znodes | ${ms.toFixed(1)} ms | ${fmt(rate)}/s | ${peer} | ≥ 500k/s |`);
}
rows.push(`| getChildren | one parent, ${N.toLocaleString('en-US')} children | ${best('getChildren').toFixed(2)} ms | | | | < 50 ms |`);
rows.push(`| watch fan-out | ${SESSIONS.toLocaleString('en-US')} sessions, one setData | ${fan.toFixed(2)} ms | | | | < 50 ms |`);

console.log(`\nZooKeeper engine (Node ${process.versions.node}, best of 3)\n`);
if (!real) console.log('real ZooKeeper: not available\n');
console.log(`| operation | workload | time | rate | real ZooKeeper (loopback, ${REAL_N.toLocaleString('en-US')} znodes, pipelined) rate | redzoo is × faster | target |`);
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
