import { Subject, type Observable } from 'rxjs';
import type { RedisServer } from '../../redis-sim/index.js';
import type { ZooKeeperServer } from '../../zk-sim/index.js';
import { AppProc, type AppMain, type ProcessContext } from './app.js';
import type { DatabaseNode, DatabaseOptions } from './database.js';
import type { Checker, CheckRun } from './checkers.js';
import type { NetworkOptions } from './network.js';
import type { Proc } from './process.js';
import { RedisNode, type RedisNodeOptions } from './redis-node.js';
import { Sim } from './sim.js';
import { snapshotOf, type SnapshotOptions, type WorldSnapshot } from './snapshot.js';
import type { MarkRecord, TraceRecord } from './trace.js';
import { ZkNode, type ZkNodeOptions } from './zk-node.js';

export interface WorldOptions {
  /** Fixes every random draw: latencies, backoffs, the engines' randomness, the processes'. */
  seed?: number | string;
  network?: NetworkOptions;
}

export interface CheckResult {
  name: string;
  description: string;
  /** null while undecided. */
  ok: boolean | null;
  explanation: string;
}

/** An input from outside the simulation, kept so the world can be rebuilt: what, and when. */
interface Input {
  step: number;
  time: number;
  apply(world: World): void;
}

/**
 * A simulated world: Redis and ZooKeeper servers and application processes on one virtual
 * clock, talking over a simulated network, with faults on demand, every event in the trace.
 *
 * Everything a caller does to the world (add a process, crash one, cut a link) is recorded with
 * the step and time at which it was done, so the world is a function of its seed and those
 * inputs: `seek(step)` rebuilds it by running a fresh copy to that step, and the copy is
 * identical, down to the trace hash. Process code must therefore use its ProcessContext, never
 * the world object or anything outside the simulation.
 */
export class World {
  private sim: Sim;
  private inputs: Input[] = [];
  /** How many inputs the current sim has applied (the rest lie ahead, after a seek back). */
  private applied = 0;
  private replaying = false;
  private readonly checkers: Checker[] = [];
  private runs: { checker: Checker; run: CheckRun; result: CheckResult }[] = [];
  private readonly records = new Subject<TraceRecord>();
  private readonly rebuilt = new Subject<number>();
  /** Every trace record as it is appended (records re-made by a seek are not re-sent). */
  readonly trace$: Observable<TraceRecord> = this.records.asObservable();
  /** The step reached after each seek, for views that must redraw from a snapshot. */
  readonly seeks$: Observable<number> = this.rebuilt.asObservable();

  constructor(readonly options: WorldOptions = {}) {
    this.sim = this.fresh();
  }

  private fresh(): Sim {
    const sim = new Sim({ seed: this.options.seed ?? 1, network: this.options.network });
    this.runs = this.checkers.map((checker) => this.startCheck(checker));
    sim.trace.listener = (r) => {
      for (const c of this.runs) if (c.result.ok === null && c.run.onRecord) this.decide(c, c.run.onRecord(r));
      if (!this.replaying) this.records.next(r);
    };
    sim.trace.listenerWants = () => this.runs.some((c) => c.result.ok === null && c.run.onRecord !== undefined) || (!this.replaying && this.records.observed);
    sim.kernel.afterEvent = () => {
      for (const c of this.runs) if (c.result.ok === null && c.run.afterEvent) this.decide(c, c.run.afterEvent());
    };
    return sim;
  }

  private startCheck(checker: Checker) {
    return { checker, run: checker.create(), result: { name: checker.name, description: checker.description, ok: null, explanation: '' } as CheckResult };
  }

  private decide(c: (typeof this.runs)[number], failure: string | void): void {
    if (typeof failure !== 'string') return;
    c.result.ok = false;
    c.result.explanation = failure;
    this.sim.trace.append({ type: 'check', proc: '', name: c.checker.name, ok: false, explanation: failure });
  }

