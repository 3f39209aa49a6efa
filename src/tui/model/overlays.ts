import type { World } from '../../integration/index.js';
import type { Scenario } from '../../integration/index.js';
import { bytesToText } from '../../redis-sim/index.js';
import { formatStat } from '../../cli/zk-format.js';
import { KEYMAP } from '../input/keymap.js';
import { COMMAND_SYNTAX } from '../session/commands.js';
import { cell, ttlText, wrap } from './format.js';
import { peekEntry, sizeOf, valueLines } from './keyspace.js';
import { znodeDetail } from './zktree.js';

/** The text of the overlays (help, the scenario picker, a key, a znode), one string per line. */

export function helpLines(width: number): string[] {
  const out: string[] = [];
  const keyWidth = Math.max(...KEYMAP.flatMap((g) => g.bindings.map((b) => b.keys.length))) + 2;
  for (const g of KEYMAP) {
    out.push(g.title);
    for (const b of g.bindings) out.push(`  ${cell(b.keys, keyWidth)}${b.what}`);
  }
  out.push('Commands (after :)');
  const cmdWidth = Math.max(...COMMAND_SYNTAX.map(([s]) => s.length)) + 2;
  for (const [syntax, what] of COMMAND_SYNTAX) out.push(`  ${cell(syntax, cmdWidth)}${what}`);
  out.push('At the prompt');
  out.push('  Redis commands as redis-cli takes them: SET a 1 EX 10, LPUSH q x y, MULTI … EXEC');
  out.push('  zkCli commands: ls [-s] [-w] [-R] /, get [-s] [-w] /p, stat /p, create [-e] [-s] /p data,');
  out.push('  set /p data, delete /p, deleteall /p, getEphemerals, sync /p, addWatch /p, close');
  out.push('  (a zkCli command names a /path; prefix a line with "redis " or "zk " to choose yourself)');
  return out.flatMap((l) => hang(l, width));
}

/** A line cut to `width`, its continuation lines indented under the description it belongs to. */
function hang(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const m = /^(\s+\S+(?: \S+)*?\s{2,})(.*)$/.exec(line);
  const indent = m === null ? 4 : Math.min(m[1]!.length, Math.floor(width / 2));
  const head = m === null ? '' : m[1]!;
  const body = m === null ? line.trim() : m[2]!;
  const parts = wrap(body, Math.max(10, width - indent));
  return parts.map((p, i) => (i === 0 ? (head + p).slice(0, width) : ' '.repeat(indent) + p));
}

export function pickerEntries(catalogue: readonly Scenario[]): { name: string; summary: string; story: string }[] {
  return [
    { name: 'sandbox', summary: 'one Redis, one ZooKeeper and three idle apps, for free exploration', story: 'Type Redis and zkCli commands at the prompt as alice, bob or carol, and break things with : commands.' },
    ...catalogue.map((s) => ({ name: s.name, summary: s.summary, story: s.story })),
  ];
}

/** The key view: a header line, then the value, lines `from` .. `from + count`. */
export function keyOverlay(world: World, server: string, key: string, width: number, from: number, count: number): { title: string; info: string; total: number; lines: string[] } {
  const entry = peekEntry(world, server, key);
  const name = bytesToText(key);
  if (entry === undefined) return { title: `${server} › ${name}`, info: 'gone', total: 1, lines: ['(the key is gone: deleted, expired, or the server crashed)'] };
  const v = entry.value;
  const ttl = entry.expireAt === -1 ? -1 : entry.expireAt - world.process(server).localNow();
  const size = sizeOf(v);
  const info = `${v.type} · ${v.encoding} · ${v.type === 'string' ? `${size} bytes` : `${size} element${size === 1 ? '' : 's'}`} · TTL ${ttlText(ttl)}`;
  const { total, lines } = valueLines(v, width, from, count);
  return { title: `${server} › ${name}`, info, total, lines };
}

/** The znode view: the data in full, then the stat as zkCli's `stat` prints it, then children and ACL. */
export function znodeOverlayLines(world: World, server: string, path: string, width: number): string[] {
  const d = znodeDetail(world, server, path);
  if (d === null) return ['(the znode is gone)'];
  const out: string[] = [];
  out.push(`kind: ${d.kind}${d.ttl > 0 ? ` (ttl ${d.ttl} ms)` : ''}`);
  out.push('data:');
  if (d.data === null) out.push('  null');
  else for (const l of d.data.split('\n')) for (const w of l.length === 0 ? [''] : chunk(l, width - 2)) out.push(`  ${w}`);
  out.push('stat:');
  for (const l of formatStat(d.stat, 'UTC').replace(/\n$/, '').split('\n')) out.push(`  ${l}`);
  out.push(`children (${d.children.length}):`);
  for (const c of d.children.slice(0, 1000)) out.push(`  ${c}`);
  if (d.children.length > 1000) out.push(`  … and ${d.children.length - 1000} more`);
  out.push(`acl: ${d.acl.join(', ')}`);
  return out;
}

function chunk(s: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += Math.max(1, n)) out.push(s.slice(i, i + n));
  return out;
}
