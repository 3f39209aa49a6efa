/**
 * Redis's number rules, byte for byte: which strings are integers (string2ll), which are floats
 * (strtod), how scores print (`%.17g` in 7.0) and how INCRBYFLOAT computes and prints (80-bit long
 * double, `%.17Lf` with trailing zeros trimmed). Integers beyond 2^53 are carried as bigint.
 */

export type Int = number | bigint;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const BIG_INT = /^(?:0|-?[1-9][0-9]{0,19})$/;

/** string2ll: optional '-', no '+', no spaces, no leading zeros, no "-0", fits int64. */
export function parseInt64(s: string): Int | null {
  const small = smallInt(s);
  if (small !== null) return small;
  if (s.length > 20 || !BIG_INT.test(s)) return null;
  const b = BigInt(s);
  return b < INT64_MIN || b > INT64_MAX ? null : normalize(b);
}

/**
 * string2ll's common case without a regex: `0`, or an optional '-' and up to 15 digits with no
 * leading zero (exact as a double). Null for anything else, which the full check then decides.
 */
function smallInt(s: string): number | null {
  if (s === '0') return 0;
  const negative = s.charCodeAt(0) === 45;
  const from = negative ? 1 : 0;
  const n = s.length;
  if (n === from || n - from > 15) return null;
  let v = s.charCodeAt(from) - 48;
  if (v < 1 || v > 9) return null;
  for (let i = from + 1; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    v = v * 10 + d;
  }
  return negative ? -v : v;
}

/** An Int as a number when it is exactly representable, so common paths stay on doubles. */
export function normalize(b: bigint): Int {
  return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
}

/** a + b in int64, or null when Redis would report overflow. */
export function addInt64(a: Int, b: Int): Int | null {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  const r = BigInt(a) + BigInt(b);
  return r < INT64_MIN || r > INT64_MAX ? null : normalize(r);
}

export const isInt64Min = (v: Int): boolean => typeof v === 'bigint' && v === INT64_MIN;
export const intToString = (v: Int): string => (typeof v === 'number' ? String(v) : v.toString());

/**
 * strtod: skips leading whitespace, accepts decimal and hex floats, inf/infinity/nan in any case.
 * Returns the value and how many characters it consumed (0 when nothing parsed).
 */
const STRTOD =
  /^[ \t\n\v\f\r]*[+-]?(?:0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN])/;

export function strtod(s: string): { value: number; consumed: number; erange: boolean } {
  // The usual scores and range ends, without the regex.
  const plain = plainInteger(s);
  if (plain !== null) return { value: plain, consumed: s.length, erange: false };
  if (s === '+inf' || s === 'inf') return { value: Infinity, consumed: s.length, erange: false };
  if (s === '-inf') return { value: -Infinity, consumed: 4, erange: false };
  const m = STRTOD.exec(s);
  if (!m) return { value: 0, consumed: 0, erange: false };
  let text = m[0].trim();
  // An exponent marker without digits is not consumed by strtod ("1e" parses as "1").
  let sign = 1;
  if (text[0] === '+' || text[0] === '-') {
    if (text[0] === '-') sign = -1;
    text = text.slice(1);
  }
  let value: number;
  const lower = text.toLowerCase();
  if (lower.startsWith('inf')) value = Infinity;
  else if (lower === 'nan') value = NaN;
  else if (lower.startsWith('0x')) value = parseHexFloat(lower.slice(2));
  else value = Number(text.endsWith('.') ? text.slice(0, -1) : text);
  value *= sign;
  const erange =
    (!Number.isFinite(value) && !lower.startsWith('inf') && lower !== 'nan') ||
    (value === 0 && /[1-9]/.test(lower.split(/[ep]/)[0] ?? ''));
  return { value, consumed: m[0].length, erange };
}

/**
 * `-?[0-9]{1,15}`, the usual score or bound, without the regex: up to 15 digits a double holds it
 * exactly, so it reads as strtod would read it ("-0" included); null for anything else.
 */
function plainInteger(s: string): number | null {
  const negative = s.charCodeAt(0) === 45;
  const from = negative ? 1 : 0;
  if (s.length === from || s.length - from > 15) return null;
  let v = 0;
  for (let i = from; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    v = v * 10 + d;
  }
  return negative ? -v : v;
}

