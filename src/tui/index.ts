/**
 * The terminal UI (`redzoo`, `npm start`): a sandbox and a scenario player over redzoo/sim, built
 * with ink 6 and React 19. It reads the world and sends it commands; it holds no simulation logic.
 *
 * Layout:
 *   index.ts            runTui(): refuses politely without a terminal, else starts the app
 *   start.tsx           mounts the app on the terminal (alternate screen), waits for the quit
 *   session/            what drives the world
 *     session.ts        Session: the open world (sandbox or scenario), a queue of world operations,
 *                       play/pause/step/seek, the prompt, `:` commands, judging a scenario's end
 *     clock.ts          the one clock loop (real timers, or ManualTimers in tests)
 *     console.ts        prompt lines run as a process: Redis commands, a zkCli subset
 *     commands.ts       the `:` command language, parsed into a typed union
 *     sandbox.ts        the sandbox world
 *   state/              reducers with typed action unions (immer)
 *     ui.ts             focus, cursors, overlays, prompt and filter being typed
 *     session.ts        what is open, playing, speed, console output, verdict
 *   model/              pure reads of the world for the views (virtualised: only visible rows)
 *     layout.ts         pane sizes for a terminal size
 *     processes.ts      process rows, cut links, sessions
 *     keyspace.ts       sorted key index, key rows, a key's whole value (read-only, no command)
 *     zktree.ts         flattened znode tree, rows, a znode's data and stat
 *     timeline.ts       the trace as described lines, grown incrementally, filtered
 *     scenario.ts       a scenario's story and checks as lines
 *     overlays.ts       help, picker, key and znode overlay text
 *     format.ts         cells, times, durations
 *   input/              keys
 *     keymap.ts         every binding, as data (the help overlay and docs/tui.md list it)
 *     handle-key.ts     what each key does
 *     use-keys.ts       the one useInput hook
 *     use-terminal-size.ts  the terminal's size, following resizes
 *   views/              React components (ink): App, Header, one file per pane, overlays, Pane
 */
import { SCENARIOS } from '../integration/index.js';

export interface TuiOptions {
  scenario?: string;
  seed?: number;
}

export interface TuiStreams {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export const NO_TERMINAL =
  'redzoo: the terminal UI needs a terminal (stdin and stdout must be a TTY); to run a scenario without one, use `redzoo run <scenario>` (`redzoo scenarios` lists them)\n';

/**
 * Opens the TUI and resolves with the exit code when the learner quits: 0; 1 without a terminal
 * (one line on stderr pointing to `redzoo run`); 2 for an unknown scenario.
 */
export async function runTui(options: TuiOptions = {}, io: Partial<TuiStreams> = {}): Promise<number> {
  const stdin = io.stdin ?? process.stdin;
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  if (options.scenario !== undefined && !SCENARIOS.some((s) => s.name === options.scenario)) {
    stderr.write(`redzoo: unknown scenario '${options.scenario}'; known: ${SCENARIOS.map((s) => s.name).join(', ')}\n`);
    return 2;
  }
  if (stdin.isTTY !== true || stdout.isTTY !== true) {
    stderr.write(NO_TERMINAL);
    return 1;
  }
  // React's production build draws a frame in about half the time of its development build
  // (bench/tui.js), and prints no development warnings over the screen.
  process.env['NODE_ENV'] ??= 'production';
  // ink decides at import time, from CI / CONTINUOUS_INTEGRATION, to draw only the final frame.
  // On a real terminal the learner needs every frame, so ink is loaded with those unset.
  const saved = { CI: process.env['CI'], CONTINUOUS_INTEGRATION: process.env['CONTINUOUS_INTEGRATION'] };
  delete process.env['CI'];
  delete process.env['CONTINUOUS_INTEGRATION'];
  let start: typeof import('./start.js').startTui;
  try {
    ({ startTui: start } = await import('./start.js'));
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
  }
  return start(options, { stdin, stdout, stderr });
}
