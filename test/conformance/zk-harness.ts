/**
 * The ZooKeeper differential harness: a real ZooKeeper 3.8 (Debian's jars) started on a free
 * port in 2181-2189 with a fresh dataDir, the real zkCli.sh (ZooKeeperMain) fed a script on
 * stdin, redzoo's REPL fed the same script in this process, and the normalisation that makes
 * the two transcripts comparable: wall-clock dates, session ids and the absolute zxid base.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZkCli, type ZkServerLike } from '../../src/cli/zk-repl.js';
import { defaultTimeZone } from '../../src/cli/zk-format.js';
import { Rng } from './harness.js';

const JARS = '/usr/share/java';
const CLASSPATH = ['zookeeper.jar', 'zookeeper-jute.jar', 'slf4j-api.jar', 'slf4j-nop.jar', 'commons-cli.jar', 'netty-all.jar']
  .map((j) => join(JARS, j))
  .join(':');

/** The JVM runs in the zone this process prints dates in, so epoch dates compare exactly. */
const ZONE = defaultTimeZone();
const JAVA_ENV = { ...process.env, TZ: ZONE, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
const JAVA_OPTS = [`-Duser.timezone=${ZONE}`, '-Dfile.encoding=UTF-8', '-Xshare:auto', '-XX:TieredStopAtLevel=1'];

/** True when java and the zookeeper jars are here; under CI their absence is a failure, never a skip. */
export function haveRealZooKeeper(): boolean {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' }).status === 0;
  const jars = CLASSPATH.split(':').every((j) => existsSync(j));
  if ((!java || !jars) && process.env.CI) {
    throw new Error(
      `CI: ${!java ? 'java' : 'the zookeeper jars'} missing (apt-get install zookeeper); the ZooKeeper conformance suite cannot be skipped`,
    );
  }
  return java && jars;
}

/** The ports this suite may use (others use 2191 and up). */
const PORTS = [2181, 2182, 2183, 2184, 2185, 2186, 2187, 2188, 2189];
const claimed = new Set<number>();

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A free port in 2181-2189, not handed out to another server of this process. */
export async function freeZkPort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    for (const port of PORTS) {
      if (claimed.has(port)) continue;
      if (await portFree(port)) {
        claimed.add(port);
        return port;
      }
    }
    await sleep(100);
  }
  throw new Error('no free port in 2181-2189');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Asks the four-letter word `srvr` (whitelisted by default); resolves with the answer or ''. */
function srvr(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let text = '';
    socket.setTimeout(1000);
    socket.on('connect', () => socket.write('srvr'));
    socket.on('data', (d) => (text += d.toString('utf8')));
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(''));
    socket.on('timeout', () => socket.destroy());
  });
}

export class RealZooKeeper {
  private constructor(
    readonly port: number,
    private readonly proc: ReturnType<typeof spawn>,
    private readonly dir: string,
  ) {}

  /** A standalone server with a fresh dataDir, serving once `srvr` says so. */
  static async start(): Promise<RealZooKeeper> {
    const port = await freeZkPort();
    const dir = mkdtempSync(join(tmpdir(), 'redzoo-zk-'));
    const cfg = join(dir, 'zoo.cfg');
    writeFileSync(
      cfg,
      [
        'tickTime=2000',
        `dataDir=${dir}`,
        `clientPort=${port}`,
        'clientPortAddress=127.0.0.1',
        'admin.enableServer=false',
        'extendedTypesEnabled=true',
        '',
      ].join('\n'),
    );
    const proc = spawn('java', [...JAVA_OPTS, '-cp', CLASSPATH, 'org.apache.zookeeper.server.ZooKeeperServerMain', cfg], {
      stdio: 'ignore',
      env: JAVA_ENV,
    });
    const server = new RealZooKeeper(port, proc, dir);
    for (let i = 0; i < 200; i++) {
      if (proc.exitCode !== null) break;
      if ((await srvr(port)).includes('Mode: standalone')) return server;
      await sleep(50);
    }
    server.stop();
    throw new Error(`ZooKeeper did not start on port ${port}`);
  }

