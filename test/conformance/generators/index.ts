/**
 * Layout: one generator per command family, each producing random but well-aimed commands
 * (valid ones, and the error paths: wrong arity, bad numbers, option conflicts, wrong types).
 * Rules every generator keeps, so runs are comparable with a live server:
 *   - TTLs are either long (>= 100 s) or already in the past, never racing the wall clock;
 *   - replies whose order or content Redis leaves unspecified carry a relaxed `compare`.
 */
import type { Generator } from '../harness.js';
import { STRING_GENERATORS } from './strings.js';
import { KEY_GENERATORS, SERVER_GENERATORS, TRANSACTION_GENERATORS } from './keys.js';
import { LIST_GENERATORS } from './lists.js';
import { SET_GENERATORS } from './sets.js';
import { HASH_GENERATORS } from './hashes.js';
import { ZSET_GENERATORS } from './zsets.js';

export interface Family {
  name: string;
  weight: number;
  next: Generator;
}

const family = (name: string, weight: number, gens: readonly Generator[]): Family => ({
  name,
  weight,
  next: (g) => g.rng.pick(gens)(g),
});

export const FAMILIES: readonly Family[] = [
  family('strings', 3, STRING_GENERATORS),
  family('keys', 3, KEY_GENERATORS),
  family('lists', 3, LIST_GENERATORS),
  family('sets', 3, SET_GENERATORS),
  family('hashes', 3, HASH_GENERATORS),
  family('zsets', 4, ZSET_GENERATORS),
  family('transactions', 0.6, TRANSACTION_GENERATORS),
  family('server', 0.6, SERVER_GENERATORS),
];
