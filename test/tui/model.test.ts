import { describe, expect, it } from 'vitest';
import { distribute, innerHeight, layout, paneBox } from '../../src/tui/model/layout.js';
import { parseCommand } from '../../src/tui/session/commands.js';
import { classify } from '../../src/tui/session/console.js';
import { clip, parseDuration, ttlText, wrap } from '../../src/tui/model/format.js';
import { keyIndex, keyRows, peekEntry, valueLines } from '../../src/tui/model/keyspace.js';
import { zkTree, znodeRows, watchesByPath, sessionOwners } from '../../src/tui/model/zktree.js';
import { timeline } from '../../src/tui/model/timeline.js';
import { cutLines } from '../../src/tui/model/processes.js';
import { clampCursor, initialUiState, timelineCursor, uiReducer } from '../../src/tui/state/ui.js';
import { sampleSession } from './helpers.js';

describe('layout', () => {
  it('fills 80×24 exactly: header, body, two console lines, the prompt and the hints', () => {
    const l = layout({ columns: 80, rows: 24, scenario: false, redis: true, zookeeper: true, focus: 'processes' });
    expect(l.bodyHeight).toBe(19);
    expect(1 + l.bodyHeight + l.consoleLines + 2).toBe(24);
    expect(l.body.map((c) => c.width)).toEqual([30, 50]);
    expect(l.body[1]!.rows.map((r) => r.panes.map((p) => `${p.id}:${p.height}`).join(' '))).toEqual(['keyspace:7', 'zktree:6', 'timeline:6']);
    expect(l.order).toEqual(['processes', 'keyspace', 'zktree', 'timeline', 'prompt']);
  });

  it('gives the focused pane of a column twice the height', () => {
    const l = layout({ columns: 80, rows: 24, scenario: false, redis: true, zookeeper: true, focus: 'zktree' });
    expect(l.body[1]!.rows.map((r) => r.height)).toEqual([5, 9, 5]);
  });

  it('puts the scenario under the processes at 80 columns and beside the panes from 150', () => {
    const narrow = layout({ columns: 80, rows: 24, scenario: true, redis: false, zookeeper: true, focus: 'processes' });
    expect(narrow.body[0]!.rows.map((r) => r.panes[0]!.id)).toEqual(['processes', 'scenario']);
    const wide = layout({ columns: 160, rows: 40, scenario: true, redis: true, zookeeper: true, focus: 'processes' });
    expect(wide.body.map((c) => c.rows.map((r) => r.panes.map((p) => p.id).join('|')).join(' / '))).toEqual(['processes', 'keyspace|zktree / timeline', 'scenario']);
    expect(wide.body.reduce((a, c) => a + c.width, 0)).toBe(160);
    expect(wide.consoleLines).toBe(5);
  });

  it('leaves out the panes of servers the world does not have', () => {
    const l = layout({ columns: 100, rows: 30, scenario: true, redis: false, zookeeper: false, focus: 'timeline' });
    expect(paneBox(l, 'keyspace')).toBeUndefined();
    expect(innerHeight(paneBox(l, 'timeline'))).toBe(l.bodyHeight - 2);
  });

  it('distributes rounding so the parts add up', () => {
    expect(distribute(19, [2, 1, 1], 4)).toEqual([9, 5, 5]);
    expect(distribute(10, [1, 1, 1], 3)).toEqual([4, 3, 3]);
  });
});