  stop(): void {
    this.proc.kill('SIGKILL');
    claimed.delete(this.port);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface Transcript {
  /** stdout and stderr as they interleave (2>&1). */
  merged: string;
  stdout: string;
  stderr: string;
}

/**
 * The real zkCli.sh with the script on stdin. `merged` runs it with 2>&1 (the order a terminal
 * shows); `split` runs it with separate pipes (which stream each line goes to). One run is one
 * or the other: the two orders cannot be read from one run.
 */
export function runRealZkCli(port: number, script: string, mode: 'merged' | 'split'): Promise<Transcript> {
  return new Promise((resolve, reject) => {
    const java = ['java', ...JAVA_OPTS, '-cp', CLASSPATH, 'org.apache.zookeeper.ZooKeeperMain', '-server', `127.0.0.1:${port}`]
      .map((a) => `'${a.replace(/'/g, "'\\''")}'`)
      .join(' ');
    const proc = spawn('sh', ['-c', mode === 'merged' ? `exec ${java} 2>&1` : `exec ${java}`], {
      env: JAVA_ENV,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    proc.stdout.on('data', (d: Buffer) => out.push(d));
    proc.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => proc.kill('SIGKILL'), 60_000);
    proc.on('error', reject);
    proc.on('close', () => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      resolve({ merged: mode === 'merged' ? stdout : '', stdout, stderr });
    });
    proc.stdin.end(script);
  });
}

/** redzoo's REPL, in this process, on a fresh engine on the wall clock, fed the same script. */
export function runRedzooZkCli(server: ZkServerLike, host: string, script: string): Transcript & { exitCode: number } {
  let merged = '';
  let stdout = '';
  let stderr = '';
  const cli = new ZkCli(server, {
    host,
    out: (s) => {
      merged += s;
      stdout += s;
    },
    err: (s) => {
      merged += s;
      stderr += s;
    },
  });
  cli.greet(false);
  // BufferedReader.readLine: the last line needs no newline.
  const lines = script.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    cli.executeLine(line);
    if (cli.quitting) break;
  }
  return { merged, stdout, stderr, exitCode: cli.exitCode };
}

const JAVA_DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} \S+ \d{4}$/;

/**
 * Makes a transcript comparable: wall-clock dates become <time> (the epoch dates of / and
 * /zookeeper stay as they are), zxids are written relative to the first non-zero one printed
 * (so their increments must match), session ids become <session1>, <session2>... in order of
 * appearance. A line that does not have the expected shape is left alone, so it shows in the diff.
 */
export function normalizeTranscript(text: string): string[] {
  let base: bigint | null = null;
  const sessions = new Map<string, string>();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => {
    let m = /^(ctime|mtime) = (.*)$/.exec(line);
    if (m) {
      if (m[2]!.endsWith(' 1970') || m[2]!.endsWith(' 1969')) return line;
      return JAVA_DATE.test(m[2]!) ? `${m[1]} = <time>` : line;
    }
    m = /^(cZxid|mZxid|pZxid) = 0x([0-9a-f]+)$/.exec(line);
    if (m) {
      const v = BigInt(`0x${m[2]}`);
      if (v === 0n) return line;
      base ??= v;
      return `${m[1]} = <zxid+${v - base}>`;
    }
    m = /^ephemeralOwner = 0x([0-9a-f]+)$/.exec(line);
    if (m && m[1] !== '0') {
      if (!sessions.has(m[1]!)) sessions.set(m[1]!, `<session${sessions.size + 1}>`);
      return `ephemeralOwner = ${sessions.get(m[1]!)}`;
    }
    return line;
  });
}

/** The line every script uses as a barrier: `sync /` answers after all earlier watch events. */
export const BARRIER = 'sync /';

/**
 * zkCli prints watch events from its event thread and everything else from its main thread, so
 * an event and the output of the command that caused it interleave differently from run to run
 * (at line granularity: "\nWATCHER::" and "\nWatchedEvent ..." are each one println). A sync's
 * "Sync is OK" comes after every event queued before it, so the scripts put `sync /` after each
 * command that can fire a watch, and the comparison puts, between two "Sync is OK", the event
 * lines after the other lines, in their order. Everything else is compared in place.
 */
