/**
 * Small text helpers the views share: fixed-width cells, virtual times and durations as a person
 * reads them, and the duration syntax of `:` commands (`5s`, `250ms`, `1.5s`, `2m`).
 */

/**
 * `text` with every control character shown the way redis-cli shows it in a quoted string
 * (`\n`, `\r`, `\t`, `\x1b`, …), so that a value, key or znode holding an escape sequence is
 * drawn as text instead of moving the cursor or clearing the screen.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f]/.test(text) ? text.replace(/[\u0000-\u001f\u007f-\u009f]/g, controlEscape) : text;
}

const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u0007': '\\a', '\b': '\\b' };

function controlEscape(c: string): string {
  return NAMED_ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/** Cuts `text` to `width` columns, marking the cut with '…' (control characters made printable). */
export function clip(text: string, width: number): string {
  if (width <= 0) return '';
  text = printable(text);
  if (text.length <= width) return text;
  return width === 1 ? '…' : text.slice(0, width - 1) + '…';
}

/** `text` clipped and padded to exactly `width` columns. */
export function cell(text: string, width: number): string {
  return clip(text, width).padEnd(Math.max(0, width));
}

/** Right-aligned cell. */
export function rcell(text: string, width: number): string {
  return clip(text, width).padStart(Math.max(0, width));
}

/** Virtual time in seconds with milliseconds: `12.345s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`;
}

/** A TTL as it counts down: `-` for none, `950ms`, `4.2s`, `12m30s`, `3h05m`. */
export function ttlText(ms: number): string {
  if (ms < 0) return '-';
  if (ms < 1000) return `${Math.max(0, Math.floor(ms))}ms`;
  if (ms < 60_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)}s`;
  const s = Math.floor(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** A speed factor as the header shows it: `×1`, `×0.25`, `×16`. */
export function speedText(x: number): string {
  return `×${Number.isInteger(x) ? x : Number(x.toFixed(2))}`;
}

/**
 * A duration typed in a command: a number with an optional unit (ms, s, m, h); a bare number is
 * milliseconds. Returns null for anything else.
 */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (m === null) return null;
  const n = Number(m[1]);
  const unit = m[2] ?? 'ms';
  const ms = unit === 'ms' ? n : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n * 3_600_000;
  return Math.round(ms);
}

/** A duration as a person reads it: `250 ms`, `5s`, `1.5s`, `2m30s`, `1h`. */
export function durationText(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(3))}s`;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${rest > 0 ? `${rest}s` : ''}`;
}

/** Words of `text` wrapped to `width` columns (long words are cut). */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line === '') line = clip(word, width);
      else if (line.length + 1 + word.length <= width) line += ' ' + word;
      else {
        out.push(line);
        line = clip(word, width);
      }
    }
    out.push(line);
  }
  return out;
}

/** One line of a possibly multi-line text, for a single-row preview. */
export function oneLine(text: string): string {
  return text.replace(/\r?\n/g, '⏎');
}
