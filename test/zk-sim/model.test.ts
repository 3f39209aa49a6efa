import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createZooKeeper, ManualClock, ZkError, type CreateMode, type Op, type Session, type ZooKeeperServer } from '../../src/zk-sim/index.js';

/**
 * Model-based test: random sequences of create / delete / setData / multi / connect / close,
 * watch arming and the passing of time (session expiry), run against the engine and against a plain model of what ZooKeeper should do.
 * After every step: every reply and error code matches the model, zxids go up by exactly one per
 * transaction, each node's cversion and numChildren agree with its children, no ephemeral
 * outlives its session, sequential names never repeat under one parent, and no one-shot watch
 * fires twice.
 */

interface MNode {
  data: string | null;
  version: number;
  children: Set<string>;
  /** Child creations (the stored cversion) and deletions. */
  creates: number;
  deletes: number;
  owner: number | null;
  /** -1 for `/`, whose child `zookeeper` was never created by a transaction. */
  base?: number;
}

interface Model {
  nodes: Map<string, MNode>;
  alive: boolean[];
  zxid: number;
  now: number;
  /** When each session was last heard from (any request). */
  heard: number[];
  /** How each session ended, once it has. */
  ended: ('Closed' | 'Expired' | undefined)[];
}

interface Real {
  zk: ZooKeeperServer;
  clock: ManualClock;
  sessions: Session[];
  /** Calls per armed one-shot watch. */
  fired: number[];
  txnZxids: number[];
  /** Sequential names seen, by parent incarnation (`czxid path`). */
  seqNames: Map<string, Set<string>>;
}

const PATHS = ['/a', '/b', '/a/x', '/a/y', '/b/x', '/a/x/z'];
const parentOf = (p: string) => (p.lastIndexOf('/') === 0 ? '/' : p.slice(0, p.lastIndexOf('/')));

function freshModel(): Model {
  const root: MNode = { data: '', version: 0, children: new Set(['zookeeper']), creates: 0, deletes: 0, owner: null, base: -1 };
  return { nodes: new Map([['/', root]]), alive: [], zxid: 0, now: 0, heard: [], ended: [] };
}

function clone(m: Model): Model {
  const nodes = new Map<string, MNode>();
  for (const [p, n] of m.nodes) nodes.set(p, { ...n, children: new Set(n.children) });
  return { nodes, alive: [...m.alive], zxid: m.zxid, now: m.now, heard: [...m.heard], ended: [...m.ended] };
}

type Outcome = { code: number; path?: string };

/** The model's create: 0 and the created path, or the error code; mutates `m` on success. */
function mCreate(m: Model, s: number, path: string, mode: CreateMode, data: string | null): Outcome {
  const parentPath = parentOf(path);
  const parent = m.nodes.get(parentPath);
  if (parent === undefined) return { code: -101 };
  const seq = mode.includes('SEQUENTIAL');
  const full = seq ? path + String(parent.creates).padStart(10, '0') : path;
  if (m.nodes.has(full)) return { code: -110 };
  if (parent.owner !== null) return { code: -108 };
  parent.creates++;
  parent.children.add(full.slice(full.lastIndexOf('/') + 1));
  m.nodes.set(full, { data, version: 0, children: new Set(), creates: 0, deletes: 0, owner: mode.startsWith('EPHEMERAL') ? s : null });
  return { code: 0, path: full };
}

function mDeleteNode(m: Model, path: string): void {
  const parent = m.nodes.get(parentOf(path))!;
  parent.children.delete(path.slice(path.lastIndexOf('/') + 1));
  parent.deletes++;
  m.nodes.delete(path);
}

function mDelete(m: Model, path: string, version: number): Outcome {
  if (!m.nodes.has(parentOf(path))) return { code: -101 };
  const n = m.nodes.get(path);
  if (n === undefined) return { code: -101 };
  if (version !== -1 && version !== n.version) return { code: -103 };
  if (n.children.size > 0) return { code: -111 };
  mDeleteNode(m, path);
  return { code: 0 };
}

function mSetData(m: Model, path: string, data: string | null, version: number): Outcome {
  const n = m.nodes.get(path);
  if (n === undefined) return { code: -101 };
  if (version !== -1 && version !== n.version) return { code: -103 };
  n.data = data;
  n.version++;
  return { code: 0 };
}

