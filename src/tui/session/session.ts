import { judge, SCENARIOS, scenarioWorld, type Scenario, type ScenarioSetup, type World } from '../../integration/index.js';
import { initialSessionState, sessionReducer, SPEEDS, type ConsoleLine, type SessionAction, type SessionState } from '../state/session.js';
import { ClockLoop, realTimers, type Timers } from './clock.js';
import { classify, Console } from './console.js';
import type { Command } from './commands.js';
import { SANDBOX_WELCOME, sandboxWorld } from './sandbox.js';
import { redisServers } from '../model/keyspace.js';
import { zkServers } from '../model/zktree.js';
import { durationText, seconds, speedText } from '../model/format.js';

/**
 * A TUI session: the world on screen (the sandbox or a scenario), and everything that drives it.
 * The views hold no simulation logic: they read `world` through src/tui/model and call the
 * methods here, which run one at a time (the world runs one thing at a time) through a queue.
 *
 * Every change the learner makes goes through the World's own inputs (crash, partition, …, and
 * `world.as(process, …)` for prompt lines), so it is journaled and survives time travel: stepping
 * back re-runs the world from its seed with those inputs at the steps they were made.
 */

export interface SessionOptions {
  /** A scenario to open; the sandbox otherwise. */
  scenario?: string;
  seed?: number;
  /** The clock loop's timers (tests pass ManualTimers). */
  timers?: Timers;
  /** Start playing the sandbox at once (so TTLs count down). Default true. */
  autoplay?: boolean;
  catalogue?: readonly Scenario[];
}

/** How long (virtual ms) the prompt waits for a reply before it lets the learner go on. */
const REPLY_WAIT = 5000;

/**
 * The most events one command (`→`, `:step`, `:seek`, `:run`) runs: a few hundred ms of work.
 * The sandbox never runs out of events (Redis's and ZooKeeper's timers tick forever), so
 * `:seek 99999999` or `:run 1000h` would otherwise hold the screen for minutes.
 */
export const MAX_EVENTS_PER_COMMAND = 1_000_000;

/** A prompt line whose reply has not been printed yet. */
interface InFlight {
  world: World;
  as: string;
  text: string;
  done: boolean;
  /** The prompt stopped waiting for it: its reply, when it comes, says what it answers. */
  late: boolean;
}

export class Session {
  world: World;
  readonly catalogue: readonly Scenario[];
  private scenarioDef: Scenario | undefined;
  private setup: ScenarioSetup | undefined;
  private state: SessionState = initialSessionState();
  private readonly listeners = new Set<() => void>();
  private queue: Promise<void> = Promise.resolve();
  private readonly clock: ClockLoop;
  private readonly console = new Console((ctx, what, lines) => this.pushed(ctx.name, what, lines));
  private readonly autoplay: boolean;
  private readonly inFlight = new Set<InFlight>();
  /** Pub/sub messages printed, so that a replay after a seek back does not print them again. */
  private readonly printedPushes = new Set<string>();
  private disposed = false;

  constructor(options: SessionOptions = {}) {
    this.catalogue = options.catalogue ?? SCENARIOS;
    this.autoplay = options.autoplay ?? true;
    this.clock = new ClockLoop((ms) => this.tick(ms), options.timers ?? realTimers);
    const seed = options.seed ?? 1;
    this.world = sandboxWorld(seed);
    if (options.scenario !== undefined) {
      const s = this.catalogue.find((x) => x.name === options.scenario);
      if (s === undefined) throw new Error(`unknown scenario '${options.scenario}'; known: ${this.catalogue.map((x) => x.name).join(', ')}`);
      this.openScenarioNow(s, seed);
    } else this.openSandboxNow(seed);
  }

  // ---------------------------------------------------------------- store

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private dispatch(action: SessionAction): void {
    this.state = sessionReducer(this.state, action);
    for (const l of this.listeners) l();
  }

  private log(lines: ConsoleLine[]): void {
    if (lines.length > 0) this.dispatch({ type: 'log/append', lines });
  }

