import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatch } from '../../src/redis-sim/glob.js';
import { formatDouble, parseDouble, parseInt64, formatLongDouble, parseLongDouble, addLongDouble } from '../../src/redis-sim/numbers.js';

describe('glob (stringmatchlen)', () => {
  it.each([
    ['*', 'anything', true],
    ['h?llo', 'hello', true],
    ['h*llo', 'heeeello', true],
    ['h[ae]llo', 'hallo', true],
    ['h[^e]llo', 'hello', false],
    ['h[a-b]llo', 'hbllo', true],
    ['h[b-a]llo', 'hbllo', true],
    ['h\\*llo', 'h*llo', true],
    ['h\\*llo', 'hello', false],
    ['k[', 'k', false],
    ['k[', 'ka', false],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['', '', true],
    // Redis quirk: a star never matches the empty string (KEYS * special-cases it).
    ['*', '', false],
  ])('%s vs %s → %s', (p, s, expected) => {
    expect(globMatch(p, s)).toBe(expected);
  });

  it('agrees with a regex translation on patterns of literals, ? and *', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ab?*]{0,8}$/), fc.stringMatching(/^[ab]{1,10}$/), (p, s) => {
        const re = new RegExp('^' + p.replace(/\?/g, '.').replace(/\*/g, '.*') + '$', 's');
        expect(globMatch(p, s)).toBe(re.test(s));
      }),
    );
  });

  it('never hangs on pathological star patterns', () => {
    expect(globMatch('a*'.repeat(30) + 'b', 'a'.repeat(60))).toBe(false);
  });
});

describe('numbers', () => {
  it('parseInt64 follows string2ll', () => {
    expect(parseInt64('0')).toBe(0);
    expect(parseInt64('-0')).toBeNull();
    expect(parseInt64('+1')).toBeNull();
    expect(parseInt64('007')).toBeNull();
    expect(parseInt64(' 1')).toBeNull();
    expect(parseInt64('9223372036854775807')).toBe(9223372036854775807n);
    expect(parseInt64('9223372036854775808')).toBeNull();
    expect(parseInt64('-9223372036854775808')).toBe(-9223372036854775808n);
  });

  it('parseDouble follows getDoubleFromObject', () => {
    expect(parseDouble('1.5')).toBe(1.5);
    expect(parseDouble('inf')).toBe(Infinity);
    expect(parseDouble('-Infinity')).toBe(-Infinity);
    expect(parseDouble('0x10')).toBe(16);
    expect(parseDouble('nan')).toBeNull();
    expect(parseDouble(' 1')).toBeNull();
    expect(parseDouble('1 ')).toBeNull();
    expect(parseDouble('')).toBeNull();
    expect(parseDouble('1e400')).toBeNull();
    expect(parseDouble('1e')).toBeNull();
  });

  it('formatDouble prints %.17g', () => {
    expect(formatDouble(1.1)).toBe('1.1000000000000001');
    expect(formatDouble(2)).toBe('2');
    expect(formatDouble(-0)).toBe('-0');
    expect(formatDouble(1e20)).toBe('1e+20');
    expect(formatDouble(1.5e-7)).toBe('1.4999999999999999e-07');
    expect(formatDouble(123456789012345680)).toBe('1.2345678901234568e+17');
    expect(formatDouble(0.0001)).toBe('0.0001');
    expect(formatDouble(Infinity)).toBe('inf');
  });

  it('formatDouble round-trips every double', () => {
    fc.assert(fc.property(fc.double({ noNaN: true }), (d) => {
      expect(Object.is(parseDouble(formatDouble(d)) ?? NaN, d) || (d === 0 && parseDouble(formatDouble(d)) === 0)).toBe(true);
    }));
  });

  it('long double arithmetic prints like INCRBYFLOAT', () => {
    const add = (a: string, b: string) => formatLongDouble(addLongDouble(parseLongDouble(a)!, parseLongDouble(b)!));
    expect(add('0.1', '0.2')).toBe('0.3');
    expect(add('10.5', '-10.5')).toBe('0');
    expect(add('1e20', '0.1')).toBe('100000000000000000000');
    expect(add('3.0e3', '0')).toBe('3000');
    expect(add('-0.252', '0')).toBe('-0.252');
  });
});

describe('formatDouble rounds exact ties to even, as printf does', () => {
  it.each([
    [-10492053051.5703125, '-10492053051.570312'],
    [0.5, '0.5'],
    [1e21, '1e+21'],
    [5e-324, '4.9406564584124654e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [2 ** 60 + 2 ** 8, '1.1529215046068472e+18'],
  ])('%s → %s', (d, text) => {
    expect(formatDouble(d)).toBe(text);
  });
});
