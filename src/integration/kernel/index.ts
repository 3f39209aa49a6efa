/**
 * The simulation kernel: the only code in redzoo's simulation that reads time or randomness.
 *
 * Layout:
 *   kernel.ts     Kernel: the run loop, event scheduling, letting process code settle
 *   scheduler.ts  the event queue, a binary heap ordered by (time, sequence number)
 *   clock.ts      VirtualClock: integer milliseconds, forward only
 *   rng.ts        Rng: sfc32, split per subsystem, with chance/int/pick/weighted/jitter
 */
export { Kernel } from './kernel.js';
export { Scheduler, type ScheduledEvent } from './scheduler.js';
export { VirtualClock } from './clock.js';
export { Rng, hash32 } from './rng.js';
