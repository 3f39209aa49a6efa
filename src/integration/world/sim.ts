import { Kernel, type Rng } from '../kernel/index.js';
import { AppProc, type AppMain } from './app.js';
import { DatabaseNode, type DatabaseOptions } from './database.js';
import { Network, type NetworkOptions } from './network.js';
import type { Proc } from './process.js';
import { RedisNode, type RedisNodeOptions } from './redis-node.js';
import { Trace, type ProcessKind } from './trace.js';
import { ZkNode, type ZkNodeOptions } from './zk-node.js';

export interface SimOptions {
  seed?: number | string;
  network?: NetworkOptions;
}

/**
 * One run of a world: the kernel, the network, the processes and the trace. A World drives a
 * Sim and rebuilds a fresh one (same seed, same inputs) to travel back in time.
 */
export class Sim {
  readonly kernel: Kernel;
  readonly trace: Trace;
  readonly net: Network;
  readonly processes = new Map<string, Proc>();

  constructor(readonly options: SimOptions = {}) {
    this.kernel = new Kernel(options.seed ?? 1);
    this.trace = new Trace(this.kernel);
    this.net = new Network(this, this.kernel.rng.split('net'), options.network);
  }

  /** A random stream for one subsystem, derived from the seed and `label` alone. */
  rngFor(label: string): Rng {
    return this.kernel.rng.split(label);
  }

  add<P extends Proc>(p: P): P {
    if (this.processes.has(p.name)) throw new Error(`a process named '${p.name}' already exists`);
    if (!/^[A-Za-z0-9_.-]+$/.test(p.name)) throw new Error(`bad process name '${p.name}': use letters, digits, '.', '_' or '-'`);
    this.processes.set(p.name, p);
    // Starting is an event, so a process added mid-run starts in step order like everything else.
    this.kernel.after(0, () => {
      if (p.kind !== 'app') this.trace.append({ type: 'process', proc: p.name, event: 'start', kind: p.kind });
      p.onStart();
    });
    return p;
  }

  addRedis(name: string, options?: RedisNodeOptions): RedisNode {
    return this.add(new RedisNode(this, name, options));
  }

  addZooKeeper(name: string, options?: ZkNodeOptions): ZkNode {
    return this.add(new ZkNode(this, name, options));
  }

  addDatabase(name: string, options?: DatabaseOptions): DatabaseNode {
    return this.add(new DatabaseNode(this, name, options));
  }

  addApp(name: string, main: AppMain): AppProc {
    return this.add(new AppProc(this, name, main));
  }

  proc(name: string): Proc {
    const p = this.processes.get(name);
    if (p === undefined) throw new Error(`no process named '${name}' (there are: ${[...this.processes.keys()].join(', ') || 'none'})`);
    return p;
  }

  /** The server of `kind` named `name`, or the only one of that kind. */
  server(name: string | undefined, kind: ProcessKind): Proc {
    if (name !== undefined) {
      const p = this.proc(name);
      if (p.kind !== kind) throw new Error(`'${name}' is a ${p.kind} process, not ${kind}`);
      return p;
    }
    const all = [...this.processes.values()].filter((p) => p.kind === kind);
    if (all.length !== 1) throw new Error(`name the ${kind} server to use: there are ${all.length}`);
    return all[0]!;
  }

  fault(fault: string, proc: string, detail: string): void {
    this.trace.append({ type: 'fault', proc, fault, detail });
  }
}
