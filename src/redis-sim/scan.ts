import { intArg, is } from './args.js';
import { ERR, fail } from './errors.js';
import { globMatch } from './glob.js';

/**
 * The SCAN family's cursor. Redis walks its hash table in reverse-binary bucket order so that an
 * element present for the whole scan is returned at least once, whatever is added or removed
 * meanwhile. redzoo keeps the same guarantee with a simpler order: elements are visited by a
 * 32-bit hash of their name, and the cursor is the hash to resume from. Inserts and deletes never
 * move an element's position, so nothing present throughout is skipped. Small encodings (intset,
 * listpack) are returned whole in one call with cursor 0, as Redis does.
 */

/** parseScanCursorOrReply: an unsigned decimal (strtoul), no leading space; "" reads as 0. */
export function parseCursor(s: string): number {
  if (s === '') return 0;
  if (!/^[+-]?[0-9]+$/.test(s)) fail(ERR.invalidCursor);
  let v = BigInt(s);
  if (v > 18446744073709551615n || v < -18446744073709551615n) fail(ERR.invalidCursor);
  if (v < 0n) v += 18446744073709551616n;
  return v > 0xffffffffn ? 0x100000000 : Number(v);
}

export interface ScanOptions {
  count: number;
  match: string | null;
  type: string | null;
}

/** COUNT n | MATCH pattern | TYPE name (TYPE only for the keyspace SCAN). */
export function parseScanOptions(argv: readonly string[], from: number, allowType: boolean): ScanOptions {
  const o: ScanOptions = { count: 10, match: null, type: null };
  for (let i = from; i < argv.length; i += 2) {
    const opt = argv[i]!;
    const hasValue = i + 1 < argv.length;
    if (is(opt, 'count') && hasValue) {
      o.count = intArg(argv[i + 1]!);
      if (o.count < 1) fail(ERR.syntax);
    } else if (is(opt, 'match') && hasValue) {
      o.match = argv[i + 1] === '*' ? null : argv[i + 1]!;
    } else if (is(opt, 'type') && allowType && hasValue) {
      o.type = argv[i + 1]!;
    } else {
      fail(ERR.syntax);
    }
  }
  return o;
}

/** FNV-1a over the bytes: the position of a name in the scan order. */
export function scanHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * One SCAN step over names: up to `count` names with hash >= cursor, in hash order (a run of equal
 * hashes is never split), and the cursor to continue from (0 when done). O(n) per call.
 */
export function scanStep(names: Iterable<string>, cursor: number, count: number): { cursor: number; names: string[] } {
  const candidates: [number, string][] = [];
  for (const n of names) {
    const h = scanHash(n);
    if (h >= cursor) candidates.push([h, n]);
  }
  if (candidates.length <= count) return { cursor: 0, names: candidates.map((c) => c[1]) };
  candidates.sort((a, b) => a[0] - b[0]);
  let end = count;
  while (end < candidates.length && candidates[end]![0] === candidates[end - 1]![0]) end++;
  const next = end < candidates.length ? candidates[end]![0] : 0;
  return { cursor: next, names: candidates.slice(0, end).map((c) => c[1]) };
}

/** Drops names the MATCH pattern rejects (Redis filters after collecting, so COUNT counts both). */
export const matches = (o: ScanOptions, name: string): boolean => o.match === null || globMatch(o.match, name);
