import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitArgs } from '../../src/redis-sim/resp-parser.js';
import { atoi, strtol } from '../../src/cli/redis-repl.js';

/**
 * How the REPL splits a typed line: sdssplitargs, as redis-cli 7.0 does (each case below was
 * typed into the real redis-cli to check it).
 */
describe('splitArgs (sdssplitargs)', () => {
  it('splits on spaces, tabs and newlines, ignoring runs of them', () => {
    expect(splitArgs('SET  a\t1 ')).toEqual(['SET', 'a', '1']);
    expect(splitArgs('   ')).toEqual([]);
    expect(splitArgs('')).toEqual([]);
  });

  it('takes double-quoted arguments with escapes', () => {
    expect(splitArgs('set "a b" "\\x41\\n\\r\\t\\b\\a\\\\\\"\\q"')).toEqual(['set', 'a b', 'A\n\r\t\b\x07\\"q']);
    expect(splitArgs('"\\xff\\x00\\xAb"')).toEqual(['\xff\x00\xab']);
  });

  it('keeps a \\x that is not followed by two hex digits as x', () => {
    expect(splitArgs('"\\x4g"')).toEqual(['x4g']);
  });

  it("takes single-quoted arguments with only \\' as an escape", () => {
    expect(splitArgs("'a \\n b' 'it\\'s'")).toEqual(['a \\n b', "it's"]);
  });

  it('opens a quote in the middle of an argument', () => {
    expect(splitArgs('a"b c"')).toEqual(['ab c']);
    expect(splitArgs("set x'y\\'z'  1")).toEqual(['set', "xy'z", '1']);
  });

  it('needs a closing quote followed by a space or the end', () => {
    expect(splitArgs('"a"b')).toBeNull();
    expect(splitArgs("'a'b")).toBeNull();
    expect(splitArgs('"a" b')).toEqual(['a', 'b']);
    expect(splitArgs('"a"\tb')).toEqual(['a', 'b']);
  });

  it('rejects unbalanced quotes', () => {
    expect(splitArgs('"abc')).toBeNull();
    expect(splitArgs("'abc")).toBeNull();
    expect(splitArgs('"abc\\"')).toBeNull();
    expect(splitArgs('"abc\\')).toBeNull();
  });

  it('reads the line as a C string: it ends at a NUL', () => {
    expect(splitArgs('GET a\0b')).toEqual(['GET', 'a']);
    expect(splitArgs('"a\0"')).toBeNull();
  });

  it('keeps vertical tabs and form feeds inside unquoted arguments', () => {
    expect(splitArgs('a\vb\fc')).toEqual(['a\vb\fc']);
  });
});

describe('the repeat prefix and SELECT as redis-cli reads them', () => {
  it('strtol: whole numbers only, sign and leading blanks allowed', () => {
    expect(strtol('3')).toEqual({ value: 3, whole: true, overflow: false });
    expect(strtol('+3')).toEqual({ value: 3, whole: true, overflow: false });
    expect(strtol(' 3')).toEqual({ value: 3, whole: true, overflow: false });
    expect(strtol('-1')).toEqual({ value: -1, whole: true, overflow: false });
    expect(strtol('3x').whole).toBe(false);
    expect(strtol('x').whole).toBe(false);
    expect(strtol('').whole).toBe(true);
    expect(strtol('99999999999999999999').overflow).toBe(true);
  });

  it('atoi: leading digits, wrapped to an int', () => {
    expect(atoi('2')).toBe(2);
    expect(atoi('12abc')).toBe(12);
    expect(atoi('foo')).toBe(0);
    expect(atoi('-3')).toBe(-3);
    expect(atoi('99999999999999999999')).toBe(-1);
  });
});

/** Quotes any bytes so that sdssplitargs gives them back. */
function quote(arg: string, style: number): string {
  if (style === 0 && /^[A-Za-z0-9_:.-]+$/.test(arg)) return arg;
  if (style === 1 && !arg.includes("'") && !arg.includes('\0') && !arg.endsWith('\\')) return `'${arg}'`;
  let out = '"';
  for (const ch of arg) {
    const c = ch.charCodeAt(0);
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c < 0x20 || c > 0x7e) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

describe('properties', () => {
  it('never throws on any line', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('"', "'", '\\', 'x', '4', 'f', ' ', '\t', '\n', '\0', 'a') }), (line) => {
        const r = splitArgs(line);
        expect(r === null || Array.isArray(r)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives back any arguments quoted in any of the three styles', () => {
    // Only binary strings reach the tokenizer: typed text is UTF-8 encoded first.
    const arg = fc.oneof(
      fc.string().map((t) => Buffer.from(t, 'utf8').toString('latin1')),
      fc.uint8Array({ maxLength: 10 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(arg, fc.integer({ min: 0, max: 2 })), { maxLength: 6 }), fc.constantFrom(' ', '  ', '\t'), (args, sep) => {
        const line = args.map(([a, style]) => quote(a, style)).join(sep);
        expect(splitArgs(line)).toEqual(args.map(([a]) => a));
      }),
      { numRuns: 1000 },
    );
  });
});
