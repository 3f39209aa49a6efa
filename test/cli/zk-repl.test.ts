/**
 * `redzoo zk` line by line. Expected output is what zkCli.sh 3.8.0 printed for the same lines
 * against a fresh ZooKeeper 3.8.0 (Debian 12), dates aside: here they come from a manual clock.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runZkRepl, zkCliArgsProblem, ZkCli } from '../../src/cli/zk-repl.js';
import { formatUsage } from '../../src/cli/zk-format.js';
import { createZooKeeper, ManualClock } from '../../src/zk-sim/index.js';

const T0 = 1700000000000; // Tue Nov 14 22:13:20 UTC 2023
const GREETING = [
  'Connecting to localhost:2181',
  'Welcome to ZooKeeper!',
  'JLine support is disabled',
  '',
  'WATCHER::',
  '',
  'WatchedEvent state:SyncConnected type:None path:null',
];

interface Run {
  /** stdout and stderr as they interleave. */
  all: string[];
  out: string[];
  err: string[];
  cli: ZkCli;
  clock: ManualClock;
}

function lines(s: string): string[] {
  const l = s.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** Feeds lines to a fresh REPL on a fresh engine (manual clock, dates in UTC). */
function run(...input: string[]): Run {
  const clock = new ManualClock(T0);
  let all = '';
  let out = '';
  let err = '';
  const cli = new ZkCli(createZooKeeper({ clock }), {
    timeZone: 'UTC',
    out: (s) => {
      all += s;
      out += s;
    },
    err: (s) => {
      all += s;
      err += s;
    },
  });
  cli.greet(false);
  for (const line of input) cli.executeLine(line);
  return { all: lines(all).slice(GREETING.length), out: lines(out), err: lines(err), cli, clock };
}

const stat = (o: Partial<Record<string, string | number>> = {}): string[] => {
  const s = {
    cZxid: '0x2',
    ctime: 'Tue Nov 14 22:13:20 UTC 2023',
    mZxid: '0x2',
    mtime: 'Tue Nov 14 22:13:20 UTC 2023',
    pZxid: '0x2',
    cversion: 0,
    dataVersion: 0,
    aclVersion: 0,
    ephemeralOwner: '0x0',
    dataLength: 0,
    numChildren: 0,
    ...o,
  };
  return Object.entries(s).map(([k, v]) => `${k} = ${v}`);
};

const watcher = (type: string, path: string, state = 'SyncConnected'): string[] => ['', 'WATCHER::', '', `WatchedEvent state:${state} type:${type} path:${path}`];
const USAGE = lines(formatUsage());

describe('redzoo zk, piped', () => {
  it('greets as zkCli.sh does without a terminal, then runs commands', () => {
    const r = run('create /a hello', 'get -s /a', 'ls /', 'ls -s /');
    expect(r.out.slice(0, GREETING.length)).toEqual(GREETING);
    expect(r.all).toEqual([
      'Created /a',
      'hello',
      ...stat({ dataLength: 5 }),
      '[a, zookeeper]',
      '[a, zookeeper]',
      ...stat({ cZxid: '0x0', ctime: 'Thu Jan 01 00:00:00 UTC 1970', mZxid: '0x0', mtime: 'Thu Jan 01 00:00:00 UTC 1970', numChildren: 2 }),
    ]);
  });

  it('prints on the stream zkCli.sh uses: Created, errors and usage on stderr', () => {
    const r = run('create /a hello', 'create /a x', 'get /a', 'get /nope', 'foo');
    expect(r.err).toEqual(['Created /a', 'Node already exists: /a', 'Node does not exist: /nope', ...USAGE, 'Command not found: Command not found foo']);
    expect(r.out.slice(GREETING.length)).toEqual(['hello']);
  });

  it('tells null data from empty data', () => {
    expect(run('create /n', 'get /n', 'create /e ""', 'get /e', 'get -s /e').all).toEqual([
      'Created /n',
      'null',
      'Created /e',
      '',
      '',
      ...stat({ cZxid: '0x3', mZxid: '0x3', pZxid: '0x3' }),
    ]);
  });

  it("tokenizes as zkCli.sh: quotes, stray quotes, ACL warnings, extra arguments", () => {
    expect(
      run('create /q "hello world"', 'get /q', 'create /q3 "a"b', 'create /q4 a"b c"d', 'set /q "x y" extra', 'get /q', 'create /x "hello world', 'get /x').all,
    ).toEqual([
      'Created /q',
      'hello world',
      'b does not have the form scheme:id:perm',
      'KeeperErrorCode = InvalidACL',
      'Acl is not valid : null',
      'c"d does not have the form scheme:id:perm',
      'KeeperErrorCode = InvalidACL',
      'Acl is not valid : null',
      'x y',
      // The stray quote is skipped: data "hello", ACL "world".
      'world does not have the form scheme:id:perm',
      'KeeperErrorCode = InvalidACL',
      'Acl is not valid : null',
      'Node does not exist: /x',
    ]);
  });

  it('takes a line of blanks as an unknown command, and a line of quotes as the previous command again', () => {
    expect(run('   ').all).toEqual([...USAGE, 'Command not found: Command not found  ']);
    expect(run('create /a x', '"', "'").all).toEqual(['Created /a', 'Node already exists: /a', 'Node already exists: /a']);
    // With no previous command, zkCli.sh dies of a NullPointerException; the REPL goes on.
    const r = run('"', 'ls /');
    expect(r.all[0]).toMatch(/^Exception in thread "main" java.lang.NullPointerException/);
    expect(r.all[1]).toBe('[zookeeper]');
  });

  it('reports every kind of failure with zkCli.sh messages', () => {
    expect(
      run(
        'create /d',
        'create /d/x',
        'delete /d',
        'delete -v 3 /d/x',
        'delete /d/x 0',
        'delete /zookeeper',
        'delete /zookeeper/quota',
        'create /a/b/c',
        'create -e /eph',
        'create /eph/x',
        'create bad',
        'create /bad/',
        'create //a',
        'create -s /d/',
        'create /d/.',
        'get ""',
        'stat /nope',
        'set -v 7 /d x',
        'create -t 10 -e /x',
        'create -c -t 10 /x',
        'create -c -s /x',
        'create -t abc /x',
        'create -t 0 /x',
        'create -t',
        'get -z /a',
        'ls',
        'get',
        'getAllChildrenNumber',
        'sync',
        'version x',
      ).all,
    ).toEqual([
      'Created /d',
      'Created /d/x',
      'Node not empty: /d',
      'version No is not valid : /d/x',
      "'delete path [version]' has been deprecated. Please use 'delete [-v version] path' instead.",
      'Arguments are not valid : /zookeeper',
      'Arguments are not valid : /zookeeper/quota',
      'Node does not exist: /a/b/c',
      'Created /eph',
      'Ephemerals cannot have children: /eph/x',
      'Path must start with / character',
      'Path must not end with / character',
      'Invalid path string "//a" caused by empty node name specified @1',
      'Created /d/0000000001',
      'Invalid path string "/d/." caused by relative paths not allowed @3',
      'Path length must be > 0',
      'Node does not exist: /nope',
      'version No is not valid : /d',
      'TTLs cannot be used with Ephemeral znodes',
      'TTLs cannot be used with Container znodes',
      '-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.',
      '-t argument must be a long value',
      'ttl must be positive and cannot be larger than: 1099511627775',
      'org.apache.commons.cli.MissingArgumentException: Missing argument for option: t',
      'org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -z',
      'ls [-s] [-w] [-R] path',
      'get [-s] [-w] path',
      'getAllChildrenNumber path',
      'sync path',
      'version ',
    ]);
  });

  it('prints deleteall, getEphemerals, getAllChildrenNumber, sync, version, whoami, config as zkCli.sh', () => {
    expect(
      run(
        'create /d',
        'create /d/x',
        'deleteall /zookeeper',
        'deleteall /nope',
        'deleteall -b x /d',
        'deleteall /d',
        'create -e /e1',
        'create -e /e2',
        'create -e /e30000000015',
        'create /q',
        'create -e /q/e4 data',
        'create /q2',
        'create -e /q2/e5',
        'create -e /zz',
        'getEphemerals',
        'getEphemerals /e',
        'getEphemerals /nope',
        'getEphemerals nope',
        'getAllChildrenNumber /',
        'sync /nope',
        'sync nope',
        'version',
        'whoami',
        'config',
      ).all,
    ).toEqual([
      'Created /d',
      'Created /d/x',
      'Failed to delete some node(s) in the subtree!',
      'Node does not exist: /nope',
      '-b argument must be an int value',
      'Created /e1',
      'Created /e2',
      'Created /e30000000015',
      'Created /q',
      'Created /q/e4',
      'Created /q2',
      'Created /q2/e5',
      'Created /zz',
      // The session's HashSet order, as a real server gave it for these names.
      '[/e30000000015, /q/e4, /e1, /e2, /q2/e5, /zz]',
      '[/e30000000015, /e1, /e2]',
      '[]',
      'Path must start with / character',
      '11',
      'Sync is OK',
      'Path must start with / character',
      'ZooKeeper CLI version: 3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC',
      'Auth scheme: User',
      'ip: 127.0.0.1',
      '',
    ]);
  });

  it('prints fired watches as WATCHER:: blocks, before the output of the command that fired them', () => {
    expect(run('create /a', 'get -w /a', 'set /a x', 'ls -w /', 'stat -w /b', 'create /b', 'stat /b watch', 'delete /b').all).toEqual([
      'Created /a',
      'null',
      ...watcher('NodeDataChanged', '/a'),
      '[a, zookeeper]',
      'Node does not exist: /b',
      ...watcher('NodeCreated', '/b'),
      ...watcher('NodeChildrenChanged', '/'),
      'Created /b',
      "'stat path [watch]' has been deprecated. Please use 'stat [-w] path' instead.",
      ...stat({ cZxid: '0x4', mZxid: '0x4', pZxid: '0x4' }),
      ...watcher('NodeDeleted', '/b'),
    ]);
  });

  it('adds and removes persistent watches; removal fires its events; printwatches off hides them', () => {
    expect(
      run(
        'create /aw',
        'addWatch /aw',
        'create /aw/c1',
        'addWatch -m persistent /aw/c1',
        'set /aw/c1 y',
        'addWatch -m bad /aw',
        'addWatch -m',
        'removewatches /aw',
        'removewatches /aw',
        'removewatches /aw/c1 -d',
        'get -w /aw',
        'removewatches /aw -d',
        'removewatches /aw -x',
        'removewatches',
        'removewatches nope',
        'printwatches off',
        'printwatches',
        'delete /aw/c1',
        'printwatches on',
        'printwatches',
      ).all,
    ).toEqual([
      'Created /aw',
      ...watcher('NodeCreated', '/aw/c1'),
      'Created /aw/c1',
      // One event for the two watches of the same watcher.
      ...watcher('NodeDataChanged', '/aw/c1'),
      'addWatch [-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - default is PERSISTENT_RECURSIVE',
      'org.apache.commons.cli.MissingArgumentException: Missing argument for option: m',
      ...watcher('PersistentWatchRemoved', '/aw'),
      'KeeperErrorCode = No such watcher for /aw',
      'KeeperErrorCode = No such watcher for /aw/c1',
      'null',
      ...watcher('DataWatchRemoved', '/aw'),
      'org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -x',
      'removewatches path [-c|-d|-a] [-l]',
      'Path must start with / character',
      'printwatches is off',
      'printwatches is on',
    ]);
  });

  it("keeps addWatch's mode from one addWatch to the next, as zkCli.sh's single AddWatchCommand does", () => {
    expect(run('addWatch -m PERSISTENT /other', 'create /a', 'addWatch /a', 'create /a/x').all).toEqual([
      'Created /a',
      // /a's watch is PERSISTENT, not the default PERSISTENT_RECURSIVE: a child event, not NodeCreated.
      ...watcher('NodeChildrenChanged', '/a'),
      'Created /a/x',
    ]);
  });

  it('closes and reconnects: Not connected in between, the ephemerals gone after', () => {
    const r = run('create -e /eph1 x', 'close', 'ls /', 'get /eph1', 'close', 'history', 'connect', 'ls /');
    expect(r.all).toEqual([
      'Created /eph1',
      ...watcher('None', 'null', 'Closed'),
      'Not connected',
      'Not connected',
      'Not connected',
      '0 - create -e /eph1 x',
      '1 - close',
      '2 - ls /',
      '3 - get /eph1',
      '4 - close',
      '5 - history',
      // history prints, then the connection check still says so.
      'Not connected',
      ...watcher('None', 'null', 'SyncConnected'),
      '[zookeeper]',
    ]);
    expect(r.cli.prompt()).toBe('[zk: localhost:2181(CONNECTED) 8] ');
    r.cli.executeLine('close');
    expect(r.cli.prompt()).toBe('[zk: localhost:2181(CLOSED) 9] ');
  });

  it('redoes history entries and refuses what zkCli.sh refuses', () => {
    // A redo is stored as the line it ran, so only a failed redo stays in the history as one.
    expect(run('create /a v', 'get /a', 'redo 1', 'redo 99', 'redo 3', 'redo 2', 'redo -1', 'redo').all).toEqual([
      'Created /a',
      'v',
      'v',
      'Command index out of range',
      'No redoing redos',
      'v',
      'Command index out of range',
    ]);
  });

  it('goes on where zkCli.sh dies of an uncaught exception', () => {
    expect(run('create /a x', 'set -v abc /a y', 'delete -v x /a', 'redo x', 'addWatch nope', 'setAcl -v z /a world:anyone:r', 'get /a').all).toEqual([
      'Created /a',
      'Exception in thread "main" java.lang.NumberFormatException: For input string: "abc"',
      'Exception in thread "main" java.lang.NumberFormatException: For input string: "x"',
      'Exception in thread "main" java.lang.NumberFormatException: For input string: "x"',
      'Exception in thread "main" java.lang.IllegalArgumentException: Path must start with / character',
      'Exception in thread "main" java.lang.NumberFormatException: For input string: "z"',
      'x',
    ]);
  });

  it('parses options as commons-cli: clusters, attached values, --, deprecated forms, ls -?', () => {
    expect(
      run('create /p1 a', 'get -sw /p1', 'get --s /p1', 'get -- /p1', 'get - /p1', 'set -v0 /p1 b', 'set -v=1 /p1 c', 'set -v -1 /p1 d', 'create -est /p3', 'ls -?', 'ls /p1 watch').all,
    ).toEqual([
      'Created /p1',
      'a',
      ...stat({ dataLength: 1 }),
      'org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: --s',
      'a',
      "'get path [watch]' has been deprecated. Please use 'get [-s] [-w] path' instead.",
      'Path must start with / character',
      ...watcher('NodeDataChanged', '/p1'),
      'create [-s] [-e] [-c] [-t ttl] path [data] [acl]',
      'usage: ls [options] path',
      ' -?   help',
      ' -R   recurse',
      ' -s   stat',
      ' -w   watch',
      'ls [-s] [-w] [-R] path',
      "'ls path [watch]' has been deprecated. Please use 'ls [-w] path' instead.",
      '[]',
    ]);
  });

  it('lists a subtree with ls -R: each level sorted before descending', () => {
    expect(run('create /b', 'create /a', 'create /a/y', 'create /a/x', 'create /a/x/z', 'ls -R /', 'ls -R /a/x', 'ls -R /nope').all.slice(5)).toEqual([
      '/',
      '/a',
      '/b',
      '/zookeeper',
      '/a/x',
      '/a/y',
      '/a/x/z',
      '/zookeeper/config',
      '/zookeeper/quota',
      '/a/x',
      '/a/x/z',
      'Node does not exist: /nope',
    ]);
  });

  it('prints ACLs and digest authentication as zkCli.sh', () => {
    expect(
      run(
        'getAcl /',
        'create /ro x world:anyone:r',
        'set /ro y',
        'create /acl4 x world:anyone:rwzq',
        'getAcl /acl4',
        'create /b1 x auth::cdrwa',
        'addauth digest u:p',
        'addauth digest nocolon',
        'create /b4 x auth::cdrwa',
        'getAcl /b4',
        'whoami',
        'setAcl /acl4 bogus',
        'setAcl -s /acl4 world:anyone:cdrwa',
      ).all,
    ).toEqual([
      "'world,'anyone",
      ': cdrwa',
      'Created /ro',
      'Insufficient permission : /ro',
      'Unknown perm type: z',
      'Unknown perm type: q',
      'Created /acl4',
      "'world,'anyone",
      ': rw',
      'KeeperErrorCode = InvalidACL for /b1',
      'Acl is not valid : /b1',
      'Created /b4',
      // auth:: stands for every id the session has authenticated as.
      "'digest,'u:Jq7wMyA/w2Vd5WIDAKdu4OIIFEQ=",
      ': cdrwa',
      "'digest,'nocolon:Ra+cHr2ZoHvBjtNArFGNGlVie4g=",
      ': cdrwa',
      'Auth scheme: User',
      'digest: nocolon',
      'ip: 127.0.0.1',
      'digest: u',
      'bogus does not have the form scheme:id:perm',
      'Acl is not valid : null',
      'Insufficient permission : /acl4',
    ]);
  });

  it('fails the connection on an unknown auth scheme', () => {
    const r = run('addauth foo bar', 'ls /');
    expect(r.all).toEqual([...watcher('None', 'null', 'AuthFailed'), 'Not connected']);
    expect(r.cli.prompt()).toBe('[zk: localhost:2181(AUTH_FAILED) 2] ');
  });

  it('sets, lists and deletes quotas as zkCli.sh, the server counting what lies below', () => {
    const r = run(
      'create /q',
      'create /q/a 12345',
      'listquota /q',
      'setquota -n 2 /q',
      'listquota /q',
      'create /q/b',
      'setquota -N 3 /q',
      'set /q/a 1234567890',
      'setquota -B 5 /q',
      'listquota /q',
      'setquota -n 1 /q/a',
      'setquota -n 1 /',
      'setquota -n 1 /nope',
      'setquota -n 0 /q',
      'setquota -b -1 /q',
      'setquota -n x /q',
      'setquota -n 1 /zookeeper/quota/q',
      'setquota /q',
      'setquota -n 1 -b 2 /q',
      'delquota -n /q',
      'delquota -B /q',
      'listquota /q',
      'delete /q/b',
      'listquota /q',
      'delquota /q',
      'listquota /q',
      'delquota /q',
      'ls /zookeeper/quota',
    );
    expect(r.all).toEqual([
      'Created /q',
      'Created /q/a',
      'absolute path is /zookeeper/quota/q/zookeeper_limits',
      'quota for /q does not exist.',
      'absolute path is /zookeeper/quota/q/zookeeper_limits',
      'Output quota for /q count=2,bytes=-1=;byteHardLimit=-1;countHardLimit=-1',
      'Output stat for /q count=2,bytes=5',
      'Created /q/b',
      '[Warning]: the count quota you create is less than the existing count:3',
      '[Warning]: the count quota you create is less than the existing count:3',
      '[Warning]: the bytes quota you create is less than the existing bytes:10',
      'absolute path is /zookeeper/quota/q/zookeeper_limits',
      'Output quota for /q count=2,bytes=-1=;byteHardLimit=5;countHardLimit=3',
      'Output stat for /q count=3,bytes=10',
      '/q/a has a parent /q which has a quota',
      'Path must not end with / character',
      '/nope does not exist.',
      'the num quota must be greater than zero',
      'the bytes quota must be greater than or equal to zero',
      'NumberFormatException happens when parsing the option value',
      'cannot set a quota under the path: /zookeeper/quota',
      'org.apache.commons.cli.MissingOptionException: Missing required option: [-n num soft quota, -b bytes soft quota, -N num hard quota, -B bytes hard quota]',
      "org.apache.commons.cli.AlreadySelectedException: The option 'b' was specified but an option from this group has already been selected: 'n'",
      'absolute path is /zookeeper/quota/q/zookeeper_limits',
      'Output quota for /q count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=3',
      'Output stat for /q count=3,bytes=10',
      'absolute path is /zookeeper/quota/q/zookeeper_limits',
      'Output quota for /q count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=3',
      'Output stat for /q count=2,bytes=10',
      'absolute path is /zookeeper/quota/q/zookeeper_limits',
      'quota for /q does not exist.',
      'Quota does not exist for /q',
      '[]',
    ]);
    // The warnings, the listing and "Quota does not exist" go to stdout, the rest to stderr.
    expect(r.out.filter((l) => /^(\[Warning\]|Output|Quota)/.test(l))).toHaveLength(12);
    expect(r.err.filter((l) => /^(\[Warning\]|Output|Quota)/.test(l))).toEqual([]);
    expect(r.err).toContain('absolute path is /zookeeper/quota/q/zookeeper_limits');
  });

  it('refuses a quota above or below another, and counts /zookeeper itself with its quota nodes', () => {
    expect(
      run(
        'create /a x',
        'create /a/b yy',
        'create /a/b/c zzz',
        'setquota -n 10 /a/b',
        'setquota -n 10 /a',
        'setquota -b 5 /a/b/c',
        'delquota /a/b/',
        'listquota q',
        'setquota -n 1 /zookeeper',
        'listquota /zookeeper',
      ).all,
    ).toEqual([
      'Created /a',
      'Created /a/b',
      'Created /a/b/c',
      '/a has a child /a/b which has a quota',
      '/a/b/c has a parent /a/b which has a quota',
      'Invalid path string "/zookeeper/quota/a/b//zookeeper_limits" caused by empty node name specified @21',
      'absolute path is /zookeeper/quotaq/zookeeper_limits',
      'quota for q does not exist.',
      '[Warning]: the count quota you create is less than the existing count:11',
      'absolute path is /zookeeper/quota/zookeeper/zookeeper_limits',
      'Output quota for /zookeeper count=1,bytes=-1=;byteHardLimit=-1;countHardLimit=-1',
      'Output stat for /zookeeper count=11,bytes=150',
    ]);
  });

  it('checks reconfig as zkCli.sh, then the standalone server refuses it with a zxid taken', () => {
    const r = run(
      'create /a',
      'reconfig',
      'reconfig -remove 1',
      'reconfig -s -v 1 -remove 3',
      'reconfig -v xyz -remove 3',
      'reconfig -add 1 -members 2',
      'reconfig -file a -members 2',
      'reconfig -file /nonexistent/redzoo',
      'reconfig -remove',
      'create /b',
      'stat /b',
    );
    expect(r.all.slice(0, 10)).toEqual([
      'Created /a',
      'reconfig [-s] [-v version] [[-file path] | [-members serverID=host:port1:port2;port3[,...]*]] | [-add serverId=host:port1:port2;port3[,...]]* [-remove serverId[,...]*]',
      'KeeperErrorCode = Reconfig is disabled',
      'KeeperErrorCode = Reconfig is disabled',
      '-v must be followed by a long (configuration version)',
      "Can't use -file or -members together with -add or -remove (mixing incremental and non-incremental modes is not allowed)",
      "Can't use -file and -members together (conflicting non-incremental modes)",
      'Error processing /nonexistent/redzoo/nonexistent/redzoo (No such file or directory)',
      'org.apache.commons.cli.MissingArgumentException: Missing argument for option: remove',
      'Created /b',
    ]);
    // /a took zxid 2 (the session 1), the two refused reconfigs 3 and 4.
    expect(r.all[10]).toBe('cZxid = 0x5');
  });

  it('refuses TTL nodes as ZooKeeper does without extendedTypesEnabled', () => {
    let all = '';
    const cli = new ZkCli(createZooKeeper({ clock: new ManualClock(T0), extendedTypesEnabled: false }), {
      out: (s) => (all += s),
      err: (s) => (all += s),
    });
    cli.greet(false);
    for (const line of ['create -t 1000 /t x', 'create -s -t 1000 /ts x', 'create /t', 'create -t 1000 /t/x', 'ls /']) cli.executeLine(line);
    expect(lines(all).slice(GREETING.length)).toEqual([
      'KeeperErrorCode = Unimplemented for /t',
      'KeeperErrorCode = Unimplemented for /ts',
      'Created /t',
      'KeeperErrorCode = Unimplemented for /t/x',
      '[t, zookeeper]',
    ]);
  });

  it('never throws and never reports an internal error, whatever the line', () => {
    const cli = run().cli;
    const words = ['create', 'get', 'set', 'ls', 'stat', 'delete', 'deleteall', 'addWatch', 'removewatches', 'getAcl', 'setAcl', 'sync',
      'getEphemerals', 'redo', 'history', 'printwatches', 'close', 'connect', 'addauth', 'config', 'whoami', 'version', 'getAllChildrenNumber',
      'setquota', 'listquota', 'delquota', '-n', '-N', '-B', '-s', '-w', '-e', '-c', '-t', '-v', '-R', '-m', '-b', '-1', '0', '5', '/', '/a', '/a/b', '//', 'x', '"', "'", 'world:anyone:r', 'digest', '--', 'on', 'off'];
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 6 }), { maxLength: 12 }), (script) => {
        let err = '';
        const c = new ZkCli(createZooKeeper({ clock: new ManualClock(T0) }), { out: () => {}, err: (s) => (err += s) });
        for (const words of script) c.executeLine(words.join(' '));
        expect(err).not.toContain('internal error');
      }),
      { numRuns: 300 },
    );
    expect(() => cli.executeLine('ls /')).not.toThrow();
  });
});

