import { COMMAND_LIST, type CommandSpec } from '../redis-sim/index.js';
import { VERSION } from './version.js';

/**
 * The REPL's `help`, laid out as redis-cli 7.0's cliOutputHelp prints it (colours and \r\n
 * included), but built from the simulator's own command table, so it lists what redzoo runs:
 *
 *   help              what help can do
 *   help SET          one command: syntax, summary, since, group
 *   help CONFIG       the container and each of its subcommands (CONFIG GET, CONFIG SET ...)
 *   help @hash        every command of a group
 */

/** redis-cli's commandGroups, in its order. */
export const HELP_GROUPS = [
  'generic',
  'string',
  'list',
  'set',
  'sorted-set',
  'hash',
  'pubsub',
  'transactions',
  'connection',
  'server',
  'scripting',
  'hyperloglog',
  'cluster',
  'geo',
  'stream',
  'bitmap',
] as const;

interface HelpEntry {
  /** Upper-case words: ["CONFIG", "GET"]. */
  readonly words: readonly string[];
  readonly full: string;
  readonly params: string;
  readonly spec: CommandSpec;
}

let entries: readonly HelpEntry[] | undefined;

/** Every command and subcommand of the table, sorted by name as redis-cli's help.h is. */
export function helpEntries(): readonly HelpEntry[] {
  if (entries) return entries;
  const out: HelpEntry[] = [];
  const add = (spec: CommandSpec): void => {
    const words = spec.name.split('|').map((w) => w.toUpperCase());
    out.push({ words, full: words.join(' '), params: paramsOf(spec.syntax, words), spec });
    for (const sub of spec.subcommands ?? []) add(sub);
  };
  for (const spec of COMMAND_LIST) add(spec);
  out.sort((a, b) => (a.full < b.full ? -1 : a.full > b.full ? 1 : 0));
  entries = out;
  return out;
}

/** The syntax line without the command's own name: `SET key value` → `key value`. */
function paramsOf(syntax: string, words: readonly string[]): string {
  const parts = syntax.trim().split(/\s+/);
  let i = 0;
  while (i < words.length && i < parts.length && parts[i]!.toUpperCase() === words[i]) i++;
  return i === 0 ? syntax.trim() : parts.slice(i).join(' ');
}

/** cliOutputHelp: argv are the words after `help`. */
export function formatHelp(argv: readonly string[]): string {
  if (argv.length === 0) return genericHelp();
  let group = -1;
  if (argv[0]!.startsWith('@')) group = HELP_GROUPS.findIndex((g) => g === argv[0]!.slice(1).toLowerCase());
  let out = '';
  for (const entry of helpEntries()) {
    if (group === -1) {
      if (argv.length > entry.words.length) continue;
      if (argv.every((w, j) => w.toUpperCase() === entry.words[j])) out += commandHelp(entry, true);
    } else if (entry.spec.group === HELP_GROUPS[group]) {
      out += commandHelp(entry, false);
    }
  }
  return out + '\r\n';
}

function commandHelp(entry: HelpEntry, withGroup: boolean): string {
  let s = `\r\n  \x1b[1m${entry.full}\x1b[0m \x1b[90m${entry.params}\x1b[0m\r\n`;
  s += `  \x1b[33msummary:\x1b[0m ${entry.spec.summary}\r\n`;
  s += `  \x1b[33msince:\x1b[0m ${entry.spec.since}\r\n`;
  if (withGroup) s += `  \x1b[33mgroup:\x1b[0m ${entry.spec.group}\r\n`;
  return s;
}

function genericHelp(): string {
  return (
    `redzoo ${VERSION}: a simulated Redis 7.0, in this process (nothing is saved when you leave)\n` +
    'To get help about Redis commands type:\n' +
    '      "help @<group>" to get a list of commands in <group>\n' +
    '      "help <command>" for help on <command>\n' +
    '      "help <tab>" to get a list of possible help topics\n' +
    '      "quit" to exit\n' +
    '\n' +
    'Replies are printed as redis-cli prints them. Also understood, as in redis-cli:\n' +
    '      "N command ..." runs the command N times\n' +
    '      "clear" clears the screen\n'
  );
}

/** Tab completion: command names (first word) and help topics (after `help`). */
export function completions(line: string): [string[], string] {
  const m = /^(\s*)(\S*)$/.exec(line);
  if (m) {
    const typed = m[2]!;
    const names = [...new Set(helpEntries().map((e) => e.words[0]!))];
    const lower = typed.length > 0 && typed[0] === typed[0]!.toLowerCase();
    const hits = names.filter((n) => n.startsWith(typed.toUpperCase())).map((n) => (lower ? n.toLowerCase() : n));
    return [hits, typed];
  }
  const h = /^\s*(help|\?)\s+(\S*)$/i.exec(line);
  if (h) {
    const typed = h[2]!;
    const topics = [...HELP_GROUPS.map((g) => `@${g}`), ...new Set(helpEntries().map((e) => e.words[0]!))];
    return [topics.filter((t) => t.toUpperCase().startsWith(typed.toUpperCase())), typed];
  }
  return [[], line];
}
