import { createElement as h, type ReactElement } from 'react';
import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessesPane } from '../../src/tui/views/ProcessesPane.js';
import { KeyspacePane } from '../../src/tui/views/KeyspacePane.js';
import { ZkTreePane } from '../../src/tui/views/ZkTreePane.js';
import { TimelinePane } from '../../src/tui/views/TimelinePane.js';
import { ScenarioPane } from '../../src/tui/views/ScenarioPane.js';
import { PromptBar } from '../../src/tui/views/PromptBar.js';
import { Header } from '../../src/tui/views/Header.js';
import { PickerOverlay, TextOverlay } from '../../src/tui/views/Overlays.js';
import { keyIndex } from '../../src/tui/model/keyspace.js';
import { sessionOwners, watchesByPath, zkTree } from '../../src/tui/model/zktree.js';
import { timeline } from '../../src/tui/model/timeline.js';
import { scenarioLines } from '../../src/tui/model/scenario.js';
import { helpLines, keyOverlay, pickerEntries, znodeOverlayLines } from '../../src/tui/model/overlays.js';
import { Session } from '../../src/tui/session/session.js';
import { ManualTimers } from '../../src/tui/session/clock.js';
import { sampleSession, tinyScenario } from './helpers.js';

/**
 * Each pane on its own, from a known world, compared with the exact frame it draws (colours
 * stripped: the frame as a person reads it in plain text).
 */
const open: { unmount(): void }[] = [];
afterEach(() => open.splice(0).forEach((r) => r.unmount()));

function frame(el: ReactElement): string {
  const r = render(el);
  open.push(r);
  return stripVTControlCharacters(r.lastFrame() ?? '')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}

