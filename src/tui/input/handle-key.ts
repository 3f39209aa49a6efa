import type { Key } from 'ink';
import type { Session } from '../session/session.js';
import { parseCommand } from '../session/commands.js';
import { uiReducer, type ListPane, type UiAction, type UiState } from '../state/ui.js';
import type { PaneId } from '../model/layout.js';

/**
 * What a key does, given the view state and what the frame on screen shows. Plain function (the
 * useInput hook in use-keys.ts calls it), so the bindings are in one place and KEYMAP documents
 * them. Order: Ctrl-C; the open overlay; the filter being typed; the prompt; the focused pane.
 */

/** What the current frame measured: list lengths and heights, and what each cursor is on. */
export interface FrameInfo {
  order: readonly PaneId[];
  lists: Record<ListPane, { count: number; height: number }>;
  /** Lines of the open overlay, and how many show at once. */
  overlay: { total: number; height: number };
  console: { total: number; height: number };
  selectedProcess: string | undefined;
  selectedKey: { server: string; key: string } | undefined;
  selectedZnode: { server: string; path: string; children: number; collapsed: boolean } | undefined;
  selectedStep: number | undefined;
  scenarioCount: number;
}

export interface KeyContext {
  ui: UiState;
  dispatch: (a: UiAction) => void;
  session: Session;
  frame: FrameInfo;
  quit: () => void;
}

const isListPane = (p: PaneId): p is ListPane => p !== 'prompt';

/** Printable text of an input event (a paste arrives as one string). */
function printable(input: string, key: Key): string {
  if (key.ctrl || key.meta || key.return || key.tab || key.escape || key.backspace || key.delete) return '';
  if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end) return '';
  // eslint-disable-next-line no-control-regex
  return input.replace(/[\u0000-\u001f\u007f]/g, '');
}

/** Runs a `:` command line: the UI's own commands here, the world's in the session. */
export function runCommandLine(line: string, ctx: KeyContext): void {
  const { dispatch, session } = ctx;
  const parsed = parseCommand(line);
  if (!parsed.ok) {
    session.report(parsed.error, true);
    return;
  }
  const c = parsed.command;
  switch (c.kind) {
    case 'help':
      openHelp(ctx);
      return;
    case 'scenarios':
      openPicker(ctx);
      return;
    case 'filter':
      dispatch({ type: 'filter/set', text: c.text });
      return;
    case 'quit':
      ctx.quit();
      return;
    default:
      void session.command(c);
  }
}

/** Runs a prompt line: a `:` command (then back to the pane it came from) or a Redis/zkCli command. */
function submitLine(line: string, ctx: KeyContext): void {
  const { dispatch, session, ui } = ctx;
  const text = line.trim();
  dispatch({ type: 'prompt/set', text });
  dispatch({ type: 'prompt/submit' });
  if (text.startsWith(':')) {
    // A command line is a detour: the focus goes back to the pane it came from.
    dispatch({ type: 'focus/set', pane: ui.lastPane });
    runCommandLine(text, ctx);
  } else if (text !== '') void session.prompt(text);
}

/**
 * Text typed (or pasted) into the prompt after what is there: each line break runs the line
 * before it ("SET a 1\r" arrives from a terminal as one event).
 */
function typeIntoPrompt(current: string, input: string, ctx: KeyContext): void {
  const parts = input.split(/\r\n|\r|\n/);
  let text = current;
  parts.forEach((part, i) => {
    // eslint-disable-next-line no-control-regex
    text += part.replace(/[\u0000-\u001f\u007f]/g, '');
    if (i < parts.length - 1) {
      submitLine(text, ctx);
      text = '';
    }
  });
  if (text !== '' || parts.length === 1) ctx.dispatch({ type: 'prompt/set', text });
}

/** The scenario picker, on the world that is open (index 0 is the sandbox). */
function openPicker(ctx: KeyContext): void {
  const current = ctx.session.scenario;
  const index = current === undefined ? 0 : ctx.session.catalogue.indexOf(current) + 1;
  ctx.dispatch({ type: 'overlay/open', overlay: { kind: 'picker', index } });
}

function openHelp(ctx: KeyContext): void {
  const resume = ctx.session.playing;
  ctx.session.pause();
  ctx.dispatch({ type: 'overlay/open', overlay: { kind: 'help', top: 0, resume } });
}

