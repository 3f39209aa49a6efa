import { EventEmitter } from 'node:events';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { NO_TERMINAL, runTui, type TuiStreams } from '../../src/tui/index.js';

/** runTui, the entry point: without a terminal it refuses in one line; with one it runs until q. */
class Out extends EventEmitter {
  text = '';
  columns = 80;
  rows = 24;
  constructor(readonly isTTY: boolean) {
    super();
  }
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

class Keys extends EventEmitter {
  private queue: string[] = [];
  constructor(readonly isTTY: boolean) {
    super();
  }
  setRawMode(): this {
    return this;
  }
  setEncoding(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  read(): string | null {
    return this.queue.shift() ?? null;
  }
  type(s: string): void {
    this.queue.push(s);
    this.emit('readable');
  }
}

const streams = (tty: { in: boolean; out: boolean }) => {
  const stdin = new Keys(tty.in);
  const stdout = new Out(tty.out);
  const stderr = new Out(false);
  return { stdin, stdout, stderr, io: { stdin, stdout, stderr } as unknown as TuiStreams };
};

describe('runTui', () => {
  it.each([
    { in: false, out: true },
    { in: true, out: false },
  ])('without a terminal (stdin TTY %j) says so in one line, points to `redzoo run`, and returns 1', async (tty) => {
    const s = streams(tty);
    expect(await runTui({}, s.io)).toBe(1);
    expect(s.stderr.text).toBe(NO_TERMINAL);
    expect(s.stderr.text.split('\n')).toEqual([expect.stringContaining('redzoo run'), '']);
    expect(s.stdout.text).toBe('');
  });

  it('refuses an unknown scenario with the known ones, and returns 2', async () => {
    const s = streams({ in: true, out: true });
    expect(await runTui({ scenario: 'nope' }, s.io)).toBe(2);
    expect(s.stderr.text).toMatch(/^redzoo: unknown scenario 'nope'; known: .*partition-and-heal/);
  });

  it('on a terminal: draws on the alternate screen, opens the scenario asked for, quits on q and gives the screen back', async () => {
    const s = streams({ in: true, out: true });
    const done = runTui({ scenario: 'partition-and-heal', seed: 3 }, s.io);
    for (let i = 0; i < 100 && !s.stdout.text.includes('partition-and-heal seed 3'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(stripVTControlCharacters(s.stdout.text)).toContain('partition-and-heal seed 3 │ t=0.000s/25.000s │ step 0');
    s.stdin.type('q');
    expect(await done).toBe(0);
    expect(s.stdout.text.startsWith('\u001B[?1049h')).toBe(true);
    expect(s.stdout.text.endsWith('\u001B[?1049l')).toBe(true);
  });
});