describe(': commands', () => {
  it('parses faults, time and navigation', () => {
    expect(parseCommand(':crash redis')).toEqual({ ok: true, command: { kind: 'crash', name: 'redis' } });
    expect(parseCommand(':pause alice 5s')).toEqual({ ok: true, command: { kind: 'pause', name: 'alice', ms: 5000 } });
    expect(parseCommand(':pause alice 250')).toEqual({ ok: true, command: { kind: 'pause', name: 'alice', ms: 250 } });
    expect(parseCommand(':partition A,B | C')).toEqual({ ok: true, command: { kind: 'partition', a: ['A', 'B'], b: ['C'], ms: undefined } });
    expect(parseCommand(':partition alice')).toEqual({ ok: true, command: { kind: 'partition', a: ['alice'], b: undefined, ms: undefined } });
    expect(parseCommand(':partition alice bob | zk for 10s')).toEqual({ ok: true, command: { kind: 'partition', a: ['alice', 'bob'], b: ['zk'], ms: 10_000 } });
    expect(parseCommand(':heal')).toEqual({ ok: true, command: { kind: 'heal' } });
    expect(parseCommand(':seek 120')).toEqual({ ok: true, command: { kind: 'seek', step: 120 } });
    expect(parseCommand(':speed 2.5')).toEqual({ ok: true, command: { kind: 'speed', x: 2.5 } });
    expect(parseCommand(':speed x4')).toEqual({ ok: true, command: { kind: 'speed', x: 4 } });
    expect(parseCommand(':skew alice -500ms')).toEqual({ ok: true, command: { kind: 'skew', name: 'alice', ms: -500 } });
    expect(parseCommand(':open zk-lock 7')).toEqual({ ok: true, command: { kind: 'open', name: 'zk-lock', seed: 7 } });
    expect(parseCommand(':q')).toEqual({ ok: true, command: { kind: 'quit' } });
  });

  it('refuses bad lines with the usage', () => {
    expect(parseCommand(':crash')).toEqual({ ok: false, error: 'usage: :crash NAME' });
    expect(parseCommand(':pause alice soon')).toEqual({ ok: false, error: 'usage: :pause NAME 5s (durations: 250ms, 5s, 1.5s, 2m, 1h, up to 24h; a bare number is ms)' });
    expect(parseCommand(':partition a | b | c')).toEqual({ ok: false, error: 'usage: :partition A,B | C [for 10s]' });
    expect(parseCommand(':seek back')).toEqual({ ok: false, error: 'usage: :seek STEP' });
    expect(parseCommand(':speed 0')).toEqual({ ok: false, error: 'usage: :speed X (a number above 0, up to 10000)' });
    expect(parseCommand(':frobnicate')).toEqual({ ok: false, error: "unknown command ':frobnicate' (:help lists them)" });
    expect(parseCommand(':')).toEqual({ ok: false, error: 'type a command after the colon (:help lists them)' });
  });
});

describe('the prompt decides where a line goes', () => {
  it('sends zkCli commands that name a path to ZooKeeper, the rest to Redis', () => {
    expect(classify('get /app')).toMatchObject({ target: 'zk', tokens: ['get', '/app'] });
    expect(classify('ls /')).toMatchObject({ target: 'zk' });
    expect(classify('create -e /lock me')).toMatchObject({ target: 'zk' });
    expect(classify('GET app')).toMatchObject({ target: 'redis', argv: ['GET', 'app'] });
    expect(classify('set a "hello world"')).toMatchObject({ target: 'redis', argv: ['set', 'a', 'hello world'] });
    expect(classify('redis get /app')).toMatchObject({ target: 'redis', argv: ['get', '/app'] });
    expect(classify('zk sync /')).toMatchObject({ target: 'zk' });
    expect(classify('SET a "unbalanced')).toMatchObject({ target: 'none', error: 'Invalid argument(s)' });
  });
});

describe('formats', () => {
  it('shows TTLs as they count down', () => {
    expect([-1, 0, 999, 4200, 59_999, 61_000, 3_700_000].map(ttlText)).toEqual(['-', '0ms', '999ms', '4.2s', '59.9s', '1m01s', '1h01m']);
  });
  it('parses durations', () => {
    expect(['5s', '250ms', '1.5s', '2m', '1h', '300', 'soon'].map(parseDuration)).toEqual([5000, 250, 1500, 120_000, 3_600_000, 300, null]);
  });
  it('clips and wraps', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(wrap('the quick brown fox', 9)).toEqual(['the quick', 'brown fox']);
  });
});

