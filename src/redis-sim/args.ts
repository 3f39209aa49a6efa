import { ERR, fail } from './errors.js';
import { parseDouble, parseInt64, type Int } from './numbers.js';

/**
 * Argument parsers shared by all commands, each failing with the exact error Redis gives for
 * that kind of argument.
 */

/** getLongLongFromObjectOrReply: an int64 argument, as a number when it fits one exactly. */
export function int64Arg(s: string, message: string = ERR.notInteger): Int {
  const v = parseInt64(s);
  if (v === null) fail(message);
  return v!;
}

/**
 * An int64 argument clamped into the double range: for indexes, counts and offsets, where values
 * beyond 2^53 behave the same as huge ones.
 */
export function intArg(s: string, message: string = ERR.notInteger): number {
  const v = parseInt64(s);
  if (v === null) fail(message);
  return Number(v);
}

/** getPositiveLongFromObjectOrReply-style counts: non-negative integers. */
export function nonNegativeArg(s: string, message: string = ERR.notPositive): number {
  const v = parseInt64(s);
  if (v === null) fail(ERR.notInteger);
  if (Number(v) < 0) fail(message);
  return Number(v);
}

/** getDoubleFromObjectOrReply. */
export function floatArg(s: string, message: string = ERR.notFloat): number {
  const v = parseDouble(s);
  if (v === null) fail(message);
  return v!;
}

/** Case-insensitive option match, as Redis's strcasecmp. */
export const is = (arg: string, option: string): boolean =>
  arg.length === option.length && arg.toLowerCase() === option;

const LLONG_MAX = 9223372036854775807n;

/**
 * getExpireMillisecondsOrReply (SET, SETEX, GETEX): a positive integer in the given unit, turned
 * into an absolute time in ms. Zero, negative or overflowing values are 'invalid expire time'.
 */
export function expireArg(s: string, unit: 'seconds' | 'milliseconds', relative: boolean, now: number, cmd: string): number {
  const v = parseInt64(s);
  if (v === null) fail(ERR.notInteger);
  let ms = BigInt(v!);
  if (ms <= 0n) fail(ERR.expireTime(cmd));
  if (unit === 'seconds') {
    if (ms > LLONG_MAX / 1000n) fail(ERR.expireTime(cmd));
    ms *= 1000n;
  }
  if (relative) {
    if (ms > LLONG_MAX - BigInt(now)) fail(ERR.expireTime(cmd));
    ms += BigInt(now);
  }
  return Number(ms);
}
