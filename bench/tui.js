// The TUI's frame time with a big world: 10,000 Redis keys and 10,000 znodes, on a 120×40 screen.
// `npm run build` first (it reads dist/). A benchmark, not a test: nothing here passes or fails.
//
// Frames are timed from the change to the frame written (React render, layout, output):
//   cold       the first frame (every index built: sorted keys, flattened tree, timeline)
//   change     after the world moved (a new revision: the keys sorted again), as each clock tick
//              of the player causes when ZooKeeper's tree did not change
//   zk change  the same after a ZooKeeper write (the tree flattened again as well)
//   scroll     PgDn in the keyspace: only the visible rows are built
// React runs its production build, as `redzoo` runs it (src/tui/index.ts sets NODE_ENV).
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';

process.env.NODE_ENV ??= 'production';
const { createElement: h } = await import('react');
const { render } = await import('ink');
const { App } = await import('../dist/tui/views/App.js');
const { Session } = await import('../dist/tui/session/session.js');
const { ManualTimers } = await import('../dist/tui/session/clock.js');

const KEYS = 10_000;
const ZNODES = 10_000;
const ROUNDS = Number(process.env.ROUNDS ?? 30);

class Screen extends EventEmitter {
  columns = 120;
  rows = 40;
  isTTY = false;
  frames = 0;
  write() {
    this.frames++;
    return true;
  }
}

class Keyboard extends EventEmitter {
  isTTY = true;
  queue = [];
  setRawMode() {}
  setEncoding() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read() {
    return this.queue.shift() ?? null;
  }
  type(data) {
    this.queue.push(data);
    this.emit('readable');
  }
}

let zk;

async function bigSession() {
  const session = new Session({ autoplay: false, timers: new ManualTimers() });
  await session.runFor(100);
  // Filled through the engines directly (no trace, no network): the bench is about drawing.
  const redis = session.world.redisEngine('redis');
  for (let i = 0; i < KEYS; i++) {
    const key = `user:${String(i).padStart(5, '0')}`;
    if (i % 10 === 0) redis.exec(['HSET', key, 'name', `user ${i}`, 'visits', String(i)]);
    else if (i % 10 === 1) redis.exec(['RPUSH', key, 'a', 'b', 'c']);
    else redis.exec(['SET', key, `value ${i}`, ...(i % 3 === 0 ? ['EX', '600'] : [])]);
  }
  zk = session.world.zkEngine('zk').connect({ sessionTimeout: 30_000 });
  zk.create('/bench', '');
  for (let i = 0; i < ZNODES / 100; i++) {
    zk.create(`/bench/d${i}`, '');
    for (let j = 0; j < 99; j++) zk.create(`/bench/d${i}/n${j}`, `data ${i}/${j}`);
  }
  return session;
}

/**
 * Time from `trigger()` to the frame it causes being written. React commits a store update in a
 * microtask, a key's update on the next turn of the event loop: microtasks are polled first, then
 * turns of the loop (an idle loop's turn costs microseconds).
 */
async function timeFrame(trigger) {
  const before = screen.frames;
  const t0 = performance.now();
  trigger();
  for (let i = 0; screen.frames === before; i++) {
    if (i > 10_000) throw new Error('no frame was drawn');
    await (i < 100 ? null : new Promise((r) => setImmediate(r)));
  }
  return performance.now() - t0;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const session = await bigSession();
const screen = new Screen();
const keyboard = new Keyboard();
let app;
const cold = await timeFrame(() => {
  app = render(h(App, { session, initialUi: { focus: 'keyspace' } }), { stdout: screen, stdin: keyboard, stderr: screen, debug: true, exitOnCtrlC: false, patchConsole: false });
});
await new Promise((r) => setTimeout(r, 20)); // useInput's effects

const change = [];
const zkChange = [];
const scroll = [];
for (let i = 0; i < ROUNDS; i++) {
  // What a tick of the player does once the world has run: a new revision.
  change.push(await timeFrame(() => session['dispatch']({ type: 'world/changed' })));
  zk.setData('/bench', `round ${i}`);
  zkChange.push(await timeFrame(() => session['dispatch']({ type: 'world/changed' })));
  scroll.push(await timeFrame(() => keyboard.type('\u001B[6~'))); // PgDn
}
app.unmount();
session.dispose();

const f = (ms) => `${ms.toFixed(2)} ms`;
console.log(`TUI frame, ${KEYS} keys + ${ZNODES} znodes, 120×40, React ${process.env.NODE_ENV} build (median of ${ROUNDS}):`);
console.log(`  cold first frame     ${f(cold)}`);
console.log(`  after a world change ${f(median(change))}  (max ${f(Math.max(...change))})`);
console.log(`  … and a znode write  ${f(median(zkChange))}  (max ${f(Math.max(...zkChange))})`);
console.log(`  scroll (PgDn)        ${f(median(scroll))}  (max ${f(Math.max(...scroll))})`);
console.log(`  budget               16.00 ms (60 frames a second)`);
