import type { Rng } from '../kernel/index.js';
import { Proc } from './process.js';
import { DbClient } from './database.js';
import { RedisClient, type RedisClientOptions } from './redis-client.js';
import { ZkClient, type ZkClientOptions } from './zk-client.js';
import type { Sim } from './sim.js';

/** An application's code: an async function, written as one would against real clients. */
export type AppMain = (p: ProcessContext) => Promise<void> | void;

/**
 * An application process. Each start runs `main` afresh (a crash loses everything it held:
 * variables, connections, pending calls, which simply never return).
 */
export class AppProc extends Proc {
  /** The ZooKeeper handles this life of the process opened (for the views). */
  readonly zkClients = new Set<ZkClient>();
  /** The context this life's code was handed (also what `world.as` acts through). */
  context: ProcessContext | undefined;

  constructor(
    sim: Sim,
    name: string,
    readonly main: AppMain,
  ) {
    super(sim, name, 'app');
  }

  onStart(): void {
    const life = this.incarnation;
    this.zkClients.clear();
    const ctx = (this.context = new ProcessContext(this));
    this.sim.trace.append({ type: 'process', proc: this.name, event: 'start', kind: 'app' });
    this.sim.kernel.wake();
    void Promise.resolve()
      .then(() => this.main(ctx))
      .then(
        () => {
          if (this.incarnation === life) this.sim.trace.append({ type: 'process', proc: this.name, event: 'exit', kind: 'app' });
        },
        (error: unknown) => {
          if (this.incarnation !== life) return;
          this.sim.trace.append({ type: 'process', proc: this.name, event: 'error', kind: 'app', detail: describe(error) });
        },
      );
  }

  /** Its handles died with it: the views stop listing them at once, not at the next start. */
  protected override onCrash(): void {
    this.zkClients.clear();
    this.context = undefined;
  }

  /** Runs `task` as this life of the process (a learner at its prompt, say); errors go to the trace. */
  runTask(task: (p: ProcessContext) => unknown): void {
    const life = this.incarnation;
    const ctx = this.context!;
    this.sim.kernel.wake();
    void Promise.resolve()
      .then(() => task(ctx))
      .catch((error: unknown) => {
        if (this.incarnation === life) this.sim.trace.append({ type: 'log', proc: this.name, text: `task failed: ${describe(error)}` });
      });
  }

  /** A promise that process code may await, settled only by this life of the process. */
  promise<T>(): Deferred<T> {
    const kernel = this.sim.kernel;
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = (v) => {
        kernel.wake();
        res(v);
      };
      reject = (e) => {
        kernel.wake();
        rej(e);
      };
    });
    return { promise, resolve, reject };
  }
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** What process code is handed: its clock, its randomness, its clients, its log. */
export class ProcessContext {
  /** This process's own random stream (a fresh one per life, derived from the world's seed). */
  readonly random: Rng;

  constructor(private readonly proc: AppProc) {
    this.random = proc.sim.rngFor(`app:${proc.name}#${proc.incarnation}`);
  }

  get name(): string {
    return this.proc.name;
  }

  /** The process's local clock (virtual ms, with its skew and drift). */
  now(): number {
    return this.proc.localNow();
  }

  /** Waits `ms` on the local clock (longer if the process is paused meanwhile). */
  sleep(ms: number): Promise<void> {
    const d = this.proc.promise<void>();
    this.proc.timer(ms, () => d.resolve());
    return d.promise;
  }

  /** A line in the trace, attributed to this process. */
  log(text: string): void {
    this.proc.sim.trace.append({ type: 'log', proc: this.proc.name, text });
  }

  /** A structured annotation checkers read: `mark('acquired', { resource: 'lock', token: 7 })`. */
  mark(label: string, data: Record<string, unknown> = {}): void {
    this.proc.sim.trace.append({ type: 'mark', proc: this.proc.name, label, data });
  }

  /** The role the views show for this process ('leader', 'holder'); undefined clears it. */
  setRole(role: string | undefined): void {
    this.proc.role = role;
  }

  /** A Redis client (one connection, opened on first use) to the named server, or the only one. */
  redis(server?: string, options?: RedisClientOptions): RedisClient {
    return new RedisClient(this.proc, this.proc.sim.server(server, 'redis'), options);
  }

  /** A client of the named database process (or the only one). */
  database(server?: string, options?: { timeout?: number }): DbClient {
    return new DbClient(this.proc, this.proc.sim.server(server, 'database'), options);
  }

  /** A ZooKeeper handle to the named server (or the only one); it starts connecting at once. */
  zookeeper(server?: string, options?: ZkClientOptions): ZkClient {
    const client = new ZkClient(this.proc, this.proc.sim.server(server, 'zookeeper'), options);
    this.proc.zkClients.add(client);
    return client;
  }
}
