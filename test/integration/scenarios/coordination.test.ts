/** The ZooKeeper coordination scenarios: seed 1's headline numbers and checks, exactly (every seed 1..20: library.test.ts). */
import { describe, expect, it } from 'vitest';
import { configCenter } from '../../../src/integration/scenarios/config-center.js';
import { leaderElection } from '../../../src/integration/scenarios/leader-election.js';
import { runScenario } from '../../../src/integration/scenarios/scenario.js';
import { serviceDiscovery } from '../../../src/integration/scenarios/service-discovery.js';

describe('service-discovery', () => {
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
