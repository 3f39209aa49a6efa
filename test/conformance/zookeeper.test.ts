/**
 * Differential conformance of `redzoo zk` with zkCli.sh: the same script goes to the real
 * zkCli.sh (ZooKeeper 3.8.0's ZooKeeperMain, Debian's jars) against a real, fresh ZooKeeper
 * server, and to redzoo's REPL on a fresh engine; the two transcripts are compared line by line
 * after normalising wall-clock dates, session ids and the zxid base (zk-harness.ts). Scripts are
 * seeded; a failure prints the seed and where the transcripts were written:
 * `REDZOO_ZK_SEED=<seed> npx vitest run test/conformance/zookeeper.test.ts` (REDZOO_ZK_SEEDS=7-99
 * runs a range, REDZOO_ZK_COMMANDS longer scripts).
 * In CI a missing java or zookeeper is a failure, not a skip.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ZkServerLike } from '../../src/cli/zk-repl.js';
import { createZooKeeper } from '../../src/zk-sim/index.js';
import {
  TOUR,
  comparable,
  generateZkScript,
  haveRealZooKeeper,
  RealZooKeeper,
  runRealZkCli,
  runRedzooZkCli,
  type Transcript,
} from './zk-harness.js';

const available = haveRealZooKeeper();
/** REDZOO_ZK_SEED=n runs one seed; REDZOO_ZK_SEEDS=a-b a range (for hunting); six by default. */
function seeds(): number[] {
  if (process.env.REDZOO_ZK_SEED) return [Number(process.env.REDZOO_ZK_SEED)];
  const range = /^(\d+)-(\d+)$/.exec(process.env.REDZOO_ZK_SEEDS ?? '');
  if (range) return Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i);
  return [1, 2, 3, 4, 5, 6];
}
const SEEDS = seeds();
const COMMANDS = Number(process.env.REDZOO_ZK_COMMANDS ?? 250);

function freshEngine(): ZkServerLike {
  return createZooKeeper({ clock: { now: () => Date.now() } });
}

/** Runs the script on a fresh real server (merged or split streams) and on a fresh engine. */
async function both(script: string, mode: 'merged' | 'split'): Promise<{ real: Transcript; ours: Transcript }> {
  const server = await RealZooKeeper.start();
  try {
    const real = await runRealZkCli(server.port, script, mode);
    const ours = runRedzooZkCli(freshEngine(), `127.0.0.1:${server.port}`, script);
    return { real, ours };
  } finally {
    server.stop();
  }
}

/** The first difference, with context, and where both transcripts and the script were written. */
function explain(label: string, script: string, real: string[], ours: string[]): string {
  let i = 0;
  while (i < real.length && i < ours.length && real[i] === ours[i]) i++;
  const dir = mkdtempSync(join(tmpdir(), 'redzoo-zk-conformance-'));
  writeFileSync(join(dir, 'script.txt'), script);
  writeFileSync(join(dir, 'zkcli.txt'), `${real.join('\n')}\n`);
  writeFileSync(join(dir, 'redzoo.txt'), `${ours.join('\n')}\n`);
  const show = (lines: string[]): string =>
    lines
      .slice(Math.max(0, i - 8), i + 4)
      .map((l, k) => `    ${Math.max(0, i - 8) + k === i ? '>' : ' '} ${JSON.stringify(l)}`)
      .join('\n');
  return `${label}: transcripts differ at line ${i + 1}\n  zkCli.sh:\n${show(real)}\n  redzoo:\n${show(ours)}\n  (script and transcripts in ${dir})`;
}

function check(label: string, script: string, realText: string, oursText: string): number {
  const real = comparable(realText);
  const ours = comparable(oursText);
  if (JSON.stringify(real) !== JSON.stringify(ours)) expect.fail(explain(label, script, real, ours));
  return real.length;
}

describe.skipIf(!available)('zkCli.sh conformance with a real ZooKeeper 3.8', () => {
  for (const seed of SEEDS) {
    it(`prints what zkCli.sh prints for seed ${seed} (${COMMANDS} commands)`, async () => {
      const lines = generateZkScript(seed, COMMANDS);
      const script = `${lines.join('\n')}\n`;
      const { real, ours } = await both(script, 'merged');
      const n = check(`seed ${seed} (REDZOO_ZK_SEED=${seed})`, script, real.merged, ours.merged);
      console.log(`zk conformance: seed ${seed}: ${lines.length} commands, ${n} output lines identical`);
    });
  }

  it('prints what zkCli.sh prints for the tour script', async () => {
    const script = `${TOUR.join('\n')}\n`;
    const { real, ours } = await both(script, 'merged');
    const n = check('tour', script, real.merged, ours.merged);
    console.log(`zk conformance: tour: ${TOUR.length} commands, ${n} output lines identical`);
  });

  it('prints each line on the stream zkCli.sh prints it on (stdout or stderr)', async () => {
    for (const [label, lines] of [
      ['tour', TOUR],
      [`seed ${SEEDS[0]}`, generateZkScript(SEEDS[0]!, COMMANDS)],
    ] as const) {
      const script = `${lines.join('\n')}\n`;
      const { real, ours } = await both(script, 'split');
      check(`${label}, stdout`, script, real.stdout, ours.stdout);
      check(`${label}, stderr`, script, real.stderr, ours.stderr);
    }
  });
});
