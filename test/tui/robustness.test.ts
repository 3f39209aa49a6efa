import { describe, expect, it } from 'vitest';
import { KEYS, tinyScenario, tuiPerTest, type Tui } from './helpers.js';
import { Session } from '../../src/tui/session/session.js';
import { ManualTimers } from '../../src/tui/session/clock.js';
import { parseCommand } from '../../src/tui/session/commands.js';
import { classify } from '../../src/tui/session/console.js';
import { clip, printable } from '../../src/tui/model/format.js';

/**
 * What a learner can type that the TUI must survive and explain: commands that would do nothing,
 * runs without end, values that hold escape sequences, keys that arrive together, a terminal too
 * small. Each case is one that once broke, hung or misled.
 */
const tui = tuiPerTest();
const status = (t: Tui): string | undefined => t.session.getState().status?.text;
const log = (s: Session, from = 2): string[] => s.getState().log.slice(from).map((l) => l.text);

describe('`:` commands that would change nothing say why, and are not journaled', () => {
  it('refuses restarting a running process, crashing a crashed one, pausing or resuming out of turn', async () => {
    const t = await tui();
    await t.press(':restart redis\r');
    expect(status(t)).toBe('redis is up, not crashed: :restart starts a crashed process again (:crash redis first)');
    await t.press(':crash carol\r', ':crash carol\r');
    expect(status(t)).toBe('carol has already crashed (:restart carol starts it again)');
    await t.press(':pause carol\r');
    expect(status(t)).toBe('carol has crashed: there is nothing to pause (:restart carol)');
    await t.press(':resume alice\r');
    expect(status(t)).toBe('alice is not paused');
    await t.press(':pause alice 90s\r');
    expect(status(t)).toBe('alice paused for 1m30s');
    await t.press(':pause alice\r');
    expect(status(t)).toBe('alice is already paused (:resume alice ends the pause)');
    expect(t.frame().match(/FAULT carol crashed/g)).toHaveLength(1);
  });

  it('refuses a partition with a process on both sides, a cut from itself, and a heal with nothing cut', async () => {
    const t = await tui();
    await t.press(':partition alice | alice\r');
    expect(status(t)).toBe('alice is on both sides: a partition cuts one group off from another');
    await t.press(':partition alice,bob | bob\r');
    expect(status(t)).toBe('bob is on both sides: a partition cuts one group off from another');
    await t.press(':cut alice alice\r');
    expect(status(t)).toBe('a process always reaches itself: cut alice from another process');
    await t.press(':heal\r');
    expect(status(t)).toBe('nothing to heal: no link is cut');
    expect(t.frame()).not.toContain('FAULT');
  });

  it('keeps time travel working after a command named a process that does not exist', async () => {
    const t = await tui();
    await t.session.runFor(1000);
    await t.press(':crash nobody\r');
    expect(status(t)).toBe("no process named 'nobody' (there are: redis, zk, alice, bob, carol)");
    await t.session.runFor(1000);
    const step = t.session.world.step;
    await t.press(KEYS.left);
    expect(t.session.world.step).toBe(step - 1);
    expect(status(t)).toBeUndefined();
  });

  it('refuses durations over a day, a partition "for 0", and :step 0, with the syntax of durations', () => {
    expect(parseCommand(':pause alice 48h')).toEqual({ ok: false, error: 'usage: :pause NAME 5s (durations: 250ms, 5s, 1.5s, 2m, 1h, up to 24h; a bare number is ms)' });
    expect(parseCommand(':pause alice 0')).toMatchObject({ ok: false });
    expect(parseCommand(':run 99999999h')).toMatchObject({ ok: false });
    expect(parseCommand(':partition alice | zk for 0')).toMatchObject({ ok: false, error: expect.stringContaining('durations:') });
    expect(parseCommand(':step 0')).toEqual({ ok: false, error: 'usage: :step [N]' });
    expect(parseCommand(':slow alice zk 0')).toEqual({ ok: true, command: { kind: 'slow', a: 'alice', b: 'zk', ms: 0 } });
    expect(parseCommand(':pause alice 24h')).toMatchObject({ ok: true, command: { ms: 86_400_000 } });
  });
});

describe('running forward always ends, and never past a scenario', () => {
  it('stops a run in the sandbox (whose timers never run out) after a million events, and says so', async () => {
    const t = await tui();
    await t.press(':seek 99999999\r');
    expect(t.session.world.step).toBe(1_000_000);
    expect(status(t)).toMatch(/^stopped after 1,000,000 events, at step 1000000 and t=[\d.]+s: do it again to go further$/);
  });

  it('stops →, :step, :run and :seek at the end of a scenario; the verdict stays', async () => {
    const t = await tui({ catalogue: [tinyScenario], scenario: 'tiny-partition' });
    await t.press(':seek 99999\r');
    const end = t.session.world.step;
    expect(t.session.world.now).toBe(10_000);
    expect(status(t)).toBe('tiny-partition ended at 10.000s: verdict PASS');
    expect(t.frame()).toContain('t=10.000s/10.000s');
    for (const k of [KEYS.right, ':step 5\r', ':run 5s\r', ':seek 99999\r']) {
      await t.press(k);
      expect(t.session.world.now).toBe(10_000);
      expect(t.session.world.step).toBe(end);
      expect(status(t)).toBe(`tiny-partition ended at 10.000s (step ${end}): ← steps back, :seek STEP travels, :open starts it again`);
    }
    expect(t.frame()).toContain('PASS │');
  });
});