  private status(text: string, error = false): void {
    this.dispatch({ type: 'status/set', text, error });
  }

  clearStatus(): void {
    if (this.state.status !== null) this.dispatch({ type: 'status/clear' });
  }

  /** A message for the status line (a command the UI refused, say). */
  report(text: string, error = false): void {
    this.status(text, error);
  }

  /** Runs `op` after every operation queued before it; a failure becomes the status line. */
  private enqueue(op: () => Promise<void> | void): Promise<void> {
    const run = this.queue.then(async () => {
      if (this.disposed) return;
      try {
        await op();
      } catch (e) {
        this.status((e as Error).message, true);
      } finally {
        this.dispatch({ type: 'world/changed' });
      }
    });
    this.queue = run;
    return run;
  }

  /** Resolves when nothing is queued any more. */
  async idle(): Promise<void> {
    let q: Promise<void>;
    do {
      q = this.queue;
      await q;
    } while (q !== this.queue);
  }

  dispose(): void {
    this.disposed = true;
    this.clock.stop();
  }

  // ---------------------------------------------------------------- what is open

  get scenario(): Scenario | undefined {
    return this.scenarioDef;
  }

  /** What the scenario expects of a check: true (it holds) unless it demonstrates a violation. */
  expected = (name: string): boolean => this.setup?.expect?.[name] ?? true;

  /** The servers the prompt talks to: the first of each kind. */
  get servers(): { redis: string | undefined; zk: string | undefined } {
    return { redis: redisServers(this.world)[0], zk: zkServers(this.world)[0] };
  }

  private openSandboxNow(seed: number): void {
    this.pauseNow();
    this.world = sandboxWorld(seed);
    this.scenarioDef = undefined;
    this.setup = undefined;
    this.dispatch({ type: 'world/opened', kind: 'sandbox', seed, scenario: null, as: 'alice', welcome: SANDBOX_WELCOME });
    if (this.autoplay) this.playNow();
  }

  private openScenarioNow(s: Scenario, seed: number): void {
    this.pauseNow();
    const { world, setup } = scenarioWorld(s, seed);
    this.world = world;
    this.scenarioDef = s;
    this.setup = setup;
    const firstApp = world.processNames.find((n) => world.process(n).kind === 'app') ?? null;
    this.dispatch({
      type: 'world/opened',
      kind: 'scenario',
      seed,
      scenario: { name: s.name, summary: s.summary, story: s.story, watch: s.watch, duration: s.duration },
      as: firstApp,
      welcome: [`${s.name} (seed ${seed}): space plays, → steps, ← steps back. ${s.summary}.`],
    });
  }

  openSandbox(seed?: number): Promise<void> {
    return this.enqueue(() => this.openSandboxNow(seed ?? this.state.seed));
  }

  openScenario(name: string, seed?: number): Promise<void> {
    return this.enqueue(() => {
      const s = this.catalogue.find((x) => x.name === name);
      if (s === undefined) throw new Error(`unknown scenario '${name}'; known: ${this.catalogue.map((x) => x.name).join(', ')}`);
      this.openScenarioNow(s, seed ?? this.state.seed);
    });
  }

  // ---------------------------------------------------------------- time

  get playing(): boolean {
    return this.state.playing;
  }

  private playNow(): void {
    if (this.atEnd()) return;
    this.dispatch({ type: 'play/set', playing: true });
    this.clock.start();
  }

  private pauseNow(): void {
    this.clock.stop();
    if (this.state.playing) this.dispatch({ type: 'play/set', playing: false });
  }

  play(): void {
    if (this.atEnd()) {
      this.status('the scenario has ended: ← steps back, :seek STEP travels, :open starts it again');
      return;
    }
    this.playNow();
  }

  pause(): void {
    this.pauseNow();
  }

  togglePlay(): void {
    if (this.state.playing) this.pause();
    else this.play();
  }

  setSpeed(x: number): void {
    this.dispatch({ type: 'speed/set', speed: x });
    this.status(`speed ${speedText(x)} (virtual seconds per real second)`);
  }

