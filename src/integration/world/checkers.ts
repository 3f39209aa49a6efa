import type { TraceRecord } from './trace.js';

/**
 * Checkers: invariants a scenario declares. Each is a factory, so a rebuilt world (time travel)
 * starts every checker afresh. A run sees every trace record as it is appended (that is, after
 * every event), may look at the world after each event, and may decide at the end. The first
 * failure decides the checker: it is recorded in the trace with its explanation.
 */
export interface Checker {
  readonly name: string;
  /** What must hold, in plain words (shown beside a pass). */
  readonly description: string;
  create(): CheckRun;
}

export interface CheckRun {
  /** Return an explanation to fail. */
  onRecord?(r: TraceRecord): string | void;
  /** A check over the whole world after each event (costly: use sparingly). */
  afterEvent?(): string | void;
  /** Decided at the end, if nothing failed before. */
  atEnd?(): string | void;
}

/** A checker from plain functions (for invariants over the world, e.g. in a scenario). */
export function invariant(name: string, description: string, check: () => string | void, when: 'every event' | 'at end' = 'every event'): Checker {
  return { name, description, create: () => (when === 'every event' ? { afterEvent: check } : { atEnd: check }) };
}

type Marks = Extract<TraceRecord, { type: 'mark' }>;

function mark(r: TraceRecord, label: string): Marks | undefined {
  return r.type === 'mark' && r.label === label ? r : undefined;
}

/**
 * Mutual exclusion on `resource`: processes mark('acquired', { resource }) when they believe they
 * hold it and mark('released', { resource }) when they stop; a crash releases. Two holders at once fail.
 */
export function mutualExclusion(resource: string): Checker {
  return {
    name: `mutual exclusion on ${resource}`,
    description: `at most one process holds ${resource} at any time`,
    create() {
      const holders = new Set<string>();
      return {
        onRecord(r) {
          if (r.type === 'fault' && r.fault === 'crash') holders.delete(r.proc);
          if (mark(r, 'released')?.data['resource'] === resource) holders.delete(r.proc);
          if (mark(r, 'acquired')?.data['resource'] === resource) {
            const others = [...holders].filter((h) => h !== r.proc);
            holders.add(r.proc);
            if (others.length > 0) return `${r.proc} acquired ${resource} at t=${r.time}ms while ${others.join(', ')} still held it`;
          }
        },
      };
    },
  };
}

/**
 * Acknowledged writes are never lost: after mark('write-acked', { key, version }), a read that
 * begins later (mark('read-start', { key }) … mark('read', { key, version })) sees that version or a newer one.
 */
export function acknowledgedWritesNeverLost(): Checker {
  return {
    name: 'acknowledged writes never lost',
    description: 'a read that starts after a write was acknowledged sees it (or something newer)',
    create() {
      const acked = new Map<string, number>();
      const started = new Map<string, number>();
      return {
        onRecord(r) {
          if (r.type !== 'mark') return;
          const key = String(r.data['key']);
          const version = Number(r.data['version']);
          if (r.label === 'write-acked') acked.set(key, Math.max(acked.get(key) ?? -Infinity, version));
          else if (r.label === 'read-start') started.set(`${r.proc}\u0000${key}`, acked.get(key) ?? -Infinity);
          else if (r.label === 'read') {
            const floor = started.get(`${r.proc}\u0000${key}`) ?? -Infinity;
            if (version < floor) return `${r.proc} read version ${version} of ${key} at t=${r.time}ms, but version ${floor} had been acknowledged before the read began`;
          }
        },
      };
    },
  };
}

/** Reads never go back in time: per process and key, mark('read', { key, version }) versions never decrease. */
export function readsNeverGoBack(): Checker {
  return {
    name: 'reads never go back in time',
    description: 'each process sees the versions of each key in non-decreasing order',
    create() {
      const seen = new Map<string, number>();
      return {
        onRecord(r) {
          const m = mark(r, 'read');
          if (m === undefined) return;
          const id = `${r.proc}\u0000${String(m.data['key'])}`;
          const version = Number(m.data['version']);
          const before = seen.get(id);
          if (before !== undefined && version < before) return `${r.proc} read version ${version} of ${String(m.data['key'])} at t=${r.time}ms after having read version ${before}`;
          seen.set(id, version);
        },
      };
    },
  };
}

/**
 * Fencing tokens never go backwards: the storage marks mark('fenced-write', { resource, token,
 * writer }) for every write it accepts. A holder may write several times under its token, so an
 * equal token is fine; an older one getting through means the fence failed.
 */
export function fencingTokensIncrease(resource: string): Checker {
  return {
    name: `fencing on ${resource}`,
    description: `${resource} never accepts a write with an older fencing token than one it already accepted`,
    create() {
      let last = -Infinity;
      return {
        onRecord(r) {
          const m = mark(r, 'fenced-write');
          if (m === undefined || m.data['resource'] !== resource) return;
          const token = Number(m.data['token']);
          const writer = typeof m.data['writer'] === 'string' ? m.data['writer'] : r.proc;
          if (token < last) return `${resource} accepted token ${token} from ${writer} at t=${r.time}ms after token ${last}`;
          last = token;
        },
      };
    },
  };
}
