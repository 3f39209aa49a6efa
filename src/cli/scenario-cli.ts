import { writeFileSync } from 'node:fs';
import { formatReply } from '../redis-sim/index.js';
import { runScenario, SCENARIOS, type Scenario, type ScenarioResult, type TraceRecord } from '../integration/index.js';

/**
 * `redzoo scenarios` and `redzoo run`: the scenario library, headless. The output is a pure
 * function of the scenario and the seed, so the same seed prints the same bytes.
 */

export class ScenarioUsageError extends Error {}

/** `redzoo scenarios [--json]` */
export function listScenarios(args: readonly string[], catalogue: readonly Scenario[] = SCENARIOS): number {
  const json = args.includes('--json');
  const bad = args.find((a) => a !== '--json');
  if (bad !== undefined) throw new ScenarioUsageError(`redzoo scenarios: unknown option '${bad}'`);
  if (json) {
    process.stdout.write(JSON.stringify(catalogue.map((s) => ({ name: s.name, summary: s.summary, durationMs: s.duration }))) + '\n');
  } else {
    const width = Math.max(...catalogue.map((s) => s.name.length));
    for (const s of catalogue) process.stdout.write(`${s.name.padEnd(width)}  ${s.summary}\n`);
  }
  return 0;
}

interface RunOptions {
  name: string;
  seed: number;
  seeds: [number, number] | undefined;
  json: boolean;
  trace: string | undefined;
}

function parseRunArgs(args: readonly string[]): RunOptions {
  let name: string | undefined;
  let seed = 1;
  let seeds: [number, number] | undefined;
  let json = false;
  let trace: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new ScenarioUsageError(`redzoo run: ${a} needs a value`);
      return v;
    };
    if (a === '--json') json = true;
    else if (a === '--seed') seed = parseSeed(value());
    else if (a === '--seeds') {
      const m = /^(\d+)\.\.(\d+)$/.exec(value());
      if (m === null || Number(m[1]) > Number(m[2])) throw new ScenarioUsageError(`redzoo run: --seeds takes a range like 1..100`);
      seeds = [Number(m[1]), Number(m[2])];
    } else if (a === '--trace') trace = value();
    else if (a.startsWith('-')) throw new ScenarioUsageError(`redzoo run: unknown option '${a}'`);
    else if (name === undefined) name = a;
    else throw new ScenarioUsageError(`redzoo run: unexpected argument '${a}'`);
  }
  if (name === undefined) throw new ScenarioUsageError('redzoo run: name a scenario (`redzoo scenarios` lists them)');
  return { name, seed, seeds, json, trace };
}

function parseSeed(text: string): number {
  if (!/^\d{1,15}$/.test(text)) throw new ScenarioUsageError(`redzoo run: invalid seed '${text}' (a non-negative integer)`);
  return Number(text);
}

/** `redzoo run <name> [--seed N | --seeds A..B] [--json] [--trace FILE]`: exit 0 when the expected outcome was met. */
export async function runCommand(args: readonly string[], catalogue: readonly Scenario[] = SCENARIOS): Promise<number> {
  const o = parseRunArgs(args);
  const scenario = catalogue.find((s) => s.name === o.name);
  if (scenario === undefined) {
    throw new ScenarioUsageError(`redzoo run: unknown scenario '${o.name}'; known: ${catalogue.map((s) => s.name).join(', ')}`);
  }
  if (o.seeds !== undefined) {
    const [from, to] = o.seeds;
    let passed = 0;
    let firstFailing: number | null = null;
    for (let seed = from; seed <= to; seed++) {
      const r = await runScenario(scenario, seed);
      if (r.verdict === 'pass') passed++;
      else firstFailing ??= seed;
    }
    const total = to - from + 1;
    if (o.json) process.stdout.write(JSON.stringify({ scenario: scenario.name, seeds: [from, to], passed, failed: total - passed, firstFailingSeed: firstFailing }) + '\n');
    else {
      process.stdout.write(`${scenario.name}, seeds ${from}..${to}: ${passed} passed, ${total - passed} failed\n`);
      if (firstFailing !== null) process.stdout.write(`first failing seed: ${firstFailing} (redzoo run ${scenario.name} --seed ${firstFailing})\n`);
    }
    return passed === total ? 0 : 1;
  }
  const result = await runScenario(scenario, o.seed);
  if (o.trace !== undefined) writeFileSync(o.trace, result.world.jsonl());
  if (o.json) {
    const { world: _world, ...rest } = result;
    process.stdout.write(JSON.stringify({ ...rest, checks: rest.checks.map((c) => ({ name: c.name, ok: c.ok, expected: c.expected, detail: c.detail })) }) + '\n');
  } else {
    process.stdout.write(transcript(scenario, result));
  }
  return result.verdict === 'pass' ? 0 : 1;
}

/** The readable transcript: one line per event (messages left out), then the checks and the verdict. */
export function transcript(scenario: Scenario, r: ScenarioResult): string {
  let out = `${scenario.name} (seed ${r.seed})\n${wrap(scenario.story, 100)}\n\n`;
  const width = Math.max(8, ...r.world.processNames.map((n) => n.length));
  for (const rec of r.world.trace) {
    const line = describe(rec);
    if (line !== null) out += `${(rec.time / 1000).toFixed(3).padStart(9)}s  ${(rec.proc || '—').padEnd(width)}  ${line}\n`;
  }
  out += '\nchecks:\n';
  for (const c of r.checks) {
    const mark = c.ok ? '✓' : '✗';
    const note = c.ok === c.expected ? (c.expected ? '' : ' (expected: this scenario demonstrates the violation)') : c.expected ? ' (UNEXPECTED)' : ' (UNEXPECTED: the violation did not happen)';
    out += `  ${mark} ${c.name}: ${c.detail}${note}\n`;
  }
  out += '\nnumbers:\n';
  for (const [k, v] of Object.entries(r.stats)) out += `  ${k}: ${v}\n`;
  out += `\nverdict: ${r.verdict.toUpperCase()} (seed ${r.seed}, trace ${r.traceHash})\n`;
  return out;
}

/** One transcript line for a record, or null for records too fine-grained to show (messages). */
export function describe(r: TraceRecord): string | null {
  switch (r.type) {
    case 'send':
    case 'deliver':
      return null;
    case 'drop':
      return `message to ${r.to} lost (${r.reason}): ${r.msg}`;
    case 'process':
      return `process ${r.event}${r.detail ? `: ${r.detail}` : ''}`;
    case 'connection':
      return `connection ${r.conn} with ${r.peer} ${r.event}`;
    case 'command':
      return `${r.client}: ${r.argv.join(' ')} → ${formatReply(r.reply).replace(/\n/g, ' ')}`;
    case 'zk-op':
      return `${r.client}: ${r.op}${r.path ? ` ${r.path}` : ''} → ${r.result}`;
    case 'watch':
      return `watch ${r.event}${r.path ? ` ${r.path}` : ''}`;
    case 'session':
      return `session ${r.session ?? ''} ${r.state}`.replace('  ', ' ');
    case 'fault':
      return `FAULT ${r.detail}`;
    case 'log':
      return r.text;
    case 'mark':
      return `${r.label} ${JSON.stringify(r.data)}`;
    case 'check':
      return `CHECK ${r.ok ? '✓' : '✗'} ${r.name}: ${r.explanation}`;
  }
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
