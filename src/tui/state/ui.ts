import { produce } from 'immer';
import type { PaneId } from '../model/layout.js';

/**
 * The view state: which pane has the focus, where each list's cursor is, what is being typed,
 * which overlay is open. A reducer over a typed action union (immer keeps it immutable); input
 * handlers dispatch, views read. Nothing here knows the world: actions that move a cursor carry
 * the list's length and the visible height, as the views measured them.
 */

export type ListPane = 'processes' | 'keyspace' | 'zktree' | 'timeline' | 'scenario';

/** A list's selected row and the first row on screen. */
export interface Cursor {
  index: number;
  top: number;
}

export type Overlay =
  | { kind: 'help'; top: number; resume: boolean }
  | { kind: 'picker'; index: number }
  | { kind: 'key'; server: string; key: string; top: number }
  | { kind: 'znode'; server: string; path: string; top: number };

export interface UiState {
  focus: PaneId;
  /** Where Esc from the prompt goes back to. */
  lastPane: PaneId;
  overlay: Overlay | null;
  /** The prompt line being typed (a `:` command when it starts with ':'), and its history. */
  prompt: { text: string; history: string[]; at: number | null };
  /** The timeline filter in force, and the one being typed after '/' (null when not typing). */
  filter: string;
  filterDraft: string | null;
  cursors: Record<ListPane, Cursor>;
  /** The timeline sticks to its last line until the learner scrolls up. */
  follow: boolean;
  /** Znodes whose children are hidden. */
  collapsed: Record<string, true>;
  /** Console lines scrolled back from the newest. */
  consoleBack: number;
}

export type UiAction =
  | { type: 'focus/set'; pane: PaneId }
  | { type: 'focus/cycle'; order: readonly PaneId[]; dir: 1 | -1 }
  | { type: 'cursor/move'; pane: ListPane; delta: number; count: number; height: number }
  | { type: 'cursor/to'; pane: ListPane; index: number; count: number; height: number }
  | { type: 'follow/set'; on: boolean }
  | { type: 'overlay/open'; overlay: Overlay }
  | { type: 'overlay/close' }
  | { type: 'overlay/scroll'; delta: number; total: number; height: number }
  | { type: 'picker/move'; delta: number; count: number }
  | { type: 'prompt/type'; text: string }
  | { type: 'prompt/backspace' }
  | { type: 'prompt/set'; text: string }
  | { type: 'prompt/submit' }
  | { type: 'prompt/history'; dir: -1 | 1 }
  | { type: 'filter/start' }
  | { type: 'filter/type'; text: string }
  | { type: 'filter/backspace' }
  | { type: 'filter/commit' }
  | { type: 'filter/cancel' }
  | { type: 'filter/set'; text: string }
  | { type: 'tree/collapse'; path: string; collapsed: boolean }
  | { type: 'console/scroll'; delta: number; total: number; height: number };

export function initialUiState(overrides: Partial<UiState> = {}): UiState {
  return {
    focus: 'processes',
    lastPane: 'processes',
    overlay: null,
    prompt: { text: '', history: [], at: null },
    filter: '',
    filterDraft: null,
    cursors: { processes: { index: 0, top: 0 }, keyspace: { index: 0, top: 0 }, zktree: { index: 0, top: 0 }, timeline: { index: 0, top: 0 }, scenario: { index: 0, top: 0 } },
    follow: true,
    collapsed: {},
    consoleBack: 0,
    ...overrides,
  };
}

/** A cursor kept inside a list of `count` rows shown `height` at a time. */
export function clampCursor(c: Cursor, count: number, height: number): Cursor {
  if (count <= 0) return { index: 0, top: 0 };
  const index = Math.min(Math.max(0, c.index), count - 1);
  let top = Math.min(Math.max(0, c.top), Math.max(0, count - Math.max(1, height)));
  if (index < top) top = index;
  if (height > 0 && index >= top + height) top = index - height + 1;
  return { index, top };
}

/** The timeline's cursor: pinned to the last line while following. */
export function timelineCursor(s: UiState, count: number, height: number): Cursor {
  return s.follow ? clampCursor({ index: count - 1, top: count - height }, count, height) : clampCursor(s.cursors.timeline, count, height);
}

