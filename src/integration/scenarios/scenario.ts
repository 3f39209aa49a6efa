import { createWorld, type World, type WorldOptions } from '../world/index.js';

/**
 * A scenario tells one story in a world: who runs, what breaks and when, what must hold. Some
 * are meant to show a violation (a lock that does not protect); their verdict passes when the
 * violation is demonstrated, and the part that fixes it holds.
 */
export interface Scenario {
  /** kebab-case, as typed on the command line: `redzoo run cache-aside`. */
  readonly name: string;
  /** One line, for `redzoo scenarios`. */
  readonly summary: string;
  /** A paragraph in plain words: what happens. */
  readonly story: string;
  /** What a learner should watch for, in a sentence or two. */
  readonly watch?: string;
  /** How long it runs, in virtual ms. */
  readonly duration: number;
  /** Network settings, if not the defaults. */
  readonly network?: WorldOptions['network'];
  /** Builds the world: processes, checks, the fault plan. Returns how to judge and measure it. */
  setup(world: World): ScenarioSetup;
}

export interface ScenarioSetup {
  /**
   * What each check should conclude, by checker name: true (it holds) or false (the violation
   * is demonstrated). Checks not listed must hold.
   */
  readonly expect?: Readonly<Record<string, boolean>>;
  /** The scenario's headline numbers, read at the end (database queries, failed requests, …). */
  stats(): Record<string, number | string>;
}

export interface CheckOutcome {
  name: string;
  ok: boolean;
  expected: boolean;
  detail: string;
}

export interface ScenarioResult {
  scenario: string;
  seed: number;
  verdict: 'pass' | 'fail';
  checks: CheckOutcome[];
  stats: Record<string, number | string>;
  traceHash: string;
  world: World;
}

/** A scenario's world, built but not run (the TUI steps through it). */
export function scenarioWorld(scenario: Scenario, seed: number): { world: World; setup: ScenarioSetup } {
  const world = createWorld({ seed, network: scenario.network });
  const setup = scenario.setup(world);
  return { world, setup };
}

/** Runs a scenario to its end and judges it against its expected outcome. */
export async function runScenario(scenario: Scenario, seed: number): Promise<ScenarioResult> {
  const { world, setup } = scenarioWorld(scenario, seed);
  await world.runFor(scenario.duration);
  return judge(scenario, seed, world, setup);
}

/** Decides the checks still open and compares every check with what the scenario expects. */
export function judge(scenario: Scenario, seed: number, world: World, setup: ScenarioSetup): ScenarioResult {
  const { checks } = world.finish();
  const outcomes = checks.map((c) => ({ name: c.name, ok: c.ok === true, expected: setup.expect?.[c.name] ?? true, detail: c.explanation }));
  const unknown = Object.keys(setup.expect ?? {}).filter((n) => !checks.some((c) => c.name === n));
  if (unknown.length > 0) throw new Error(`scenario ${scenario.name} expects checks it never declared: ${unknown.join(', ')}`);
  return {
    scenario: scenario.name,
    seed,
    verdict: outcomes.every((o) => o.ok === o.expected) ? 'pass' : 'fail',
    checks: outcomes,
    stats: setup.stats(),
    traceHash: world.hash(),
    world,
  };
}
