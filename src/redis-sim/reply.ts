/**
 * Replies: the one closed type every command returns. It mirrors RESP2's five frame kinds, so
 * `encodeResp` and `formatReply` are total functions over it.
 *
 * Bulk strings hold bytes as a "binary string": one JS char per byte (0..255), the same convention
 * the whole engine uses for keys and values, so comparison, length and slicing are byte-wise.
 */
export type Reply =
  | { readonly type: 'status'; readonly value: string }
  | { readonly type: 'error'; readonly value: string }
  | { readonly type: 'integer'; readonly value: number | bigint }
  | { readonly type: 'bulk'; readonly value: string | null }
  | { readonly type: 'array'; readonly value: readonly Reply[] | null };

export const status = (value: string): Reply => ({ type: 'status', value });
export const error = (value: string): Reply => ({ type: 'error', value });
export const integer = (value: number | bigint): Reply =>
  typeof value === 'number' && value >= -1 && value <= 2 ? SMALL_INTS[value + 1]! : { type: 'integer', value };
export const bulk = (value: string): Reply => ({ type: 'bulk', value });
export const array = (value: readonly Reply[]): Reply => ({ type: 'array', value });
export const bulks = (values: Iterable<string>): Reply => {
  const out: Reply[] = [];
  for (const v of values) out.push({ type: 'bulk', value: v });
  return { type: 'array', value: out };
};
export const bulkOrNil = (value: string | undefined | null): Reply =>
  value === undefined || value === null ? NIL : { type: 'bulk', value };

export const OK: Reply = Object.freeze({ type: 'status', value: 'OK' });
export const QUEUED: Reply = Object.freeze({ type: 'status', value: 'QUEUED' });
export const PONG: Reply = Object.freeze({ type: 'status', value: 'PONG' });
export const NIL: Reply = Object.freeze({ type: 'bulk', value: null });
export const NIL_ARRAY: Reply = Object.freeze({ type: 'array', value: null });
export const EMPTY_ARRAY: Reply = Object.freeze({ type: 'array', value: Object.freeze([]) as readonly Reply[] });
const SMALL_INTS: Reply[] = [-1, 0, 1, 2].map((value) => Object.freeze({ type: 'integer', value }) as Reply);
export const ZERO = SMALL_INTS[1]!;
export const ONE = SMALL_INTS[2]!;
