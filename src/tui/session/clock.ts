/**
 * The one clock loop of the TUI: while the player plays, every `interval` ms of real time it asks
 * the session to run the world on (`world.runFor(interval × speed)` of virtual time). The loop
 * waits for each run to finish before it schedules the next, so a slow run slows the playback
 * down instead of piling runs up. It is UI, not simulation: the world itself never sees a timer.
 *
 * The timers are injected, so tests drive the loop by hand (ManualTimers) and frames stay
 * deterministic.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class ClockLoop {
  private handle: unknown = undefined;
  private running = false;

  constructor(
    private readonly tick: (realMs: number) => Promise<void>,
    private readonly timers: Timers = realTimers,
    readonly interval = 50,
  ) {}

  get active(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
  }

  private schedule(): void {
    this.handle = this.timers.setTimeout(() => {
      this.handle = undefined;
      if (!this.running) return;
      void this.tick(this.interval).then(() => {
        if (this.running && this.handle === undefined) this.schedule();
      });
    }, this.interval);
  }
}

/** Timers that fire only when told to: `fire()` runs what is due, as one turn of the clock. */
export class ManualTimers implements Timers {
  private next = 1;
  private readonly pending = new Map<number, () => void>();

  setTimeout(fn: () => void, _ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, fn);
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** How many callbacks wait. */
  get size(): number {
    return this.pending.size;
  }

  /** Runs every callback waiting now (not those they schedule). */
  fire(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const fn of due) fn();
  }
}
