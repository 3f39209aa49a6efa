import { describe, expect, it } from 'vitest';
import { KEYS, openTui, tinyScenario, tuiPerTest } from './helpers.js';

/**
 * The whole app in ink-testing-library, driven by keys as a person would, compared frame by frame.
 * The clock loop's timers are the test's (ManualTimers), so nothing moves unless a test says so.
 */
const tui = tuiPerTest();
const scenarioTui = (o: Parameters<typeof openTui>[0] = {}) => tui({ catalogue: [tinyScenario], ...o });
const line = (frame: string, n: number) => frame.split('\n')[n]!;

describe('the TUI', () => {
  it('opens the sandbox in 80×24: every pane, the console and the hints', async () => {
    const t = await tui();
    await t.session.runFor(10);
    await t.idle();
    expect(t.frame()).toMatchInlineSnapshot(`
      " sandbox seed 1 │ t=0.010s │ step 5 │ ⏸ ×1                               ? help
      ┏━ Processes ━━━━━━━━━━━━ 5 ━┓╭─ Redis redis ───────────────────────── 0 keys ─╮
      ┃▸redis up                   ┃│ KEY           TYPE      TTL ENCODING  VALUE    │
      ┃ zk    up                   ┃│ (empty: try SET greeting hello EX 30 at the pr…│
      ┃ alice»up                   ┃│                                                │
      ┃ bob   up                   ┃│                                                │
      ┃ carol up                   ┃│                                                │
      ┃                            ┃╰────────────────────────────────────────────────╯
      ┃                            ┃╭─ ZooKeeper zk ────────────────────── 4 znodes ─╮
      ┃                            ┃│ ▾ / v0                                         │
      ┃                            ┃│   ▾ zookeeper v0                               │
      ┃                            ┃│     · config v0                                │
      ┃                            ┃│     · quota v0                                 │
      ┃                            ┃╰────────────────────────────────────────────────╯
      ┃                            ┃╭─ Timeline ─────────────────────────── 5 lines ─╮
      ┃                            ┃│    0.000s zk    process start                  │
      ┃                            ┃│    0.000s alice process start                  │
      ┃                            ┃│    0.000s bob   process start                  │
      ┃                            ┃│    0.000s carol process start                  │
      ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛╰────────────────────────────────────────────────╯
      sandbox: redis, zk and three idle apps (alice, bob, carol). Try:
        SET greeting hello EX 30   create -e /lock alice   :as bob   :partition alice…
      alice> (> or Tab here to type a command; : for :crash, :partition, …)
      Tab pane · space ▶ · ←→ step · > prompt · : cmd · / filter · s open · ? · q"
    `);
    expect(t.frame().split('\n')).toHaveLength(24);
  });

  it('answers SET a 1 with OK at the prompt; the key shows in the keyspace, the command in the timeline', async () => {
    const t = await tui();
    await t.press('>', 'SET a 1', KEYS.enter);
    const f = t.frame();
    expect(f).toContain('alice> SET a 1\nOK\n');
    expect(f).toMatch(/│ a\s+string\s+- int\s+1\s+│/);
    expect(f).toContain('redis alice: SET a 1 → OK');
    await t.press('GET a', KEYS.enter, 'create -e /lock mine', KEYS.enter, 'ls /', KEYS.enter);
    expect(t.session.getState().log.slice(-6).map((l) => l.text)).toEqual(['alice> GET a', '"1"', 'alice> create -e /lock mine', 'Created /lock', 'alice> ls /', '[lock, zookeeper]']);
    expect(t.frame()).toContain('· lock v0 eph:alice "mine"');
  });

  it('runs a line that arrives with its Enter in one piece, as a terminal sends a paste (or tmux send-keys)', async () => {
    const t = await tui();
    await t.press('>SET a 1\r');
    expect(t.frame()).toContain('alice> SET a 1\nOK\n');
    await t.press('GET a\rGET b\r');
    expect(t.session.getState().log.slice(-4).map((l) => l.text)).toEqual(['alice> GET a', '"1"', 'alice> GET b', '(nil)']);
    await t.press(KEYS.escape, ':crash redis\r');
    expect(t.frame()).toMatch(/redis\s+CRASHED/);
    await t.press('/crash\r');
    expect(t.frame()).toMatch(/Timeline ─+ \/crash 1\/\d+ ─/);
  });

  it('moves the focus with Tab and Shift-Tab (the focused pane is drawn heavy)', async () => {
    const t = await tui();
    expect(line(t.frame(), 1)).toMatch(/^┏━ Processes/);
    await t.press(KEYS.tab);
    expect(line(t.frame(), 1)).toMatch(/^╭─ Processes .*┏━ Redis redis/);
    await t.press(KEYS.tab, KEYS.tab, KEYS.tab);
    expect(t.frame()).toMatch(/^alice>$/m);
    expect(t.frame()).not.toContain('┏');
    await t.press(KEYS.shiftTab);
    expect(t.frame()).toContain('┏━ Timeline');
  });

  it('opens a scenario from the picker, steps forward and back through time travel, frame for frame', async () => {
    const t = await scenarioTui();
    await t.press('s', KEYS.down, KEYS.enter);
    expect(line(t.frame(), 0)).toContain('tiny-partition seed 1 │ t=0.000s/10.000s │ step 0');
    for (let i = 0; i < 8; i++) await t.press(KEYS.right);
    expect(t.session.world.step).toBe(8);
    const at8 = t.frame();
    await t.press(KEYS.right);
    expect(line(t.frame(), 0)).toContain('step 9');
    expect(t.frame()).not.toBe(at8);
    await t.press(KEYS.left);
    expect(t.frame()).toBe(at8);
    expect(at8).toMatchInlineSnapshot(`
      " tiny-partition seed 1 │ t=0.010s/10.000s │ step 8 │ ⏸ ×1                ? help
      ┏━ Processes ━━━━━━━━━━━━ 3 ━┓╭─ Redis cache ───────────────────────── 0 keys ─╮
      ┃▸zk    up                   ┃│ KEY           TYPE      TTL ENCODING  VALUE    │
      ┃ cache up                   ┃│ (empty: try SET greeting hello EX 30 at the pr…│
      ┃ app  »up        CONNECTED …┃│                                                │
      ┃                            ┃│                                                │
      ┃ zk sessions:               ┃│                                                │
      ┃  app 0x100000000000000 4s …┃╰────────────────────────────────────────────────╯
      ┃                            ┃╭─ ZooKeeper zk ────────────────────── 5 znodes ─╮
      ┃                            ┃│ ▾ / v0                                         │
      ┃                            ┃│   · app v0 eph:app "app"                       │
      ┃                            ┃│   ▾ zookeeper v0                               │
      ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛│     · config v0                                │
      ╭─ Scenario · seed 1 ─ 5/16 ─╮╰────────────────────────────────────────────────╯
      │ Checks                     │╭─ Timeline ─────────────────────────── 6 lines ─╮
      │ · app stays registered     ││    0.000s app   process start                  │
      │ · healed                   ││    0.003s zk    connection 1 with app open     │
      │ (undecided ones are judged…││    0.004s app   session 0x100000000000000 CONN…│
      │                            ││    0.007s zk    app: create /app → ok          │
      ╰────────────────────────────╯╰────────────────────────────────────────────────╯

      tiny-partition (seed 1): space plays, → steps, ← steps back. an app cut off fro…
      app> (> or Tab here to type a command; : for :crash, :partition, …)
      Tab pane · space ▶ · ←→ step · > prompt · : cmd · / filter · s open · ? · q"
    `);
  });

  it('plays on the clock loop, faster and slower, and pauses', async () => {
    const t = await scenarioTui({ scenario: 'tiny-partition' });
    await t.press(' ');
    expect(t.session.playing).toBe(true);
    expect(line(t.frame(), 0)).toContain('▶ ×1');
    t.timers.fire();
    await t.idle();
    expect(t.session.world.now).toBe(50);
    await t.press(']', ']');
    expect(line(t.frame(), 0)).toContain('▶ ×5');
    t.timers.fire();
    await t.idle();
    expect(t.session.world.now).toBe(300);
    await t.press('[', ' ');
    expect(t.session.playing).toBe(false);
    expect(line(t.frame(), 0)).toContain('⏸ ×2');
    expect(t.timers.size).toBe(0);
  });

  it('turns each check ✓ or ✗ as it is decided, and gives the verdict at the end', async () => {
    const t = await scenarioTui({ scenario: 'tiny-partition', columns: 100, rows: 30 });
    await t.press(':run 6s', KEYS.enter);
    expect(t.frame()).toContain('✗ app stays registered');
    expect(t.frame()).toContain('· healed');
    await t.press(' ');
    while (t.session.playing) {
      t.timers.fire();
      await t.idle();
    }
    const f = t.frame();
    expect(line(f, 0)).toContain('t=10.000s/10.000s');
    expect(line(f, 0)).toContain('PASS');
    expect(f).toContain('✓ healed');
    expect(f).toContain('tiny-partition ended at 10.000s: verdict PASS');
    // Back in time, the checks are undecided again.
    await t.press(':seek 100', KEYS.enter);
    expect(line(t.frame(), 0)).not.toContain('PASS');
    expect(t.frame()).toContain('· healed');
  });

  it('runs fault commands: crash, restart, partition, heal, pause; refuses a bad one', async () => {
    const t = await tui({ columns: 100, rows: 30 });
    await t.press('>', 'SET k v', KEYS.enter, KEYS.escape);
    await t.press(':crash redis', KEYS.enter);
    expect(t.frame()).toMatch(/redis\s+redis\s+CRASHED/);
    expect(t.frame()).toContain('redis is down: it lost its keys');
    expect(t.frame()).toContain('FAULT redis crashed');
    await t.press(':restart redis', KEYS.enter);
    expect(t.frame()).toMatch(/redis\s+redis\s+up/);
    expect(t.frame()).toContain('(empty: try SET');
    await t.press(':partition alice,bob | zk', KEYS.enter);
    expect(t.frame()).toMatch(/alice\s*»?app\s+up\s+✂/);
    expect(t.frame()).toContain('alice ✂ zk');
    expect(t.frame()).toContain('partitioned alice,bob | zk');
    await t.press(':heal', KEYS.enter);
    expect(t.frame()).not.toContain('✂');
    await t.press(':pause carol 2s', KEYS.enter);
    expect(t.frame()).toMatch(/carol\s+app\s+paused/);
    await t.press(':crash nobody', KEYS.enter);
    expect(line(t.frame(), 29)).toContain("no process named 'nobody'");
    await t.press(':pause carol later', KEYS.enter);
    expect(line(t.frame(), 29)).toMatch(/^usage: :pause NAME 5s \(durations: 250ms/);
  });

  it('keeps what the prompt did through time travel: back before it, then forward again', async () => {
    const t = await tui();
    await t.press('>', 'SET a 1', KEYS.enter, KEYS.escape);
    const after = t.session.world.step;
    await t.press(':seek 3', KEYS.enter);
    expect(t.frame()).toContain('(empty: try SET');
    await t.press(`:seek ${after}`, KEYS.enter);
    expect(t.frame()).toMatch(/│ a\s+string/);
    expect(t.session.getState().log.filter((l) => l.text === 'OK')).toHaveLength(1);
  });

  it('filters the timeline with /, live while typing; Esc drops the filter', async () => {
    const t = await tui({ columns: 100, rows: 30 });
    await t.press('>', 'SET a 1', KEYS.enter, 'create /x y', KEYS.enter, KEYS.escape);
    await t.press('/', 'creat');
    expect(t.frame()).toMatch(/Timeline ─+ \/creat_ 1\/\d+ ─/);
    await t.press(KEYS.enter);
    const rows = t.frame().split('\n').filter((l) => /│\s+\d+\.\d{3}s /.test(l));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('alice: create /x → ok');
    await t.press(KEYS.escape);
    expect(t.frame()).toMatch(/Timeline ─+ \d+ lines ─/);
  });

  it('shows every key in the help overlay, which pauses the player and resumes it when closed', async () => {
    const t = await tui();
    t.session.play();
    await t.press('?');
    expect(t.session.playing).toBe(false);
    const f = t.frame();
    expect(f).toContain('┏━ Help');
    expect(f).toContain('this help (pauses the player)');
    await t.press(KEYS.pageDown, KEYS.pageDown);
    expect(t.frame()).toContain(':partition A,B | C [for 10s]');
    await t.press(KEYS.escape);
    expect(t.frame()).not.toContain('┏━ Help');
    expect(t.session.playing).toBe(true);
  });

  it('opens a key (its whole value, scrollable) and a znode (data and stat) with Enter', async () => {
    const t = await tui();
    const letters = 'abcdefghijklmnopqrstuvwxyz'.split('');
    await t.press('>', `RPUSH letters ${letters.join(' ')}`, KEYS.enter, 'create /cfg hello', KEYS.enter, KEYS.escape);
    await t.press(KEYS.tab, KEYS.enter);
    let f = t.frame();
    expect(line(f, 1)).toContain('redis › letters');
    expect(line(f, 1)).toContain('list · quicklist · 26 elements · TTL -');
    expect(line(f, 2)).toContain(' 1) a');
    await t.press(KEYS.pageDown);
    // 26 lines, 17 on screen: a page down shows the last 17.
    expect(line(t.frame(), 2)).toContain('10) j');
    expect(line(t.frame(), 18)).toContain('26) z');
    await t.press(KEYS.escape, KEYS.tab, KEYS.down, KEYS.enter);
    f = t.frame();
    expect(line(f, 1)).toContain('zk › /cfg');
    expect(f).toContain('  hello');
    expect(f).toContain('dataLength = 5');
  });

  it('collapses and expands a znode with - and +', async () => {
    const t = await tui();
    await t.session.runFor(10);
    await t.press(KEYS.tab, KEYS.tab, KEYS.down, '-');
    expect(t.frame()).toContain('▸ zookeeper (2) v0');
    await t.press('+');
    expect(t.frame()).toContain('▾ zookeeper v0');
  });

  it('travels to a timeline line with Enter', async () => {
    const t = await tui();
    await t.press('>', 'SET a 1', KEYS.enter, 'SET b 2', KEYS.enter, KEYS.escape);
    await t.press(KEYS.tab, KEYS.tab, KEYS.tab, KEYS.up, KEYS.enter);
    expect(t.frame()).not.toMatch(/│ b\s+string/);
    expect(t.frame()).toMatch(/│ a\s+string/);
  });

  it('acts as another process: Enter on it in the processes pane, or :as', async () => {
    const t = await tui();
    await t.press(KEYS.down, KEYS.down, KEYS.down, KEYS.enter);
    expect(t.frame()).toContain('bob> ');
    await t.press(':as carol', KEYS.enter);
    expect(t.frame()).toContain('carol> ');
    await t.press(':as redis', KEYS.enter);
    expect(t.frame()).toContain('redis is a redis server, not an app');
  });

  it('quits on q and on Ctrl-C; q closes an overlay first', async () => {
    const t = await tui();
    await t.press('?', 'q');
    expect(t.quits).toBe(0);
    expect(t.frame()).not.toContain('┏━ Help');
    await t.press('q');
    expect(t.quits).toBe(1);
    await t.press('>', 'q', KEYS.ctrlC);
    expect(t.quits).toBe(2);
  });

  it('redraws on resize, using a bigger terminal (keyspace and tree side by side)', async () => {
    const t = await tui();
    expect(t.frame().split('\n')).toHaveLength(24);
    await t.resize(130, 34);
    const f = t.frame().split('\n');
    expect(f).toHaveLength(34);
    expect(f[1]).toMatch(/Processes.*Redis redis.*ZooKeeper zk/);
    expect(Math.max(...f.map((l) => l.length))).toBe(130);
    await t.resize(80, 24);
    expect(t.frame().split('\n')).toHaveLength(24);
  });

  it('virtualises: 10,000 keys and 10,000 znodes render only the rows on screen', async () => {
    const t = await tui({ columns: 100, rows: 30 });
    await t.session.runFor(50);
    const redis = t.session.world.redisEngine('redis');
    for (let i = 0; i < 10_000; i++) redis.exec(['SET', `k${String(i).padStart(5, '0')}`, String(i)]);
    const zk = t.session.world.zkEngine('zk').connect({ sessionTimeout: 30_000 });
    for (let i = 0; i < 10_000; i++) zk.create(`/n${String(i).padStart(5, '0')}`, '');
    await t.session.runFor(1);
    await t.idle();
    expect(t.frame()).toContain('10000 keys');
    expect(t.frame()).toContain('10004 znodes');
    await t.press(KEYS.tab, 'G');
    expect(t.frame()).toMatch(/▸k09999\s+string/);
    expect(t.frame()).not.toContain('k00000');
    await t.press(KEYS.tab, 'G');
    expect(t.frame()).toMatch(/▸\s+· quota v0/);
    expect(t.frame().split('\n')).toHaveLength(30);
  });
});
