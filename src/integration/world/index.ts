/**
 * The simulated world: processes, the network between them, faults, the trace, checkers.
 *
 * Layout:
 *   world.ts         World (createWorld): building, faults, running, time travel, verdicts; the
 *                    inputs journal that makes a world a function of its seed and inputs
 *   sim.ts           Sim: one run (kernel, network, processes, trace)
 *   process.ts       Proc: what every process shares (state, local clock, crash and pause rules)
 *   network.ts       Network and Connection: TCP-like links, partitions, latency, loss as retransmits
 *   redis-node.ts    a Redis server process around a redis-sim engine
 *   zk-node.ts       a ZooKeeper server process around a zk-sim engine (connections, SetWatches)
 *   database.ts      a database process (versioned rows, service time, capacity, fencing) and its client
 *   app.ts           application processes and the ProcessContext their code is handed
 *   redis-client.ts  RedisClient: exec, typed helpers, MULTI, pub/sub, timeouts
 *   zk-client.ts     ZkClient: the Java client's connection state machine, heartbeats, watches
 *   messages.ts      what travels on the wire
 *   trace.ts         Trace: typed records, JSON Lines, hash
 *   checkers.ts      invariants: mutual exclusion, lost writes, monotonic reads, fencing
 *   snapshot.ts      WorldSnapshot: a frozen, bounded picture for the views
 *   faults.ts        fault plans, fixed or drawn from a seed
 */
export { createWorld, World, type WorldOptions, type CheckResult } from './world.js';
export { ProcessContext, type AppMain } from './app.js';
export { RedisClient, RedisConnectionError, RedisReplyError, toValue, type RedisClientOptions } from './redis-client.js';
export { DatabaseNode, DbClient, DbError, type DatabaseOptions, type Row, type DbQuery, type DbResult } from './database.js';
export { ZkClient, type ZkClientOptions, type ZkClientState } from './zk-client.js';
export type { NetworkOptions } from './network.js';
export type { ProcessState } from './process.js';
export type { TraceRecord, TraceType, DropReason, ProcessKind, MarkRecord } from './trace.js';
export { toJSON as traceRecordToJSON } from './trace.js';
export { mutualExclusion, acknowledgedWritesNeverLost, readsNeverGoBack, fencingTokensIncrease, invariant, type Checker, type CheckRun } from './checkers.js';
export type { WorldSnapshot, DatabaseView, ProcessView, RedisView, ZooKeeperView, KeyView, ZnodeView, SnapshotOptions } from './snapshot.js';
export { applyFaultPlan, randomFaultPlan, type FaultStep, type RandomPlanOptions } from './faults.js';
