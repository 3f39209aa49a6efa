/**
 * Scenario `config-center`: a configuration in ZooKeeper reaches every application through
 * watches; two administrators race and the versioned write refuses the loser; a bad change is
 * rolled back as a new version.
 */
import { configHistory, ConfigWatcher, initConfig, readConfig, rollbackConfig, updateConfig, type ConfigVersion, type HistoryEntry } from '../recipes/config.js';
import { invariant, readsNeverGoBack, type ProcessContext, type ZkClient } from '../world/index.js';
import type { Scenario } from './scenario.js';

const TICK = 1000;
const APP_SESSION_TIMEOUT = 10_000;
const APPS = ['app-1', 'app-2', 'app-3'];
const CHANGE_AT = 1000;
const RACE_AT = 2000;
/** How long an administrator takes to edit: the window in which the other one gets in first. */
const EDIT_MS = 50;
const CUT_OFF = 'app-3';
const PARTITION_AT = 3000;
const PARTITION_FOR = 7000;
const BAD_CHANGE_AT = 4000;
const ROLLBACK_AT = 12_000;
const DURATION = 14_000;

type Settings = Record<string, string | number>;

/** A change to one setting, as an administrator would make it: read, edit, write back. */
const edit = (key: string, value: string | number) => (current: string) => JSON.stringify({ ...(JSON.parse(current) as Settings), [key]: value });

interface Published extends ConfigVersion {
  admin: string;
  what: string;
  conflicts: number;
}

