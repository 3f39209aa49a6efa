import React from 'react';
import { render } from 'ink';
import { App } from './views/App.js';
import { Session } from './session/session.js';
import type { TuiOptions, TuiStreams } from './index.js';

/** The alternate screen (the terminal's own scrollback is left as it was) and the cursor. */
const ENTER = '\u001B[?1049h\u001B[H';
const LEAVE = '\u001B[?25h\u001B[?1049l';

/** Mounts the app on a real terminal and resolves with the exit code when the learner quits. */
export async function startTui(options: TuiOptions, io: TuiStreams): Promise<number> {
  const session = new Session({ ...(options.scenario === undefined ? {} : { scenario: options.scenario }), seed: options.seed ?? 1 });
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    io.stdout.write(LEAVE);
  };
  io.stdout.write(ENTER);
  // However the process ends (a signal, an uncaught error), the terminal gets its screen back.
  process.once('exit', restore);
  const app = render(<App session={session} initialUi={options.scenario === undefined ? { overlay: { kind: 'picker', index: 0 } } : {}} />, {
    stdin: io.stdin,
    stdout: io.stdout,
    stderr: io.stderr,
    exitOnCtrlC: false,
    // console.log on the screen's own stream would tear the frame: ink prints it above, then redraws.
    patchConsole: io.stdout === process.stdout,
    maxFps: 30,
  });
  try {
    await app.waitUntilExit();
  } finally {
    session.dispose();
    restore();
    process.off('exit', restore);
  }
  return 0;
}