  /** Records an input (unless the simulation itself is making the call) and applies it. */
  private input(apply: (world: World) => void): this {
    const step = this.sim.kernel.step;
    const time = this.sim.kernel.now();
    // An input that throws (an unknown name) has checked before changing anything: it is not
    // journaled, so a rebuilt world does not meet it again.
    apply(this);
    if (!this.replaying && !this.sim.kernel.inEvent) {
      // Acting after a seek back forks history: the inputs that lay ahead are dropped.
      this.inputs.length = this.applied;
      this.inputs.push({ step, time, apply });
      this.applied++;
    }
    return this;
  }

  // ---------------------------------------------------------------- building

  /** Adds a Redis server process. */
  redis(name: string, options?: RedisNodeOptions): this {
    return this.input(() => this.sim.addRedis(name, options));
  }

  /** Adds a ZooKeeper server process (standalone). */
  zookeeper(name: string, options?: ZkNodeOptions): this {
    return this.input(() => this.sim.addZooKeeper(name, options));
  }

  /** Adds a database process (the system of record behind a cache). */
  database(name: string, options?: DatabaseOptions): this {
    return this.input(() => this.sim.addDatabase(name, options));
  }

  /** Adds an application process running `main`. */
  app(name: string, main: AppMain): this {
    return this.input(() => this.sim.addApp(name, main));
  }

  /** Adds a checker; its verdict is in `checks()` and in the trace. */
  check(checker: Checker): this {
    this.checkers.push(checker);
    this.runs.push(this.startCheck(checker));
    return this;
  }

  // ---------------------------------------------------------------- faults

  /** Kills a process: memory, timers and connections gone; peers see its connections close. */
  crash(name: string): this {
    return this.input(() => {
      const p = this.sim.proc(name);
      if (p.state === 'crashed') return;
      this.sim.fault('crash', name, `${name} crashed`);
      p.crash();
    });
  }

  /** Starts a crashed process again (an app runs its code from the top; Redis starts empty). */
  restart(name: string): this {
    return this.input(() => {
      const p = this.sim.proc(name);
      if (p.state !== 'crashed') return;
      this.sim.fault('restart', name, `${name} restarted`);
      p.restart();
    });
  }

  /** Freezes a process for `ms` (a GC pause): its timers and incoming messages wait. */
  pause(name: string, ms: number): this {
    return this.input(() => {
      const p = this.sim.proc(name);
      if (p.state !== 'up') return;
      this.sim.fault('pause', name, `${name} paused for ${ms} ms`);
      p.pause(ms);
    });
  }

  /** Ends a pause early. */
  resume(name: string): this {
    return this.input(() => this.sim.proc(name).resume());
  }

  /**
   * Cuts every link between group `a` and group `b` (default: everyone else), both ways; with
   * `forMs`, heals those links after that long.
   */
  partition(a: readonly string[], b?: readonly string[], forMs?: number): this {
    return this.input(() => {
      for (const n of [...a, ...(b ?? [])]) this.sim.proc(n);
      const both = b?.find((n) => a.includes(n));
      if (both !== undefined) throw new Error(`${both} is on both sides: a partition cuts one group off from another`);
      const other = b ?? [...this.sim.processes.keys()].filter((n) => !a.includes(n));
      if (a.length === 0 || other.length === 0) throw new Error('a partition needs a process on each side: name the ones to cut off, or the other side after |');
      this.sim.net.partition(a, other);
      this.sim.fault('partition', '', `${a.join(',')} | ${other.join(',')}${forMs === undefined ? '' : ` for ${forMs} ms`}`);
      if (forMs !== undefined)
        this.sim.kernel.after(forMs, () => {
          this.sim.net.heal(a, other);
          this.sim.fault('heal', '', `${a.join(',')} | ${other.join(',')} healed`);
        });
    });
  }

  /** Cuts one direction: `from` can no longer reach `to` (but hears from it). */
  cut(from: string, to: string): this {
    return this.input(() => {
      this.sim.proc(from);
      this.sim.proc(to);
      if (from === to) throw new Error(`a process always reaches itself: cut ${from} from another process`);
      this.sim.net.cut(from, to);
      this.sim.fault('cut', from, `${from} → ${to} cut`);
    });
  }

  /** Heals every partition and cut (what waited is delivered, in order). */
  heal(): this {
    return this.input(() => {
      this.sim.net.heal();
      this.sim.fault('heal', '', 'all links healed');
    });
  }