export const configCenter: Scenario = {
  name: 'config-center',
  summary: 'configuration in ZooKeeper: watched by every app, versioned writes between racing admins, rollback',
  story:
    'The configuration lives in /config/current; every published value is also kept under /config/history/v-<n> (written in the same ' +
    `multi, so v-<n> is version n). Three applications read it with a watch and, each time the watch fires, read it again with a new one. ` +
    `At t=${CHANGE_AT / 1000}s admin-a turns featureX on: watch it reach every app within a few ms. At t=${RACE_AT / 1000}s both administrators ` +
    `edit at once (admin-a raises limit, admin-b raises timeout): both read version 1, the first write wins, the second is refused with ` +
    'BadVersion, re-reads and applies its edit to the newer value, so neither edit is lost. ' +
    `At t=${PARTITION_AT / 1000}s ${CUT_OFF} is cut off from ZooKeeper for ${PARTITION_FOR / 1000}s and misses admin-b's change of featureY; when it ` +
    'reconnects (its session survives) its watch fires and it catches up. ' +
    `At t=${ROLLBACK_AT / 1000}s admin-a rolls featureY back: the old value is written again as a new version, so versions only move forward.`,
  watch:
    'The second of two racing administrators is refused with BadVersion, re-reads and re-applies its edit, so no edit is lost; a cut-off application keeps its session and catches up right after the heal; a rollback is a new version, never a step back.',
  duration: DURATION,
  setup(world) {
    world.zookeeper('zk', { tickTime: TICK });
    const published = (): Published[] =>
      world.marks('config-published').map((r) => ({
        admin: r.proc,
        what: String(r.data['what']),
        value: String(r.data['value']),
        version: Number(r.data['version']),
        modifiedAt: Number(r.data['modifiedAt']),
        conflicts: Number(r.data['conflicts']),
      }));
    const seen = (app: string): { version: number; value: string; at: number }[] =>
      world.marks('read')
        .filter((r) => r.proc === app)
        .map((r) => ({ version: Number(r.data['version']), value: String(r.data['value']), at: r.time }));
    const rollback = (): { target: HistoryEntry; expected: number; result: ConfigVersion } | undefined => {
      const r = world.marks('config-rolled-back')[0];
      if (r === undefined) return undefined;
      const d = r.data;
      return {
        target: { name: String(d['target']), value: String(d['targetValue']) },
        expected: Number(d['expected']),
        result: { value: String(d['value']), version: Number(d['version']), modifiedAt: Number(d['modifiedAt']) },
      };
    };

    type Publish = (what: string, change: (current: string) => string) => Promise<void>;
    /** An administrator's session, and how it publishes an edit (read, edit for a while, versioned write). */
    const admin = async (p: ProcessContext, work: (publish: Publish, zk: ZkClient) => Promise<void>) => {
      const zk = p.zookeeper('zk', { sessionTimeout: 10_000 });
      await zk.connected();
      const publish = async (what: string, change: (v: string) => string) => {
        const result = await updateConfig(p, zk, async (current) => {
          await p.sleep(EDIT_MS);
          return change(current);
        });
        p.mark('config-published', { what, value: result.value, version: result.version, modifiedAt: result.modifiedAt, conflicts: result.conflicts });
        p.log(`published version ${result.version} (${what})${result.conflicts > 0 ? ` after ${result.conflicts} conflict(s)` : ''}`);
      };
      await work(publish, zk);
    };

    world.app('admin-a', (p) =>
      admin(p, async (publish, zk) => {
        const first = await initConfig(zk, JSON.stringify({ featureX: 'off', featureY: 'off', limit: 100, timeout: 1000 }));
        p.log(`configuration at version ${first.version}`);
        await p.sleep(CHANGE_AT - p.now());
        await publish('featureX on', edit('featureX', 'on'));
        await p.sleep(RACE_AT - p.now());
        await publish('limit 200', edit('limit', 200));
        await p.sleep(ROLLBACK_AT - p.now());
        // featureY misbehaves: restore the version before it was turned on, expecting the version we see.
        const history = await configHistory(zk);
        const current = await readConfig(zk);
        const before = history.at(-2)!;
        const result = await rollbackConfig(zk, before.name, current.version);
        p.mark('config-rolled-back', { target: before.name, targetValue: before.value, expected: current.version, ...result });
        p.log(`rolled back to ${before.name}: now version ${result.version}`);
      }),
    );
    world.app('admin-b', (p) =>
      admin(p, async (publish) => {
        await p.sleep(RACE_AT - p.now());
        await publish('timeout 2000', edit('timeout', 2000));
        await p.sleep(BAD_CHANGE_AT - p.now());
        await publish('featureY on', edit('featureY', 'on'));
      }),
    );

    for (const name of APPS) {
      world.app(name, async (p) => {
        const zk = p.zookeeper('zk', { sessionTimeout: APP_SESSION_TIMEOUT });
        await zk.connected();
        const watcher = new ConfigWatcher(p, zk, (config) => {
          p.mark('read', { key: 'config', version: config.version, value: config.value });
          p.log(`configuration version ${config.version}: ${config.value}`);
        });
        await watcher.start();
      });
    }

    world.at(PARTITION_AT, (w) => w.partition([CUT_OFF], ['zk'], PARTITION_FOR));

    world.check(
      invariant(
        'every app converges to the last version',
        'at the end each application holds the version and value that /config/current holds',
        () => {
          const node = world.zkEngine('zk').node('/config/current');
          if (node === undefined) return '/config/current does not exist';
          const value = new TextDecoder().decode(node.data ?? new Uint8Array());
          const version = node.stat().version;
          for (const app of APPS) {
            const last = seen(app).at(-1);
            if (last === undefined) return `${app} never read the configuration`;
            if (last.version !== version || last.value !== value) return `${app} holds version ${last.version}, but /config/current is at version ${version}`;
          }
        },
        'at end',
      ),
    );
    world.check(
      invariant(
        'no lost update',
        'when two administrators edit at once, the configuration after both writes holds both edits',
        () => {
          const race = published().filter((w) => w.what === 'limit 200' || w.what === 'timeout 2000');
          if (race.length !== 2) return `only ${race.length} of the two racing edits were published`;
          const later = race.reduce((a, b) => (a.version > b.version ? a : b));
          const settings = JSON.parse(later.value) as Settings;
          if (settings['limit'] !== 200 || settings['timeout'] !== 2000)
            return `version ${later.version} (${later.admin}) is ${later.value}: an edit was lost`;
        },
        'at end',
      ),
    );
    world.check(
      invariant(
        'the losing administrator is refused and retries',
        'of the two racing edits, exactly one meets BadVersion (once) and is published after re-reading',
        () => {
          const race = published().filter((w) => w.what === 'limit 200' || w.what === 'timeout 2000');
          const refused = race.filter((w) => w.conflicts > 0);
          if (refused.length !== 1 || refused[0]!.conflicts !== 1) return `conflicts seen: ${race.map((w) => `${w.admin} ${w.conflicts}`).join(', ')}`;
        },
        'at end',
      ),
    );
    world.check(
      invariant(
        'rollback restores an old value as a new version',
        'the rollback writes the old value as the next version (never an old version number), and it is in the history too',
        () => {
          const done = rollback();
          if (done === undefined) return 'admin-a never rolled back';
          const { target, expected, result } = done;
          if (result.value !== target.value) return `the rollback wrote ${result.value}, not ${target.name}'s ${target.value}`;
          if (result.version !== expected + 1) return `the rollback became version ${result.version}, expected ${expected + 1}`;
          const historyNode = world.zkEngine('zk').node('/config/history');
          if (historyNode?.childCount !== result.version + 1) return `the history has ${historyNode?.childCount} entries for version ${result.version}`;
        },
        'at end',
      ),
    );
    world.check(readsNeverGoBack());

    // Propagation: from a version's write (its mtime) until every app has it (or a newer one).
    const reachedAt = (app: string, version: number) => seen(app).find((s) => s.version >= version)?.at;
    const propagation = (apps: string[], changes: ConfigVersion[]) =>
      Math.max(0, ...changes.map((c) => Math.max(...apps.map((a) => (reachedAt(a, c.version) ?? Infinity) - c.modifiedAt))));
    const duringCut = (c: ConfigVersion) => c.modifiedAt >= PARTITION_AT && c.modifiedAt < PARTITION_AT + PARTITION_FOR;
    return {
      stats: () => {
        const done = rollback();
        const all = published();
        const changes: ConfigVersion[] = [...all, ...(done ? [done.result] : [])];
        const missed = changes.filter(duringCut);
        return {
          versions: changes.length + 1,
          propagationMs: propagation(APPS.filter((a) => a !== CUT_OFF), changes),
          propagationToCutOffAppMs: propagation([CUT_OFF], changes.filter((c) => !duringCut(c))),
          cutOffCaughtUpAfterHealMs: missed.length === 0 ? 'n/a' : (reachedAt(CUT_OFF, missed.at(-1)!.version) ?? Infinity) - (PARTITION_AT + PARTITION_FOR),
          conflicts: all.reduce((n, w) => n + w.conflicts, 0),
        };
      },
    };
  },
};
