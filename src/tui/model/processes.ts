import type { WorldSnapshot } from '../../integration/index.js';

/**
 * The processes pane's lines, from a snapshot: each process with its state, whether a link of
 * its is cut, its ZooKeeper handles' states and its role; then the cut links (both directions of
 * a partition shown once, `a ✂ b`; a one-way cut as `a ↛ b`); then the ZooKeeper sessions.
 */

export interface ProcessRow {
  name: string;
  kind: string;
  state: 'up' | 'crashed' | 'paused';
  partitioned: boolean;
  /** `CONNECTED`, `DISCONNECTED`, … for each ZooKeeper handle, short. */
  zk: string;
  role: string;
  /** Clock offset in ms, when skewed or drifting. */
  clockOffset: number;
}

export const KIND_LABEL: Record<string, string> = { redis: 'redis', zookeeper: 'zk', database: 'db', app: 'app' };

const SHORT_STATE: Record<string, string> = { CONNECTING: 'CONNECTING', CONNECTED: 'CONNECTED', DISCONNECTED: 'DISCONN', EXPIRED: 'EXPIRED', CLOSED: 'CLOSED' };

export function processRows(s: WorldSnapshot): ProcessRow[] {
  return s.processes.map((p) => ({
    name: p.name,
    kind: KIND_LABEL[p.kind] ?? p.kind,
    state: p.state,
    partitioned: p.partitioned,
    // A crashed process's handles died with it (the snapshot still lists its last life's).
    zk: p.state === 'crashed' ? '' : p.zk.map((z) => SHORT_STATE[z.state] ?? z.state).join(','),
    role: p.role ?? '',
    clockOffset: p.clockOffset,
  }));
}

/** The cut links, each pair once. */
export function cutLines(s: WorldSnapshot): string[] {
  const cut = new Set(s.cuts.map(([a, b]) => `${a}\u0000${b}`));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const [a, b] of s.cuts) {
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (cut.has(`${b}\u0000${a}`)) out.push(a < b ? `${a} ✂ ${b}` : `${b} ✂ ${a}`);
    else out.push(`${a} ↛ ${b}`);
  }
  return out.sort();
}

/** One line per ZooKeeper session the servers know: who uses it, its id, timeout, ephemerals. */
export function sessionLines(s: WorldSnapshot): string[] {
  const out: string[] = [];
  const many = s.zookeeper.length > 1;
  for (const z of s.zookeeper) {
    for (const x of z.sessions) {
      out.push(`${many ? `${z.name} ` : ''}${x.owner ?? '(detached)'} ${x.id} ${x.timeout / 1000}s${x.ephemerals > 0 ? ` eph ${x.ephemerals}` : ''}`);
    }
  }
  return out;
}