  /** Sets a process's clock offset (ms) from virtual time. */
  skew(name: string, ms: number): this {
    return this.input(() => {
      this.sim.proc(name).skew = ms;
      this.sim.fault('skew', name, `${name}'s clock is off by ${ms} ms`);
    });
  }

  /** Sets a process's clock drift: 0.01 runs 1% fast (and its timers fire 1% early). */
  drift(name: string, rate: number): this {
    return this.input(() => {
      const p = this.sim.proc(name);
      if (!(rate > -1)) throw new Error('drift must be greater than -1');
      // The local clock stays continuous: the skew absorbs the change of rate.
      const t = this.sim.kernel.now();
      p.skew += Math.floor(t * (1 + p.drift)) - Math.floor(t * (1 + rate));
      p.drift = rate;
      this.sim.fault('drift', name, `${name}'s clock drifts ${(rate * 100).toFixed(2)}%`);
    });
  }

  /** A latency spike: `ms` more on every message between a and b (0 ends it). */
  slow(a: string, b: string, ms: number): this {
    return this.input(() => {
      this.sim.proc(a);
      this.sim.proc(b);
      if (a === b) throw new Error(`${a} talks to itself without the network: slow its link to another process`);
      this.sim.net.setSlow(a, b, ms);
      this.sim.fault('slow', a, ms > 0 ? `${a} ↔ ${b} +${ms} ms` : `${a} ↔ ${b} back to normal`);
    });
  }

  /**
   * Runs `task` now as app process `name`, through the context its own code has (its clock, its
   * randomness, its clients): a learner typing at the process's prompt. It is an input like a
   * fault, so a rebuilt world runs it again at the same step. A crashed process runs nothing.
   */
  as(name: string, task: (p: ProcessContext) => unknown): this {
    const proc = this.sim.proc(name);
    if (!(proc instanceof AppProc)) throw new Error(`'${name}' is a ${proc.kind} server, not an app`);
    return this.input(() => {
      const p = this.sim.proc(name) as AppProc;
      this.sim.kernel.at(this.sim.kernel.now(), () => p.run(() => p.runTask(task)));
    });
  }

  /** Runs `action` at virtual time `time` (as an event: it is not an input, it is part of the plan). */
  at(time: number, action: (world: World) => void): this {
    return this.input(() => {
      this.sim.kernel.at(time, () => action(this));
    });
  }

  /** Runs `action` `ms` from now. */
  after(ms: number, action: (world: World) => void): this {
    return this.at(this.now + ms, action);
  }

  // ---------------------------------------------------------------- running

  get now(): number {
    return this.sim.kernel.now();
  }

  /** Events run so far. */
  get step(): number {
    return this.sim.kernel.step;
  }

  /** Runs until virtual time `time` (everything due by then runs; the clock ends at `time`). */
  async runUntil(time: number): Promise<void> {
    await this.advance({ time });
  }

  async runFor(ms: number): Promise<void> {
    await this.advance({ time: this.now + ms });
  }

  /** Runs `n` events. */
  async stepForward(n = 1): Promise<void> {
    await this.advance({ step: this.step + n });
  }

  /** Runs until `predicate()` holds (checked after each event), or until `limitMs` from now. */
  async runWhile(predicate: () => boolean, limitMs = Infinity): Promise<void> {
    await this.advance({ time: this.now + limitMs, stop: () => !predicate() });
  }

  /** Runs, applying inputs that lie ahead (after a seek back) at the step and time they were made. */
  private async advance(until: { time?: number; step?: number; stop?: () => boolean }): Promise<void> {
    const k = this.sim.kernel;
    while (this.applied < this.inputs.length) {
      const next = this.inputs[this.applied]!;
      if ((until.step !== undefined && next.step > until.step) || (until.time !== undefined && next.time > until.time)) break;
      await k.run({ step: next.step, time: next.time, stop: until.stop });
      if (until.stop?.() || k.step < next.step) return;
      if (next.time > k.now()) k.clock.advanceTo(next.time);
      this.applied++;
      this.replayInput(next);
    }
    await k.run(until);
  }

  private replayInput(input: Input): void {
    const was = this.replaying;
    this.replaying = true;
    try {
      input.apply(this);
    } finally {
      this.replaying = was;
    }
  }