function closeOverlay(ctx: KeyContext): void {
  const o = ctx.ui.overlay;
  ctx.dispatch({ type: 'overlay/close' });
  if (o?.kind === 'help' && o.resume) ctx.session.play();
}

/** Moves within a scrollable overlay or list: returns the row delta a navigation key asks for. */
function navDelta(input: string, key: Key, page: number, total: number): number | null {
  if (key.upArrow || input === 'k') return -1;
  if (key.downArrow || input === 'j') return 1;
  if (key.pageUp) return -Math.max(1, page - 1);
  if (key.pageDown) return Math.max(1, page - 1);
  if (key.home || input === 'g') return -total;
  if (key.end || input === 'G') return total;
  return null;
}

/**
 * Several keys that arrived as one input event, handled one after the other, each seeing the view
 * state the ones before it left (React has not re-rendered in between).
 */
function inSequence(keys: [string, Key][], ctx: KeyContext): void {
  let ui = ctx.ui;
  const local: KeyContext = {
    ...ctx,
    get ui() {
      return ui;
    },
    dispatch: (a) => {
      ui = uiReducer(ui, a);
      ctx.dispatch(a);
    },
  };
  for (const [input, key] of keys) handleKey(input, key, local);
}

export function handleKey(input: string, key: Key, ctx: KeyContext): void {
  const { ui, dispatch, session, frame } = ctx;
  // Ctrl-C right after Esc reaches ink as one sequence ("\x1b\x03"), handed over as a bare "\x03".
  if ((key.ctrl && input === 'c') || input === '\u0003') {
    ctx.quit();
    return;
  }
  // Esc, then a key pressed before the terminal was read, arrives as Alt+key: it is both keys.
  if (key.meta && !key.escape && !key.ctrl && input.length === 1 && printable(input, { ...key, meta: false }) !== '') {
    return inSequence([['', { ...key, meta: false, escape: true }], [input, { ...key, meta: false }]], ctx);
  }

  // A key held down, or pressed faster than the terminal is read, arrives as one string ("jjjj",
  // "]]]"). Outside the prompt and the filter (where it is text), each one counts.
  if (input.length > 1 && ui.focus !== 'prompt' && ui.filterDraft === null && !key.ctrl && !key.meta && [...input].every((c) => c === input[0])) {
    return inSequence([...input].map((c) => [c, key] as [string, Key]), ctx);
  }

  // --- an overlay takes every key
  if (ui.overlay !== null) {
    const o = ui.overlay;
    if (key.escape || input === 'q' || (o.kind === 'help' && input === '?')) {
      closeOverlay(ctx);
      return;
    }
    if (o.kind === 'picker') {
      if (key.upArrow || input === 'k') dispatch({ type: 'picker/move', delta: -1, count: frame.scenarioCount });
      else if (key.downArrow || input === 'j') dispatch({ type: 'picker/move', delta: 1, count: frame.scenarioCount });
      else if (key.return) {
        dispatch({ type: 'overlay/close' });
        const s = session.catalogue[o.index - 1];
        const current = session.scenario?.name ?? 'sandbox';
        // The world already open goes on (`:open NAME` or `:sandbox` start one afresh).
        if ((s?.name ?? 'sandbox') !== current) void (s === undefined ? session.openSandbox() : session.openScenario(s.name));
      }
      return;
    }
    if (key.return && o.kind !== 'help') {
      closeOverlay(ctx);
      return;
    }
    const d = navDelta(input, key, frame.overlay.height, frame.overlay.total);
    if (d !== null) dispatch({ type: 'overlay/scroll', delta: d, total: frame.overlay.total, height: frame.overlay.height });
    return;
  }

  // --- typing a filter
  if (ui.filterDraft !== null) {
    if (key.return) dispatch({ type: 'filter/commit' });
    else if (key.escape) dispatch({ type: 'filter/cancel' });
    else if (key.backspace || key.delete) dispatch({ type: 'filter/backspace' });
    else {
      const [first = '', ...more] = input.split(/\r\n|\r|\n/);
      const text = printable(first, key);
      if (text !== '') dispatch({ type: 'filter/type', text });
      if (more.length > 0) dispatch({ type: 'filter/commit' });
    }
    return;
  }

  // --- the prompt
  if (ui.focus === 'prompt') {
    if (key.return) {
      submitLine(ui.prompt.text, ctx);
      return;
    }
    if (key.escape) {
      dispatch({ type: 'focus/set', pane: ui.lastPane });
      return;
    }
    if (key.tab) {
      dispatch({ type: 'focus/cycle', order: frame.order, dir: key.shift ? -1 : 1 });
      return;
    }
    if (key.backspace || key.delete) {
      if (ui.prompt.text === '') dispatch({ type: 'focus/set', pane: ui.lastPane });
      else dispatch({ type: 'prompt/backspace' });
      return;
    }
    if (key.ctrl && input === 'u') {
      dispatch({ type: 'prompt/set', text: '' });
      return;
    }
    if (key.upArrow || key.downArrow) {
      dispatch({ type: 'prompt/history', dir: key.upArrow ? -1 : 1 });
      return;
    }
    if (key.pageUp || key.pageDown) {
      dispatch({ type: 'console/scroll', delta: (key.pageUp ? 1 : -1) * Math.max(1, frame.console.height - 1), total: frame.console.total, height: frame.console.height });
      return;
    }
    if (/[\r\n]/.test(input) && !key.ctrl && !key.meta) return typeIntoPrompt(ui.prompt.text, input, ctx);
    const text = printable(input, key);
    if (text !== '') dispatch({ type: 'prompt/type', text });
    return;
  }

  // --- a pane has the focus
  const pane = ui.focus;
  if (input.length > 1 && !key.ctrl && !key.meta) {
    // A paste (or a test's write) of a whole line: ':crash redis', '/watch', '>SET a 1'.
    if (input.startsWith(':') || input.startsWith('>')) {
      dispatch({ type: 'focus/set', pane: 'prompt' });
      typeIntoPrompt('', input.startsWith(':') ? input : input.slice(1), ctx);
    } else if (input.startsWith('/')) {
      const [first = '', ...more] = input.slice(1).split(/\r\n|\r|\n/);
      dispatch({ type: 'filter/start' });
      dispatch({ type: 'filter/type', text: first });
      if (more.length > 0) dispatch({ type: 'filter/commit' });
    }
    return;
  }
  if (input === 'q') return ctx.quit();
  if (input === '?') return openHelp(ctx);
  if (key.tab) return dispatch({ type: 'focus/cycle', order: frame.order, dir: key.shift ? -1 : 1 });
  if (input === ' ') return session.togglePlay();
  if (key.rightArrow) return void session.stepForward();
  if (key.leftArrow) return void session.stepBack();
  if (input === ']') return session.faster();
  if (input === '[') return session.slower();
  if (input === 's') return openPicker(ctx);
  if (input === ':') {
    dispatch({ type: 'focus/set', pane: 'prompt' });
    dispatch({ type: 'prompt/set', text: ':' });
    return;
  }
  if (input === '>' || input === 'i') return dispatch({ type: 'focus/set', pane: 'prompt' });
  if (input === '/') return dispatch({ type: 'filter/start' });
  if (key.escape) {
    if (ui.filter !== '') dispatch({ type: 'filter/set', text: '' });
    return;
  }
  if (!isListPane(pane)) return;
  const list = frame.lists[pane];
  const d = navDelta(input, key, list.height, list.count);
  if (d !== null) return dispatch({ type: 'cursor/move', pane, delta: d, count: list.count, height: list.height });

  if (pane === 'processes' && frame.selectedProcess !== undefined) {
    const name = frame.selectedProcess;
    if (key.return) return void session.command({ kind: 'as', name });
    if (input === 'c') return void session.command({ kind: 'crash', name });
    if (input === 'r') return void session.command({ kind: 'restart', name });
    if (input === 'p') return void session.command({ kind: 'pause', name, ms: 5000 });
  }
  if (pane === 'keyspace' && key.return && frame.selectedKey !== undefined) {
    return dispatch({ type: 'overlay/open', overlay: { kind: 'key', ...frame.selectedKey, top: 0 } });
  }
  if (pane === 'zktree' && frame.selectedZnode !== undefined) {
    const z = frame.selectedZnode;
    if (key.return) return dispatch({ type: 'overlay/open', overlay: { kind: 'znode', server: z.server, path: z.path, top: 0 } });
    if ((input === '+' || input === '=') && z.collapsed) return dispatch({ type: 'tree/collapse', path: z.path, collapsed: false });
    if (input === '-' && !z.collapsed && z.children > 0) return dispatch({ type: 'tree/collapse', path: z.path, collapsed: true });
  }
  if (pane === 'timeline' && key.return && frame.selectedStep !== undefined) {
    return void session.seek(frame.selectedStep);
  }
}
