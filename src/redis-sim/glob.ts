/**
 * Redis's glob matcher (stringmatchlen), used by KEYS, SCAN MATCH, PSUBSCRIBE and CONFIG GET:
 * `*`, `?`, `[abc]`, `[^a-z]`, and `\x` escapes, with Redis's handling of malformed patterns
 * (an unterminated `[` matches to the end of the pattern).
 */
export function globMatch(pattern: string, str: string, nocase = false): boolean {
  const state = { skipLonger: false };
  return matchFrom(pattern, 0, str, 0, nocase, state, 0);
}

const fold = (c: number, nocase: boolean) => (nocase && c >= 65 && c <= 90 ? c + 32 : c);

function matchFrom(
  p: string,
  pi: number,
  s: string,
  si: number,
  nocase: boolean,
  state: { skipLonger: boolean },
  nesting: number,
): boolean {
  // Deep star nesting cannot match anything sensible; Redis bails out the same way.
  if (nesting > 1000) return false;
  const plen = p.length;
  const slen = s.length;
  while (pi < plen && si < slen) {
    const pc = p.charCodeAt(pi);
    if (pc === 42 /* * */) {
      while (pi + 1 < plen && p.charCodeAt(pi + 1) === 42) pi++;
      if (pi + 1 === plen) return true;
      while (si < slen) {
        if (matchFrom(p, pi + 1, s, si, nocase, state, nesting + 1)) return true;
        // If the rest of the pattern failed against a suffix, longer prefixes cannot help.
        if (state.skipLonger) return false;
        si++;
      }
      state.skipLonger = true;
      return false;
    } else if (pc === 63 /* ? */) {
      si++;
    } else if (pc === 91 /* [ */) {
      pi++;
      const not = pi < plen && p.charCodeAt(pi) === 94; /* ^ */
      if (not) pi++;
      let match = false;
      const c = fold(s.charCodeAt(si), nocase);
      for (;;) {
        if (pi >= plen) {
          pi--; // unterminated class: step back so the outer pi++ lands on the end
          break;
        }
        const cc = p.charCodeAt(pi);
        if (cc === 92 /* \ */ && pi + 1 < plen) {
          pi++;
          if (p.charCodeAt(pi) === s.charCodeAt(si)) match = true;
        } else if (cc === 93 /* ] */) {
          break;
        } else if (pi + 2 < plen && p.charCodeAt(pi + 1) === 45 /* - */) {
          let start = fold(cc, nocase);
          let end = fold(p.charCodeAt(pi + 2), nocase);
          if (start > end) [start, end] = [end, start];
          pi += 2;
          if (c >= start && c <= end) match = true;
        } else if (fold(cc, nocase) === c) {
          match = true;
        }
        pi++;
      }
      if (not) match = !match;
      if (!match) return false;
      si++;
    } else {
      if (pc === 92 /* \ */ && pi + 1 < plen) pi++;
      if (fold(p.charCodeAt(pi), nocase) !== fold(s.charCodeAt(si), nocase)) return false;
      si++;
    }
    pi++;
    if (si === slen) while (pi < plen && p.charCodeAt(pi) === 42) pi++;
  }
  return pi === plen && si === slen;
}