  /**
   * Rebuilds the world as it was right after event `step`: forward by running on, back by
   * running a fresh copy from the seed, re-applying the inputs made up to then.
   */
  async seek(step: number): Promise<void> {
    const target = Math.max(0, Math.floor(step));
    if (target < this.step) {
      const replaced = this.sim;
      replaced.trace.complete();
      this.sim = this.fresh();
      this.sim.trace.follow(replaced.trace);
      this.applied = 0;
      this.replaying = true;
      try {
        await this.advance({ step: target });
      } finally {
        this.replaying = false;
        this.sim.trace.unfollow();
      }
    } else {
      await this.advance({ step: target });
    }
    this.rebuilt.next(this.step);
  }

  // ---------------------------------------------------------------- observing

  /** Every record as an array (built once, then grown: on long runs prefer traceAt/traceLength). */
  get trace(): readonly TraceRecord[] {
    return this.sim.trace.records;
  }

  /** How many records the trace holds. */
  get traceLength(): number {
    return this.sim.trace.length;
  }

  /** Record `i` of the trace (negative counts from the end), without building the whole array. */
  traceAt(i: number): TraceRecord | undefined {
    return this.sim.trace.at(i);
  }

  /**
   * The marks processes made with `label`, in order. Scenarios read their state back this way,
   * so a world rebuilt by a seek reads its own run.
   */
  marks(label: string): MarkRecord[] {
    return this.trace.filter((r): r is MarkRecord => r.type === 'mark' && r.label === label);
  }

  /** The trace as JSON Lines. */
  jsonl(): string {
    return this.sim.trace.toJSONL();
  }

  /** One hash of the whole trace: two runs are the same run when their hashes are equal. */
  hash(): string {
    return this.sim.trace.hash();
  }

  /** Each checker's state: passed, failed (with why), or undecided. */
  checks(): CheckResult[] {
    return this.runs.map((c) => ({ ...c.result }));
  }

  /**
   * Ends the run's checks: each undecided checker decides at the end (or passes), and every
   * verdict goes into the trace. Returns whether all passed.
   */
  finish(): { ok: boolean; checks: CheckResult[] } {
    for (const c of this.runs) {
      if (c.result.ok !== null) continue;
      const failure = c.run.atEnd?.();
      if (typeof failure === 'string') this.decide(c, failure);
      else {
        c.result.ok = true;
        c.result.explanation = c.checker.description;
        this.sim.trace.append({ type: 'check', proc: '', name: c.checker.name, ok: true, explanation: c.checker.description });
      }
    }
    const checks = this.checks();
    return { ok: checks.every((c) => c.ok), checks };
  }

  /** An immutable picture of everything a person would want to see, cheap enough for every frame. */
  snapshot(options?: SnapshotOptions): WorldSnapshot {
    return snapshotOf(this.sim, this.checks(), options);
  }

  /** A process, for inspection (state, role, clock). */
  process(name: string): Proc {
    return this.sim.proc(name);
  }

  /** The engine inside a Redis server process (read it; changing it bypasses the trace). */
  redisEngine(name?: string): RedisServer {
    return (this.sim.server(name, 'redis') as RedisNode).engine;
  }

  /** The engine inside a ZooKeeper server process. */
  zkEngine(name?: string): ZooKeeperServer {
    return (this.sim.server(name, 'zookeeper') as ZkNode).engine!;
  }

  /** A database process (its rows and its query counts). */
  databaseNode(name?: string): DatabaseNode {
    return this.sim.server(name, 'database') as DatabaseNode;
  }

  /** Names of the processes, in the order they were added. */
  get processNames(): string[] {
    return [...this.sim.processes.keys()];
  }

  /** Whether some link to or from `name` is cut. */
  isPartitioned(name: string): boolean {
    return this.sim.net.isolated(name);
  }

  /** @internal The current run (for the snapshot and the tests). */
  get current(): Sim {
    return this.sim;
  }
}

/** A new world: `createWorld({ seed: 42 }).redis('cache').zookeeper('zk').app('a', main)`. */
export function createWorld(options: WorldOptions = {}): World {
  return new World(options);
}