const MAX_HISTORY = 200;

export const uiReducer = produce((s: UiState, a: UiAction): void => {
  switch (a.type) {
    case 'focus/set':
      if (a.pane !== 'prompt') s.lastPane = a.pane;
      else if (s.focus !== 'prompt') s.lastPane = s.focus;
      s.focus = a.pane;
      return;
    case 'focus/cycle': {
      const i = a.order.indexOf(s.focus);
      const next = a.order[(i + a.dir + a.order.length) % a.order.length] ?? a.order[0]!;
      if (next !== 'prompt') s.lastPane = next;
      s.focus = next;
      return;
    }
    case 'cursor/move': {
      const from = a.pane === 'timeline' && s.follow ? { index: a.count - 1, top: a.count - a.height } : s.cursors[a.pane];
      const c = clampCursor(from, a.count, a.height);
      s.cursors[a.pane] = clampCursor({ index: c.index + a.delta, top: c.top }, a.count, a.height);
      if (a.pane === 'timeline') s.follow = a.delta > 0 && s.cursors.timeline.index >= a.count - 1;
      return;
    }
    case 'cursor/to':
      s.cursors[a.pane] = clampCursor({ index: a.index, top: s.cursors[a.pane].top }, a.count, a.height);
      if (a.pane === 'timeline') s.follow = a.index >= a.count - 1;
      return;
    case 'follow/set':
      s.follow = a.on;
      return;
    case 'overlay/open':
      s.overlay = a.overlay;
      return;
    case 'overlay/close':
      s.overlay = null;
      return;
    case 'overlay/scroll':
      if (s.overlay !== null && s.overlay.kind !== 'picker') {
        s.overlay.top = Math.max(0, Math.min(s.overlay.top + a.delta, a.total - a.height));
      }
      return;
    case 'picker/move':
      if (s.overlay?.kind === 'picker') s.overlay.index = Math.max(0, Math.min(a.count - 1, s.overlay.index + a.delta));
      return;
    case 'prompt/type':
      s.prompt.text += a.text;
      s.prompt.at = null;
      return;
    case 'prompt/backspace':
      s.prompt.text = s.prompt.text.slice(0, -1);
      return;
    case 'prompt/set':
      s.prompt.text = a.text;
      s.prompt.at = null;
      return;
    case 'prompt/submit': {
      const text = s.prompt.text.trim();
      if (text !== '' && s.prompt.history.at(-1) !== text) s.prompt.history.push(text);
      if (s.prompt.history.length > MAX_HISTORY) s.prompt.history.shift();
      s.prompt.text = '';
      s.prompt.at = null;
      s.consoleBack = 0;
      return;
    }
    case 'prompt/history': {
      const h = s.prompt.history;
      if (h.length === 0) return;
      const at = s.prompt.at === null ? (a.dir < 0 ? h.length - 1 : null) : s.prompt.at + a.dir;
      if (at === null || at >= h.length) {
        s.prompt.at = null;
        s.prompt.text = '';
      } else {
        s.prompt.at = Math.max(0, at);
        s.prompt.text = h[s.prompt.at]!;
      }
      return;
    }
    case 'filter/start':
      s.filterDraft = s.filter;
      return;
    case 'filter/type':
      s.filterDraft = (s.filterDraft ?? '') + a.text;
      return;
    case 'filter/backspace':
      s.filterDraft = (s.filterDraft ?? '').slice(0, -1);
      return;
    case 'filter/commit':
      s.filter = s.filterDraft ?? s.filter;
      s.filterDraft = null;
      s.follow = true;
      return;
    case 'filter/cancel':
      s.filterDraft = null;
      return;
    case 'filter/set':
      s.filter = a.text;
      s.filterDraft = null;
      s.follow = true;
      return;
    case 'tree/collapse':
      if (a.collapsed) s.collapsed[a.path] = true;
      else delete s.collapsed[a.path];
      return;
    case 'console/scroll':
      s.consoleBack = Math.max(0, Math.min(a.total - a.height, s.consoleBack + a.delta));
      return;
  }
});
