/**
 * A configuration center on ZooKeeper: the configuration lives in one znode, administrators
 * change it with versioned writes (no silent overwrites), every application watches it, and
 * every version ever published is kept under sequential nodes, so an old one can be restored.
 *
 * Layout (root defaults to /config):
 *   <root>/current           the configuration now in force; its znode version is the config version
 *   <root>/history/v-<seq>   each published value, in order; written in the same multi as current,
 *                            so <seq> equals the version it became
 */
import type { Stat } from '../../zk-sim/index.js';
import type { ProcessContext, ZkClient } from '../world/index.js';
import { ensurePath, zkCode } from './discovery.js';

/** A configuration value and the znode version it was read at (the version to expect when changing it). */
export interface ConfigVersion {
  readonly value: string;
  readonly version: number;
  /** When that version was written, on the server's clock (the znode's mtime). */
  readonly modifiedAt: number;
}

/** One entry of the history: its node's name (v-0000000003) and the value published then. */
export interface HistoryEntry {
  readonly name: string;
  readonly value: string;
}

const text = (data: Uint8Array): string => new TextDecoder().decode(data);

/**
 * Publishes the first configuration, unless someone already has: creates <root>/current and
 * its first history entry in one multi (both or neither). Resolves with the value in force.
 */
export async function initConfig(zk: ZkClient, value: string, root = '/config'): Promise<ConfigVersion> {
  await ensurePath(zk, `${root}/history`);
  try {
    await zk.multi([
      { op: 'create', path: `${root}/current`, data: value },
      { op: 'create', path: `${root}/history/v-`, data: value, mode: 'PERSISTENT_SEQUENTIAL' },
    ]);
  } catch (e) {
    if (zkCode(e) !== 'NodeExists') throw e; // another administrator initialized it first
  }
  return readConfig(zk, root);
}

/** The configuration in force and its version. */
export async function readConfig(zk: ZkClient, root = '/config'): Promise<ConfigVersion> {
  const { data, stat } = await zk.getData(`${root}/current`);
  return { value: text(data), version: stat.version, modifiedAt: stat.mtime };
}

/**
 * Publishes `value` if the configuration is still at `expectedVersion`, and records it in the
 * history, atomically (a multi: setData with the expected version, then a sequential create).
 * If someone published since the caller read it, ZooKeeper refuses with BadVersion and nothing
 * is written: the caller must read again and decide again. Resolves with the new Stat (its version).
 */
export async function publishConfig(zk: ZkClient, value: string, expectedVersion: number, root = '/config'): Promise<Stat> {
  const results = await zk.multi([
    { op: 'setData', path: `${root}/current`, data: value, version: expectedVersion },
    { op: 'create', path: `${root}/history/v-`, data: value, mode: 'PERSISTENT_SEQUENTIAL' },
  ]);
  const set = results[0];
  if (set?.op !== 'setData') throw new Error('multi returned no setData result');
  return set.stat;
}

/**
 * A read-modify-write of the configuration that never loses a concurrent change: reads it,
 * applies `change` to the value (an administrator editing it: it may take a while), publishes
 * with the version it read; on BadVersion (another administrator got in first) reads the newer
 * value and applies `change` to that instead. Resolves with what it published and how many
 * conflicts it met on the way.
 */
export async function updateConfig(
  p: ProcessContext,
  zk: ZkClient,
  change: (current: string) => string | Promise<string>,
  root = '/config',
): Promise<ConfigVersion & { conflicts: number }> {
  for (let conflicts = 0; ; conflicts++) {
    const current = await readConfig(zk, root);
    const value = await change(current.value);
    try {
      const stat = await publishConfig(zk, value, current.version, root);
      return { value, version: stat.version, modifiedAt: stat.mtime, conflicts };
    } catch (e) {
      if (zkCode(e) !== 'BadVersion') throw e;
      p.log(`BadVersion: the configuration changed since version ${current.version}; reading it again`);
    }
  }
}

/** Every published value, oldest first. */
export async function configHistory(zk: ZkClient, root = '/config'): Promise<HistoryEntry[]> {
  const names = (await zk.getChildren(`${root}/history`)).sort();
  const entries: HistoryEntry[] = [];
  for (const name of names) entries.push({ name, value: text((await zk.getData(`${root}/history/${name}`)).data) });
  return entries;
}

/**
 * Restores an old value (the history entry `name`) as a new version: versions only move
 * forward, so every application sees the rollback as one more change. It writes with the
 * version the caller expects (`expectedVersion`): if the configuration moved on meanwhile,
 * BadVersion comes back instead of silently undoing a change nobody looked at.
 */
export async function rollbackConfig(zk: ZkClient, name: string, expectedVersion: number, root = '/config'): Promise<ConfigVersion> {
  const value = text((await zk.getData(`${root}/history/${name}`)).data);
  const stat = await publishConfig(zk, value, expectedVersion, root);
  return { value, version: stat.version, modifiedAt: stat.mtime };
}

/**
 * What each application runs: keeps `current` equal to the configuration in force. getData with
 * a watch, and on every event read again with a new watch (a watch fires once). If the node is
 * not there yet, an exists watch waits for it to be created. After a reconnect it reads again.
 * Reads are applied only if newer (by mzxid), so overlapping reads never step back.
 */
export class ConfigWatcher {
  current: ConfigVersion | undefined;
  private lastZxid = -1;
  private readonly path: string;
  private readonly onEvent = (): void => void this.read();

  constructor(
    private readonly p: ProcessContext,
    private readonly zk: ZkClient,
    private readonly onChange: (config: ConfigVersion) => void = () => {},
    root = '/config',
  ) {
    this.path = `${root}/current`;
  }

  /** Starts watching; resolves after the first read (the configuration may not exist yet). */
  async start(): Promise<void> {
    this.zk.onState((state) => {
      if (state === 'CONNECTED') void this.read();
    });
    await this.read();
  }

  private async read(): Promise<void> {
    try {
      const { data, stat } = await this.zk.getData(this.path, { watch: this.onEvent });
      if (stat.mzxid <= this.lastZxid) return;
      this.lastZxid = stat.mzxid;
      this.current = { value: text(data), version: stat.version, modifiedAt: stat.mtime };
      this.onChange(this.current);
    } catch (e) {
      if (zkCode(e) === 'NoNode') {
        // Not published yet: wait for its creation (and if it appeared meanwhile, read now).
        if ((await this.zk.exists(this.path, { watch: this.onEvent }).catch(() => null)) !== null) await this.read();
        return;
      }
      // ConnectionLoss: the reconnect reads again. SessionExpired: this handle is finished.
      this.p.log(`configuration watch: ${(e as Error).message}`);
    }
  }
}
