import { produce } from 'immer';
import type { CheckOutcome } from '../../integration/index.js';

/**
 * The session's own state (what is open, whether it plays, the console's output), as a reducer
 * over a typed action union. The world itself is not in here: it is a mutable simulation, and
 * views read it through the model functions; `revision` counts its changes so that views and
 * caches know when to read it again.
 */

export interface ConsoleLine {
  kind: 'input' | 'output' | 'error' | 'info';
  text: string;
}

export interface ScenarioInfo {
  name: string;
  summary: string;
  story: string;
  watch: string | undefined;
  /** Virtual ms the scenario runs for. */
  duration: number;
}

export interface Verdict {
  verdict: 'pass' | 'fail';
  checks: CheckOutcome[];
}

export interface SessionState {
  /** Bumped after every change of the world (a run, a step, a seek, a fault, a new world). */
  revision: number;
  kind: 'sandbox' | 'scenario';
  seed: number;
  scenario: ScenarioInfo | null;
  playing: boolean;
  /** Virtual ms per real ms while playing. */
  speed: number;
  /** The process the prompt acts as. */
  as: string | null;
  /** The console: prompt lines and what came back (the last MAX_LOG lines). */
  log: ConsoleLine[];
  /** The last command's outcome, for the status line. */
  status: { text: string; error: boolean } | null;
  /** Set once the scenario has run its course and been judged. */
  verdict: Verdict | null;
}

export const MAX_LOG = 500;

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100] as const;

export type SessionAction =
  | { type: 'world/changed' }
  | { type: 'world/opened'; kind: 'sandbox' | 'scenario'; seed: number; scenario: ScenarioInfo | null; as: string | null; welcome: string[] }
  | { type: 'play/set'; playing: boolean }
  | { type: 'speed/set'; speed: number }
  | { type: 'as/set'; name: string }
  | { type: 'log/append'; lines: ConsoleLine[] }
  | { type: 'status/set'; text: string; error?: boolean }
  | { type: 'status/clear' }
  | { type: 'verdict/set'; verdict: Verdict | null };

export function initialSessionState(): SessionState {
  return { revision: 0, kind: 'sandbox', seed: 1, scenario: null, playing: false, speed: 1, as: null, log: [], status: null, verdict: null };
}

export const sessionReducer = produce((s: SessionState, a: SessionAction): void => {
  switch (a.type) {
    case 'world/changed':
      s.revision++;
      return;
    case 'world/opened':
      s.revision++;
      s.kind = a.kind;
      s.seed = a.seed;
      s.scenario = a.scenario;
      s.as = a.as;
      s.playing = false;
      s.verdict = null;
      s.log = a.welcome.map((text) => ({ kind: 'info', text }));
      s.status = null;
      return;
    case 'play/set':
      s.playing = a.playing;
      return;
    case 'speed/set':
      s.speed = a.speed;
      return;
    case 'as/set':
      s.as = a.name;
      return;
    case 'log/append':
      s.log.push(...a.lines);
      if (s.log.length > MAX_LOG) s.log.splice(0, s.log.length - MAX_LOG);
      return;
    case 'status/set':
      s.status = { text: a.text, error: a.error ?? false };
      return;
    case 'status/clear':
      s.status = null;
      return;
    case 'verdict/set':
      s.verdict = a.verdict;
      return;
  }
});
