/**
 * The only source of time the engine has: handed in, never read from the machine.
 *
 * The shape is the same as redis-sim's Clock and ManualClock, so one clock object can drive both
 * engines; it is repeated here because the two engines never import each other (docs/architecture.md).
 */
export interface Clock {
  now(): number; // milliseconds
}

/** A clock that moves only when told to: for tests, labs and the simulated world. */
export class ManualClock implements Clock {
  constructor(private ms = 0) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): number {
    if (!(ms >= 0)) throw new RangeError(`a clock only moves forward (got ${ms})`);
    this.ms += ms;
    return this.ms;
  }
  set(ms: number): void {
    if (ms < this.ms) throw new RangeError(`a clock only moves forward (${ms} < ${this.ms})`);
    this.ms = ms;
  }
}