function parseHexFloat(s: string): number {
  const [mant, exp] = s.split('p') as [string, string | undefined];
  const [int, frac = ''] = mant.split('.') as [string, string | undefined];
  let v = 0;
  for (const ch of int + frac) v = v * 16 + parseInt(ch, 16);
  return v * 2 ** ((exp ? Number(exp) : 0) - 4 * frac.length);
}

/** getDoubleFromObject: the whole string, no leading space, no overflow, not NaN. */
export function parseDouble(s: string): number | null {
  if (s.length === 0 || isSpace(s.charCodeAt(0))) return null;
  const r = strtod(s);
  if (r.consumed !== s.length || r.erange || Number.isNaN(r.value)) return null;
  return r.value;
}

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/** Scores and other doubles as Redis 7.0 prints them: `%.17g`, `inf`, `-inf`. */
export function formatDouble(d: number): string {
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (Number.isNaN(d)) return 'nan';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  // Integers below 2^53 print exactly, without exponent, as %.17g prints them.
  if (Number.isSafeInteger(d)) return String(d);
  // JS rounds a decimal tie away from zero, C's printf to even: only an exact 18-digit expansion
  // ending in 5 can be a tie, and those take the exact path.
  const p18 = d.toPrecision(18);
  const [mant, exp] = (p18.split('e')[0]!.endsWith('5') ? exactExponential17(d) : d.toExponential(16)).split('e') as [string, string];
  const x = Number(exp);
  const neg = mant[0] === '-';
  const digits = mant.replace('-', '').replace('.', '');
  const sign = neg ? '-' : '';
  if (x < -4 || x >= 17) {
    const m = `${digits[0]}.${digits.slice(1)}`.replace(/0+$/, '').replace(/\.$/, '');
    const abs = Math.abs(x);
    return `${sign}${m}e${x < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  }
  const int = x >= 0 ? digits.slice(0, x + 1) : '0';
  const frac = (x >= 0 ? digits.slice(x + 1) : '0'.repeat(-x - 1) + digits).replace(/0+$/, '');
  return sign + int + (frac ? `.${frac}` : '');
}

/** A double's exact binary value rounded half-to-even to 17 significant digits, as toExponential(16) writes it. */
function exactExponential17(d: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(d));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let m = bits & ((1n << 52n) - 1n);
  let e = -1074;
  if (biased !== 0) {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  // value = digits × 10^pow10, exactly
  let digits = e >= 0 ? (m << BigInt(e)).toString() : (m * 5n ** BigInt(-e)).toString();
  let pow10 = e >= 0 ? 0 : e;
  if (digits.length > 17) {
    const rest = digits.slice(17);
    let head = BigInt(digits.slice(0, 17));
    const after = /[1-9]/.test(rest.slice(1));
    if (rest[0]! > '5' || (rest[0] === '5' && (after || (head & 1n) === 1n))) head += 1n;
    pow10 += rest.length;
    digits = head.toString();
    if (digits.length > 17) {
      digits = digits.slice(0, 17);
      pow10++;
    }
  } else {
    pow10 -= 17 - digits.length;
    digits = digits.padEnd(17, '0');
  }
  const x = pow10 + 16;
  return `${d < 0 ? '-' : ''}${digits[0]}.${digits.slice(1)}e${x < 0 ? '' : '+'}${x}`;
}

/**
 * A long double (x87 80-bit: 64-bit mantissa) as mant * 2^exp, exact, in bigint. INCRBYFLOAT and
 * HINCRBYFLOAT compute in long double, which is why `0.1 + 0.2` prints `0.3` in Redis.
 */
export interface LongDouble {
  readonly mant: bigint; // signed; |mant| < 2^64 after rounding
  readonly exp: number;
  readonly special?: 'inf' | '-inf' | 'nan';
}

const MANT_BITS = 64;

function roundToMantissa(mant: bigint, exp: number): LongDouble {
  if (mant === 0n) return { mant: 0n, exp: 0 };
  const neg = mant < 0n;
  let m = neg ? -mant : mant;
  const bits = m.toString(2).length;
  if (bits > MANT_BITS) {
    const shift = BigInt(bits - MANT_BITS);
    const rem = m & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    m >>= shift;
    exp += Number(shift);
    if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
  }
  return { mant: neg ? -m : m, exp };
}

/** strtold over a full string (string2ld's rules); null when Redis would reject it. */
export function parseLongDouble(s: string): LongDouble | null {
  if (s.length === 0 || isSpace(s.charCodeAt(0)) || s.length > 5 * 1024) return null;
  const m = /^([+-]?)(?:([0-9]+)\.?([0-9]*)|\.([0-9]+))(?:[eE]([+-]?[0-9]+))?$/.exec(s);
  if (!m) {
    const r = strtod(s);
    if (r.consumed !== s.length || Number.isNaN(r.value)) return null;
    if (r.value === Infinity) return { mant: 0n, exp: 0, special: 'inf' };
    if (r.value === -Infinity) return { mant: 0n, exp: 0, special: '-inf' };
    return fromDouble(r.value); // hex floats: exact in a double already
  }
  const digits = (m[2] ?? '') + (m[3] ?? m[4] ?? '');
  const scale = (m[3] ?? m[4] ?? '').length - Number(m[5] ?? 0);
  if (Math.abs(scale) > 6000) return null; // beyond long double's range (ERANGE)
  const num = BigInt(digits || '0');
  const sign = m[1] === '-' ? -1n : 1n;
  if (scale <= 0) return inLongDoubleRange(roundToMantissa(sign * num * 10n ** BigInt(-scale), 0));
  // num / 10^scale, to 64 bits plus guard bits, correctly rounded (on the magnitude).
  const den = 10n ** BigInt(scale);
  const extra = BigInt(Math.max(0, den.toString(2).length - num.toString(2).length + MANT_BITS + 2));
  const scaled = (num << extra) / den;
  const sticky = (num << extra) % den !== 0n ? 1n : 0n;
  return inLongDoubleRange(roundToMantissa(sign * ((scaled << 1n) | sticky), -Number(extra) - 1));
}

/** strtold's ERANGE: beyond ~1.19e4932, or a non-zero value below the smallest denormal. */
function inLongDoubleRange(v: LongDouble): LongDouble | null {
  if (v.mant === 0n) return v;
  const topBit = v.exp + (v.mant < 0n ? -v.mant : v.mant).toString(2).length - 1;
  return topBit > 16383 || topBit < -16445 ? null : v;
}

export function fromDouble(d: number): LongDouble {
  if (d === 0) return { mant: 0n, exp: 0 };
  let exp = 0;
  let m = d;
  while (!Number.isInteger(m)) {
    m *= 2;
    exp--;
  }
  return roundToMantissa(BigInt(m), exp);
}

export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble {
  if (a.special || b.special) {
    const s = new Set([a.special, b.special].filter(Boolean));
    if (s.has('nan') || (s.has('inf') && s.has('-inf'))) return { mant: 0n, exp: 0, special: 'nan' };
    return { mant: 0n, exp: 0, special: s.has('inf') ? 'inf' : '-inf' };
  }
  const exp = Math.min(a.exp, b.exp);
  const sum = (a.mant << BigInt(a.exp - exp)) + (b.mant << BigInt(b.exp - exp));
  const r = roundToMantissa(sum, exp);
  // x87 long double tops out near 1.19e4932.
  if (r.mant !== 0n && r.exp + (r.mant < 0n ? -r.mant : r.mant).toString(2).length > 16384)
    return { mant: 0n, exp: 0, special: r.mant < 0n ? '-inf' : 'inf' };
  return r;
}

export const isFiniteLongDouble = (v: LongDouble): boolean => v.special === undefined;

/** `%.17Lf` with trailing zeros (and a bare '.') trimmed, and "-0" written as "0". */
export function formatLongDouble(v: LongDouble): string {
  if (v.special === 'inf') return 'inf';
  if (v.special === '-inf') return '-inf';
  if (v.special === 'nan') return 'nan';
  const neg = v.mant < 0n;
  const m = neg ? -v.mant : v.mant;
  // value * 10^17, rounded half to even, exactly.
  let num = m * 10n ** 17n;
  let den = 1n;
  if (v.exp >= 0) num <<= BigInt(v.exp);
  else den <<= BigInt(-v.exp);
  let q = num / den;
  const r = num % den;
  if (r * 2n > den || (r * 2n === den && (q & 1n) === 1n)) q += 1n;
  let s = q.toString().padStart(18, '0');
  s = `${s.slice(0, -17)}.${s.slice(-17)}`.replace(/0+$/, '').replace(/\.$/, '');
  if (neg && s !== '0') s = '-' + s;
  return s;
}
