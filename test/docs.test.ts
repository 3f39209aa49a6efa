import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandTableMarkdown } from '../src/redis-sim/docs.js';

describe('docs', () => {
  it('docs/redis.md is generated from the current command table (run `npm run docs`)', () => {
    expect(readFileSync(new URL('../docs/redis.md', import.meta.url), 'utf8')).toBe(commandTableMarkdown());
  });
});
