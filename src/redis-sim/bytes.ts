/**
 * Keys and values are bytes, held as "binary strings": one JS char per byte (0..255). Byte-wise
 * comparison, length and slicing are then plain string operations, and Map keys stay fast. Text
 * from JS callers is UTF-8 encoded once, at the boundary.
 */
export type Bytes = string;

/** Text or raw bytes from a caller, as engine bytes. ASCII (the common case) passes through. */
export function toBytes(arg: string | Uint8Array): Bytes {
  if (typeof arg !== 'string') return Buffer.from(arg.buffer, arg.byteOffset, arg.byteLength).toString('latin1');
  for (let i = 0; i < arg.length; i++) {
    if (arg.charCodeAt(i) > 0x7f) return Buffer.from(arg, 'utf8').toString('latin1');
  }
  return arg;
}

/** Engine bytes as UTF-8 text (invalid sequences become U+FFFD). */
export function bytesToText(bytes: Bytes): string {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes.charCodeAt(i) > 0x7f) return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return bytes;
}

export const bytesToBuffer = (bytes: Bytes): Buffer => Buffer.from(bytes, 'latin1');

/** Lower-cases ASCII letters only, as Redis's strcasecmp-based option matching sees them. */
export const lower = (s: string): string => s.toLowerCase();
