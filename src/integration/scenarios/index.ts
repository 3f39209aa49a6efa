/**
 * The scenario library: each file tells one story (see docs/scenarios.md).
 *
 * Layout:
 *   scenario.ts            the Scenario shape, running one, judging it against its expected outcome
 *   catalogue.ts           docs/scenarios.md, generated from the scenarios
 *   cache-aside.ts         hot keys from Redis: database load and hit ratio with and without the cache
 *   cache-stampede.ts      a hot key expires under load: plain, with a rebuild lock, with XFetch
 *   stale-cache-race.ts    the reader/writer race that leaves a stale value, and two fixes
 *   service-discovery.ts   an instance crashes: requests go to it until its session expires
 *   config-center.ts       a change reaches every app; racing admins; rollback
 *   leader-election.ts     the leader crashes or is cut off; its successor takes over
 *   zk-lock.ts             the lock recipe keeps mutual exclusion; the naive lock's herd
 *   redis-lock-pause.ts    a GC pause outlives a Redis lock; fencing stops the stale writer
 *   zombie-leader.ts       a partitioned leader keeps acting; fencing by epoch stops it
 *   partition-and-heal.ts  an app cut off from ZooKeeper: Disconnected, expired, re-registered
 */
import type { Scenario } from './scenario.js';
import { cacheAside } from './cache-aside.js';
import { cacheStampede } from './cache-stampede.js';
import { staleCacheRace } from './stale-cache-race.js';
import { serviceDiscovery } from './service-discovery.js';
import { configCenter } from './config-center.js';
import { leaderElection } from './leader-election.js';
import { zkLock } from './zk-lock.js';
import { redisLockPause } from './redis-lock-pause.js';
import { zombieLeader } from './zombie-leader.js';
import { partitionAndHeal } from './partition-and-heal.js';

export { scenarioCatalogueMarkdown } from './catalogue.js';
export { runScenario, scenarioWorld, judge, type Scenario, type ScenarioSetup, type ScenarioResult, type CheckOutcome } from './scenario.js';

/** Every scenario, in the order the catalogue presents them. */
export const SCENARIOS: readonly Scenario[] = [
  cacheAside,
  cacheStampede,
  staleCacheRace,
  serviceDiscovery,
  configCenter,
  leaderElection,
  zkLock,
  redisLockPause,
  zombieLeader,
  partitionAndHeal,
];

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
