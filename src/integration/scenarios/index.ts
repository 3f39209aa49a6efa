/**
 * The scenario library: each file tells one story (see docs/scenarios.md).
 *
 * Layout:
 *   scenario.ts            the Scenario shape, running one, judging it against its expected outcome
 *   catalogue.ts           docs/scenarios.md, generated from the scenarios
 *   partition-and-heal.ts  an app cut off from ZooKeeper: Disconnected, expired, re-registered
 */
import type { Scenario } from './scenario.js';
import { partitionAndHeal } from './partition-and-heal.js';

export { scenarioCatalogueMarkdown } from './catalogue.js';
export { runScenario, scenarioWorld, judge, type Scenario, type ScenarioSetup, type ScenarioResult, type CheckOutcome } from './scenario.js';

/** Every scenario, in the order the catalogue presents them. */
export const SCENARIOS: readonly Scenario[] = [partitionAndHeal];

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