describe('what the world holds is drawn as text', () => {
  it('shows control characters as escapes, so a value cannot move the cursor or clear the screen', async () => {
    expect(printable('a\u001b[2Jb\tc\r\nd\u0000\u007f')).toBe('a\\x1b[2Jb\\tc\\r\\nd\\x00\\x7f');
    expect(clip('\u001b[31mred', 6)).toBe('\\x1b[…');
    const t = await tui({ columns: 120, rows: 40 });
    await t.press('>', 'SET esc "\\x1b[2J\\x1b[31mRED\\ttab\\rCR"\r', KEYS.escape);
    await t.session.runFor(10);
    await t.idle();
    const f = t.frame();
    expect(f).toContain('SET esc \\x1b[2J\\x1b[31mRED\\ttab\\rCR → OK'); // the timeline
    expect(f).toMatch(/│ esc\s+string\s+- \\x1b\[2J/); // the keyspace
    expect(f.split('\n')).toHaveLength(40);
  });
});

describe('keys that arrive together', () => {
  it('counts each key of a run ("]]]]", "jjj") instead of dropping them', async () => {
    const t = await tui();
    await t.press(']]]]');
    expect(t.session.getState().speed).toBe(20);
    await t.press('jjj');
    expect(t.frame()).toMatch(/┃▸bob /);
  });

  it('quits on Ctrl-C pressed right after Esc (one sequence, "\\x1b\\x03")', async () => {
    const t = await tui();
    await t.press('>', '\u001b\u0003');
    expect(t.quits).toBe(1);
  });

  it('takes Esc then a letter typed at once (Alt+letter to ink) as both keys: Esc leaves the prompt, then the key acts', async () => {
    const t = await tui();
    await t.press('>', '\u001bs');
    expect(t.frame()).toContain('Open a scenario');
  });
});

describe('a terminal smaller than the panes', () => {
  it('says how big it must be instead of drawing an overflowing screen; drawing resumes when it grows', async () => {
    const t = await tui();
    await t.resize(30, 8);
    expect(t.frame().trimEnd()).toBe(['The terminal is 30×8:', 'redzoo needs 40×12', '(80×24 or more is best).', 'Make it bigger, or q quits.'].join('\n'));
    await t.resize(80, 24);
    expect(t.frame()).toContain('Processes');
    expect(t.frame().split('\n')).toHaveLength(24);
  });
});

describe('the prompt', () => {
  const session = (): Session => new Session({ autoplay: false, timers: new ManualTimers() });

  it('sends close to ZooKeeper (Redis has no CLOSE)', () => {
    expect(classify('close')).toMatchObject({ target: 'zk', tokens: ['close'] });
  });

  it('prints the messages a SUBSCRIBEd process receives, as redis-cli does, once through time travel', async () => {
    const s = session();
    await s.prompt('SUBSCRIBE news');
    s.setAs('bob');
    await s.prompt('PUBLISH news hello');
    expect(log(s)).toEqual([
      'alice> SUBSCRIBE news',
      '1) "subscribe"',
      '2) "news"',
      '3) (integer) 1',
      '(alice is subscribed: messages print here as they arrive; UNSUBSCRIBE ends it)',
      'bob> PUBLISH news hello',
      '(alice received a message)',
      '1) "message"',
      '2) "news"',
      '3) "hello"',
      '(integer) 1',
    ]);
    const step = s.world.step;
    await s.seek(0);
    await s.seek(step);
    expect(log(s).filter((l) => l === '3) "hello"')).toHaveLength(1);
    s.dispose();
  });

  it('says which line a late reply answers, and that a crash loses the reply in flight', async () => {
    const s = session();
    await s.command({ kind: 'pause', name: 'bob', ms: 8000 });
    s.setAs('bob');
    await s.prompt('SET b 1');
    s.setAs('carol');
    await s.prompt('GET b');
    await s.runFor(10_000);
    expect(log(s)).toEqual(['bob> SET b 1', '(waiting: bob is paused; the reply will show when it arrives)', 'carol> GET b', '(nil)', '(the reply to bob> SET b 1 came at t=8.005s:)', 'OK']);
    await s.command({ kind: 'pause', name: 'alice', ms: 60_000 });
    s.setAs('alice');
    const before = s.getState().log.length;
    await s.prompt('ls /');
    await s.command({ kind: 'crash', name: 'alice' });
    await s.runFor(70_000);
    expect(log(s, before)).toEqual(['alice> ls /', '(waiting: alice is paused; the reply will show when it arrives)', '(alice crashed: alice> ls / gets no reply)']);
    s.dispose();
  });
});
