import { runRedisRepl } from './redis-repl.js';
import { startRedisServer } from './redis-server.js';
import { VERSION } from './version.js';
import { runZkRepl, zkCliArgsProblem } from './zk-repl.js';
import { listScenarios, runCommand, ScenarioUsageError } from './scenario-cli.js';
import { runTui } from '../tui/index.js';

/**
 * The `redzoo` command. Subcommands live in one table; each parses its own options and resolves
 * to the process's exit code. Usage errors exit 2 with the usage on stderr, as getopt-style tools do.
 *
 *   redzoo [--scenario NAME] [--seed N]     the terminal UI (the same as `redzoo tui`)
 *   redzoo redis                            redis-cli-compatible REPL on an in-process engine
 *   redzoo zk [-server host:port]           zkCli.sh-compatible REPL on an in-process engine
 *   redzoo serve --redis-port N [--bind A]  the engine over TCP, for redis-cli and client libraries
 *   redzoo scenarios [--json]               the scenario library
 *   redzoo run NAME [--seed N | --seeds A..B] [--json] [--trace FILE]   one scenario, headless
 *   redzoo help | --help | -h               usage
 */

interface Subcommand {
  readonly name: string;
  /** Options, as shown in the usage. */
  readonly args: string;
  readonly summary: string;
  run(args: readonly string[]): Promise<number>;
}

class UsageError extends Error {}

const SUBCOMMANDS: readonly Subcommand[] = [
  {
    name: 'tui',
    args: '[--scenario NAME] [--seed N]',
    summary: 'the terminal UI: a sandbox, and a player for the scenarios (the default)',
    async run(args) {
      const opts = parseOptions('tui', args, ['--scenario', '--seed']);
      const seedText = opts.get('--seed');
      if (seedText !== undefined && !/^\d{1,15}$/.test(seedText)) throw new UsageError(`redzoo tui: invalid seed '${seedText}'`);
      return runTui({ scenario: opts.get('--scenario'), seed: seedText === undefined ? undefined : Number(seedText) });
    },
  },
  {
    name: 'redis',
    args: '',
    summary: 'a redis-cli-compatible REPL on a simulated Redis 7.0 in this process',
    async run(args) {
      if (args.length > 0) throw new UsageError(`redzoo redis: unexpected argument '${args[0]}'`);
      return runRedisRepl();
    },
  },
  {
    name: 'zk',
    args: '[-server host:port] [-timeout ms]',
    summary: 'a zkCli.sh-compatible REPL on a simulated ZooKeeper 3.8 in this process',
    async run(args) {
      const problem = zkCliArgsProblem(args);
      if (problem !== null) throw new UsageError(`redzoo zk: ${problem}`);
      return runZkRepl({ args });
    },
  },
  {
    name: 'serve',
    args: '--redis-port N [--bind ADDR]',
    summary: 'serve the simulated Redis over TCP (RESP2) on ADDR:N (ADDR defaults to 127.0.0.1)',
    run: serve,
  },
  {
    name: 'scenarios',
    args: '[--json]',
    summary: 'list the failure scenarios',
    async run(args) {
      return listScenarios(args);
    },
  },
  {
    name: 'run',
    args: 'NAME [--seed N | --seeds A..B] [--json] [--trace FILE]',
    summary: 'run a scenario headless: transcript, checks, verdict (exit 0 when it went as expected)',
    async run(args) {
      return runCommand(args);
    },
  },
  {
    name: 'help',
    args: '',
    summary: 'show this help',
    async run() {
      process.stdout.write(usage());
      return 0;
    },
  },
];

/** What no subcommand runs. */
const DEFAULT_SUBCOMMAND = 'tui';

export function usage(): string {
  const lines = SUBCOMMANDS.map((c) => [`redzoo ${c.name}${c.args ? ` ${c.args}` : ''}`, c.summary] as const);
  const width = Math.max(...lines.map(([l]) => l.length));
  return (
    `redzoo ${VERSION}: learn Redis and ZooKeeper, and how they fail together\n\n` +
    'Usage:\n' +
    lines.map(([l, s]) => `  ${l.padEnd(width)}  ${s}\n`).join('') +
    `\nWith no command, redzoo runs \`redzoo ${DEFAULT_SUBCOMMAND}\`.\n`
  );
}

/** Runs the command line (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h') return SUBCOMMANDS.find((c) => c.name === 'help')!.run([]);
  if (first === '--version' || first === '-v') {
    process.stdout.write(`redzoo ${VERSION}\n`);
    return 0;
  }
  // `redzoo --scenario x` (what `npm start -- --scenario x` runs) means the default command.
  const implicit = first === undefined || first.startsWith('--');
  const name = implicit ? DEFAULT_SUBCOMMAND : first;
  const command = SUBCOMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`redzoo: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    const code = await command.run(implicit ? argv : rest);
    await flushStdout(); // everything printed reaches a pipe before the process exits
    return code;
  } catch (e) {
    if (e instanceof UsageError || e instanceof ScenarioUsageError) {
      process.stderr.write(`${e.message}\n\n${usage()}`);
      return 2;
    }
    throw e;
  }
}

/** `serve`: listens until SIGINT/SIGTERM, then closes the listener and exits 0. */
async function serve(args: readonly string[]): Promise<number> {
  const opts = parseOptions('serve', args, ['--redis-port', '--bind']);
  const portText = opts.get('--redis-port');
  if (portText === undefined) throw new UsageError('redzoo serve: --redis-port is required');
  if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new UsageError(`redzoo serve: invalid port '${portText}'`);
  }
  const host = opts.get('--bind') ?? '127.0.0.1';
  let server;
  try {
    server = await startRedisServer({ port: Number(portText), host });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    process.stderr.write(`redzoo serve: cannot listen on ${host}:${portText}: ${err.code ?? err.message}\n`);
    return 1;
  }
  const running = server;
  const stopped = new Promise<number>((resolve) => {
    const stop = (): void => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      void running.close().then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  // Announced only once Ctrl-C is handled: whoever waits for this line may signal at once.
  const where = host.includes(':') ? `[${host}]:${server.port}` : `${host}:${server.port}`;
  process.stdout.write(`redzoo: simulated Redis 7.0 listening on ${where} (RESP2; Ctrl-C to stop)\n`);
  return stopped;
}

/** `--name value` and `--name=value` options; anything else is a usage error. */
function parseOptions(cmd: string, args: readonly string[], known: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!known.includes(name)) throw new UsageError(`redzoo ${cmd}: unknown option '${arg}'`);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) throw new UsageError(`redzoo ${cmd}: ${name} needs a value`);
    out.set(name, value);
  }
  return out;
}

function flushStdout(): Promise<void> {
  return new Promise((resolve) => process.stdout.write('', () => resolve()));
}
