/** Virtual time in integer milliseconds. It only moves forward, and only the kernel moves it. */
export class VirtualClock {
  private t = 0;

  now(): number {
    return this.t;
  }

  /** @internal The kernel, when it runs an event (or finishes a run) at `time`. */
  advanceTo(time: number): void {
    if (time < this.t) throw new Error(`the virtual clock cannot go back from ${this.t} to ${time}`);
    this.t = time;
  }
}