function mCheck(m: Model, path: string, version: number): Outcome {
  const n = m.nodes.get(path);
  if (n === undefined) return { code: -101 };
  if (version !== -1 && version !== n.version) return { code: -103 };
  return { code: 0 };
}

/** The version to send: any (-1), the current one, or a wrong one. */
type VersionPick = 'any' | 'current' | 'wrong';
function pickVersion(m: Model, path: string, pick: VersionPick): number {
  if (pick === 'any') return -1;
  const v = m.nodes.get(path)?.version ?? 0;
  return pick === 'current' ? v : v + 7;
}

function outcome(fn: () => string | void): Outcome {
  try {
    const path = fn();
    return typeof path === 'string' ? { code: 0, path } : { code: 0 };
  } catch (e) {
    if (e instanceof ZkError) return { code: e.code };
    throw e;
  }
}

/** Whether session `s` is usable; if so, the request about to be made is a heartbeat. */
function live(m: Model, s: number): boolean {
  if (m.alive[s] !== true) return false;
  m.heard[s] = m.now;
  return true;
}

const TIMEOUT = 30_000;
const TICK = 2000;

function checkInvariants(m: Model, r: Real): void {
  const { zk } = r;
  expect(zk.lastZxid).toBe(m.zxid);
  for (let i = 1; i < r.txnZxids.length; i++) expect(r.txnZxids[i]).toBe(r.txnZxids[i - 1]! + 1);
  const paths = [...zk.walk()].filter((p) => !p.startsWith('/zookeeper'));
  expect(new Set(paths)).toEqual(new Set(m.nodes.keys()));
  for (const p of paths) {
    const v = zk.node(p)!;
    const stat = v.stat();
    const children = [...v.children()];
    const mn = m.nodes.get(p)!;
    expect(stat.numChildren).toBe(children.length);
    expect(new Set(children)).toEqual(mn.children);
    expect(stat.cversion).toBe((mn.base ?? 0) + mn.creates + mn.deletes);
    expect(stat.version).toBe(mn.version);
    expect(v.data === null ? null : new TextDecoder().decode(v.data)).toBe(mn.data);
    if (v.kind === 'ephemeral') {
      const owner = r.sessions.find((s) => s.sessionId === stat.ephemeralOwner);
      expect(owner?.state).toBe('SyncConnected');
    }
  }
  for (const f of r.fired) expect(f).toBeLessThanOrEqual(1);
}

function recordSequential(r: Real, path: string): void {
  const parent = parentOf(path);
  const key = `${r.zk.node(parent)!.stat().czxid} ${parent}`;
  let seen = r.seqNames.get(key);
  if (seen === undefined) r.seqNames.set(key, (seen = new Set()));
  expect(seen.has(path)).toBe(false);
  seen.add(path);
}

class Connect implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, r: Real): void {
    r.sessions.push(r.zk.connect({ sessionTimeout: TIMEOUT }));
    m.alive.push(true);
    m.heard.push(m.now);
    m.zxid++;
    checkInvariants(m, r);
  }
  toString = () => 'connect';
}

class Close implements fc.Command<Model, Real> {
  constructor(readonly s: number) {}
  check = (m: Readonly<Model>) => this.s < m.alive.length;
  run(m: Model, r: Real): void {
    if (m.alive[this.s] === true) {
      for (const [p, n] of [...m.nodes]) if (n.owner === this.s) mDeleteNode(m, p);
      m.alive[this.s] = false;
      m.ended[this.s] = 'Closed';
      m.zxid++;
    }
    r.sessions[this.s]!.close();
    checkInvariants(m, r);
  }
  toString = () => `close(${this.s})`;
}

/** Time passes and the server's timers run: sessions not heard from within their timeout (rounded up to the next tick) expire. */
class Advance implements fc.Command<Model, Real> {
  constructor(readonly ms: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    m.now += this.ms;
    for (let s = 0; s < m.alive.length; s++) {
      if (!m.alive[s]) continue;
      const bucket = (Math.floor((m.heard[s]! + TIMEOUT) / TICK) + 1) * TICK;
      if (bucket > m.now) continue;
      for (const [p, n] of [...m.nodes]) if (n.owner === s) mDeleteNode(m, p);
      m.alive[s] = false;
      m.ended[s] = 'Expired';
      m.zxid++;
    }
    r.clock.set(m.now);
    r.zk.tick();
    checkInvariants(m, r);
    for (let s = 0; s < m.alive.length; s++) expect(r.sessions[s]!.state).toBe(m.ended[s] ?? 'SyncConnected');
  }
  toString = () => `advance(${this.ms})`;
}

