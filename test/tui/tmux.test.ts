/**
 * The TUI in a real terminal, as a person uses it: tmux starts `npm start`, keys are sent, the
 * pane is captured. Needs the build (`npm test` builds first) and tmux (`.ci/run` installs it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const haveTmux = spawnSync('tmux', ['-V']).status === 0;
if (!haveTmux && process.env.CI) throw new Error('CI: tmux is not installed; the terminal tests cannot be skipped');

const session = `redzoo-tui-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', session)
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}

async function waitFor(test: (s: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const s = screen();
    if (test(s)) return s;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const shows = (text: string) => (s: string) => s.includes(text);

function keys(...k: string[]): void {
  tmux('send-keys', '-t', session, ...k);
}

function typeLine(line: string): void {
  tmux('send-keys', '-t', session, '-l', line);
  keys('Enter');
}

describe.skipIf(!haveTmux)('the TUI in a terminal (tmux)', () => {
  afterEach(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
  });

  it('opens a scenario with npm start, steps it, shows the checks turn ✓, and quits leaving the terminal as it was', async () => {
    tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', '-c', root, 'npm start --silent -- --scenario partition-and-heal --seed 1; echo "exited $?"; sleep 60');
    let s = await waitFor(shows('partition-and-heal seed 1'), 'the scenario player');
    expect(s).toContain('step 0');
    expect(s).toContain('Processes');
    expect(s).toContain('· Disconnected comes first');
    keys('Right');
    s = await waitFor(shows('step 1 '), 'one step');
    typeLine(':run 25s');
    s = await waitFor(shows('✓ re-registered after the heal'), 'the checks decided');
    expect(s).toMatch(/t=25\.000s\/25\.000s/);
    expect(s).toContain('✓ Disconnected comes first');
    expect(s).toContain('PASS');
    keys('q');
    s = await waitFor(shows('exited 0'), 'the exit');
    expect(s).not.toContain('Processes'); // the alternate screen is gone
  });

  it('the sandbox answers SET a 1 with OK at the prompt', async () => {
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', '-c', root, 'npm start --silent; echo "exited $?"; sleep 60');
    await waitFor(shows('sandbox'), 'the sandbox');
    keys('Escape'); // the scenario picker opens on top of the sandbox
    await waitFor((s) => !s.includes('Open a scenario'), 'the picker to close', 5000).catch(() => screen());
    keys('>');
    typeLine('SET a 1');
    let s = await waitFor((x) => /^OK$/m.test(x), 'OK');
    expect(s).toMatch(/^alice> SET a 1\nOK$/m);
    expect(s).toMatch(/│ a +string +- int +1 +│/); // the keyspace pane shows the key
    typeLine('GET a');
    s = await waitFor(shows('"1"'), 'the value');
    expect(s).toMatch(/^alice> GET a\n"1"$/m);
    keys('Escape');
    keys('C-c');
    await waitFor(shows('exited 0'), 'the exit');
  });
});