  faster(): void {
    this.setSpeed(SPEEDS.find((s) => s > this.state.speed) ?? this.state.speed);
  }

  slower(): void {
    this.setSpeed([...SPEEDS].reverse().find((s) => s < this.state.speed) ?? this.state.speed);
  }

  /** A scenario that has run its course. */
  private atEnd(): boolean {
    return this.scenarioDef !== undefined && this.world.now >= this.scenarioDef.duration;
  }

  /** One turn of the clock loop: `realMs × speed` of virtual time (up to the scenario's end). */
  private tick(realMs: number): Promise<void> {
    return this.enqueue(async () => {
      if (!this.state.playing) return;
      let until = this.world.now + Math.max(1, Math.round(realMs * this.state.speed));
      if (this.scenarioDef !== undefined) until = Math.min(until, this.scenarioDef.duration);
      await this.world.runUntil(until);
      this.afterTime();
    });
  }

  /** After time moved: a scenario that reached its end is judged, and the player stops. */
  private afterTime(): void {
    const s = this.scenarioDef;
    if (s === undefined) return;
    if (this.world.now < s.duration) {
      if (this.state.verdict !== null) this.dispatch({ type: 'verdict/set', verdict: null });
      return;
    }
    if (this.state.verdict === null) {
      const r = judge(s, this.state.seed, this.world, this.setup!);
      this.dispatch({ type: 'verdict/set', verdict: { verdict: r.verdict, checks: r.checks } });
      this.status(`${s.name} ended at ${seconds(s.duration)}: verdict ${r.verdict.toUpperCase()}`);
    }
    this.pauseNow();
  }

  private endedText(): string {
    return `${this.scenarioDef!.name} ended at ${seconds(this.scenarioDef!.duration)} (step ${this.world.step}): ← steps back, :seek STEP travels, :open starts it again`;
  }

  /**
   * Runs the world forward up to event `step` and/or for `ms` of virtual time, never past a
   * scenario's end nor more than MAX_EVENTS_PER_COMMAND events; says on the status line why it
   * stopped short. Returns false when it stopped short (or could not move at all).
   */
  private async forward(target: { step?: number; ms?: number }): Promise<boolean> {
    const world = this.world;
    const s = this.scenarioDef;
    if (s !== undefined && world.now >= s.duration) {
      this.status(this.endedText());
      return false;
    }
    const start = world.step;
    const cap = start + MAX_EVENTS_PER_COMMAND;
    const stepGoal = Math.min(target.step ?? Infinity, cap);
    let limit = target.ms ?? Infinity;
    if (s !== undefined) limit = Math.min(limit, s.duration - world.now);
    const judged = this.state.verdict !== null;
    await world.runWhile(() => world.step < stepGoal, limit);
    this.afterTime();
    if (world.step >= cap && (target.step ?? Infinity) > cap) {
      this.status(`stopped after ${MAX_EVENTS_PER_COMMAND.toLocaleString('en-US')} events, at step ${world.step} and t=${seconds(world.now)}: do it again to go further`);
      return false;
    }
    if (s !== undefined && world.now >= s.duration && target.step !== undefined && world.step < target.step) {
      // The verdict, when this run decided it, says more than that the end was reached.
      if (judged) this.status(this.endedText());
      return false;
    }
    return true;
  }

  stepForward(n = 1): Promise<void> {
    this.pauseNow();
    return this.enqueue(async () => {
      const before = this.world.step;
      if (!(await this.forward({ step: before + n }))) return;
      if (this.world.step === before) this.status('nothing left to run: the world is idle');
    });
  }

  stepBack(n = 1): Promise<void> {
    this.pauseNow();
    return this.enqueue(async () => {
      if (this.world.step === 0) {
        this.status('at the start: step 0');
        return;
      }
      await this.world.seek(Math.max(0, this.world.step - n));
      this.afterTime();
    });
  }

  seek(step: number): Promise<void> {
    this.pauseNow();
    return this.enqueue(async () => {
      if (step > this.world.step) {
        if (!(await this.forward({ step }))) return;
      } else {
        await this.world.seek(step);
        this.afterTime();
      }
      this.status(`at step ${this.world.step}, t=${seconds(this.world.now)}`);
    });
  }

