import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandTableMarkdown } from '../src/redis-sim/docs.js';
import { SCENARIOS, scenarioCatalogueMarkdown } from '../src/integration/index.js';

describe('docs', () => {
  it('docs/redis.md is generated from the current command table (run `npm run docs`)', () => {
    expect(readFileSync(new URL('../docs/redis.md', import.meta.url), 'utf8')).toBe(commandTableMarkdown());
  });

  it('docs/scenarios.md is generated from the scenario library (run `npm run docs`)', async () => {
    expect(readFileSync(new URL('../docs/scenarios.md', import.meta.url), 'utf8')).toBe(await scenarioCatalogueMarkdown(SCENARIOS));
  });
});
