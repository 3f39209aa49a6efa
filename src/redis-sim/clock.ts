/** The only source of time an engine has: handed in, never read from the machine. */
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