describe('panes', () => {
  it('Processes: state, the cut mark, ZooKeeper handles, the prompt process, cut links and sessions', async () => {
    const s = await sampleSession();
    await s.command({ kind: 'crash', name: 'redis' });
    await s.command({ kind: 'pause', name: 'carol', ms: 5000 });
    expect(frame(h(ProcessesPane, { world: s.world, snapshot: s.world.snapshot(), width: 40, height: 14, focused: true, cursor: { index: 2, top: 0 }, as: 'bob' }))).toMatchInlineSnapshot(`
      "┏━ Processes ━━━━━━━━━━━━━━━━━━━━━━ 5 ━┓
      ┃ redis redis CRASHED                  ┃
      ┃ zk    zk    up      ✂                ┃
      ┃▸alice app   up      ✂ CONNECTED      ┃
      ┃ bob  »app   up        CONNECTED      ┃
      ┃ carol app   paused                   ┃
      ┃                                      ┃
      ┃ cut:                                 ┃
      ┃  alice ✂ zk                          ┃
      ┃ zk sessions:                         ┃
      ┃  alice 0x100000000000000 30s eph 1   ┃
      ┃  bob 0x100000000000001 30s           ┃
      ┃                                      ┃
      ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛"
    `);
    s.dispose();
  });

  it('Keyspace: keys sorted, type, TTL, encoding, preview; the selected row marked', async () => {
    const s = await sampleSession();
    expect(frame(h(KeyspacePane, { world: s.world, index: keyIndex(s.world, 'redis', 1), width: 60, height: 9, focused: true, cursor: { index: 1, top: 0 } }))).toMatchInlineSnapshot(`
      "┏━ Redis redis ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 5 keys ━┓
      ┃ KEY             TYPE      TTL ENCODING  VALUE            ┃
      ┃ board           zset        - listpack  {ann:10, bob:20} ┃
      ┃▸greeting        string  28.9s embstr    hello            ┃
      ┃ queue           list        - quicklist [a, b, c]        ┃
      ┃ tags            set         - intset    {1, 2, 3}        ┃
      ┃ user:1          hash        - listpack  {name=ada, lang=…┃
      ┃                                                          ┃
      ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛"
    `);
    s.dispose();
  });

  it('Keyspace: a crashed server has no keys to show', async () => {
    const s = await sampleSession();
    await s.command({ kind: 'crash', name: 'redis' });
    expect(frame(h(KeyspacePane, { world: s.world, index: keyIndex(s.world, 'redis', 2), width: 60, height: 5, focused: false, cursor: { index: 0, top: 0 } }))).toMatchInlineSnapshot(`
      "╭─ Redis redis ───────────────────────────────────── down ─╮
      │ redis is down: it lost its keys (no persistence)         │
      │                                                          │
      │                                                          │
      ╰──────────────────────────────────────────────────────────╯"
    `);
    s.dispose();
  });

  it('ZooKeeper tree: ephemeral owner, sequence suffix, armed watches, data; a collapsed node', async () => {
    const s = await sampleSession();
    const w = s.world;
    const args = { world: w, owners: sessionOwners(w.snapshot(), 'zk'), watches: watchesByPath(w, 'zk', 1), width: 60, height: 9, focused: true, cursor: { index: 3, top: 0 } };
    expect(frame(h(ZkTreePane, { ...args, tree: zkTree(w, 'zk', {}) }))).toMatchInlineSnapshot(`
      "┏━ ZooKeeper zk ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 7 znodes ━┓
      ┃ ▾ / v0                                                   ┃
      ┃   ▾ app v0 w:d "config"                                  ┃
      ┃     · job-0000000001 v0 "x"                              ┃
      ┃▸    · lock v0 eph:alice "alice"                          ┃
      ┃   ▾ zookeeper v0                                         ┃
      ┃     · config v0                                          ┃
      ┃     · quota v0                                           ┃
      ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛"
    `);
    expect(frame(h(ZkTreePane, { ...args, tree: zkTree(w, 'zk', { '/zookeeper': true }), focused: false }))).toMatchInlineSnapshot(`
      "╭─ ZooKeeper zk ──────────────────────────────── 7 znodes ─╮
      │ ▾ / v0                                                   │
      │   ▾ app v0 w:d "config"                                  │
      │     · job-0000000001 v0 "x"                              │
      │     · lock v0 eph:alice "alice"                          │
      │   ▸ zookeeper (2) v0                                     │
      │                                                          │
      │                                                          │
      ╰──────────────────────────────────────────────────────────╯"
    `);
    s.dispose();
  });

  it('Timeline: the trace described line by line, and filtered', async () => {
    const s = await sampleSession();
    const args = { world: s.world, typing: false, width: 72, height: 8, focused: false };
    const all = timeline(s.world, '');
    expect(frame(h(TimelinePane, { ...args, timeline: all, filter: '', cursor: { index: all.count - 1, top: all.count - 6 } }))).toMatchInlineSnapshot(`
      "╭─ Timeline ──────────────────────────────────────────────── 20 lines ─╮
      │    0.033s zk    alice: create /app/lock → ok                         │
      │    0.037s zk    alice: create /app/job- → ok                         │
      │    0.042s zk    connection 3 with bob open                           │
      │    0.044s bob   session 0x100000000000001 CONNECTED                  │
      │    0.046s zk    bob: getData /app → ok                               │
      │    0.047s —     FAULT alice | zk                                     │
      ╰──────────────────────────────────────────────────────────────────────╯"
    `);
    const f = timeline(s.world, 'bob');
    expect(frame(h(TimelinePane, { ...args, timeline: f, filter: 'bob', typing: true, cursor: { index: 0, top: 0 } }))).toMatchInlineSnapshot(`
      "╭─ Timeline ────────────────────────────────────────────── /bob_ 5/20 ─╮
      │    0.000s bob   process start                                        │
      │    0.021s redis alice: ZADD board 10 ann 20 bob → (integer) 2        │
      │    0.042s zk    connection 3 with bob open                           │
      │    0.044s bob   session 0x100000000000001 CONNECTED                  │
      │    0.046s zk    bob: getData /app → ok                               │
      │                                                                      │
      ╰──────────────────────────────────────────────────────────────────────╯"
    `);
    s.dispose();
  });

  it('Scenario: the story, and each check as it is decided', async () => {
    const s = new Session({ autoplay: false, timers: new ManualTimers(), scenario: 'tiny-partition', catalogue: [tinyScenario] });
    const info = s.getState().scenario!;
    expect(frame(h(ScenarioPane, { title: 'Scenario · seed 1', lines: scenarioLines(info, s.world.checks(), s.expected, null, 50), width: 53, height: 22, focused: false, cursor: { index: 0, top: 0 } }))).toMatchInlineSnapshot(`
      "╭─ Scenario · seed 1 ───────────────────────────────╮
      │ Checks                                            │
      │ · app stays registered                            │
      │ · healed                                          │
      │ (undecided ones are judged at t=10s)              │
      │                                                   │
      │ The app registers /app (ephemeral) and caches     │
      │ seen=yes in Redis. At t=1s it is cut off from     │
      │ ZooKeeper for 6s; its 4s session expires and /app │
      │ goes.                                             │
      │                                                   │
      │ Watch: the ✂ on app and zk, then /app vanishing   │
      │ from the tree.                                    │
      │                                                   │
      │                                                   │
      │                                                   │
      │                                                   │
      │                                                   │
      │                                                   │
      │                                                   │
      │                                                   │
      ╰───────────────────────────────────────────────────╯"
    `);
    await s.runFor(info.duration);
    const lines = scenarioLines(info, s.world.checks(), s.expected, s.getState().verdict, 50);
    expect(frame(h(ScenarioPane, { title: 'Scenario · seed 1', lines, width: 53, height: 9, focused: true, cursor: { index: 0, top: 0 } }))).toMatchInlineSnapshot(`
      "┏━ Scenario · seed 1 ━━━━━━━━━━━━━━━━━━━━━━━━ 7/13 ━┓
      ┃ Checks · verdict PASS                             ┃
      ┃ ✗ app stays registered (expected: the violation is┃
      ┃   the point)                                      ┃
      ┃   /app is gone at t=5000ms                        ┃
      ┃ ✓ healed                                          ┃
      ┃                                                   ┃
      ┃ The app registers /app (ephemeral) and caches     ┃
      ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛"
    `);
    s.dispose();
  });

  it('Prompt: the console, the prompt line, the status', async () => {
    const s = await sampleSession();
    expect(frame(h(PromptBar, { width: 60, consoleLines: 3, state: s.getState(), text: 'GET gree', focused: true, consoleBack: 0, hints: 'hints' }))).toMatchInlineSnapshot(`
      "Created /app/job-0000000001
      bob> get -w /app
      config
      bob> GET gree
      partitioned alice | zk"
    `);
    s.dispose();
  });

  it('Header: what is open, time, step, the player', async () => {
    const s = new Session({ autoplay: false, timers: new ManualTimers(), scenario: 'tiny-partition', seed: 7, catalogue: [tinyScenario] });
    await s.stepForward(12);
    expect(frame(h(Header, { width: 80, state: s.getState(), step: s.world.step, time: s.world.now }))).toMatchInlineSnapshot(`" tiny-partition seed 7 │ t=0.100s/10.000s │ step 12 │ ⏸ ×1               ? help"`);
    expect(frame(h(Header, { width: 120, state: { ...s.getState(), playing: true, speed: 4 }, step: s.world.step, time: s.world.now }))).toMatchInlineSnapshot(`" redzoo │ tiny-partition seed 7 │ t=0.100s/10.000s │ step 12 │ ▶ playing ×4                                      ? help"`);
    s.dispose();
  });

  it('Overlays: a key, a znode, the picker, the help', async () => {
    const s = await sampleSession();
    const k = keyOverlay(s.world, 'redis', 'user:1', 56, 0, 5);
    expect(frame(h(TextOverlay, { title: k.title, info: k.info, lines: k.lines, top: 0, width: 60, height: 5 }))).toMatchInlineSnapshot(`
      "┏━ redis › user:1 ━━ hash · listpack · 2 elements · TTL - ━┓
      ┃ 1) name → ada                                            ┃
      ┃ 2) lang → en                                             ┃
      ┃                                                          ┃
      ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛"
    `);
    expect(frame(h(TextOverlay, { title: 'zk › /app/lock', info: '', lines: znodeOverlayLines(s.world, 'zk', '/app/lock', 56), top: 0, width: 60, height: 22 }))).toMatchInlineSnapshot(`
      "┏━ zk › /app/lock ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
      ┃ kind: ephemeral                                          ┃
      ┃ data:                                                    ┃
      ┃   alice                                                  ┃
      ┃ stat:                                                    ┃
      ┃   cZxid = 0x3                                            ┃
      ┃   ctime = Thu Jan 01 00:00:00 UTC 1970                   ┃
      ┃   mZxid = 0x3                                            ┃
      ┃   mtime = Thu Jan 01 00:00:00 UTC 1970                   ┃
      ┃   pZxid = 0x3                                            ┃
      ┃   cversion = 0                                           ┃
      ┃   dataVersion = 0                                        ┃
      ┃   aclVersion = 0                                         ┃
      ┃   ephemeralOwner = 0x100000000000000                     ┃
      ┃   dataLength = 5                                         ┃
      ┃   numChildren = 0                                        ┃
      ┃ children (0):                                            ┃
      ┃ acl: world:anyone:cdrwa                                  ┃
      ┃                                                          ┃
      ┃                                                          ┃
      ┃                                                          ┃
      ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛"
    `);
    const entries = pickerEntries([tinyScenario, { ...tinyScenario, name: 'another', summary: 'a second scenario, with a summary too long for one row of the picker' }]);
    expect(frame(h(PickerOverlay, { entries, index: 1, current: 'sandbox', width: 70, height: 9 }))).toMatchInlineSnapshot(`
      "┏━ Open a scenario ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ ↑↓ Enter · Esc ━┓
      ┃ sandbox *       one Redis, one ZooKeeper and three idle apps, for …┃
      ┃▸tiny-partition  an app cut off from ZooKeeper loses its ephemeral  ┃
      ┃ another         a second scenario, with a summary too long for one…┃
      ┃                                                                    ┃
      ┃ The app registers /app (ephemeral) and caches seen=yes in Redis.   ┃
      ┃ At t=1s it is cut off from ZooKeeper for 6s; its 4s session        ┃
      ┃ expires and /app goes.                                             ┃
      ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛"
    `);
    const help = helpLines(76);
    expect(help.every((l) => l.length <= 76)).toBe(true);
    expect(frame(h(TextOverlay, { title: 'Help', info: '', lines: help, top: 0, width: 80, height: 8 }))).toMatchInlineSnapshot(`
      "┏━ Help ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
      ┃ Everywhere                                                                   ┃
      ┃   ?                this help (pauses the player)                             ┃
      ┃   q                quit (closes an overlay first)                            ┃
      ┃   Ctrl-C           quit                                                      ┃
      ┃   Tab / Shift-Tab  next / previous pane                                      ┃
      ┃   Esc              back: close an overlay, leave the prompt, clear the       ┃
      ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛"
    `);
    s.dispose();
  });
});