export function canonicalOrder(lines: readonly string[]): string[] {
  const out: string[] = [];
  let events: string[] = [];
  /**
   * The events one removewatches raises come out of a HashMap keyed by EventType, whose hash is
   * the enum's identity hash: their order changes from one JVM to the next. Runs of them are
   * sorted (each event is the two pairs "", "WATCHER::" and "", "WatchedEvent ...").
   */
  const flush = (): void => {
    const units: string[][] = [];
    for (let i = 0; i < events.length; i += 2) {
      if (events[i + 1] === 'WATCHER::' || units.length === 0) units.push([]);
      units[units.length - 1]!.push(events[i]!, events[i + 1]!);
    }
    const removal = (u: string[]): boolean => /type:\w+WatchRemoved /.test(u[u.length - 1]!);
    for (let i = 0; i < units.length; ) {
      let j = i;
      while (j < units.length && removal(units[j]!)) j++;
      if (j > i + 1) units.splice(i, j - i, ...units.slice(i, j).sort((a, b) => (a.join('\n') < b.join('\n') ? -1 : 1)));
      i = Math.max(j, i + 1);
    }
    out.push(...units.flat());
    events = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    if (line === '' && (next === 'WATCHER::' || (next !== undefined && next.startsWith('WatchedEvent ')))) {
      events.push(line, next);
      i++;
      continue;
    }
    if (line === 'Sync is OK') flush();
    out.push(line);
  }
  flush();
  return out;
}

/**
 * deleteall prints "Failed to delete some node(s) in the subtree!" when a batch failed, unless
 * its own race hides it: ZKUtil.deleteInBatch's callback releases the semaphore before it
 * records the failure, so the main thread sometimes reads success first. The line is dropped
 * from both transcripts (the unit tests check that redzoo prints it).
 */
const RACY_LINES = new Set(['Failed to delete some node(s) in the subtree!']);

/** All the steps: what the suite compares line by line. */
export function comparable(text: string): string[] {
  return canonicalOrder(normalizeTranscript(text).filter((l) => !RACY_LINES.has(l)));
}

// --- seeded scripts -----------------------------------------------------------------------------

/** The same seeded PRNG as the Redis suite: the printed seed reproduces a script. */
export { Rng };

/** Commands after which a watch event may be on its way: a barrier follows them. */
const FIRES = /^\s*(create|set|delete|deleteall|connect|removewatches|redo|setAcl|setquota|delquota)\b/;

/** Names under every parent: a small pool, so creates, sets and deletes keep colliding. */
const NAMES = ['a', 'b', 'c', 'x', 'y'];
const BAD_PATHS = ['a', 'a/b', '/a/', '//a', '/a//b', '/a/./b', '/a/../b', '/.', '/..', '/a/.', '""', "''"];
const DATA = ['v1', 'v2', 'hello', '"two words"', "'single quoted'", '""', '123', 'x=y', '{json:1}', 'ünï'];
const USAGE_ERRORS = [
  'get', 'set /a', 'ls', 'stat', 'delete', 'create', 'create -t', 'create -c -e /c', 'create -e -t 10 /c',
  'create -c -t 10 /c', 'get -x /a', 'ls --s /', 'set --v 1 /a x', 'sync', 'getAcl', 'addWatch', 'addWatch -m',
  'removewatches', 'removewatches /a -x', 'deleteall', 'deleteall -b x /a', 'getAllChildrenNumber', 'help',
  'foo bar', 'LS /', 'version x', 'printwatches', 'history', 'get /a watch', 'ls /a watch', 'stat /a watch',
  'delete /zookeeper', 'delete /zookeeper/quota', 'ls -?', 'setAcl /a', 'addauth', 'create -s -c /a',
  'setquota', 'setquota /a', 'setquota -n', 'setquota -n 1', 'setquota -n 1 -b 2 /a', 'setquota -x 1 /a', 'listquota',
  'delquota', 'delquota -n -N /a', 'delquota -v /a',
  // A standalone server refuses reconfig (ReconfigDisabled, a zxid taken); zkCli checks the modes first.
  'reconfig', 'reconfig -remove 1', 'reconfig -s -v 1 -add server.2=127.0.0.1:2888:3888;2182', 'reconfig -v xyz -remove 1',
  'reconfig -members server.1=127.0.0.1:2888:3888;2181 -remove 1', 'reconfig -file /nonexistent/redzoo', 'reconfig -file a -members b',
];

