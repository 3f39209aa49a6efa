/** The ZooKeeper coordination scenarios: every seed 1..20 meets its expected outcome; seed 1's headline numbers and checks, exactly. */
import { describe, expect, it } from 'vitest';
import { configCenter } from '../../../src/integration/scenarios/config-center.js';
import { leaderElection } from '../../../src/integration/scenarios/leader-election.js';
import { judge, runScenario, scenarioWorld, type Scenario } from '../../../src/integration/scenarios/scenario.js';
import { serviceDiscovery } from '../../../src/integration/scenarios/service-discovery.js';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

async function verdicts(scenario: Scenario): Promise<string[]> {
  const out: string[] = [];
  for (const seed of SEEDS) out.push(`${seed} ${(await runScenario(scenario, seed)).verdict}`);
  return out;
}

it('the same seed gives the same trace', async () => {
  for (const scenario of [serviceDiscovery, configCenter, leaderElection]) {
    expect((await runScenario(scenario, 7)).traceHash).toBe((await runScenario(scenario, 7)).traceHash);
  }
});

it('seeking back and running on again gives the same verdict and numbers (checks and stats read the trace)', async () => {
  for (const scenario of [serviceDiscovery, configCenter, leaderElection]) {
    const { world, setup } = scenarioWorld(scenario, 3);
    await world.runFor(scenario.duration);
    const hash = world.hash();
    const stats = setup.stats();
    await world.seek(Math.floor(world.step / 2));
    await world.runUntil(scenario.duration);
    expect(world.hash()).toBe(hash);
    const r = judge(scenario, 3, world, setup);
    expect([r.verdict, r.stats]).toEqual(['pass', stats]);
  }
});

describe('service-discovery', () => {
  it('passes on seeds 1..20', async () => {
    expect(await verdicts(serviceDiscovery)).toEqual(SEEDS.map((s) => `${s} pass`));
  });

  it('seed 1: the dead instance gets requests until its session expires, then none', async () => {
    const r = await runScenario(serviceDiscovery, 1);
    expect(r.verdict).toBe('pass');
    expect(r.stats).toEqual({
      sessionTimeoutMs: 4000,
      tickTimeMs: 1000,
      detectionMs: 4007,
      requests: 2844,
      failedRequests: 451,
      failedRoundRobin: 134,
      failedRandom: 117,
      failedLeastOutstanding: 200,
      deadShareRoundRobin: '33%',
      deadShareLeastOutstanding: '50%',
    });
    expect(r.checks.map((c) => [c.name, c.ok, c.expected])).toEqual([
      ['the dead instance leaves every list in time', true, true],
      ['no request to an instance after it left', true, true],
      ['a stale list costs failed requests', true, true],
      ['only the dead instance fails', true, true],
    ]);
  });
});

describe('config-center', () => {
  it('passes on seeds 1..20', async () => {
    expect(await verdicts(configCenter)).toEqual(SEEDS.map((s) => `${s} pass`));
  });

  it('seed 1: changes reach every app in ms, one conflict, the cut-off app catches up after the heal', async () => {
    const r = await runScenario(configCenter, 1);
    expect(r.verdict).toBe('pass');
    expect(r.stats).toEqual({
      versions: 6,
      propagationMs: 9,
      propagationToCutOffAppMs: 7,
      cutOffCaughtUpAfterHealMs: 8,
      conflicts: 1,
    });
    expect(r.checks.map((c) => [c.name, c.ok, c.expected])).toEqual([
      ['every app converges to the last version', true, true],
      ['no lost update', true, true],
      ['the losing administrator is refused and retries', true, true],
      ['rollback restores an old value as a new version', true, true],
      ['reads never go back in time', true, true],
    ]);
    const published = r.world.trace.filter((t) => t.type === 'log' && t.proc.startsWith('admin-')).map((t) => (t.type === 'log' ? `${t.proc}: ${t.text}` : ''));
    expect(published).toEqual([
      'admin-a: configuration at version 0',
      'admin-a: published version 1 (featureX on)',
      'admin-a: BadVersion: the configuration changed since version 1; reading it again',
      'admin-b: published version 2 (timeout 2000)',
      'admin-a: published version 3 (limit 200) after 1 conflict(s)',
      'admin-b: published version 4 (featureY on)',
      'admin-a: rolled back to v-0000000003: now version 5',
    ]);
  });
});

describe('leader-election', () => {
  it('passes on seeds 1..20', async () => {
    expect(await verdicts(leaderElection)).toEqual(SEEDS.map((s) => `${s} pass`));
  });

  it('seed 1: failover takes about the session timeout; the cut-off leader steps down well before', async () => {
    const r = await runScenario(leaderElection, 1);
    expect(r.verdict).toBe('pass');
    expect(r.stats).toEqual({
      sessionTimeoutMs: 4000,
      tickTimeMs: 1000,
      crashFailoverMs: 4005,
      partitionFailoverMs: 4004,
      cutOffLeaderSteppedDownAfterMs: 1674,
      leaderships: 3,
    });
    expect(r.checks.map((c) => [c.name, c.ok, c.expected])).toEqual([
      ['mutual exclusion on leadership', true, true],
      ['a leader again after each failover', true, true],
      ['no herd', true, true],
    ]);
    const leads = r.world.trace.filter((t) => t.type === 'mark').map((t) => `${t.time} ${t.proc} ${t.type === 'mark' ? t.label : ''}`);
    expect(leads).toEqual(['20 candidate-3 acquired', '7005 candidate-2 acquired', '12674 candidate-2 released', '15004 candidate-1 acquired']);
  });
});
