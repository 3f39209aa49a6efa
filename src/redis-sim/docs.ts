import { COMMAND_LIST } from './commands/index.js';
import type { CommandSpec } from './commands/types.js';

/**
 * docs/redis.md's command table, generated from the command table itself so the two cannot
 * drift (a test compares the file with this output; `npm run docs` rewrites it).
 */
const GROUP_TITLES: Record<string, string> = {
  string: 'Strings',
  list: 'Lists',
  set: 'Sets',
  'sorted-set': 'Sorted sets',
  hash: 'Hashes',
  generic: 'Keys and expiry',
  transactions: 'Transactions',
  pubsub: 'Pub/Sub',
  connection: 'Connection',
  server: 'Server',
};

const escape = (s: string) => s.replace(/\|/g, '\\|');

function rows(spec: CommandSpec): string[] {
  const own = `| \`${escape(spec.syntax)}\` | ${spec.arity} | ${spec.flags.join(', ') || '—'} | ${spec.since} | ${escape(spec.summary)} |`;
  return [own, ...(spec.subcommands ?? []).flatMap(rows)];
}

export function commandTableMarkdown(): string {
  const groups = new Map<string, CommandSpec[]>();
  for (const spec of COMMAND_LIST) {
    const list = groups.get(spec.group) ?? [];
    list.push(spec);
    groups.set(spec.group, list);
  }
  const count = COMMAND_LIST.reduce((n, c) => n + 1 + (c.subcommands?.length ?? 0), 0);
  let out = `# Redis commands in redzoo\n\n`;
  out += `Generated from the engine's command table by \`npm run docs\`; a test fails when this file is stale.\n`;
  out += `${count} commands and subcommands, each answering as Redis 7.0.15 does (checked by the\n`;
  out += `conformance suite in test/conformance against a real redis-server). Arity is in Redis's\n`;
  out += `convention: N means exactly N arguments counting the command name, -N at least N.\n`;
  for (const [group, specs] of groups) {
    out += `\n## ${GROUP_TITLES[group] ?? group}\n\n| command | arity | flags | since | summary |\n|---|---|---|---|---|\n`;
    for (const spec of [...specs].sort((a, b) => a.name.localeCompare(b.name))) out += rows(spec).join('\n') + '\n';
  }
  return out;
}