/** A znode as the generator believes it is (only to steer choices; ZooKeeper decides). */
interface ModelNode {
  ephemeral: boolean;
  perms: string;
  version: number;
  /** Children ever created: the next sequential suffix. */
  created: number;
}

/**
 * One zkCli script: `sync /` first, then about `length` commands over a small tree, each
 * command that can fire a watch followed by a `sync /` barrier (see canonicalOrder), and no
 * `quit` (the server is thrown away; the end of input ends zkCli). A rough model of the tree
 * steers most commands to znodes that exist (or to parents that do, for creates), the rest to
 * random and bad paths. Commands that make zkCli.sh itself die (set -v x, redo x, addWatch on a
 * bad path) and races of its threads (addauth with a bad scheme) are left out; what ZooKeeper
 * decides is not.
 */
export function generateZkScript(seed: number, length: number): string[] {
  const r = new Rng(seed);
  const lines = ['sync /'];
  const tree = new Map<string, ModelNode>([['/', { ephemeral: false, perms: 'cdrwa', version: 0, created: 0 }]]);
  let authed = false;
  const maybe = (p: number, flag: string): string => (r.chance(p) ? `${flag} ` : '');
  const data = (): string => r.pick(DATA);
  const parentOf = (p: string): string => p.slice(0, p.lastIndexOf('/')) || '/';
  const depth = (p: string): number => (p === '/' ? 0 : p.split('/').length - 1);
  const randomPath = (): string => {
    let p = '';
    for (let d = r.pick([1, 1, 2, 2, 3]); d > 0; d--) p += `/${r.pick(NAMES)}`;
    return p;
  };
  const existing = (): string[] => [...tree.keys()].filter((p) => p !== '/');
  /** Mostly a znode that exists; sometimes any path. */
  const target = (): string => {
    const e = existing();
    return e.length > 0 && r.chance(0.75) ? r.pick(e) : randomPath();
  };
  /** Mostly a child of a znode that can have one; sometimes any path. */
  const newPath = (): string => {
    const parents = [...tree.entries()].filter(([p, n]) => !n.ephemeral && depth(p) < 3).map(([p]) => p);
    if (r.chance(0.2)) return randomPath();
    const parent = r.pick(parents);
    return `${parent === '/' ? '' : parent}/${r.pick(NAMES)}`;
  };
  const version = (p: string): string => {
    const n = tree.get(p);
    return String(n && r.chance(0.6) ? n.version : r.pick([-1, 0, 1, 2, 5]));
  };
  const subtree = (p: string): string[] => [...tree.keys()].filter((k) => k === p || k.startsWith(`${p}/`));

  /** Applies what a command probably did to the model. */
  const apply = (words: string[], line: string): void => {
    const cmd = words[0];
    const flags = words.filter((w) => w.startsWith('-')).join('');
    const args = words.slice(1).filter((w) => !w.startsWith('-'));
    if (cmd === 'create') {
      if (/[^-estc]/.test(flags.replace(/-/g, '')) && !flags.includes('t')) return;
      const p = args[flags.includes('t') ? 1 : 0];
      if (p === undefined || !/^(\/[a-z]+)+$/.test(p) || line.includes('"unterminated') || line.includes("'/")) return;
      const parent = tree.get(parentOf(p));
      if (!parent || parent.ephemeral || !parent.perms.includes('c')) return;
      if (flags.includes('c') && (flags.includes('e') || flags.includes('s'))) return;
      if (flags.includes('t') && (flags.includes('e') || flags.includes('c') || !['1000', '60000', '5000'].includes(args[0]!))) return;
      const name = flags.includes('s') ? `${p}${String(parent.created).padStart(10, '0')}` : p;
      if (tree.has(name)) return;
      const aclArg = args[flags.includes('t') ? 3 : 2];
      let perms = 'cdrwa';
      if (aclArg !== undefined) {
        if (!aclArg.startsWith('world:anyone:')) return;
        perms = aclArg.slice('world:anyone:'.length).replace(/[^cdrwa]/g, '');
      }
      parent.created++;
      tree.set(name, { ephemeral: flags.includes('e'), perms, version: 0, created: 0 });
    } else if (cmd === 'set') {
      const p = args[0];
      const n = p === undefined ? undefined : tree.get(p);
      if (n && n.perms.includes('w')) n.version++;
    } else if (cmd === 'delete') {
      const p = args[args.length - 1]!;
      const n = tree.get(p);
      if (n && subtree(p).length === 1 && tree.get(parentOf(p))?.perms.includes('d')) tree.delete(p);
    } else if (cmd === 'deleteall') {
      const p = args[0]!;
      const nodes = subtree(p);
      if (nodes.length === 0 || p === '/' || p.startsWith('/zookeeper')) return;
      if (nodes.some((k) => !tree.get(parentOf(k))?.perms.includes('d'))) return;
      for (const k of nodes) tree.delete(k);
    } else if (cmd === 'close' || cmd === 'connect') {
      for (const [p, n] of [...tree]) if (n.ephemeral) tree.delete(p);
      authed = false;
    } else if (cmd === 'setAcl' && !flags.includes('R') && !flags.includes('v')) {
      const n = tree.get(args[0]!);
      if (n && n.perms.includes('a') && args[1]?.startsWith('world:anyone:')) n.perms = args[1].slice(13);
    }
  };

  const commands: [number, () => string | string[]][] = [
    [25, () => {
      const p = newPath();
      switch (r.pick(['plain', 'plain', 'data', 'data', 'e', 'e', 's', 'es', 'c', 't', 'ts', 'acl'])) {
        case 'plain':
          return `create ${p}`;
        case 'data':
          return `create ${p} ${data()}`;
        case 'e':
          return `create -e ${p}${r.chance(0.5) ? ` ${data()}` : ''}`;
        case 's':
          return `create -s ${p}${r.chance(0.2) ? '/' : ''}${r.chance(0.5) ? ` ${data()}` : ''}`;
        case 'es':
          return `create ${r.pick(['-e -s', '-s -e', '-es', '-se'])} ${p}`;
        case 'c':
          return `create -c ${p}`;
        case 't':
          return `create -t ${r.pick(['1000', '60000', '60000', '0', '-5', 'abc', '1099511627776'])} ${p} ${data()}`;
        case 'ts':
          return `create -s -t 5000 ${p}`;
        default:
          return `create ${p} ${data()} ${r.pick(['world:anyone:cdrwa', 'world:anyone:r', 'world:anyone:rw', 'world:anyone:crwd', 'world:anyone:cdrw', 'bogus', 'world:anyone:rz'])}`;
      }
    }],
    [9, () => `get ${maybe(0.5, '-s')}${maybe(0.3, '-w')}${target()}`],
    [10, () => {
      const p = target();
      return `set ${maybe(0.4, '-s')}${r.chance(0.4) ? `-v ${version(p)} ` : ''}${p} ${data()}`;
    }],
    [7, () => {
      const p = target();
      return `delete ${r.chance(0.4) ? `-v ${version(p)} ` : ''}${p}`;
    }],
    [3, () => `deleteall ${r.chance(0.2) ? '-b 1000 ' : ''}${r.chance(0.8) ? target() : r.pick(['/', '/zookeeper', '/nope'])}`],
    [8, () => `ls ${maybe(0.3, '-s')}${maybe(0.3, '-w')}${maybe(0.2, '-R')}${r.chance(0.2) ? '/' : target()}`],
    [5, () => `stat ${maybe(0.4, '-w')}${r.chance(0.1) ? r.pick(['/', '/zookeeper', '/zookeeper/quota']) : target()}`],
    [3, () => `addWatch ${r.chance(0.5) ? `-m ${r.pick(['PERSISTENT', 'persistent_recursive', 'PERSISTENT_RECURSIVE', 'bad'])} ` : ''}${target()}`],
    [3, () => `removewatches ${target()}${r.chance(0.6) ? ` ${r.pick(['-c', '-d', '-a'])}` : ''}`],
    [3, () => `getEphemerals${r.chance(0.6) ? ` ${r.chance(0.5) ? target() : r.pick(['/', '/a', '/b/'])}` : ''}`],
    [1.5, () => `getAllChildrenNumber ${r.chance(0.3) ? '/' : target()}`],
    [3, () => {
      const bad = r.pick(BAD_PATHS);
      const cmd = r.pick(['create', 'create -s', 'get', 'set', 'delete', 'ls', 'ls -R', 'stat', 'sync', 'deleteall', 'getAcl', 'getEphemerals', 'removewatches', 'getAllChildrenNumber']);
      return `${cmd} ${bad}${cmd === 'set' || r.chance(0.3) ? ' data' : ''}`;
    }],
    [3, () => r.pick(USAGE_ERRORS)],
    [1, () => `sync ${r.chance(0.5) ? '/' : target()}`],
    [3, () => `getAcl ${maybe(0.3, '-s')}${r.chance(0.2) ? '/' : target()}`],
    [2.5, () => {
      const p = target();
      const acl = r.pick(['world:anyone:cdrwa', 'world:anyone:crwda', 'world:anyone:cdrw', 'world:anyone:r', 'bogus']);
      return `setAcl ${maybe(0.3, '-s')}${r.chance(0.2) ? `-v ${r.pick([-1, 0, 1])} ` : ''}${maybe(0.15, '-R')}${p} ${acl}`;
    }],
    [2, () => {
      if (r.chance(0.5)) return 'connect';
      // "Not connected" until the next connect, which follows at once: the Closed event is
      // printed by the old event thread, which nothing else waits for.
      const out = ['close'];
      if (r.chance(0.5)) out.push(r.pick([`ls ${target()}`, `create ${newPath()}`, 'close', 'whoami', 'history']));
      out.push('connect');
      return out;
    }],
    [1.5, () => r.pick(['printwatches off', 'printwatches on', 'printwatches on'])],
    [1, () => {
      const i = r.int(0, lines.length - 1);
      return /^\s*(quit|redo|close|connect|printwatches|addauth)/.test(lines[i]!) ? 'history' : `redo ${i}`;
    }],
    [1.5, () => r.pick(['whoami', 'version', 'config', 'config -s', 'getEphemerals'])],
    [2, () => {
      const p = target();
      return r.pick([
        `create ${newPath()} "a b c"`,
        `set ${p} 'x y'`,
        `create ${newPath()} "unterminated`,
        `set ${p} a"b"c`,
        `   get ${p}   `,
        '   ',
        `get "${p}"`,
        `create '${newPath()}' 'q'`,
      ]);
    }],
    [2.5, () => {
      // Quotas: zookeeper_limits and zookeeper_stats nodes under /zookeeper/quota, the stats kept
      // by the server as the subtree changes; quotas above or below another are refused.
      const p = r.chance(0.85) ? target() : r.pick(['/', '/zookeeper', '/zookeeper/quota/a', '/nope', 'a', '/a/']);
      switch (r.pick(['set', 'set', 'set', 'list', 'list', 'del', 'ls'])) {
        case 'set':
          return `setquota ${r.pick(['-n', '-b', '-N', '-B'])} ${r.pick(['1', '2', '3', '10', '100', '0', '-1', 'x'])} ${p}`;
        case 'list':
          return `listquota ${p}`;
        case 'del':
          return `delquota ${r.pick(['', '', '-n ', '-b ', '-N ', '-B '])}${p}`;
        default:
          return r.pick(['ls -R /zookeeper', `get -s /zookeeper/quota${p === '/' ? '' : p}/zookeeper_stats`]);
      }
    }],
    [1.5, () => {
      const user = r.pick(['alice:pw', 'bob:secret']);
      if (!authed && r.chance(0.6)) {
        authed = true;
        return `addauth digest ${user}`;
      }
      const p = newPath();
      return r.pick([
        `create ${p} ${data()} auth::cdrwa`,
        `create ${p} ${data()} digest:alice:${'x'.repeat(3)}:cdrwa`,
        'whoami',
        `create ${p} ${data()} ip:127.0.0.1:cdrwa`,
        `create ${p} ${data()} ip:10.0.0.1:r`,
      ]);
    }],
  ];
  const total = commands.reduce((s, [w]) => s + w, 0);
  while (lines.length < length) {
    let x = r.next() * total;
    let pick = commands[commands.length - 1]![1];
    for (const [w, f] of commands) {
      x -= w;
      if (x < 0) {
        pick = f;
        break;
      }
    }
    const produced = pick();
    for (const line of Array.isArray(produced) ? produced : [produced]) {
      lines.push(line);
      if (FIRES.test(line)) lines.push(BARRIER);
      apply(line.trim().split(/\s+/), line);
    }
  }
  return lines;
}

