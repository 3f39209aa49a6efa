import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCommand, listScenarios } from '../../src/cli/scenario-cli.js';
import { invariant, SCENARIOS, type Scenario } from '../../src/integration/index.js';
import { BIN, requireBuild } from './helpers.js';

function redzoo(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A tiny scenario whose expected outcome is not met: exit status 1. */
const broken: Scenario = {
  name: 'always-fails',
  summary: 'a check that cannot hold',
  story: 'Nothing happens, and the check says so.',
  duration: 10,
  setup(world) {
    world.check(invariant('impossible', 'never holds', () => 'it failed, as designed', 'at end'));
    return { stats: () => ({ n: 1 }) };
  },
};

describe('redzoo scenarios / redzoo run', () => {
  beforeAll(requireBuild);
  afterEach(() => vi.restoreAllMocks());

  it('lists every scenario with its summary, as text and as JSON', () => {
    const text = redzoo('scenarios');
    expect(text.code).toBe(0);
    for (const s of SCENARIOS) expect(text.out).toContain(`${s.name}`);
    const json = JSON.parse(redzoo('scenarios', '--json').out) as { name: string; summary: string }[];
    expect(json.map((s) => s.name)).toEqual(SCENARIOS.map((s) => s.name));
    expect(json[0]).toMatchObject({ summary: SCENARIOS[0]!.summary });
  });

  it('runs a scenario: transcript, checks, numbers, verdict; exit 0; the same seed prints the same bytes', () => {
    const a = redzoo('run', 'partition-and-heal', '--seed', '5');
    const b = redzoo('run', 'partition-and-heal', '--seed', '5');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out).toMatch(/^partition-and-heal \(seed 5\)\n/);
    expect(a.out).toMatch(/\n {4}2\.000s {2}— +FAULT app \| zk for 15000 ms\n/);
    expect(a.out).toContain('\nchecks:\n  ✓ Disconnected comes first: ');
    expect(a.out).toMatch(/\nverdict: PASS \(seed 5, trace [0-9a-f]{16}\)\n$/);
    expect(redzoo('run', 'partition-and-heal', '--seed', '6').out).not.toBe(a.out);
  });

  it('--json prints one object with the scenario, seed, verdict, checks, stats and trace hash', () => {
    const r = redzoo('run', 'partition-and-heal', '--seed', '2', '--json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(o)).toEqual(['scenario', 'seed', 'verdict', 'checks', 'stats', 'traceHash']);
    expect(o).toMatchObject({ scenario: 'partition-and-heal', seed: 2, verdict: 'pass', traceHash: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect((o['checks'] as unknown[])[0]).toEqual({ name: 'Disconnected comes first', ok: true, expected: true, detail: expect.any(String) });
    expect(o['stats']).toMatchObject({ sessionTimeoutMs: 6000, registrations: 2 });
  });

  it('--trace writes the trace as JSON Lines', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'redzoo-')), 'trace.jsonl');
    expect(redzoo('run', 'partition-and-heal', '--trace', file).code).toBe(0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(100);
    expect(JSON.parse(lines[0]!)).toMatchObject({ step: 1, time: 0, type: 'process' });
  });

  it('--seeds runs a range and summarises it', () => {
    const r = redzoo('run', 'partition-and-heal', '--seeds', '1..3');
    expect(r).toMatchObject({ code: 0, out: 'partition-and-heal, seeds 1..3: 3 passed, 0 failed\n' });
    expect(JSON.parse(redzoo('run', 'partition-and-heal', '--seeds', '1..2', '--json').out)).toEqual({ scenario: 'partition-and-heal', seeds: [1, 2], passed: 2, failed: 0, firstFailingSeed: null });
  });

  it('exit 1 when the expected outcome is not met, naming the first failing seed', async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    expect(await runCommand(['always-fails'], [broken])).toBe(1);
    expect(out.join('')).toContain('  ✗ impossible: it failed, as designed (UNEXPECTED)\n');
    expect(out.join('')).toContain('verdict: FAIL (seed 1,');
    out.length = 0;
    expect(await runCommand(['always-fails', '--seeds', '4..5'], [broken])).toBe(1);
    expect(out.join('')).toBe('always-fails, seeds 4..5: 0 passed, 2 failed\nfirst failing seed: 4 (redzoo run always-fails --seed 4)\n');
    out.length = 0;
    expect(listScenarios(['--json'], [broken])).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual([{ name: 'always-fails', summary: 'a check that cannot hold', durationMs: 10 }]);
  });

  it('exit 2 for bad usage; an unknown scenario lists the known ones', () => {
    const unknown = redzoo('run', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(`redzoo run: unknown scenario 'nope'; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
    expect(redzoo('run').code).toBe(2);
    expect(redzoo('run', 'partition-and-heal', '--seed', 'x').err).toContain("invalid seed 'x'");
    expect(redzoo('run', 'partition-and-heal', '--seeds', '5..1').err).toContain('--seeds takes a range like 1..100');
    expect(redzoo('run', 'partition-and-heal', '--bogus').err).toContain("unknown option '--bogus'");
    expect(redzoo('scenarios', '--yaml').code).toBe(2);
  });
});
