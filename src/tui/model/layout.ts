/**
 * Where each pane goes for a terminal of `columns` × `rows`: a pure function, so the views
 * render exactly the rows that fit (virtualised lists need their height before they render) and
 * the tests can check a layout without a terminal.
 *
 *   header (1 row)
 *   body: left column (processes; the scenario below it when there is no room beside the panes)
 *         right column (keyspace, znode tree, timeline; keyspace and tree side by side from 120
 *         columns); a story column at the right from 150 columns when a scenario is open
 *   console output (2–5 rows), the prompt (1 row), the key hints (1 row)
 *
 * The focused pane of a column gets twice the height of the others.
 */

export type PaneId = 'processes' | 'scenario' | 'keyspace' | 'zktree' | 'timeline' | 'prompt';

export interface PaneBox {
  id: PaneId;
  width: number;
  height: number;
}

/** Panes side by side, sharing a height. */
export interface LayoutRow {
  height: number;
  panes: PaneBox[];
}

export interface LayoutColumn {
  width: number;
  rows: LayoutRow[];
}

export interface Layout {
  columns: number;
  rows: number;
  bodyHeight: number;
  body: LayoutColumn[];
  /** Console output lines above the prompt. */
  consoleLines: number;
  /** The panes Tab visits, in order (the prompt last). */
  order: PaneId[];
}

export interface LayoutInput {
  columns: number;
  rows: number;
  scenario: boolean;
  redis: boolean;
  zookeeper: boolean;
  focus: PaneId;
}

/**
 * Splits `total` by `weights` (largest remainders get the rounding), each part at least `min` when
 * there is room; the parts always sum to `total`.
 */
export function distribute(total: number, weights: readonly number[], min = 3): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0, left = total - parts.reduce((a, b) => a + b, 0); left > 0; k++, left--) parts[byRemainder[k % parts.length]![1]]!++;
  // Raise the parts below the minimum, taking from the largest.
  for (let i = 0; i < parts.length; i++) {
    while (parts[i]! < min) {
      const largest = parts.indexOf(Math.max(...parts));
      if (largest === i || parts[largest]! <= min) break;
      parts[largest]!--;
      parts[i]!++;
    }
  }
  return parts;
}

/** The smallest terminal the panes fit in (the app says so below it). */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;

export function layout(input: LayoutInput): Layout {
  const columns = Math.max(MIN_COLUMNS, input.columns);
  const rows = Math.max(MIN_ROWS, input.rows);
  const consoleLines = rows >= 40 ? 5 : rows >= 30 ? 3 : 2;
  const bodyHeight = rows - 1 - consoleLines - 1 - 1;
  const storyColumn = input.scenario && columns >= 150;
  const storyWidth = storyColumn ? Math.min(56, Math.max(40, Math.round(columns * 0.25))) : 0;
  const leftWidth = Math.min(44, Math.max(28, Math.round((columns - storyWidth) * 0.375)));
  const rightWidth = columns - storyWidth - leftWidth;
  const focusWeight = (ids: PaneId[]): number => (ids.includes(input.focus) ? 2 : 1);

  // Left: the processes, and the scenario under them when it has no column of its own.
  const left: LayoutColumn = { width: leftWidth, rows: [] };
  if (input.scenario && !storyColumn) {
    const [p, s] = distribute(bodyHeight, [focusWeight(['processes']) * 9, focusWeight(['scenario']) * 10], 5);
    left.rows.push({ height: p!, panes: [{ id: 'processes', width: leftWidth, height: p! }] });
    left.rows.push({ height: s!, panes: [{ id: 'scenario', width: leftWidth, height: s! }] });
  } else left.rows.push({ height: bodyHeight, panes: [{ id: 'processes', width: leftWidth, height: bodyHeight }] });

  // Right: the data panes and the timeline.
  const data: PaneId[] = [...(input.redis ? (['keyspace'] as const) : []), ...(input.zookeeper ? (['zktree'] as const) : [])];
  const groups: PaneId[][] = columns >= 120 && data.length === 2 ? [data, ['timeline']] : [...data.map((d) => [d]), ['timeline']];
  const heights = distribute(bodyHeight, groups.map(focusWeight), 4);
  const right: LayoutColumn = {
    width: rightWidth,
    rows: groups.map((ids, i) => {
      const widths = distribute(rightWidth, ids.map(() => 1), 10);
      return { height: heights[i]!, panes: ids.map((id, j) => ({ id, width: widths[j]!, height: heights[i]! })) };
    }),
  };

  const body = [left, right];
  if (storyColumn) body.push({ width: storyWidth, rows: [{ height: bodyHeight, panes: [{ id: 'scenario', width: storyWidth, height: bodyHeight }] }] });
  const order: PaneId[] = ['processes', ...data, 'timeline', ...(input.scenario ? (['scenario'] as const) : []), 'prompt'];
  return { columns, rows, bodyHeight, body, consoleLines, order };
}

/** The box of pane `id`, if it is on screen. */
export function paneBox(l: Layout, id: PaneId): PaneBox | undefined {
  for (const c of l.body) for (const r of c.rows) for (const p of r.panes) if (p.id === id) return p;
  return undefined;
}

/** Rows of content inside a pane (its border takes two). */
export function innerHeight(box: PaneBox | undefined): number {
  return box === undefined ? 0 : Math.max(0, box.height - 2);
}

export function innerWidth(box: PaneBox | undefined): number {
  return box === undefined ? 0 : Math.max(0, box.width - 2);
}