describe('the world as the views read it', () => {
  it('lists keys sorted with type, encoding, TTL and a preview, without touching them', async () => {
    const s = await sampleSession();
    const w = s.world;
    const before = w.redisEngine('redis').exec(['INFO', 'stats']);
    const idx = keyIndex(w, 'redis', 1);
    expect(idx.keys).toEqual(['board', 'greeting', 'queue', 'tags', 'user:1']);
    expect(keyRows(w, idx, 0, 10).map((r) => [r.text, r.type, r.encoding, r.ttlText, r.preview])).toEqual([
      ['board', 'zset', 'listpack', '-', '{ann:10, bob:20}'],
      ['greeting', 'string', 'embstr', '28.9s', 'hello'],
      ['queue', 'list', 'quicklist', '-', '[a, b, c]'],
      ['tags', 'set', 'intset', '-', '{1, 2, 3}'],
      ['user:1', 'hash', 'listpack', '-', '{name=ada, lang=en}'],
    ]);
    expect(valueLines(peekEntry(w, 'redis', 'board')!.value, 40, 0, 10)).toEqual({ total: 2, lines: ['1) ann  (score 10)', '2) bob  (score 20)'] });
    expect(valueLines(peekEntry(w, 'redis', 'queue')!.value, 40, 1, 5)).toEqual({ total: 3, lines: ['2) b', '3) c'] });
    // Reading changed no statistic (INFO itself counts as a command: compare the hits and misses).
    const after = w.redisEngine('redis').exec(['INFO', 'stats']);
    const hits = (r: unknown) => /keyspace_hits:\d+\r\nkeyspace_misses:\d+/.exec((r as { value: string }).value)?.[0];
    expect(hits(before)).toMatch(/^keyspace_hits:\d+/);
    expect(hits(after)).toBe(hits(before));
    s.dispose();
  });

  it('flattens the znode tree with owners, sequence suffixes and watches; collapsing hides a subtree', async () => {
    const s = await sampleSession();
    const w = s.world;
    const tree = zkTree(w, 'zk', {});
    const lines = (t: typeof tree) => Array.from({ length: t.count }, (_, i) => t.line(i));
    expect(lines(tree).map((l) => `${'  '.repeat(l.depth)}${l.name}`)).toEqual(['/', '  app', '    job-0000000001', '    lock', '  zookeeper', '    config', '    quota']);
    const rows = znodeRows(w, tree, 0, 10, sessionOwners(w.snapshot(), 'zk'), watchesByPath(w, 'zk', 1));
    expect(rows.map((r) => [r.name, r.version, r.owner, r.watches, r.sequence, r.data])).toEqual([
      ['/', 0, null, '', '', ''],
      ['app', 0, null, 'd', '', 'config'],
      ['job-0000000001', 0, null, '', '0000000001', 'x'],
      ['lock', 0, 'alice', '', '', 'alice'],
      ['zookeeper', 0, null, '', '', ''],
      ['config', 0, null, '', '', ''],
      ['quota', 0, null, '', '', ''],
    ]);
    const collapsed = zkTree(w, 'zk', { '/app': true });
    expect(lines(collapsed).map((l) => l.name)).toEqual(['/', 'app', 'zookeeper', 'config', 'quota']);
    expect(collapsed.line(1)).toMatchObject({ collapsed: true, children: 2 });
    s.dispose();
  });

  it('grows the timeline with the trace and filters it', async () => {
    const s = await sampleSession();
    const all = timeline(s.world, '');
    expect(all.count).toBe(all.total);
    const lock = timeline(s.world, 'LOCK');
    expect(Array.from({ length: lock.count }, (_, i) => lock.line(i).text)).toEqual(['alice: create /app/lock → ok']);
    await s.prompt('DEL greeting');
    expect(timeline(s.world, '').total).toBeGreaterThan(all.total);
    s.dispose();
  });

  it('shows a partition once, and a one-way cut with its direction', async () => {
    const s = await sampleSession();
    await s.command({ kind: 'cut', from: 'bob', to: 'redis' });
    expect(cutLines(s.world.snapshot())).toEqual(['alice ✂ zk', 'bob ↛ redis']);
    s.dispose();
  });
});

describe('view state', () => {
  it('keeps a cursor inside its list and on screen', () => {
    expect(clampCursor({ index: 50, top: 0 }, 20, 5)).toEqual({ index: 19, top: 15 });
    expect(clampCursor({ index: 3, top: 10 }, 20, 5)).toEqual({ index: 3, top: 3 });
    expect(clampCursor({ index: 4, top: 0 }, 0, 5)).toEqual({ index: 0, top: 0 });
  });

  it('follows the end of the timeline until scrolled up, and again after End', () => {
    let s = initialUiState();
    expect(timelineCursor(s, 100, 10)).toEqual({ index: 99, top: 90 });
    s = uiReducer(s, { type: 'cursor/move', pane: 'timeline', delta: -1, count: 100, height: 10 });
    expect(s.follow).toBe(false);
    expect(timelineCursor(s, 120, 10)).toEqual({ index: 98, top: 90 });
    s = uiReducer(s, { type: 'cursor/move', pane: 'timeline', delta: 1000, count: 120, height: 10 });
    expect(s.follow).toBe(true);
  });

  it('keeps a prompt history', () => {
    let s = initialUiState();
    for (const t of ['SET a 1', 'GET a']) {
      s = uiReducer(s, { type: 'prompt/set', text: t });
      s = uiReducer(s, { type: 'prompt/submit' });
    }
    s = uiReducer(s, { type: 'prompt/history', dir: -1 });
    expect(s.prompt.text).toBe('GET a');
    s = uiReducer(s, { type: 'prompt/history', dir: -1 });
    expect(s.prompt.text).toBe('SET a 1');
    s = uiReducer(s, { type: 'prompt/history', dir: 1 });
    s = uiReducer(s, { type: 'prompt/history', dir: 1 });
    expect(s.prompt.text).toBe('');
  });
});
