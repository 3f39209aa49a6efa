import type { Clock } from '../redis-sim/clock.js';

/**
 * The machine's clock, for the interactive commands (REPLs, `serve`). The engines never read time
 * themselves; this is where the CLI hands it to them.
 */
export const wallClock: Clock = { now: () => Date.now() };
