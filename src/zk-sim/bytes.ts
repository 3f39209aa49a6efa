/**
 * Znode data is kept as a "binary string": one JS character per byte (0-255), like the Redis
 * engine's values. ASCII text is then stored as the very string the caller passed (no copy, no
 * allocation), other text is UTF-8 encoded once, bytes are copied in, and readers get a fresh
 * Uint8Array, so nothing a caller holds can change a znode.
 */

const encoder = new TextEncoder();

/** Text (as UTF-8) or bytes, as a binary string. */
export function toBinary(data: string | Uint8Array): string {
  if (typeof data === 'string') {
    const n = data.length;
    for (let i = 0; i < n; i++) if (data.charCodeAt(i) >= 0x80) return bytesToBinary(encoder.encode(data));
    return data;
  }
  return bytesToBinary(data);
}

function bytesToBinary(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 8192) out += String.fromCharCode.apply(null, b.subarray(i, i + 8192) as unknown as number[]);
  return out;
}

/** A fresh Uint8Array with the bytes of a binary string. */
export function binaryToBytes(s: string): Uint8Array {
  const n = s.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = s.charCodeAt(i);
  return out;
}
