import { promiseHooks } from 'node:v8';
import { VirtualClock } from './clock.js';
import { Rng } from './rng.js';
import { Scheduler, type ScheduledEvent } from './scheduler.js';

/**
 * The kernel: virtual time, the event queue and the root of all randomness. Nothing else in
 * redzoo's simulation reads time or randomness (test/purity.test.ts holds the line).
 *
 * Simulated processes are ordinary async functions. When an event resumes one (a reply arrives,
 * a sleep ends), the kernel lets everything that reaction sets off run to its next wait before
 * the next event. It knows when that is by counting promise reactions (a V8 promise hook, on only
 * while the kernel runs): it awaits, and when nothing but its own continuation ran in between,
 * no continuation is left. Continuations run in the order they were queued, and they were queued
 * by events in (time, sequence) order, so the interleaving is the same on every run.
 */
/** Promise reactions run (counted only while a kernel runs). */
let reactions = 0;
const countReaction = (): void => {
  reactions++;
};

/**
 * Kernels run one at a time in this host: settling counts every promise reaction in the
 * process, so two kernels settling at once would each count the other's and never finish. A
 * second world's run waits for the first's to end (worlds share nothing, so the order is moot).
 */
let turn: Promise<void> = Promise.resolve();
const YIELD_EVERY = 2048;

export class Kernel {
  readonly clock = new VirtualClock();
  readonly scheduler = new Scheduler();
  readonly rng: Rng;
  /** Events run so far: the step number of the last one. */
  step = 0;
  /** Called after each event, once the process code it resumed has settled (the checkers). */
  afterEvent: (() => void) | undefined;
  /** True while an event's handler runs (calls it makes are part of the simulation, not inputs to it). */
  inEvent = false;
  private woke = false;
  private running = false;
  /** Events since the host last had a turn (its I/O, timers and a terminal's keys must not starve). */
  private sinceYield = 0;

  constructor(readonly seed: number | string) {
    this.rng = Rng.fromSeed(seed);
  }

  now(): number {
    return this.clock.now();
  }

  /** Runs `fn` as an event at virtual time `time` (never in the past). */
  at(time: number, fn: () => void): ScheduledEvent {
    return this.scheduler.schedule(Math.max(Math.ceil(time), this.clock.now()), fn);
  }

  after(ms: number, fn: () => void): ScheduledEvent {
    return this.at(this.clock.now() + Math.max(0, ms), fn);
  }

  /** An event resumed process code: let it settle before the next event runs. */
  wake(): void {
    this.woke = true;
  }

  /** The time of the next event, or undefined when nothing is scheduled. */
  get nextTime(): number | undefined {
    return this.scheduler.peek()?.at;
  }

  /** Runs the next event, synchronously. False when there is none. */
  runOne(): boolean {
    const e = this.scheduler.peek();
    if (e === undefined) return false;
    this.scheduler.pop();
    this.clock.advanceTo(e.at);
    this.step++;
    this.inEvent = true;
    try {
      e.run();
    } finally {
      this.inEvent = false;
    }
    return true;
  }

  /**
   * Runs events in order until the next one would be after `until.time`, or `until.step` events
   * have run, or `until.stop()` says so; then the clock stands at `until.time` (if given).
   */
  async run(until: { time?: number; step?: number; stop?: () => boolean }): Promise<void> {
    if (this.running) throw new Error('the simulation is already running (await the run in progress first)');
    this.running = true;
    const previous = turn;
    let done!: () => void;
    turn = new Promise<void>((resolve) => (done = resolve));
    await previous;
    const stopCounting = promiseHooks.onBefore(countReaction);
    try {
      if (this.woke) await this.settle();
      const { time = Infinity, step = Infinity, stop } = until;
      for (;;) {
        if (this.step >= step || stop?.()) return;
        const next = this.scheduler.peek();
        if (next === undefined || next.at > time) break;
        this.runOne();
        if (this.woke) await this.settle();
        this.afterEvent?.();
        if (++this.sinceYield >= YIELD_EVERY) {
          this.sinceYield = 0;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
      if (time !== Infinity && time > this.clock.now()) this.clock.advanceTo(time);
    } finally {
      stopCounting();
      this.running = false;
      done();
    }
  }

  /** Lets resumed process code run until every continuation is waiting on the kernel again. */
  async settle(): Promise<void> {
    this.woke = false;
    for (;;) {
      const before = reactions;
      await null;
      // Only this continuation ran: nothing else was queued, so nothing is left to run.
      if (reactions - before <= 1) return;
    }
  }
}