class Create implements fc.Command<Model, Real> {
  constructor(
    readonly s: number,
    readonly path: string,
    readonly mode: CreateMode,
    readonly data: string | null,
  ) {}
  check = (m: Readonly<Model>) => this.s < m.alive.length;
  run(m: Model, r: Real): void {
    const got = outcome(() => r.sessions[this.s]!.create(this.path, this.data, { mode: this.mode }));
    if (!live(m, this.s)) expect(got.code).toBe(-112);
    else {
      expect(got).toEqual(mCreate(m, this.s, this.path, this.mode, this.data));
      m.zxid++;
      if (got.code === 0 && this.mode.includes('SEQUENTIAL')) recordSequential(r, got.path!);
    }
    checkInvariants(m, r);
  }
  toString = () => `create(${this.s}, ${this.path}, ${this.mode}, ${this.data})`;
}

class Delete implements fc.Command<Model, Real> {
  constructor(
    readonly s: number,
    readonly path: string,
    readonly pick: VersionPick,
  ) {}
  check = (m: Readonly<Model>) => this.s < m.alive.length;
  run(m: Model, r: Real): void {
    const version = pickVersion(m, this.path, this.pick);
    const got = outcome(() => r.sessions[this.s]!.delete(this.path, version));
    if (!live(m, this.s)) expect(got.code).toBe(-112);
    else {
      expect(got).toEqual(mDelete(m, this.path, version));
      m.zxid++;
    }
    checkInvariants(m, r);
  }
  toString = () => `delete(${this.s}, ${this.path}, ${this.pick})`;
}

class SetData implements fc.Command<Model, Real> {
  constructor(
    readonly s: number,
    readonly path: string,
    readonly data: string | null,
    readonly pick: VersionPick,
  ) {}
  check = (m: Readonly<Model>) => this.s < m.alive.length;
  run(m: Model, r: Real): void {
    const version = pickVersion(m, this.path, this.pick);
    const got = outcome(() => {
      r.sessions[this.s]!.setData(this.path, this.data, version);
    });
    if (!live(m, this.s)) expect(got.code).toBe(-112);
    else {
      expect(got).toEqual(mSetData(m, this.path, this.data, version));
      m.zxid++;
    }
    checkInvariants(m, r);
  }
  toString = () => `setData(${this.s}, ${this.path}, ${this.data}, ${this.pick})`;
}

type MOp = { op: 'create'; path: string; mode: CreateMode } | { op: 'delete' | 'setData' | 'check'; path: string; pick: VersionPick };

class Multi implements fc.Command<Model, Real> {
  constructor(
    readonly s: number,
    readonly ops: MOp[],
  ) {}
  check = (m: Readonly<Model>) => this.s < m.alive.length;
  run(m: Model, r: Real): void {
    // Versions are picked against the state each op will see, as a client would compute them.
    const scratch = clone(m);
    const codes: number[] = [];
    const ops: Op[] = [];
    let failed = false;
    for (const o of this.ops) {
      if (o.op === 'create') {
        ops.push({ op: 'create', path: o.path, mode: o.mode, data: 'm' });
        codes.push(failed ? -2 : mCreate(scratch, this.s, o.path, o.mode, 'm').code);
      } else {
        const version = pickVersion(scratch, o.path, o.pick);
        ops.push(o.op === 'setData' ? { op: 'setData', path: o.path, data: 'm', version } : { op: o.op, path: o.path, version });
        const res = failed ? { code: -2 } : o.op === 'delete' ? mDelete(scratch, o.path, version) : o.op === 'setData' ? mSetData(scratch, o.path, 'm', version) : mCheck(scratch, o.path, version);
        codes.push(res.code);
      }
      if (codes[codes.length - 1] !== 0) failed = true;
    }
    let got: number[];
    let created: string[] = [];
    try {
      const results = r.sessions[this.s]!.multi(ops);
      got = results.map(() => 0);
      created = results.flatMap((x) => (x.op === 'create' ? [x.path] : []));
    } catch (e) {
      if (!(e instanceof ZkError)) throw e;
      got = e.code === -112 ? [-112] : [...e.results!];
    }
    if (!live(m, this.s)) expect(got).toEqual([-112]);
    else {
      const firstFail = codes.findIndex((c) => c !== 0);
      const expected = firstFail < 0 ? codes : codes.map((c, i) => (i < firstFail ? 0 : i === firstFail ? c : -2));
      expect(got).toEqual(expected);
      if (firstFail < 0) {
        m.nodes = scratch.nodes;
        for (const p of created) if (/\d{10}$/.test(p) && this.ops.some((o) => o.op === 'create' && o.mode.includes('SEQUENTIAL') && p.startsWith(o.path))) recordSequential(r, p);
      }
      m.zxid++;
    }
    checkInvariants(m, r);
  }
  toString = () => `multi(${this.s}, ${JSON.stringify(this.ops)})`;
}

