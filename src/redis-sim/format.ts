import type { Reply } from './reply.js';

/**
 * What redis-cli prints for a reply in its human (TTY / --no-raw) mode, newline included:
 * `(integer) 1`, `(nil)`, `"quoted \xff bytes"`, `(empty array)`, and numbered nested arrays whose
 * indentation grows with the width of the index, as cliFormatReplyTTY lays them out.
 */
export function formatReply(reply: Reply): string {
  return formatTTY(reply, '');
}

function formatTTY(r: Reply, prefix: string): string {
  switch (r.type) {
    case 'status':
      return `${r.value}\n`;
    case 'error':
      return `(error) ${r.value}\n`;
    case 'integer':
      return `(integer) ${r.value}\n`;
    case 'bulk':
      return r.value === null ? '(nil)\n' : `${quoteBytes(r.value)}\n`;
    case 'array': {
      if (r.value === null) return '(nil)\n';
      if (r.value.length === 0) return '(empty array)\n';
      const width = String(r.value.length).length;
      const inner = prefix + ' '.repeat(width + 2);
      let out = '';
      r.value.forEach((item, i) => {
        out += `${i === 0 ? '' : prefix}${String(i + 1).padStart(width)}) ` + formatTTY(item, inner);
      });
      return out;
    }
  }
}

/** sdscatrepr: quotes a byte string, escaping what is not printable ASCII. */
export function quoteBytes(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x5c:
        out += '\\\\';
        break;
      case 0x22:
        out += '\\"';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      case 0x07:
        out += '\\a';
        break;
      case 0x08:
        out += '\\b';
        break;
      default:
        out += c >= 0x20 && c <= 0x7e ? s[i] : `\\x${c.toString(16).padStart(2, '0')}`;
    }
  }
  return out + '"';
}

/** What redis-cli prints with --raw (or when stdout is not a terminal): bare values. */
export function formatRaw(reply: Reply): string {
  switch (reply.type) {
    case 'status':
    case 'bulk':
      return `${reply.value ?? ''}\n`;
    case 'error':
      return `${reply.value}\n`;
    case 'integer':
      return `${reply.value}\n`;
    case 'array':
      return (reply.value ?? []).map(formatRaw).join('');
  }
}
