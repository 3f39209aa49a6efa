import type { TraceRecord, World } from '../../integration/index.js';
import { describe } from '../../cli/scenario-cli.js';

/**
 * The timeline: the trace as `redzoo run` prints it (one line per record, messages left out),
 * kept as an index that grows with the trace: each frame describes only the records appended
 * since the last one. A seek back gives the world a fresh trace (a new array), and the index
 * starts again from it. A filter is a case-insensitive substring of "process text".
 */

export interface TimelineLine {
  step: number;
  time: number;
  proc: string;
  type: TraceRecord['type'];
  text: string;
  /** For colouring: a check's verdict. */
  ok?: boolean;
}

interface Index {
  upTo: number;
  lines: TimelineLine[];
  filter: string;
  filteredUpTo: number;
  filtered: number[];
}
const cache = new WeakMap<readonly TraceRecord[], Index>();

export interface Timeline {
  /** Lines matching the filter (all lines without one). */
  count: number;
  line(i: number): TimelineLine;
  /** Lines in the whole timeline, filter or not. */
  total: number;
}

export function timeline(world: World, filter: string): Timeline {
  const trace = world.trace;
  let index = cache.get(trace);
  if (index === undefined) cache.set(trace, (index = { upTo: 0, lines: [], filter: '', filteredUpTo: 0, filtered: [] }));
  for (; index.upTo < trace.length; index.upTo++) {
    const r = trace[index.upTo]!;
    const text = describe(r);
    if (text === null) continue;
    index.lines.push({ step: r.step, time: r.time, proc: r.proc, type: r.type, text, ...(r.type === 'check' ? { ok: r.ok } : {}) });
  }
  const lines = index.lines;
  const needle = filter.toLowerCase();
  if (needle === '') return { count: lines.length, total: lines.length, line: (i) => lines[i]! };
  if (index.filter !== needle) {
    index.filter = needle;
    index.filteredUpTo = 0;
    index.filtered = [];
  }
  for (; index.filteredUpTo < lines.length; index.filteredUpTo++) {
    const l = lines[index.filteredUpTo]!;
    if (`${l.proc} ${l.text}`.toLowerCase().includes(needle)) index.filtered.push(index.filteredUpTo);
  }
  const filtered = index.filtered;
  return { count: filtered.length, total: lines.length, line: (i) => lines[filtered[i]!]! };
}

/** Terminal colours for processes, assigned in the order processes were added. */
const PALETTE = ['cyan', 'green', 'yellow', 'magenta', 'blue', 'cyanBright', 'greenBright', 'yellowBright', 'magentaBright', 'blueBright'] as const;

export function processColour(world: World, proc: string): string {
  if (proc === '') return 'white';
  const i = world.processNames.indexOf(proc);
  return i < 0 ? 'white' : PALETTE[i % PALETTE.length]!;
}