describe('runZkRepl with piped input', () => {
  async function pipe(input: string): Promise<{ code: number; out: string; err: string }> {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    const done = runZkRepl({ input: stdin, output: stdout, errorOutput: stderr, interactive: false, args: ['-server', '127.0.0.1:2181'] });
    stdin.end(input);
    return { code: await done, out, err };
  }

  it('reads lines ended by \\n, \\r\\n or \\r, and a last line without an end', async () => {
    const r = await pipe('create /a x\r\nget /a\rls /');
    expect(r.out).toBe(['Connecting to 127.0.0.1:2181', ...GREETING.slice(1), 'x', '[a, zookeeper]', ''].join('\n'));
    expect(r.err).toBe('Created /a\n');
    expect(r.code).toBe(0);
  });

  it("exits with the last command's code: 0, 1 after a failure, 127 after an unknown command", async () => {
    expect((await pipe('get /nope\n')).code).toBe(1);
    expect((await pipe('nope\n')).code).toBe(127);
    expect((await pipe('get /nope\nls /\n')).code).toBe(0);
    // quit leaves with the code of the command before it, after the Closed event.
    const q = await pipe('get /nope\nquit\nls /\n');
    expect(q.code).toBe(1);
    expect(q.out.endsWith('\nWATCHER::\n\nWatchedEvent state:Closed type:None path:null\n')).toBe(true);
  });

  it('checks its own arguments as zkCli.sh options', () => {
    expect(zkCliArgsProblem([])).toBeNull();
    expect(zkCliArgsProblem(['-server', 'h:1', '-timeout', '5000', '-r'])).toBeNull();
    expect(zkCliArgsProblem(['-server'])).toBe('-server needs a value');
    expect(zkCliArgsProblem(['-timeout', 'x'])).toBe("invalid timeout 'x'");
    expect(zkCliArgsProblem(['ls', '/'])).toBe("unexpected argument 'ls'");
  });
});

describe('the redzoo zk command', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  it('runs from bin/redzoo.js, stdout and stderr apart', () => {
    expect(existsSync(`${root}/dist/cli/zk-repl.js`), 'run `npm run build` first').toBe(true);
    const r = spawnSync('node', ['bin/redzoo.js', 'zk'], { cwd: root, input: 'create /a "hi there"\nget /a\nget /b\n', encoding: 'utf8' });
    expect(r.stdout).toBe([...GREETING, 'hi there', ''].join('\n'));
    expect(r.stderr).toBe('Created /a\nNode does not exist: /b\n');
    expect(r.status).toBe(1);
    const bad = spawnSync('node', ['bin/redzoo.js', 'zk', 'ls'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^redzoo zk: unexpected argument 'ls'/);
  });
});
