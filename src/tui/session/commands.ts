import { parseDuration } from '../model/format.js';

/**
 * The `:` command line, parsed into data (the session carries the commands out):
 *
 *   :crash NAME            :restart NAME          :pause NAME 5s        :resume NAME
 *   :partition A,B | C     :partition A (from everyone else)            [for 10s] heals after that long
 *   :cut FROM TO           :heal                  :slow A B 200ms       :skew NAME 500ms
 *   :seek STEP             :step [N]              :run 5s               :speed X
 *   :as NAME               :open NAME [SEED]      :sandbox [SEED]       :scenarios
 *   :filter TEXT           :help                  :quit (:q)
 */
export type Command =
  | { kind: 'crash'; name: string }
  | { kind: 'restart'; name: string }
  | { kind: 'pause'; name: string; ms: number }
  | { kind: 'resume'; name: string }
  | { kind: 'partition'; a: string[]; b: string[] | undefined; ms: number | undefined }
  | { kind: 'cut'; from: string; to: string }
  | { kind: 'heal' }
  | { kind: 'slow'; a: string; b: string; ms: number }
  | { kind: 'skew'; name: string; ms: number }
  | { kind: 'seek'; step: number }
  | { kind: 'step'; n: number }
  | { kind: 'run'; ms: number }
  | { kind: 'speed'; x: number }
  | { kind: 'as'; name: string }
  | { kind: 'open'; name: string; seed: number | undefined }
  | { kind: 'sandbox'; seed: number | undefined }
  | { kind: 'scenarios' }
  | { kind: 'filter'; text: string }
  | { kind: 'help' }
  | { kind: 'quit' };

export type Parsed = { ok: true; command: Command } | { ok: false; error: string };

export const COMMAND_SYNTAX: readonly (readonly [string, string])[] = [
  [':crash NAME', 'kill a process (Redis loses its keys; ZooKeeper keeps its data)'],
  [':restart NAME', 'start a crashed process again'],
  [':pause NAME 5s', 'freeze a process (a GC pause); bare numbers are ms'],
  [':resume NAME', 'end a pause early'],
  [':partition A,B | C [for 10s]', 'cut every link between two groups (no "| C": everyone else)'],
  [':cut FROM TO', 'cut one direction only'],
  [':heal', 'heal every partition and cut'],
  [':slow A B 200ms', 'add latency between two processes (0 ends it)'],
  [':skew NAME 500ms', "set a process's clock offset"],
  [':seek STEP', 'travel to right after event STEP (back or forward)'],
  [':step [N]', 'run N events (default 1)'],
  [':run 5s', 'run the world for a while'],
  [':speed X', 'virtual seconds per real second while playing'],
  [':as NAME', 'the process the prompt acts as'],
  [':open NAME [SEED]', 'open a scenario'],
  [':sandbox [SEED]', 'open the sandbox'],
  [':scenarios', 'pick a scenario from a list'],
  [':filter TEXT', 'filter the timeline (empty: no filter)'],
  [':help', 'every key and command'],
  [':quit', 'leave'],
];

const NAME = /^[A-Za-z0-9_.-]+$/;

/** The longest duration a command takes (a day of virtual time). */
export const MAX_DURATION = 24 * 3_600_000;

/** A duration argument: null when it is not one, or is 0 where 0 means nothing, or is over a day. */
function duration(text: string | undefined, zero = false): number | null {
  const ms = text === undefined ? null : parseDuration(text);
  if (ms === null || ms > MAX_DURATION || (ms === 0 && !zero)) return null;
  return ms;
}

function seedOf(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  return /^\d{1,15}$/.test(text) ? Number(text) : null;
}

