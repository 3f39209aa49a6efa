import { describe, expect, it } from 'vitest';
import { judge, runScenario, SCENARIOS, scenarioWorld } from '../../../src/integration/index.js';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const EACH = SCENARIOS.map((s) => [s.name, s] as const);

describe('scenario library', () => {
  it('names are unique kebab-case; each has a one-line summary, a story and what to watch', () => {
    expect(new Set(SCENARIOS.map((s) => s.name)).size).toBe(SCENARIOS.length);
    for (const s of SCENARIOS) {
      expect(s.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(s.summary.length).toBeLessThanOrEqual(120);
      expect(s.summary).not.toContain('\n');
      expect(s.story.length).toBeGreaterThan(100);
      expect(s.watch?.length ?? 0).toBeGreaterThan(20);
    }
  });

  it.each(EACH)('%s meets its expected outcome on every seed 1..20', async (_name, scenario) => {
    const outcomes: string[] = [];
    for (const seed of SEEDS) {
      const r = await runScenario(scenario, seed);
      const wrong = r.checks.filter((c) => c.ok !== c.expected).map((c) => `${c.name}: ${c.detail}`);
      outcomes.push(`${seed}: ${r.verdict}${wrong.length ? ` (${wrong.join('; ')})` : ''}`);
    }
    expect(outcomes).toEqual(SEEDS.map((s) => `${s}: pass`));
  });

  it.each(EACH)('%s: the same seed gives the same trace and numbers', async (_name, scenario) => {
    const [a, b] = [await runScenario(scenario, 7), await runScenario(scenario, 7)];
    expect(a.traceHash).toBe(b.traceHash);
    expect(a.stats).toEqual(b.stats);
  });

  // The TUI steps back and forth through a scenario: a rebuilt world must be the same world,
  // which fails if a scenario keeps state outside the simulation (in its setup's closure).
  it.each(EACH)('%s: seeking back and forth ends in the same world, verdict and numbers', async (_name, scenario) => {
    const { world, setup } = scenarioWorld(scenario, 3);
    await world.runFor(scenario.duration);
    const end = world.step;
    const hash = world.hash();
    const stats = setup.stats();
    await world.seek(Math.floor(end / 2));
    await world.seek(end);
    expect(world.hash()).toBe(hash);
    expect(setup.stats()).toEqual(stats);
    expect(judge(scenario, 3, world, setup).verdict).toBe('pass');
  });
});
