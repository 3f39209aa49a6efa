import type { ScheduledEvent } from '../kernel/index.js';
import type { ProcessKind } from './trace.js';
import type { Sim } from './sim.js';
import type { Connection } from './network.js';

/** 'partitioned' is not a state of the process but of the network; see Network.isolated(). */
export type ProcessState = 'up' | 'crashed' | 'paused';

/**
 * What every simulated process shares: a name, a state, a local clock, and the rule that a
 * crashed process runs nothing and a paused one runs nothing *yet* (its timers and the messages
 * that reach it wait, in order, until it resumes).
 */
export abstract class Proc {
  state: ProcessState = 'up';
  /** Bumped by each crash: work scheduled by an earlier life is ignored. */
  incarnation = 0;
  /** Local clock = virtual time × (1 + drift) + skew, in ms. */
  skew = 0;
  drift = 0;
  /** A role a scenario gives it ('leader', 'lock holder'), for the views. */
  role: string | undefined;
  readonly connections = new Set<Connection>();
  private deferred: (() => void)[] = [];
  private pauseEnd: ScheduledEvent | undefined;

  constructor(
    readonly sim: Sim,
    readonly name: string,
    readonly kind: ProcessKind,
  ) {}

  /** The time this process reads from its own clock. */
  localNow(): number {
    const t = this.sim.kernel.now();
    return Math.floor(t * (1 + this.drift)) + this.skew;
  }

  /** Runs `fn` as this process, now: dropped if it has crashed, held if it is paused. */
  run(fn: () => void): void {
    if (this.state === 'crashed') return;
    if (this.state === 'paused') this.deferred.push(fn);
    else fn();
  }

  /** A timer on the local clock (a drifting clock runs its timers fast or slow). */
  timer(ms: number, fn: () => void): ScheduledEvent {
    const life = this.incarnation;
    const realMs = this.drift === 0 ? ms : Math.ceil(ms / (1 + this.drift));
    return this.sim.kernel.after(realMs, () => {
      if (this.incarnation === life) this.run(fn);
    });
  }

  /** A GC pause: nothing runs for `ms`, then everything that waited runs in arrival order. */
  pause(ms: number): void {
    if (this.state !== 'up') return;
    this.state = 'paused';
    const life = this.incarnation;
    this.pauseEnd = this.sim.kernel.after(ms, () => {
      if (this.incarnation === life) this.resume();
    });
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.state = 'up';
    this.pauseEnd && (this.pauseEnd.cancelled = true);
    const waiting = this.deferred;
    this.deferred = [];
    for (const fn of waiting) fn();
    this.sim.trace.append({ type: 'fault', proc: this.name, fault: 'resume', detail: `${this.name} runs again` });
  }

  /** The process dies: its memory, timers and connections go (peers see the connections close). */
  crash(): void {
    if (this.state === 'crashed') return;
    this.state = 'crashed';
    this.role = undefined; // a dead process holds no role; its next life claims its own
    this.incarnation++;
    this.deferred = [];
    this.pauseEnd && (this.pauseEnd.cancelled = true);
    for (const c of [...this.connections]) c.closeBy(this);
    this.onCrash();
  }

  restart(): void {
    if (this.state !== 'crashed') return;
    this.state = 'up';
    this.onStart();
  }

  /** Starts (or restarts) what the process runs. */
  abstract onStart(): void;
  protected onCrash(): void {}

  /** A connection reached this process (it listens): return the handlers, or null to refuse. */
  accept(_conn: Connection): Endpoint | null {
    return null;
  }
}

/** One end of a connection: what to do with what arrives. */
export interface Endpoint {
  onMessage(msg: Message): void;
  /** The connection is gone: the peer closed it, or reset it. */
  onClose(why: 'closed' | 'reset' | 'refused'): void;
}

/** A message on the wire: a payload and how the trace shows it. */
export interface Message {
  readonly label: string;
}
