/**
 * redzoo/sim: the simulation kernel and the simulated world.
 *
 * Layout:
 *   kernel/     virtual clock, event scheduler, seeded random streams: the only time and randomness
 *   world/      processes, network, faults, clients, trace, checkers, time travel, snapshots
 *   recipes/    what applications do with Redis and ZooKeeper: caching, discovery, configuration,
 *               election, locks
 *   scenarios/  the scenario library: stories with faults, checks and a verdict
 */
export * from './world/index.js';
export { Kernel, Rng, VirtualClock, Scheduler, hash32 } from './kernel/index.js';
export * from './recipes/index.js';
export { SCENARIOS, findScenario, scenarioCatalogueMarkdown, runScenario, scenarioWorld, judge, type Scenario, type ScenarioSetup, type ScenarioResult, type CheckOutcome } from './scenarios/index.js';
