/**
 * redzoo/sim: the simulation kernel and the simulated world.
 *
 * Layout:
 *   kernel/   virtual clock, event scheduler, seeded random streams: the only time and randomness
 *   world/    processes, network, faults, clients, trace, checkers, time travel, snapshots
 */
export * from './world/index.js';
export { Kernel, Rng, VirtualClock, Scheduler, hash32 } from './kernel/index.js';
