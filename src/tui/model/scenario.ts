import type { CheckResult } from '../../integration/index.js';
import type { ScenarioInfo, Verdict } from '../state/session.js';
import { wrap } from './format.js';

/**
 * The scenario pane's text: each check as it is decided (· while undecided, ✓ when it holds, ✗
 * when it fails, with why; a check the scenario expects to fail, the violation it demonstrates,
 * says so), the verdict once the scenario has ended, then the story and what to watch.
 */
export interface StoryLine {
  text: string;
  colour?: string;
  bold?: boolean;
  dim?: boolean;
}

export function scenarioLines(info: ScenarioInfo, checks: readonly CheckResult[], expected: (name: string) => boolean, verdict: Verdict | null, width: number): StoryLine[] {
  const w = Math.max(10, width);
  // The checks first: they change as the run goes, and must show in a small pane too.
  const out: StoryLine[] = [{ text: verdict === null ? 'Checks' : `Checks · verdict ${verdict.verdict.toUpperCase()}`, bold: true, ...(verdict === null ? {} : { colour: verdict.verdict === 'pass' ? 'green' : 'red' }) }];
  for (const c of checks) {
    const mark = c.ok === null ? '·' : c.ok ? '✓' : '✗';
    const exp = expected(c.name);
    const colour = c.ok === null ? undefined : c.ok === exp ? 'green' : 'red';
    const note = c.ok === false && !exp ? ' (expected: the violation is the point)' : '';
    wrap(`${mark} ${c.name}${note}`, w).forEach((l, i) => out.push({ text: i === 0 ? l : `  ${l}`, ...(colour === undefined ? {} : { colour }) }));
    if (c.ok === false) wrap(c.explanation, w - 2).forEach((l) => out.push({ text: `  ${l}`, dim: true }));
  }
  if (verdict === null) out.push({ text: `(undecided ones are judged at t=${info.duration / 1000}s)`, dim: true });
  out.push({ text: '' });
  for (const l of wrap(info.story, w)) out.push({ text: l });
  if (info.watch !== undefined) {
    out.push({ text: '' });
    wrap(`Watch: ${info.watch}`, w).forEach((l) => out.push({ text: l, dim: true }));
  }
  return out;
}