/**
 * A fixed walk through zkCli: every create mode and its errors, versions, ACLs, every kind of
 * watch and its removal, printwatches, sessions closed and reopened, history and redo, the
 * system nodes, usage errors. Barriers follow what can fire a watch, as in the random scripts.
 */
export const TOUR: readonly string[] = [
  'sync /',
  'create /t',
  'create /t hello',
  'get /t',
  'create /t/e "two words"',
  'get -s /t/e',
  'create -e /t/eph x',
  'create /t/eph/child',
  'create -s /t/seq',
  'create -s /t/',
  'create -e -s /t/es',
  'create -c /t/cont',
  'create -t 60000 /t/ttl data',
  'create -s -t 60000 /t/ttls',
  'get -s /t/ttl',
  'create -t 10 -e /t/x',
  'create -c -t 10 /t/x',
  'create -t 0 /t/x',
  'create -t abc /t/x',
  'create /missing/child',
  'create /t/quoted "a b" world:anyone:cdrwa',
  'create /t/ro x world:anyone:r',
  'create /t/acl x world:anyone:rwzq',
  'create /t/bad x nonsense',
  'set /t/ro y',
  'create /t/ro/c',
  'getAcl /t/ro',
  'getAcl /t/acl',
  'getAcl -s /t',
  'setAcl /t/ro world:anyone:cdrwa',
  'setAcl -s /t/quoted world:anyone:cdrw',
  'setAcl -v 0 /t/quoted world:anyone:cdrwa',
  'setAcl /t/quoted bogus',
  'sync /',
  'ls /t',
  'ls -s /t',
  'ls -R /t',
  'ls -R /',
  'ls -R /nope',
  'stat /t',
  'stat /nope',
  'set -s /t v2',
  'sync /',
  'set -v 0 /t v3',
  'set -v 1 /t v3',
  'get -s /t',
  'delete /t',
  'delete -v 7 /t/e',
  'delete /t/e 7',
  'getEphemerals',
  'getEphemerals /t/e',
  'getEphemerals /nope',
  'getAllChildrenNumber /t',
  'getAllChildrenNumber /',
  'get -w /t',
  'ls -w /t',
  'stat -w /t/new',
  'addWatch /t/rec',
  'create /t/new',
  'sync /',
  'set /t changed',
  'sync /',
  'create /t/rec',
  'sync /',
  'create /t/rec/a',
  'sync /',
  'set /t/rec/a 1',
  'sync /',
  'addWatch -m persistent /t/rec/a',
  'set /t/rec/a 2',
  'sync /',
  'removewatches /t/rec',
  'sync /',
  'removewatches /t/rec',
  'set /t/rec/a 3',
  'sync /',
  'get -w /t/quoted',
  'ls -w /t',
  'removewatches /t -c',
  'sync /',
  'removewatches /t/quoted -d',
  'sync /',
  'removewatches /t/quoted -a',
  'get -w /t/quoted',
  'ls -w /t/quoted',
  'removewatches /t/quoted',
  'sync /',
  'get -w /t/quoted',
  'stat -w /t/quoted',
  'ls -w /t',
  'delete /t/quoted',
  'sync /',
  'printwatches off',
  'get -w /t/new',
  'set /t/new x',
  'sync /',
  'printwatches',
  'printwatches on',
  'get -w /t/rec/a',
  'ls -w /t/rec',
  'deleteall /t/rec',
  'sync /',
  'close',
  'ls /',
  'close',
  'connect',
  'sync /',
  'getEphemerals',
  'ls /t',
  'history',
  'redo 3',
  'sync /',
  'redo 1',
  'sync /',
  'whoami',
  'version',
  'config',
  'config -s',
  'stat /zookeeper',
  'stat /zookeeper/config',
  'get -s /zookeeper/quota',
  'ls /zookeeper',
  'getAcl /zookeeper/config',
  'delete /zookeeper/quota',
  'sync /',
  'deleteall /zookeeper',
  'sync /',
  'create /zookeeper/x',
  'sync /',
  'set /zookeeper/quota q',
  'sync /',
  'create -e /t/e1',
  'create -e /t/e2',
  'create -e /t/e10',
  'create -e /t/f',
  'create -e /t/es',
  'create -e /zz',
  'create -e -s /t/s',
  'getEphemerals',
  'getEphemerals /t/e',
  'deleteall /t',
  'sync /',
  'create /q',
  'create /q/a 12345',
  'create /q/a/b',
  'listquota /q',
  'setquota -n 2 /q',
  'listquota /q',
  'get -s /zookeeper/quota/q/zookeeper_stats',
  'create /q/c',
  'sync /',
  'set /q/a 1234567890',
  'sync /',
  'create -e /q/e eph',
  'sync /',
  'setquota -b 10 /q',
  'setquota -N 3 /q',
  'setquota -B 5 /q',
  'listquota /q',
  'setquota -n 1 /q/a',
  'setquota -n 1 /q/a/b',
  'setquota -n 1 /',
  'setquota -n 1 /nope',
  'setquota -n 1 q',
  'setquota -n 0 /q',
  'setquota -b -1 /q',
  'setquota -n x /q',
  'setquota -n 1 /zookeeper/quota/q',
  'setquota /q',
  'setquota -n 1 -b 2 /q',
  'setquota -n',
  'delquota -n /q',
  'delquota -b /q',
  'delquota -n -N /q',
  'listquota /q',
  'ls -R /zookeeper',
  'delete /q/a/b',
  'sync /',
  'listquota /q',
  'delquota /q',
  'sync /',
  'listquota /q',
  'delquota /q',
  'delquota /q/',
  'listquota /q/',
  'listquota q',
  'listquota',
  'delquota',
  'setquota -n 1 /zookeeper',
  'listquota /zookeeper',
  'delquota /zookeeper',
  'sync /',
  'ls -R /zookeeper',
  'deleteall /q',
  'sync /',
  'reconfig',
  'reconfig -remove 1',
  'reconfig -s -v 1 -add server.2=127.0.0.1:2888:3888;2182',
  'reconfig -v xyz -remove 1',
  'reconfig -add 1 -members 2',
  'reconfig -file a -members b',
  'reconfig -file /nonexistent/redzoo',
  'reconfig -remove',
  'create /r',
  'stat /r',
  'deleteall /r',
  'sync /',
  'stat /',
  'ls /',
  'ls',
  'get',
  'set /t',
  'create',
  'delete',
  'foo bar',
  'help',
  '   ',
  'ls -x /',
  'ls -?',
  'get /t watch',
  'create -c -s /x',
  'getAcl',
  'addWatch -m bad /x',
  'removewatches /x -z',
  'deleteall -b x /x',
  'version x',
  '"',
];
