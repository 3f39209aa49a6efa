import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEYMAP } from '../../src/tui/input/keymap.js';
import { COMMAND_SYNTAX } from '../../src/tui/session/commands.js';
import { helpLines } from '../../src/tui/model/overlays.js';

describe('docs/tui.md', () => {
  const doc = readFileSync(new URL('../../docs/tui.md', import.meta.url), 'utf8').replace(/\\\|/g, '|');

  it('lists every key binding the help lists, with what it does', () => {
    for (const g of KEYMAP) for (const b of g.bindings) expect(doc).toContain(`| \`${b.keys}\` | ${b.what} |`);
  });

  it('lists every : command', () => {
    for (const [syntax, what] of COMMAND_SYNTAX) expect(doc).toContain(`| \`${syntax}\` | ${what} |`);
  });

  it('the help overlay shows the same bindings', () => {
    const help = helpLines(200).join('\n');
    for (const g of KEYMAP) for (const b of g.bindings) expect(help).toContain(b.what);
  });
});