  runFor(ms: number): Promise<void> {
    return this.enqueue(async () => {
      await this.forward({ ms });
    });
  }

  // ---------------------------------------------------------------- the prompt and `:` commands

  setAs(name: string): void {
    const p = this.world.process(name);
    if (p.kind !== 'app') throw new Error(`${name} is a ${p.kind} server, not an app: the prompt acts as an app`);
    this.dispatch({ type: 'as/set', name });
    this.status(`the prompt now acts as ${name}`);
  }

  /**
   * Runs a prompt line (a Redis or zkCli command) as the chosen process: scheduled as a world
   * input at the current virtual time, then the world runs until the reply is in (at most
   * REPLY_WAIT of virtual time; a later reply is printed when it comes).
   */
  prompt(line: string): Promise<void> {
    const text = line.trim();
    if (text === '') return Promise.resolve();
    const req = classify(text);
    return this.enqueue(async () => {
      // Echoed when it runs, so that lines typed ahead print in order with their replies.
      const as = this.state.as;
      this.log([{ kind: 'input', text: `${as ?? '?'}> ${text}` }]);
      if (as === null) {
        this.log([{ kind: 'error', text: '(error) no app process to act as: this world has none' }]);
        return;
      }
      const world = this.world;
      const servers = this.servers;
      let proc;
      try {
        proc = world.process(as);
      } catch (e) {
        this.log([{ kind: 'error', text: `(error) ${(e as Error).message}` }]);
        return;
      }
      if (proc.kind !== 'app') {
        this.log([{ kind: 'error', text: `(error) ${as} is a ${proc.kind} server, not an app: pick an app with :as NAME` }]);
        return;
      }
      if (proc.state === 'crashed') {
        this.log([{ kind: 'error', text: `(error) ${as} has crashed and runs nothing (:restart ${as})` }]);
        return;
      }
      const pending: InFlight = { world, as, text, done: false, late: false };
      this.inFlight.add(pending);
      world.as(as, (p) =>
        this.console.run(p, servers, req).then((lines) => {
          // A replay (after a seek back) runs the line again: its output is printed once.
          if (pending.done || world !== this.world) return;
          pending.done = true;
          this.inFlight.delete(pending);
          // Other lines may have printed since: say which line this answers.
          if (pending.late) this.log([{ kind: 'info', text: `(the reply to ${as}> ${text} came at t=${seconds(world.now)}:)` }]);
          this.log(lines.map((t) => ({ kind: t.startsWith('(error)') ? 'error' : 'output', text: t })));
        }),
      );
      await world.runWhile(() => !pending.done, REPLY_WAIT);
      if (!pending.done) {
        pending.late = true;
        const p = world.process(as);
        const why = p.state === 'paused' ? `${as} is paused` : world.isPartitioned(as) ? `${as} is cut off` : 'no reply yet';
        this.log([{ kind: 'info', text: `(waiting: ${why}; the reply will show when it arrives)` }]);
      }
      this.afterTime();
    });
  }

  /**
   * What reached a process the prompt opened a client for, unasked: pub/sub messages and
   * ZooKeeper events (printed once, replays aside).
   */
  private pushed(name: string, what: string, lines: string[]): void {
    const key = `${this.world.step}\u0000${name}\u0000${lines.join('\n')}`;
    if (this.printedPushes.has(key)) return;
    this.printedPushes.add(key);
    this.log([{ kind: 'info', text: `(${name} ${what})` }, ...lines.map((text) => ({ kind: 'output' as const, text }))]);
  }

  /** A process crashed: the prompt lines it had in flight will never be answered. */
  private lost(name: string): void {
    for (const p of this.inFlight) {
      if (p.world !== this.world || p.as !== name || p.done) continue;
      p.done = true;
      this.inFlight.delete(p);
      this.log([{ kind: 'error', text: `(${name} crashed: ${name}> ${p.text} gets no reply)` }]);
    }
  }

