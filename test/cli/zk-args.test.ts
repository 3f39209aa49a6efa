import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CliParseError,
  hasOption,
  isJavaDouble,
  javaDecodeInt,
  javaParseInt,
  javaParseLong,
  optionValue,
  parseCliOptions,
  splitZkLine,
} from '../../src/cli/zk-args.js';

/** The facts below were read off zkCli.sh 3.8.0 (Debian 12) fed the same lines. */
describe('splitZkLine (ZooKeeperMain.parseCommand)', () => {
  it('splits on blanks and strips one pair of quotes', () => {
    expect(splitZkLine('create /q "hello world"')).toEqual(['create', '/q', 'hello world']);
    expect(splitZkLine("create /q2 'it is'")).toEqual(['create', '/q2', 'it is']);
    expect(splitZkLine("set /a 'x y' z")).toEqual(['set', '/a', 'x y', 'z']);
    expect(splitZkLine("get ''")).toEqual(['get', '']);
    expect(splitZkLine('get ""')).toEqual(['get', '']);
    expect(splitZkLine(`"a'b"`)).toEqual(["a'b"]);
  });

  it('ends a quoted token at its closing quote, and keeps quotes inside a bare token', () => {
    // create /q3 "a"b → data "a", acl "b" ("b does not have the form scheme:id:perm")
    expect(splitZkLine('create /q3 "a"b')).toEqual(['create', '/q3', 'a', 'b']);
    // create /q4 a"b c"d → data a"b, acl c"d
    expect(splitZkLine('create /q4 a"b c"d')).toEqual(['create', '/q4', 'a"b', 'c"d']);
    expect(splitZkLine('set /a a"b"c')).toEqual(['set', '/a', 'a"b"c']);
  });

  it('skips an unmatched quote', () => {
    expect(splitZkLine('create /x "hello world')).toEqual(['create', '/x', 'hello', 'world']);
    expect(splitZkLine('"')).toEqual([]);
    expect(splitZkLine(`'"`)).toEqual([]);
  });

  it('treats leading, trailing and inner blanks (Java \\s only) as separators', () => {
    expect(splitZkLine('  ls /  ')).toEqual(['ls', '/']);
    expect(splitZkLine('ls\t/\tx')).toEqual(['ls', '/', 'x']);
    // A non-breaking space is not \s in Java: it is part of the token.
    expect(splitZkLine('ls\u00a0/')).toEqual(['ls\u00a0/']);
  });

  it('makes a line of blanks one token, a blank (so "Command not found  ")', () => {
    expect(splitZkLine('   ')).toEqual([' ']);
    expect(splitZkLine(' ')).toEqual([' ']);
    expect(splitZkLine('\t')).toEqual(['\t']);
  });

  it('never throws, and gives no empty token that was not quoted', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '"', "'", '\t', '/', '-', 'x', '\\', '\u00a0', 'é') }), (line) => {
        const tokens = splitZkLine(line);
        const quotedEmpty = (line.match(/""|''/g) ?? []).length;
        expect(tokens.filter((t) => t === '').length).toBeLessThanOrEqual(quotedEmpty);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (line) => {
        expect(Array.isArray(splitZkLine(line))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseCliOptions (commons-cli 1.5 DefaultParser)', () => {
  const GET = { s: false, w: false };
  const SET = { s: false, v: true };
  const CREATE = { e: false, s: false, c: false, t: true };
  const errorOf = (spec: Record<string, boolean>, tokens: string[]): string => {
    try {
      parseCliOptions(spec, tokens);
    } catch (e) {
      expect(e).toBeInstanceOf(CliParseError);
      return String(e);
    }
    throw new Error('no error');
  };

  it('takes options anywhere, clustered or repeated', () => {
    const p = parseCliOptions(GET, ['get', '/a', '-sw']);
    expect(p.args).toEqual(['get', '/a']);
    expect(hasOption(p, 's') && hasOption(p, 'w')).toBe(true);
    expect(parseCliOptions(GET, ['get', '-s', '-s', '/a']).args).toEqual(['get', '/a']);
  });

  it('takes a value attached, after =, or next, including a negative number', () => {
    expect(optionValue(parseCliOptions(SET, ['set', '-v0', '/a', 'x']), 'v')).toBe('0');
    expect(optionValue(parseCliOptions(SET, ['set', '-v=1', '/a', 'x']), 'v')).toBe('1');
    expect(optionValue(parseCliOptions(SET, ['set', '-v', '-1', '/a', 'x']), 'v')).toBe('-1');
    expect(optionValue(parseCliOptions(SET, ['set', '-v', '-abc', '/a', 'x']), 'v')).toBe('-abc');
    expect(optionValue(parseCliOptions(CREATE, ['create', '-t5', '/p4']), 't')).toBe('5');
  });

  it('reads -est as -e -s -t with the next token as the ttl, and -ttl as -t "tl"', () => {
    const est = parseCliOptions(CREATE, ['create', '-est', '/p3']);
    expect(est.args).toEqual(['create']);
    expect(optionValue(est, 't')).toBe('/p3');
    const ttl = parseCliOptions(CREATE, ['create', '-ttl', '/p5']);
    expect(optionValue(ttl, 't')).toBe('tl');
    expect(ttl.args).toEqual(['create', '/p5']);
  });

  it('ends options at --, and takes a lone - as an argument', () => {
    expect(parseCliOptions(GET, ['get', '--', '-s', '/p1']).args).toEqual(['get', '-s', '/p1']);
    expect(parseCliOptions(GET, ['get', '-', '/p1']).args).toEqual(['get', '-', '/p1']);
  });

  it('reports unknown and incomplete options as commons-cli does', () => {
    expect(errorOf(GET, ['get', '--s', '/p1'])).toBe('org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: --s');
    expect(errorOf(GET, ['get', '-z', '/a'])).toBe('org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -z');
    expect(errorOf(GET, ['get', '-sx', '/a'])).toBe('org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -sx');
    expect(errorOf(GET, ['get', '-s=1', '/a'])).toBe('org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -s=1');
    expect(errorOf(SET, ['set', '--v', '3', '/p1', 'e'])).toBe('org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: --v');
    expect(errorOf(CREATE, ['create', '-t'])).toBe('org.apache.commons.cli.MissingArgumentException: Missing argument for option: t');
    expect(errorOf(CREATE, ['create', '-t', '-s', '/x'])).toBe('org.apache.commons.cli.MissingArgumentException: Missing argument for option: t');
    expect(errorOf({ m: true }, ['addWatch', '-m'])).toBe('org.apache.commons.cli.MissingArgumentException: Missing argument for option: m');
  });

  it('never throws anything but a parse error', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('-', 's', 'v', 't', '=', '1', 'x', '/') }), { maxLength: 6 }), (tokens) => {
        try {
          parseCliOptions(CREATE, ['create', ...tokens]);
        } catch (e) {
          expect(e).toBeInstanceOf(CliParseError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('Java numbers', () => {
  it('Integer.parseInt', () => {
    expect(javaParseInt('5')).toBe(5);
    expect(javaParseInt('+5')).toBe(5);
    expect(javaParseInt('-2147483648')).toBe(-2147483648);
    expect(() => javaParseInt('2147483648')).toThrow('For input string: "2147483648"');
    expect(() => javaParseInt('abc')).toThrow('For input string: "abc"');
    expect(() => javaParseInt('')).toThrow('For input string: ""');
    expect(() => javaParseInt('1.0')).toThrow('For input string: "1.0"');
    expect(() => javaParseInt(' 1')).toThrow();
  });

  it('Long.parseLong', () => {
    expect(javaParseLong('1099511627776')).toBe(1099511627776n);
    expect(javaParseLong('-9223372036854775808')).toBe(-9223372036854775808n);
    expect(() => javaParseLong('9223372036854775808')).toThrow();
    expect(() => javaParseLong('abc')).toThrow('For input string: "abc"');
  });

  it('Integer.decode (redo)', () => {
    expect(javaDecodeInt('3')).toBe(3);
    expect(javaDecodeInt('0x10')).toBe(16);
    expect(javaDecodeInt('#f')).toBe(15);
    expect(javaDecodeInt('010')).toBe(8);
    expect(javaDecodeInt('-0x10')).toBe(-16);
    expect(javaDecodeInt('0')).toBe(0);
    expect(() => javaDecodeInt('x')).toThrow('For input string: "x"');
    expect(() => javaDecodeInt('')).toThrow('Zero length string');
    expect(() => javaDecodeInt('0x')).toThrow('For input string: "" under radix 16');
    expect(() => javaDecodeInt('--1')).toThrow('Sign character in wrong position');
  });

  it('Double.parseDouble acceptance (what commons-cli calls a negative number)', () => {
    for (const s of ['-1', '-1.5', '-.5', '-1e3', '-Infinity', '-NaN', '-1d', '-0x1p3', ' -1 ']) expect(isJavaDouble(s), s).toBe(true);
    for (const s of ['-', '-abc', '-1x', '-e5', '--1', '-inf']) expect(isJavaDouble(s), s).toBe(false);
  });
});