class ArmWatch implements fc.Command<Model, Real> {
  constructor(
    readonly s: number,
    readonly path: string,
    readonly kind: 'data' | 'exists' | 'child',
  ) {}
  check = (m: Readonly<Model>) => this.s < m.alive.length;
  run(m: Model, r: Real): void {
    const id = r.fired.length;
    r.fired.push(0);
    const watch = () => {
      r.fired[id]!++;
    };
    const s = r.sessions[this.s]!;
    live(m, this.s);
    outcome(() => {
      if (this.kind === 'data') s.getData(this.path, { watch });
      else if (this.kind === 'exists') s.exists(this.path, { watch });
      else s.getChildren(this.path, { watch });
    });
    checkInvariants(m, r);
  }
  toString = () => `watch(${this.s}, ${this.path}, ${this.kind})`;
}

const session = fc.nat({ max: 2 });
const path = fc.constantFrom(...PATHS);
const mode = fc.constantFrom<CreateMode>('PERSISTENT', 'EPHEMERAL', 'PERSISTENT_SEQUENTIAL', 'EPHEMERAL_SEQUENTIAL');
const data = fc.option(fc.constantFrom('', 'v', 'data'), { nil: null });
const pick = fc.constantFrom<VersionPick>('any', 'current', 'wrong');
const mop: fc.Arbitrary<MOp> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), path, mode }),
  fc.record({ op: fc.constantFrom('delete' as const, 'setData' as const, 'check' as const), path, pick }),
);

const commands = [
  fc.constant(new Connect()),
  session.map((s) => new Close(s)),
  fc.tuple(session, path, mode, data).map(([s, p, md, d]) => new Create(s, p, md, d)),
  fc.tuple(session, path, mode, data).map(([s, p, md, d]) => new Create(s, p, md, d)),
  fc.tuple(session, path, pick).map(([s, p, v]) => new Delete(s, p, v)),
  fc.tuple(session, path, data, pick).map(([s, p, d, v]) => new SetData(s, p, d, v)),
  fc.tuple(session, fc.array(mop, { minLength: 1, maxLength: 4 })).map(([s, ops]) => new Multi(s, ops)),
  fc.tuple(session, path, fc.constantFrom<'data' | 'exists' | 'child'>('data', 'exists', 'child')).map(([s, p, k]) => new ArmWatch(s, p, k)),
  fc.tuple(session, path, fc.constantFrom<'data' | 'exists' | 'child'>('data', 'exists', 'child')).map(([s, p, k]) => new ArmWatch(s, p, k)),
  fc.tuple(session, path, data, pick).map(([s, p, d, v]) => new SetData(s, p, d, v)),
  fc.constantFrom(1, 999, 2000, 15_000, 31_000).map((ms) => new Advance(ms)),
];

describe('model-based: the engine against a simple model', () => {
  it('agrees with the model and keeps its invariants', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 80, size: '+1' }), (cmds) => {
        const clock = new ManualClock(0);
        const zk = createZooKeeper({ clock });
        const real: Real = { zk, clock, sessions: [], fired: [], txnZxids: [], seqNames: new Map() };
        const sub = zk.events$.subscribe((e) => e.kind === 'txn' && real.txnZxids.push(e.zxid));
        const model = freshModel();
        // Two sessions to start with, so most commands apply.
        new Connect().run(model, real);
        new Connect().run(model, real);
        fc.modelRun(() => ({ model, real }), cmds);
        sub.unsubscribe();
      }),
      { numRuns: 200, seed: 20240603 },
    );
  });
});
