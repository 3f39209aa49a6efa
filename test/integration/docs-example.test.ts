import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lockDemo } from '../../docs/examples/zk-lock.js';

describe('docs/simulation.md', () => {
  it('shows docs/examples/zk-lock.ts verbatim', () => {
    const doc = readFileSync('docs/simulation.md', 'utf8');
    const example = readFileSync('docs/examples/zk-lock.ts', 'utf8');
    expect(doc).toContain('```ts\n' + example + '```');
  });

  it('the example runs: the partitioned holder loses its session, the other takes over while it still works', async () => {
    const { holder, verdict, world } = await lockDemo();
    const other = holder === 'alice' ? 'bob' : 'alice';
    const acquired = world.trace.filter((r) => r.type === 'mark' && r.label === 'acquired').map((r) => [r.proc, r.time]);
    expect(acquired.map(([p]) => p)).toEqual([holder, other]);
    // The holder works 10 s; its session expires after 6 s of silence and the other gets the lock
    // while the holder still believes it has it: the checker catches the two holders.
    expect(verdict.ok).toBe(false);
    expect(verdict.checks[0]!.explanation).toMatch(new RegExp(`^${other} acquired lock at t=\\d+ms while ${holder} still held it$`));
    const expired = world.trace.find((r) => r.type === 'session' && r.proc === holder && r.state === 'EXPIRED');
    expect(expired).toBeDefined();
  });
});
