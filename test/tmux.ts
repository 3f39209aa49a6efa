/**
 * Driving a program in a real terminal, as a person would: a tmux session per test file, keys
 * sent, the pane captured. The terminal tests skip without tmux, except in CI, where a missing
 * tmux is a failure (`.ci/run` installs it).
 */
import { execFileSync, spawnSync } from 'node:child_process';

export const haveTmux = spawnSync('tmux', ['-V']).status === 0;
if (!haveTmux && process.env.CI) throw new Error('CI: tmux is not installed; the terminal tests cannot be skipped');

export class Terminal {
  constructor(readonly session: string) {}

  tmux(...args: string[]): string {
    return execFileSync('tmux', args, { encoding: 'utf8' });
  }

  /** Starts `command` in `cwd` on a `width`×`height` screen. */
  start(command: string, cwd: string, width: number, height: number): void {
    this.tmux('new-session', '-d', '-s', this.session, '-x', String(width), '-y', String(height), '-c', cwd, command);
  }

  /** The screen, each line without its trailing blanks. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.session)
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n');
  }

  /** Polls the screen until `test` holds; fails with the screen after `timeoutMs`. */
  async waitFor(test: (s: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
    const start = Date.now();
    for (;;) {
      const s = this.screen();
      if (test(s)) return s;
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  keys(...k: string[]): void {
    this.tmux('send-keys', '-t', this.session, ...k);
  }

  /** Types `line` literally, then Enter. */
  typeLine(line: string): void {
    this.tmux('send-keys', '-t', this.session, '-l', line);
    this.keys('Enter');
  }

  kill(): void {
    spawnSync('tmux', ['kill-session', '-t', this.session]);
  }
}

export const shows = (text: string) => (s: string) => s.includes(text);
