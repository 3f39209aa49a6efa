import { describe, expect, it } from 'vitest';
import { Session } from '../../src/tui/session/session.js';
import { ManualTimers } from '../../src/tui/session/clock.js';
import { peekEntry } from '../../src/tui/model/keyspace.js';
import { parseCommand } from '../../src/tui/session/commands.js';

/**
 * The prompt runs each line as the chosen process, over the simulated network, as a journaled
 * world input: it meets partitions, pauses and crashes as the process's own code would, and time
 * travel replays it.
 */
function sandbox(): Session {
  return new Session({ autoplay: false, timers: new ManualTimers() });
}
const out = (s: Session, n: number) => s.getState().log.slice(-n).map((l) => l.text);
const command = (line: string) => {
  const parsed = parseCommand(line);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
};

describe('the prompt', () => {
  it('prints what redis-cli prints', async () => {
    const s = sandbox();
    for (const l of ['SET a 1', 'INCR a', 'GET nothing', 'RPUSH l x y', 'LRANGE l 0 -1', 'HSET a f v', 'FOO']) await s.prompt(l);
    expect(out(s, 15)).toEqual([
      'alice> SET a 1',
      'OK',
      'alice> INCR a',
      '(integer) 2',
      'alice> GET nothing',
      '(nil)',
      'alice> RPUSH l x y',
      '(integer) 2',
      'alice> LRANGE l 0 -1',
      '1) "x"',
      '2) "y"',
      'alice> HSET a f v',
      '(error) WRONGTYPE Operation against a key holding the wrong kind of value',
      'alice> FOO',
      "(error) ERR unknown command 'FOO', with args beginning with: ",
    ]);
    s.dispose();
  });

  it('keeps one connection per process: MULTI … EXEC across lines', async () => {
    const s = sandbox();
    for (const l of ['MULTI', 'SET x 1', 'INCR x', 'EXEC']) await s.prompt(l);
    expect(out(s, 9)).toEqual(['alice> MULTI', 'OK', 'alice> SET x 1', 'QUEUED', 'alice> INCR x', 'QUEUED', 'alice> EXEC', '1) OK', '2) (integer) 2']);
    s.dispose();
  });

  it("prints what zkCli's default watcher prints: a watch firing, the connection lost, the session expired", async () => {
    const s = sandbox();
    await s.prompt('create /cfg v1');
    await s.prompt('get -w /cfg');
    s.setAs('bob');
    await s.prompt('set /cfg v2');
    await s.runFor(100);
    const event = (state: string, type: string, path: string) => ['(alice got a ZooKeeper event)', 'WATCHER::', '', `WatchedEvent state:${state} type:${type} path:${path}`];
    // The first SyncConnected is zkCli's start-up line, not printed after a command.
    expect(s.getState().log.map((l) => l.text).filter((t) => t.startsWith('WatchedEvent'))).toEqual(['WatchedEvent state:SyncConnected type:NodeDataChanged path:/cfg']);
    expect(out(s, 4)).toEqual(event('SyncConnected', 'NodeDataChanged', '/cfg'));
    await s.command(command(':partition alice | zk'));
    await s.runFor(25_000); // alice's handle hears nothing for 2/3 of its 30 s session
    expect(out(s, 4)).toEqual(event('Disconnected', 'None', 'null'));
    await s.runFor(15_000); // the server expires the session; alice learns it when she reconnects
    await s.command(command(':heal'));
    await s.runFor(3_000);
    expect(out(s, 4)).toEqual(event('Expired', 'None', 'null'));
    s.dispose();
  });

  it('prints what zkCli prints, errors included', async () => {
    const s = sandbox();
    for (const l of ['create /a hello', 'create /a again', 'get /a', 'set /a bye', 'get /a', 'ls /', 'create -s /a/n- x', 'delete /a', 'get /nope', 'stat /nope', 'ls']) await s.prompt(l);
    expect(s.getState().log.slice(2).map((l) => l.text)).toEqual([
      'alice> create /a hello',
      'Created /a',
      'alice> create /a again',
      'Node already exists: /a',
      'alice> get /a',
      'hello',
      'alice> set /a bye',
      'alice> get /a',
      'bye',
      'alice> ls /',
      '[a, zookeeper]',
      'alice> create -s /a/n- x',
      'Created /a/n-0000000000',
      'alice> delete /a',
      'Node not empty: /a',
      'alice> get /nope',
      'Node does not exist: /nope',
      'alice> stat /nope',
      'Node does not exist: /nope',
      'alice> ls',
      'ls [-s] [-w] [-R] path',
    ]);
    s.dispose();
  });

  it('acts as the chosen process: its ephemerals are its own, and go with its session', async () => {
    const s = sandbox();
    s.setAs('bob');
    await s.prompt('create -e /me bob');
    expect(s.world.snapshot().zookeeper[0]!.sessions.map((x) => x.owner)).toEqual(['bob']);
    await s.command({ kind: 'crash', name: 'bob' });
    await s.prompt('GET a');
    expect(out(s, 1)).toEqual(['(error) bob has crashed and runs nothing (:restart bob)']);
    await s.runFor(40_000);
    expect(s.world.zkEngine('zk').node('/me')).toBeUndefined();
    s.dispose();
  });

  it('waits like a client: a paused process gets its reply after the pause, a cut-off one times out', async () => {
    const s = sandbox();
    await s.prompt('SET a 1');
    await s.command({ kind: 'pause', name: 'alice', ms: 8000 });
    await s.prompt('GET a');
    expect(out(s, 1)).toEqual(['(waiting: alice is paused; the reply will show when it arrives)']);
    await s.runFor(5000);
    expect(out(s, 1)).toEqual(['"1"']);
    await s.command({ kind: 'partition', a: ['alice'], b: ['redis'], ms: undefined });
    await s.prompt('GET a');
    expect(out(s, 1)[0]).toMatch(/^\(error\) ETIMEDOUT/);
    s.dispose();
  });

  it('is a world input: seeking back and forth rebuilds the same world, trace hash included', async () => {
    const s = sandbox();
    await s.prompt('SET a 1');
    await s.prompt('create /z 1');
    await s.command({ kind: 'crash', name: 'redis' });
    await s.runFor(500);
    const step = s.world.step;
    const hash = s.world.hash();
    await s.seek(2);
    expect(peekEntry(s.world, 'redis', 'a')).toBeUndefined();
    await s.seek(step);
    expect(s.world.hash()).toBe(hash);
    // Printed once: a replay does not print the reply again.
    expect(s.getState().log.filter((l) => l.text === 'OK')).toHaveLength(1);
    s.dispose();
  });

  it('says so when the world has no app to act as, or no server of the kind asked', async () => {
    const s = sandbox();
    await s.command({ kind: 'open', name: 'partition-and-heal', seed: 1 });
    await s.prompt('SET a 1');
    expect(out(s, 1)).toEqual(['(error) there is no Redis server in this world']);
    s.dispose();
  });
});