/** Parses a command line (with or without its leading ':'). */
export function parseCommand(line: string): Parsed {
  const text = line.replace(/^:/, '').trim();
  const [word = '', ...rest] = text.split(/\s+/);
  const args = rest.filter(Boolean);
  const fail = (error: string): Parsed => ({ ok: false, error });
  const ok = (command: Command): Parsed => ({ ok: true, command });
  const name = (i: number): string | null => (args[i] !== undefined && NAME.test(args[i]!) ? args[i]! : null);
  const usage = (timed = ['pause', 'slow', 'skew', 'run'].includes(word.toLowerCase())): Parsed =>
    fail(`usage: ${COMMAND_SYNTAX.find(([s]) => s.slice(1).split(' ')[0] === word.toLowerCase())?.[0] ?? ':' + word}${timed ? ' (durations: 250ms, 5s, 1.5s, 2m, 1h, up to 24h; a bare number is ms)' : ''}`);
  switch (word.toLowerCase()) {
    case 'crash':
    case 'restart':
    case 'resume': {
      const n = name(0);
      if (n === null || args.length !== 1) return usage();
      return ok({ kind: word.toLowerCase() as 'crash' | 'restart' | 'resume', name: n });
    }
    case 'pause': {
      const n = name(0);
      const ms = args[1] === undefined ? 5000 : duration(args[1]);
      if (n === null || ms === null || args.length > 2) return usage();
      return ok({ kind: 'pause', name: n, ms });
    }
    case 'partition': {
      let spec = rest.join(' ');
      let ms: number | undefined;
      const forMatch = /\s+for\s+(\S+)\s*$/.exec(spec);
      if (forMatch !== null) {
        const d = duration(forMatch[1]!);
        if (d === null) return usage(true);
        ms = d;
        spec = spec.slice(0, forMatch.index);
      }
      const sides = spec.split('|');
      if (sides.length > 2) return usage();
      const group = (s: string): string[] | null => {
        const names = s.split(/[\s,]+/).filter(Boolean);
        return names.length > 0 && names.every((n) => NAME.test(n)) ? names : null;
      };
      const a = group(sides[0] ?? '');
      const b = sides.length === 2 ? group(sides[1]!) : undefined;
      if (a === null || b === null) return usage();
      return ok({ kind: 'partition', a, b, ms });
    }
    case 'cut': {
      const from = name(0);
      const to = name(1);
      if (from === null || to === null || args.length !== 2) return usage();
      return ok({ kind: 'cut', from, to });
    }
    case 'heal':
      return args.length === 0 ? ok({ kind: 'heal' }) : usage();
    case 'slow': {
      const a = name(0);
      const b = name(1);
      const ms = duration(args[2], true);
      if (a === null || b === null || ms === null || args.length !== 3) return usage();
      return ok({ kind: 'slow', a, b, ms });
    }
    case 'skew': {
      const n = name(0);
      const m = /^(-?)(.+)$/.exec(args[1] ?? '');
      const ms = m === null ? null : duration(m[2]!, true);
      if (n === null || ms === null || args.length !== 2) return usage();
      return ok({ kind: 'skew', name: n, ms: m![1] === '-' ? -ms : ms });
    }
    case 'seek': {
      if (args.length !== 1 || !/^\d{1,15}$/.test(args[0]!)) return usage();
      return ok({ kind: 'seek', step: Number(args[0]) });
    }
    case 'step': {
      if (args.length > 1 || (args.length === 1 && !/^[1-9]\d{0,14}$/.test(args[0]!))) return usage();
      return ok({ kind: 'step', n: args.length === 0 ? 1 : Number(args[0]) });
    }
    case 'run': {
      const ms = args.length === 1 ? duration(args[0]!) : null;
      if (ms === null) return usage();
      return ok({ kind: 'run', ms });
    }
    case 'speed': {
      const x = args.length === 1 ? Number(args[0]!.replace(/^[x×]/, '')) : NaN;
      if (!(x > 0) || x > 10_000) return fail('usage: :speed X (a number above 0, up to 10000)');
      return ok({ kind: 'speed', x });
    }
    case 'as': {
      const n = name(0);
      if (n === null || args.length !== 1) return usage();
      return ok({ kind: 'as', name: n });
    }
    case 'open':
    case 'scenario': {
      const seed = seedOf(args[1]);
      if (args.length < 1 || args.length > 2 || seed === null) return fail('usage: :open NAME [SEED]');
      return ok({ kind: 'open', name: args[0]!, seed });
    }
    case 'sandbox': {
      const seed = seedOf(args[0]);
      if (args.length > 1 || seed === null) return usage();
      return ok({ kind: 'sandbox', seed });
    }
    case 'scenarios':
      return ok({ kind: 'scenarios' });
    case 'filter':
      return ok({ kind: 'filter', text: rest.join(' ').trim() });
    case 'help':
    case 'h':
      return ok({ kind: 'help' });
    case 'quit':
    case 'q':
    case 'exit':
      return ok({ kind: 'quit' });
    case '':
      return fail('type a command after the colon (:help lists them)');
    default:
      return fail(`unknown command ':${word}' (:help lists them)`);
  }
}
