import { illegalArgument, MSG } from './errors.js';

/**
 * PathUtils.validatePath, with its messages: a znode path starts with '/', does not end with one
 * (except '/'), has no empty segment, no '.' or '..' segment, and none of the characters ZooKeeper
 * reserves (NUL, controls, U+007F-U+009F, U+D800-U+F8FF which includes every surrogate, and
 * U+FFF0-U+FFFF). Positions are UTF-16 indexes, as Java's `@i`.
 *
 * A sequential create validates `path + "1"`, so `/a/` is fine with -s and refused without.
 */
export function validatePath(path: string, sequential = false): void {
  const p = sequential ? path + '1' : path;
  if (p.length === 0) throw illegalArgument(MSG.pathEmpty, path);
  if (p.charCodeAt(0) !== 47) throw illegalArgument(MSG.pathStart, path);
  if (p.length === 1) return;
  if (p.charCodeAt(p.length - 1) === 47) throw illegalArgument(MSG.pathEnd, path);
  const reason = pathProblem(p);
  if (reason !== null) throw illegalArgument(MSG.invalidPath(p, reason), path);
}

/** True if validatePath would accept `path`; the server's own re-check (PrepRequestProcessor). */
export function isValidPath(path: string): boolean {
  if (path.length === 0 || path.charCodeAt(0) !== 47) return false;
  if (path.length === 1) return true;
  if (path.charCodeAt(path.length - 1) === 47) return false;
  return pathProblem(path) === null;
}

function pathProblem(p: string): string | null {
  let last = 47;
  const n = p.length;
  for (let i = 1; i < n; last = p.charCodeAt(i), i++) {
    const c = p.charCodeAt(i);
    if (c === 0) return MSG.nullChar(i);
    if (c === 47 && last === 47) return MSG.emptyNodeName(i);
    if (c === 46 && last === 46) {
      if (p.charCodeAt(i - 2) === 47 && (i + 1 === n || p.charCodeAt(i + 1) === 47)) return MSG.relativePath(i);
    } else if (c === 46) {
      if (p.charCodeAt(i - 1) === 47 && (i + 1 === n || p.charCodeAt(i + 1) === 47)) return MSG.relativePath(i);
    } else if ((c > 0 && c <= 0x1f) || (c >= 0x7f && c <= 0x9f) || (c >= 0xd800 && c <= 0xf8ff) || c >= 0xfff0) {
      return MSG.invalidChar(i);
    }
  }
  return null;
}

/** The parent of a validated path ('/' for top-level nodes). */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.substring(0, i);
}

/** The last segment of a validated path. */
export function nameOf(path: string): string {
  return path.substring(path.lastIndexOf('/') + 1);
}

/** The path itself, then each ancestor up to '/': PathParentIterator.forAll. */
export function* pathAndAncestors(path: string): Generator<string> {
  let p = path;
  for (;;) {
    yield p;
    if (p === '/') return;
    p = parentOf(p);
  }
}
