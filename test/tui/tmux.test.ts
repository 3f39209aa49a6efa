/**
 * The TUI in a real terminal, as a person uses it: tmux starts `npm start`, keys are sent, the
 * pane is captured. Needs the build (`npm test` builds first) and tmux (`.ci/run` installs it).
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { haveTmux, shows, Terminal } from '../tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const term = new Terminal(`redzoo-tui-${process.pid}`);
const waitFor = term.waitFor.bind(term);
const keys = term.keys.bind(term);
const typeLine = term.typeLine.bind(term);

describe.skipIf(!haveTmux)('the TUI in a terminal (tmux)', () => {
  afterEach(() => {
    term.kill();
  });

  it('opens a scenario with npm start, steps it, shows the checks turn ✓, and quits leaving the terminal as it was', async () => {
    term.start('npm start --silent -- --scenario partition-and-heal --seed 1; echo "exited $?"; sleep 60', root, 100, 30);
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

  /** `npm start` in an 80×24 terminal, the scenario picker closed, the prompt taking keys. */
  async function sandboxPrompt(): Promise<void> {
    term.start('npm start --silent; echo "exited $?"; sleep 60', root, 80, 24);
    // The scenario picker opens on top of the sandbox; once it is drawn, keys are being read.
    await waitFor(shows('Open a scenario'), 'the scenario picker');
    keys('Escape');
    await waitFor((s) => !s.includes('Open a scenario'), 'the picker to close');
    keys('>');
    await waitFor((s) => !s.includes('(> or Tab here to type a command'), 'the prompt to take the keys');
  }

  it('the sandbox answers SET a 1 with OK at the prompt', async () => {
    await sandboxPrompt();
    typeLine('SET a 1');
    let s = await waitFor((x) => /^OK$/m.test(x), 'OK');
    expect(s).toMatch(/^alice> SET a 1\nOK$/m);
    await waitFor((x) => /│ a +string +- int +1 +│/.test(x), 'the key in the keyspace pane'); // drawn at the next tick
    typeLine('GET a');
    s = await waitFor(shows('"1"'), 'the value');
    expect(s).toMatch(/^alice> GET a\n"1"$/m);
    keys('Escape');
    keys('C-c');
    await waitFor(shows('exited 0'), 'the exit');
  });

  it('draws a value holding escape sequences as text, and survives the terminal shrinking below 40×12 and growing back', async () => {
    await sandboxPrompt();
    typeLine('SET esc "\\x1b[2J\\x1b[31mRED\\rCR"');
    let s = await waitFor((x) => /│ esc +string +- embstr +\\x1b\[2J/.test(x), 'the value escaped in the keyspace');
    expect(s.split('\n')[0]).toMatch(/^ sandbox seed 1/); // the screen was not cleared or shifted
    term.tmux('resize-window', '-t', term.session, '-x', '30', '-y', '8');
    s = await waitFor(shows('redzoo needs 40×12'), 'the too-small message');
    term.tmux('resize-window', '-t', term.session, '-x', '80', '-y', '24');
    s = await waitFor((x) => /│ esc +string/.test(x), 'the panes again');
    expect(s.split('\n')[0]).toMatch(/^ sandbox seed 1/);
    keys('Escape');
    keys('q');
    await waitFor(shows('exited 0'), 'the exit');
  });
});
