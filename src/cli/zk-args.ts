/**
 * How zkCli.sh 3.8 reads a command line, reproduced to the character:
 *
 * 1. ZooKeeperMain.MyCommandOptions.parseCommand splits the line with one regular expression,
 *    `\s*([^"']\S*|"[^"]*"|'[^']*')\s*`, found repeatedly, and strips one pair of matching
 *    quotes from a token. There is no escaping; an unmatched quote is skipped; a line of blanks
 *    is one token (a blank), so it is an unknown command.
 * 2. Each command then parses its tokens with commons-cli 1.5's DefaultParser: short options
 *    only (`-s`), clustered (`-sw`), with their value attached (`-v5`, `-v=5`) or next (`-v 5`,
 *    and `-v -1` since a negative number is a value), `--` ending the options, options
 *    anywhere on the line. Its errors are printed as the Java exception's toString().
 * 3. Numbers go through Java's Integer.parseInt, Long.parseLong and Integer.decode.
 */

/** Java's `\s` (not JavaScript's, which also matches Unicode spaces). */
const JS = ' \\t\\n\\x0B\\f\\r';
const ARGS_PATTERN = new RegExp(`[${JS}]*([^"'][^${JS}]*|"[^"]*"|'[^']*')[${JS}]*`, 'g');
/** Java's `.` does not match line terminators. */
const QUOTED_PATTERN = /^(['"])([^\n\r\u0085\u2028\u2029]*)\1$/;

/**
 * parseCommand: the tokens of one line, quotes stripped. An empty array means the line had no
 * token at all (only quote characters): zkCli then runs the previous command again.
 */
export function splitZkLine(line: string): string[] {
  const args: string[] = [];
  ARGS_PATTERN.lastIndex = 0;
  for (let m = ARGS_PATTERN.exec(line); m !== null; m = ARGS_PATTERN.exec(line)) {
    let value = m[1]!;
    if (QUOTED_PATTERN.test(value)) value = value.slice(1, -1);
    args.push(value);
  }
  return args;
}

/** A Java exception as the JVM names it, for messages printed the way Java prints them. */
export class JavaException extends Error {
  constructor(
    /** Fully qualified class name, e.g. java.lang.NumberFormatException. */
    readonly javaClass: string,
    message: string,
  ) {
    super(message);
  }

  /** Throwable.toString(): `class: message`. */
  override toString(): string {
    return `${this.javaClass}: ${this.message}`;
  }
}

/** A commons-cli ParseException; zkCli prints its toString() (class name included). */
export class CliParseError extends JavaException {}

/** The options one command accepts: name → whether it takes a value. */
export type OptionSpec = Readonly<Record<string, boolean>>;

export interface ParsedLine {
  /** Options seen, each with its values (an option may repeat; values in order). */
  readonly options: ReadonlyMap<string, string[]>;
  /** The remaining arguments; args[0] is the command name. */
  readonly args: string[];
}

export function hasOption(p: ParsedLine, name: string): boolean {
  return p.options.has(name);
}

/** CommandLine.getOptionValue: the first value, or null. */
export function optionValue(p: ParsedLine, name: string): string | null {
  const v = p.options.get(name);
  return v && v.length > 0 ? v[0]! : null;
}

/**
 * An OptionGroup (the quota commands have one): at most one of its options per line, and, when
 * required, at least one. Its options' descriptions, in the order added, name it in the
 * MissingOptionException.
 */
export interface OptionGroupSpec {
  readonly descriptions: Readonly<Record<string, string>>;
  readonly required: boolean;
}

/**
 * DefaultParser.parse(options, tokens) with no long options, stopAtNonOption false, as every
 * zkCli command uses it. Throws CliParseError as commons-cli 1.5 throws ParseException.
 */
export function parseCliOptions(spec: OptionSpec, tokens: readonly string[], group?: OptionGroupSpec): ParsedLine {
  const options = new Map<string, string[]>();
  /** The group's selected option (parse() clears it first, so nothing carries over a line). */
  let selected: string | null = null;
  const args: string[] = [];
  /** The option waiting for its value (only options that take one), and whether it got it. */
  let current: string | null = null;
  let currentFull = false;
  let skipParsing = false;

  const has = (name: string): boolean => Object.prototype.hasOwnProperty.call(spec, name);

  const checkRequiredArgs = (): void => {
    if (current !== null && !currentFull) {
      throw new CliParseError('org.apache.commons.cli.MissingArgumentException', `Missing argument for option: ${current}`);
    }
  };
  const handleOption = (name: string): void => {
    checkRequiredArgs();
    if (group && Object.prototype.hasOwnProperty.call(group.descriptions, name)) {
      if (selected !== null && selected !== name) {
        throw new CliParseError(
          'org.apache.commons.cli.AlreadySelectedException',
          `The option '${name}' was specified but an option from this group has already been selected: '${selected}'`,
        );
      }
      selected = name;
    }
    if (!options.has(name)) options.set(name, []);
    current = spec[name] === true ? name : null;
    currentFull = false;
  };
  const addValue = (v: string): void => {
    options.get(current!)!.push(v);
    currentFull = true;
  };
  const unknown = (token: string): void => {
    if (token.startsWith('-') && token.length > 1) {
      throw new CliParseError('org.apache.commons.cli.UnrecognizedOptionException', `Unrecognized option: ${token}`);
    }
    args.push(token);
  };
  const isShortOption = (token: string): boolean => {
    if (!token.startsWith('-') || token.length === 1) return false;
    const eq = token.indexOf('=');
    const name = eq === -1 ? token.slice(1) : token.slice(1, eq);
    if (has(name)) return true;
    return name.length > 0 && has(name[0]!);
  };
  const isArgument = (token: string): boolean => !isShortOption(token) || isJavaDouble(token);
  const concatenated = (token: string): void => {
    for (let i = 1; i < token.length; i++) {
      const ch = token[i]!;
      if (!has(ch)) {
        unknown(token);
        break;
      }
      handleOption(ch);
      if (current !== null && token.length !== i + 1) {
        addValue(token.slice(i + 1));
        break;
      }
    }
  };
  const shortOption = (token: string): void => {
    const t = token.slice(1);
    const eq = t.indexOf('=');
    if (eq === -1) {
      if (t.length === 1 && !has(t)) unknown(token);
      else if (has(t)) handleOption(t);
      else concatenated(token);
    } else {
      // -S=V; "-xy=z" would be a long option, and there are none.
      const name = t.slice(0, eq);
      if (name.length === 1 && spec[name] === true) {
        handleOption(name);
        addValue(t.slice(eq + 1));
      } else {
        unknown(token);
      }
    }
  };

  for (const token of tokens) {
    if (skipParsing) {
      args.push(token);
    } else if (token === '--') {
      skipParsing = true;
    } else if (current !== null && !currentFull && isArgument(token)) {
      addValue(token);
    } else if (token.startsWith('--')) {
      unknown(token);
    } else if (token.startsWith('-') && token !== '-') {
      shortOption(token);
    } else {
      unknown(token);
    }
    // An option that has its value takes no more.
    if (current !== null && currentFull) current = null;
  }
  checkRequiredArgs();
  if (group?.required && selected === null) {
    const names = Object.entries(group.descriptions).map(([o, d]) => `-${o} ${d}`);
    throw new CliParseError('org.apache.commons.cli.MissingOptionException', `Missing required option: [${names.join(', ')}]`);
  }
  return { options, args };
}

// --- Java numbers -------------------------------------------------------------------------------

function numberFormat(s: string, radix = 10): JavaException {
  return new JavaException(
    'java.lang.NumberFormatException',
    `For input string: "${s}"${radix === 10 ? '' : ` under radix ${radix}`}`,
  );
}

function parseJavaInteger(s: string, radix: number, min: bigint, max: bigint): bigint {
  if (s.length === 0) throw numberFormat(s, radix);
  let i = 0;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    i = 1;
    if (s.length === 1) throw numberFormat(s, radix);
  }
  let v = 0n;
  const r = BigInt(radix);
  for (; i < s.length; i++) {
    const d = parseInt(s[i]!, radix);
    if (Number.isNaN(d)) throw numberFormat(s, radix);
    v = v * r + BigInt(d);
    if (v > max + 1n) throw numberFormat(s, radix);
  }
  if (negative) v = -v;
  if (v < min || v > max) throw numberFormat(s, radix);
  return v;
}

/** Integer.parseInt(s) (ASCII digits). Throws JavaException(NumberFormatException). */
export function javaParseInt(s: string): number {
  return Number(parseJavaInteger(s, 10, -2147483648n, 2147483647n));
}

/** Long.parseLong(s, radix), as a bigint. */
export function javaParseLong(s: string, radix = 10): bigint {
  return parseJavaInteger(s, radix, -9223372036854775808n, 9223372036854775807n);
}

/** Integer.decode(s): decimal, 0x/0X/# hex, 0 octal, with a sign. */
export function javaDecodeInt(s: string): number {
  if (s.length === 0) throw new JavaException('java.lang.NumberFormatException', 'Zero length string');
  let index = 0;
  let negative = false;
  let radix = 10;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    index++;
  }
  if (s.startsWith('0x', index) || s.startsWith('0X', index)) {
    index += 2;
    radix = 16;
  } else if (s.startsWith('#', index)) {
    index++;
    radix = 16;
  } else if (s.startsWith('0', index) && s.length > 1 + index) {
    index++;
    radix = 8;
  }
  if (s.startsWith('-', index) || s.startsWith('+', index)) {
    throw new JavaException('java.lang.NumberFormatException', 'Sign character in wrong position');
  }
  // Integer.valueOf(body, radix), retried with the sign so that MIN_VALUE parses.
  return Number(parseJavaInteger(negative ? `-${s.slice(index)}` : s.slice(index), radix, -2147483648n, 2147483647n));
}

/**
 * Whether Double.parseDouble accepts the string (commons-cli's isNegativeNumber): Java's
 * floating literal grammar with optional blanks around, NaN, Infinity, hex floats, f/d suffix.
 */
export function isJavaDouble(s: string): boolean {
  const t = s.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
  return (
    /^[+-]?(NaN|Infinity)$/.test(t) ||
    /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?$/.test(t) ||
    /^[+-]?0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+[fFdD]?$/.test(t)
  );
}
