import { runScenario, scenarioWorld, type Scenario } from './scenario.js';

/**
 * docs/scenarios.md, made from the scenarios themselves (their story, their checks, and what
 * seed 1 measures), so the catalogue cannot drift from the code. `npm run docs` rewrites it.
 */
export async function scenarioCatalogueMarkdown(scenarios: readonly Scenario[]): Promise<string> {
  let out =
    '# Scenarios\n\n' +
    '<!-- Generated from src/integration/scenarios by `npm run docs`; a test fails when it drifts. -->\n\n' +
    'Each scenario tells one story in a simulated world, injects the faults that make it interesting, checks what must\n' +
    'hold, and ends with a verdict. Run one with `npx redzoo run <name> [--seed N]`; `--seeds 1..100` looks for a seed\n' +
    'where it goes differently. Some scenarios exist to show a violation: their verdict passes when the violation is\n' +
    'demonstrated (marked "expected to fail" below) and the variant that fixes it holds.\n\n';
  out += '| scenario | what it shows |\n|---|---|\n';
  for (const s of scenarios) out += `| [\`${s.name}\`](#${s.name}) | ${s.summary} |\n`;
  for (const s of scenarios) {
    const { world, setup } = scenarioWorld(s, 1);
    const result = await runScenario(s, 1);
    out += `\n## ${s.name}\n\n${s.story}\n\n`;
    if (s.watch) out += `**What to watch.** ${s.watch}\n\n`;
    out += `**Checks** (what they prove):\n\n`;
    for (const c of world.checks()) {
      const expected = setup.expect?.[c.name] ?? true;
      out += `- *${c.name}*${expected ? '' : ' (expected to fail: the violation is the point)'}: ${c.description}.\n`;
    }
    out += `\n**Seed 1** (\`npx redzoo run ${s.name} --seed 1\`, ${s.duration / 1000} virtual seconds): verdict ${result.verdict}.\n\n`;
    out += '| number | value |\n|---|---|\n';
    for (const [k, v] of Object.entries(result.stats)) out += `| ${k} | ${v} |\n`;
  }
  return out;
}
