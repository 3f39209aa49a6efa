import { describe, expect, it } from 'vitest';
import { judge, SCENARIOS, scenarioWorld } from '../../../src/integration/index.js';

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

  // The TUI steps back and forth through a scenario: a rebuilt world must be the same world,
  // which fails if a scenario keeps state outside the simulation (in its setup's closure).
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s: seeking back and forth ends in the same world, verdict and numbers', async (_name, scenario) => {
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
