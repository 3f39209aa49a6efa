import { Rng } from '../kernel/index.js';
import type { World } from './world.js';

/**
 * Fault plans as plain data, so a scenario's faults can be read, printed and replayed:
 * `{ at: 5000, fault: 'crash', target: 'a' }`. Times are virtual ms from the start.
 */
export type FaultStep =
  | { at: number; fault: 'crash' | 'restart' | 'resume'; target: string }
  | { at: number; fault: 'pause'; target: string; ms: number }
  | { at: number; fault: 'partition'; groups: readonly (readonly string[])[]; ms?: number }
  | { at: number; fault: 'cut'; from: string; to: string }
  | { at: number; fault: 'heal' }
  | { at: number; fault: 'skew'; target: string; ms: number }
  | { at: number; fault: 'slow'; between: [string, string]; ms: number };

/** Schedules every step of `plan` on `world`. */
export function applyFaultPlan(world: World, plan: readonly FaultStep[]): World {
  for (const step of plan) world.at(step.at, (w) => applyStep(w, step));
  return world;
}

function applyStep(w: World, s: FaultStep): void {
  switch (s.fault) {
    case 'crash':
      return void w.crash(s.target);
    case 'restart':
      return void w.restart(s.target);
    case 'resume':
      return void w.resume(s.target);
    case 'pause':
      return void w.pause(s.target, s.ms);
    case 'partition':
      return void w.partition(s.groups[0], s.groups[1], s.ms);
    case 'cut':
      return void w.cut(s.from, s.to);
    case 'heal':
      return void w.heal();
    case 'skew':
      return void w.skew(s.target, s.ms);
    case 'slow':
      return void w.slow(s.between[0], s.between[1], s.ms);
  }
}

export interface RandomPlanOptions {
  seed: number | string;
  /** Processes faults may hit. */
  targets: readonly string[];
  /** Faults fall in [start, end) ms. */
  start?: number;
  end: number;
  /** Mean time between faults, ms. Default 5000. */
  every?: number;
  /** How long a pause, partition or slow link lasts at most, ms. Default 3000. */
  maxDuration?: number;
  /** Which faults to draw, with weights. Default: crash+restart, pause, partition, slow. */
  weights?: Partial<Record<'crash' | 'pause' | 'partition' | 'slow', number>>;
}

/** A fault plan drawn from a seed: the same seed, the same plan. Crashed processes come back. */
export function randomFaultPlan(o: RandomPlanOptions): FaultStep[] {
  const rng = new Rng(`faults/${o.seed}`);
  const every = o.every ?? 5000;
  const maxDuration = o.maxDuration ?? 3000;
  const weights = Object.entries({ crash: 1, pause: 1, partition: 1, slow: 1, ...o.weights }) as [keyof NonNullable<RandomPlanOptions['weights']>, number][];
  const plan: FaultStep[] = [];
  for (let at = (o.start ?? 0) + rng.int(1, 2 * every); at < o.end; at += rng.int(1, 2 * every)) {
    const target = rng.pick(o.targets);
    const ms = rng.int(100, maxDuration);
    switch (rng.weighted(weights)) {
      case 'crash':
        plan.push({ at, fault: 'crash', target }, { at: at + ms, fault: 'restart', target });
        break;
      case 'pause':
        plan.push({ at, fault: 'pause', target, ms });
        break;
      case 'partition':
        plan.push({ at, fault: 'partition', groups: [[target]], ms });
        break;
      case 'slow': {
        const other = rng.pick(o.targets.filter((t) => t !== target).concat(target === o.targets[0] ? [] : [o.targets[0]!]));
        plan.push({ at, fault: 'slow', between: [target, other], ms: rng.int(20, 500) }, { at: at + ms, fault: 'slow', between: [target, other], ms: 0 });
        break;
      }
    }
  }
  return plan.sort((a, b) => a.at - b.at);
}