  /** The process `name`, or an error naming those there are. */
  private known(name: string): ReturnType<World['process']> {
    if (!this.world.processNames.includes(name)) throw new Error(`no process named '${name}' (there are: ${this.world.processNames.join(', ')})`);
    return this.world.process(name);
  }

  /**
   * Checks a `:` command against the world as it is now, so that a command that would do nothing
   * says why instead of claiming it was done (and is not journaled as an input of the world).
   */
  private refuse(c: Command): void {
    const w = this.world;
    switch (c.kind) {
      case 'crash':
        if (this.known(c.name).state === 'crashed') throw new Error(`${c.name} has already crashed (:restart ${c.name} starts it again)`);
        return;
      case 'restart': {
        const state = this.known(c.name).state;
        if (state !== 'crashed') throw new Error(`${c.name} is ${state === 'up' ? 'up' : 'paused'}, not crashed: :restart starts a crashed process again (:crash ${c.name} first)`);
        return;
      }
      case 'pause': {
        const state = this.known(c.name).state;
        if (state === 'crashed') throw new Error(`${c.name} has crashed: there is nothing to pause (:restart ${c.name})`);
        if (state === 'paused') throw new Error(`${c.name} is already paused (:resume ${c.name} ends the pause)`);
        return;
      }
      case 'resume':
        if (this.known(c.name).state !== 'paused') throw new Error(`${c.name} is not paused`);
        return;
      // An empty side, a process on both sides, or one cut or slowed from itself: the world
      // refuses those itself.
      case 'partition':
        for (const n of [...c.a, ...(c.b ?? [])]) this.known(n);
        return;
      case 'cut':
        this.known(c.from);
        this.known(c.to);
        return;
      case 'slow':
        this.known(c.a);
        this.known(c.b);
        return;
      case 'skew':
        this.known(c.name);
        return;
      case 'heal':
        if (w.snapshot({ limit: 0, recent: 0 }).cuts.length === 0) throw new Error('nothing to heal: no link is cut');
        return;
      default:
        return;
    }
  }

  /** Carries out a `:` command that concerns the world (the UI handles :help, :filter, :scenarios, :quit). */
  command(c: Command): Promise<void> {
    const w = (): World => this.world;
    const fault = (apply: () => void, done: string): Promise<void> =>
      this.enqueue(() => {
        this.refuse(c);
        apply();
        this.status(done);
      });
    switch (c.kind) {
      case 'crash':
        return fault(() => {
          w().crash(c.name);
          this.lost(c.name);
        }, `${c.name} crashed`);
      case 'restart':
        return fault(() => w().restart(c.name), `${c.name} restarted`);
      case 'pause':
        return fault(() => w().pause(c.name, c.ms), `${c.name} paused for ${durationText(c.ms)}`);
      case 'resume':
        return fault(() => w().resume(c.name), `${c.name} resumed`);
      case 'partition':
        return fault(() => w().partition(c.a, c.b, c.ms), `partitioned ${c.a.join(',')} | ${c.b?.join(',') ?? 'everyone else'}${c.ms === undefined ? '' : ` for ${durationText(c.ms)}`}`);
      case 'cut':
        return fault(() => w().cut(c.from, c.to), `${c.from} → ${c.to} cut`);
      case 'heal':
        return fault(() => w().heal(), 'all links healed');
      case 'slow':
        return fault(() => w().slow(c.a, c.b, c.ms), `${c.a} ↔ ${c.b} +${c.ms} ms`);
      case 'skew':
        return fault(() => w().skew(c.name, c.ms), `${c.name}'s clock is off by ${c.ms} ms`);
      case 'seek':
        return this.seek(c.step);
      case 'step':
        return this.stepForward(c.n);
      case 'run':
        return this.runFor(c.ms);
      case 'speed':
        this.setSpeed(c.x);
        return Promise.resolve();
      case 'as':
        return this.enqueue(() => this.setAs(c.name));
      case 'open':
        return this.openScenario(c.name, c.seed);
      case 'sandbox':
        return this.openSandbox(c.seed);
      default:
        return Promise.resolve();
    }
  }
}
