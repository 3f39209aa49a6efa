/**
 * The interactive `redzoo zk`, driven through tmux as a person would: the greeting, the prompt
 * with its command counter, a create, a get, an ls, a fired watch, a bad line, quit.
 * Needs the build (`npm test` builds first) and tmux.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { haveTmux, shows, Terminal } from '../tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const term = new Terminal(`redzoo-zk-${process.pid}`);

async function waitFor(text: string, timeoutMs = 10_000): Promise<string> {
  return (await term.waitFor(shows(text), JSON.stringify(text), timeoutMs)).replace(/\n+$/, '');
}

async function type(line: string, thenWaitFor: string): Promise<string> {
  term.typeLine(line);
  return waitFor(thenWaitFor);
}

describe.skipIf(!haveTmux)('redzoo zk in a terminal (tmux)', () => {
  afterAll(() => {
    term.kill();
  });

  it('greets, prompts as zkCli does, runs create/get/ls, prints a fired watch, survives bad input, quits', async () => {
    expect(existsSync(`${root}/dist/cli/zk-repl.js`), 'run `npm run build` first').toBe(true);
    term.start('node bin/redzoo.js zk; sleep 30', root, 120, 60);
    let s = await waitFor('[zk: localhost:2181(CONNECTED) 0]');
    expect(s).toBe(
      [
        'Connecting to localhost:2181',
        'Welcome to ZooKeeper!',
        'JLine support is enabled',
        '',
        'WATCHER::',
        '',
        'WatchedEvent state:SyncConnected type:None path:null',
        '[zk: localhost:2181(CONNECTED) 0]',
      ].join('\n'),
    );
    await type('create /tmux "hello world"', '[zk: localhost:2181(CONNECTED) 1]');
    await type('get -w /tmux', '[zk: localhost:2181(CONNECTED) 2]');
    await type('ls /', '[zk: localhost:2181(CONNECTED) 3]');
    await type('set /tmux bye', '[zk: localhost:2181(CONNECTED) 4]');
    await type('set -v oops /tmux x', '[zk: localhost:2181(CONNECTED) 5]');
    s = await type('nosuchcommand', '[zk: localhost:2181(CONNECTED) 6]');
    expect(s).toContain(
      [
        '[zk: localhost:2181(CONNECTED) 0] create /tmux "hello world"',
        'Created /tmux',
        '[zk: localhost:2181(CONNECTED) 1] get -w /tmux',
        'hello world',
        '[zk: localhost:2181(CONNECTED) 2] ls /',
        '[tmux, zookeeper]',
        '[zk: localhost:2181(CONNECTED) 3] set /tmux bye',
        '',
        'WATCHER::',
        '',
        'WatchedEvent state:SyncConnected type:NodeDataChanged path:/tmux',
        '[zk: localhost:2181(CONNECTED) 4] set -v oops /tmux x',
        'Exception in thread "main" java.lang.NumberFormatException: For input string: "oops"',
        '[zk: localhost:2181(CONNECTED) 5] nosuchcommand',
        'ZooKeeper -server host:port -client-configuration properties-file cmd args',
      ].join('\n'),
    );
    expect(s).toContain('Command not found: Command not found nosuchcommand\n[zk: localhost:2181(CONNECTED) 6]');
    s = await type('quit', 'WatchedEvent state:Closed type:None path:null');
    expect(s.endsWith('[zk: localhost:2181(CONNECTED) 6] quit\n\nWATCHER::\n\nWatchedEvent state:Closed type:None path:null')).toBe(true);
  });
});
