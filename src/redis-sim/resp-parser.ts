import { constants as bufferConstants } from 'node:buffer';

/**
 * The request side of RESP: turns the bytes a client sends into commands, incrementally, exactly
 * as Redis 7.0's processInputBuffer / processMultibulkBuffer / processInlineBuffer (networking.c)
 * do, error texts and quirks included. Two request forms exist:
 *
 *   multibulk (what client libraries send)   *3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n
 *   inline (what a human types into nc)      SET k "v w"\r\n
 *
 * A request that starts with `*` is multibulk, anything else is inline. A malformed request gets
 * one error reply (`-ERR Protocol error: ...`) and then the connection is closed: `next()` returns
 * the error once and the parser accepts nothing more.
 *
 * Quirks kept on purpose, because the real server has them (each checked against redis-server
 * 7.0.15):
 * - Line searches are C `strchr` over a NUL-terminated buffer, so a NUL byte before the line's
 *   terminator hides it: `PING\0\r\n` never completes, until the 64 KB "too big" check fires.
 * - The byte after a count line's `\r` and the two bytes after a bulk payload are skipped without
 *   being looked at: `*1\rX$4\r\nPINGxy` is a valid PING.
 * - `*0`, `*-1` (any count <= 0) and empty inline lines are accepted and do nothing.
 * - The multibulk count limit is INT_MAX (7.0 no longer stops at 1024*1024); a bulk may be up to
 *   proto-max-bulk-len (512 MB).
 *
 * Memory grows with the bytes actually received, never with a declared length: `*2147483647` or
 * `$536870912` allocate nothing until the data arrives.
 */

/** PROTO_INLINE_MAX_SIZE: an inline request, or a count line, longer than this is an error. */
export const PROTO_INLINE_MAX_SIZE = 64 * 1024;
/** proto-max-bulk-len's default. */
export const PROTO_MAX_BULK_LEN = 512 * 1024 * 1024;
/** PROTO_IOBUF_LEN: what Redis reads at a time into a small query buffer. */
export const PROTO_IOBUF_LEN = 16 * 1024;
/** PROTO_MBULK_BIG_ARG: a bulk this long is read on its own, exactly to its end. */
const PROTO_MBULK_BIG_ARG = 32 * 1024;
const SDS_MAX_PREALLOC = 1024 * 1024;
/** processMultibulkBuffer rejects counts above INT_MAX. */
export const MAX_MULTIBULK_LEN = 2 ** 31 - 1;
/**
 * Arguments are held as binary strings, and V8 cannot build a string longer than this (2^29 - 24
 * on 64-bit Node). The 24 bulk lengths between it and 512 MB are refused as invalid: the one place
 * where the simulator cannot do what Redis does.
 */
const MAX_ARG_LEN = bufferConstants.MAX_STRING_LENGTH;

export type ParseResult = { readonly type: 'command'; readonly argv: string[] } | { readonly type: 'error'; readonly error: string };

const STAR = 0x2a;
const DOLLAR = 0x24;
const CR = 0x0d;
const LF = 0x0a;
const NUL = 0x00;
const MINUS = 0x2d;
const ZERO_DIGIT = 0x30;
const NINE_DIGIT = 0x39;

const enum ReqType {
  Unknown,
  Inline,
  Multibulk,
}

/** "Need more bytes": distinct from an empty command. */
const WAIT = null;

export class RespParser {
  private bulkLimit = Math.min(PROTO_MAX_BULK_LEN, MAX_ARG_LEN);
  private buf: Buffer = Buffer.alloc(0);
  private start = 0;
  private end = 0;
  private reqtype = ReqType.Unknown;
  /** Bulks still expected by the multibulk request in progress (0: none in progress). */
  private multibulklen = 0;
  /** Length of the bulk being read, -1 while its `$N` line has not been read. */
  private bulklen = -1;
  private argv: string[] = [];
  /** Memo of the line search, so bytes arriving one at a time are scanned once, not again each time. */
  private scanFrom = -1;
  private scanPos = 0;
  private scanBlocked = false;
  private failed = false;
  /** sdsalloc(c->querybuf): the capacity Redis's query buffer would have (sdsempty() to start). */
  private qbAlloc = 4;

  constructor(options: { maxBulkLen?: number } = {}) {
    if (options.maxBulkLen !== undefined) this.maxBulkLen = options.maxBulkLen;
  }

  /** proto-max-bulk-len: Redis reads it live, so the server may change it between commands. */
  get maxBulkLen(): number {
    return this.bulkLimit;
  }

  set maxBulkLen(n: number) {
    this.bulkLimit = Math.min(n, MAX_ARG_LEN);
  }

  /** Bytes received and not yet consumed by a complete command. */
  get buffered(): number {
    return this.end - this.start;
  }

  /** True once a protocol error was returned: the connection must close, nothing more is parsed. */
  get closed(): boolean {
    return this.failed;
  }

  /**
   * How many bytes Redis's next read(2) on this connection takes (readQueryFromClient): 16 KB
   * while its query buffer is small, then all the room left after growing it greedily (doubling,
   * rounded up by jemalloc), or exactly the rest of a big bulk. Redis runs the protocol checks after
   * each read, so a server feeding bytes in these slices errs exactly when Redis does: a fresh
   * connection's inline line is "too big" when its newline comes after byte 81,910 (16 KB, then a
   * buffer grown to 80 KB), not after 64 KB. (clientsCron shrinking an idle buffer is not modelled.)
   */
  nextReadSize(): number {
    const len = this.end - this.start;
    if (this.reqtype === ReqType.Multibulk && this.multibulklen > 0 && this.bulklen >= PROTO_MBULK_BIG_ARG) {
      const remaining = this.bulklen + 2 - len;
      const readlen = remaining > 0 ? remaining : PROTO_IOBUF_LEN;
      this.makeRoom(len, readlen, false);
      return readlen;
    }
    if (this.qbAlloc < PROTO_IOBUF_LEN) {
      this.makeRoom(len, PROTO_IOBUF_LEN, false);
      return PROTO_IOBUF_LEN;
    }
    this.makeRoom(len, PROTO_IOBUF_LEN, true);
    return this.qbAlloc - len;
  }

  /** sdsMakeRoomFor (greedy) / sdsMakeRoomForNonGreedy, on the modelled capacity. */
  private makeRoom(len: number, addlen: number, greedy: boolean): void {
    if (this.qbAlloc - len >= addlen) return;
    let newlen = len + addlen;
    if (greedy) newlen = newlen < SDS_MAX_PREALLOC ? newlen * 2 : newlen + SDS_MAX_PREALLOC;
    const hdr = newlen < 256 ? 3 : newlen < 65536 ? 5 : newlen < 2 ** 32 ? 9 : 17;
    const typeMax = newlen < 256 ? 255 : newlen < 65536 ? 65535 : newlen < 2 ** 32 ? 2 ** 32 - 1 : Infinity;
    this.qbAlloc = Math.min(jemallocSize(hdr + newlen + 1) - hdr - 1, typeMax);
  }

  /** Appends received bytes. Storage grows like an sds (doubling), with what was actually received. */
  feed(chunk: Uint8Array): void {
    if (this.failed || chunk.length === 0) return;
    const live = this.end - this.start;
    if (this.end + chunk.length > this.buf.length) {
      const need = live + chunk.length;
      if (need <= this.buf.length && live <= this.buf.length >>> 1) {
        this.buf.copyWithin(0, this.start, this.end);
      } else {
        const grown = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2, 16 * 1024));
        this.buf.copy(grown, 0, this.start, this.end);
        this.buf = grown;
      }
      this.shift(this.start);
    }
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
  }

  /** Moves the window's origin back by `by` bytes (after compaction), keeping the scan memo valid. */
  private shift(by: number): void {
    this.start -= by;
    this.end -= by;
    if (this.scanFrom >= 0) {
      this.scanFrom -= by;
      this.scanPos -= by;
    }
  }

  /**
   * The next complete command, a protocol error (returned once; the connection must then be
   * closed), or null when more bytes are needed. Empty requests are consumed silently.
   */
  next(): ParseResult | null {
    if (this.failed) return null;
    while (this.start < this.end) {
      if (this.reqtype === ReqType.Unknown) {
        this.reqtype = this.buf[this.start] === STAR ? ReqType.Multibulk : ReqType.Inline;
      }
      let argv: string[] | typeof WAIT;
      try {
        argv = this.reqtype === ReqType.Inline ? this.inline() : this.multibulk();
      } catch (e) {
        if (e instanceof ProtocolError) {
          this.failed = true;
          this.release();
          return { type: 'error', error: `ERR Protocol error: ${e.message}` };
        }
        throw e;
      }
      if (argv === WAIT) break;
      this.reqtype = ReqType.Unknown;
      this.argv = [];
      if (argv.length > 0) {
        this.compactIfDrained();
        return { type: 'command', argv };
      }
    }
    this.compactIfDrained();
    return null;
  }

  /** Once everything is consumed, start over at offset 0 and drop a buffer a big bulk inflated. */
  private compactIfDrained(): void {
    if (this.start !== this.end) return;
    this.start = this.end = 0;
    this.scanFrom = -1;
    if (this.buf.length > 1024 * 1024) this.buf = Buffer.alloc(0);
  }

  private release(): void {
    this.buf = Buffer.alloc(0);
    this.start = this.end = 0;
    this.argv = [];
  }

  /**
   * strchr(querybuf + pos, target): the first `target` byte from the current position, or -1 when
   * there is none yet, or when a NUL byte comes first (the C string ends there).
   */
  private find(target: number): number {
    if (this.scanFrom !== this.start) {
      this.scanFrom = this.start;
      this.scanPos = this.start;
      this.scanBlocked = false;
    }
    if (this.scanBlocked) return -1;
    const buf = this.buf;
    for (let i = this.scanPos; i < this.end; i++) {
      const b = buf[i]!;
      if (b === target) {
        this.scanPos = i;
        return i;
      }
      if (b === NUL) {
        this.scanBlocked = true;
        return -1;
      }
    }
    this.scanPos = this.end;
    return -1;
  }

  private advance(to: number): void {
    this.start = to;
  }

  /** processInlineBuffer: one line, split as sdssplitargs does, `\n` or `\r\n` terminated. */
  private inline(): string[] | typeof WAIT {
    const newline = this.find(LF);
    if (newline < 0) {
      if (this.end - this.start > PROTO_INLINE_MAX_SIZE) throw new ProtocolError('too big inline request');
      return WAIT;
    }
    let lineEnd = newline;
    if (newline !== this.start && this.buf[newline - 1] === CR) lineEnd--;
    const argv = splitArgs(this.buf.toString('latin1', this.start, lineEnd));
    if (argv === null) throw new ProtocolError('unbalanced quotes in request');
    this.advance(newline + 1);
    return argv;
  }

  /** processMultibulkBuffer: `*<count>\r\n` then count times `$<len>\r\n<bytes>\r\n`. */
  private multibulk(): string[] | typeof WAIT {
    if (this.multibulklen === 0) {
      const newline = this.find(CR);
      if (newline < 0) {
        if (this.end - this.start > PROTO_INLINE_MAX_SIZE) throw new ProtocolError('too big mbulk count string');
        return WAIT;
      }
      // The line must be followed by one more byte (its \n, which is never checked).
      if (newline > this.end - 2) return WAIT;
      const ll = string2ll(this.buf, this.start + 1, newline);
      if (ll === null || ll > MAX_MULTIBULK_LEN) throw new ProtocolError('invalid multibulk length');
      this.advance(newline + 2);
      if (ll <= 0) return [];
      this.multibulklen = ll;
      this.argv = [];
    }
    while (this.multibulklen > 0) {
      if (this.bulklen === -1) {
        const newline = this.find(CR);
        if (newline < 0) {
          if (this.end - this.start > PROTO_INLINE_MAX_SIZE) throw new ProtocolError('too big bulk count string');
          return WAIT;
        }
        if (newline > this.end - 2) return WAIT;
        const first = this.buf[this.start]!;
        if (first !== DOLLAR) {
          // addReplyErrorFormat turns \r and \n into spaces so the reply stays one line.
          const shown = first === CR || first === LF ? ' ' : String.fromCharCode(first);
          throw new ProtocolError(`expected '$', got '${shown}'`);
        }
        const ll = string2ll(this.buf, this.start + 1, newline);
        if (ll === null || ll < 0 || ll > this.bulkLimit) throw new ProtocolError('invalid bulk length');
        this.advance(newline + 2);
        this.bulklen = ll;
      }
      // The payload and the two bytes after it (its \r\n, skipped unchecked).
      if (this.end - this.start < this.bulklen + 2) return WAIT;
      this.argv.push(this.buf.toString('latin1', this.start, this.start + this.bulklen));
      this.advance(this.start + this.bulklen + 2);
      this.bulklen = -1;
      this.multibulklen--;
    }
    return this.argv;
  }
}

class ProtocolError extends Error {}

/** The size class jemalloc serves a request from: 16-byte steps to 128, then four per doubling. */
function jemallocSize(n: number): number {
  if (n <= 8) return 8;
  if (n <= 128) return Math.ceil(n / 16) * 16;
  const topBit = n - 1 < 2 ** 32 ? 31 - Math.clz32(n - 1) : Math.floor(Math.log2(n - 1));
  const spacing = 2 ** (topBit - 2);
  return Math.ceil(n / spacing) * spacing;
}

/**
 * string2ll (util.c): a strict signed 64-bit decimal: no sign but '-', no leading zeros, no
 * spaces, nothing after the digits, no overflow. Returns null when Redis's would fail. Values
 * beyond 2^53 come back approximate but with the right sign, which is all the limits need.
 */
export function string2ll(buf: Uint8Array, from: number, to: number): number | null {
  const len = to - from;
  if (len <= 0 || len > 20) return null;
  if (len === 1 && buf[from] === ZERO_DIGIT) return 0;
  let p = from;
  const negative = buf[p] === MINUS;
  if (negative) {
    p++;
    if (p === to) return null;
  }
  const firstDigit = buf[p]!;
  if (firstDigit < ZERO_DIGIT + 1 || firstDigit > NINE_DIGIT) return null;
  for (let i = p; i < to; i++) {
    const b = buf[i]!;
    if (b < ZERO_DIGIT || b > NINE_DIGIT) return null;
  }
  const digits = to - p;
  if (digits <= 15) {
    let v = 0;
    for (let i = p; i < to; i++) v = v * 10 + (buf[i]! - ZERO_DIGIT);
    return negative ? -v : v;
  }
  let v = 0n;
  for (let i = p; i < to; i++) v = v * 10n + BigInt(buf[i]! - ZERO_DIGIT);
  if (negative ? v > 9223372036854775808n : v > 9223372036854775807n) return null;
  return Number(negative ? -v : v);
}

const isSpace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const hexValue = (c: number): number => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10);

/**
 * sdssplitargs (sds.c): splits a line into arguments the way redis-cli and inline requests do.
 *
 *   set "a b" 'c d' "\x41\n"   →   ["set", "a b", "c d", "A\n"]
 *
 * Double quotes take \n \r \t \b \a \xHH and \<any> (that char); single quotes take only \'.
 * Quotes may open mid-argument (`a"b c"` is `ab c`), but a closing quote must be followed by a
 * space or the end of the line. Unbalanced quotes return null. The input is a binary string (one
 * char per byte) read as a C string: it ends at the first NUL.
 */
export function splitArgs(line: string): string[] | null {
  const n = line.indexOf('\0') >= 0 ? line.indexOf('\0') : line.length;
  const at = (i: number): number => (i < n ? line.charCodeAt(i) : 0);
  const out: string[] = [];
  let p = 0;
  for (;;) {
    while (p < n && isSpace(at(p))) p++;
    if (p >= n) return out;
    let inq = false;
    let insq = false;
    let done = false;
    let current = '';
    while (!done) {
      const c = at(p);
      if (inq) {
        if (c === 0x5c && at(p + 1) === 0x78 && isHex(at(p + 2)) && isHex(at(p + 3))) {
          current += String.fromCharCode(hexValue(at(p + 2)) * 16 + hexValue(at(p + 3)));
          p += 3;
        } else if (c === 0x5c && at(p + 1) !== 0) {
          p++;
          switch (at(p)) {
            case 0x6e:
              current += '\n';
              break;
            case 0x72:
              current += '\r';
              break;
            case 0x74:
              current += '\t';
              break;
            case 0x62:
              current += '\b';
              break;
            case 0x61:
              current += '\x07';
              break;
            default:
              current += line[p];
          }
        } else if (c === 0x22) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          current += line[p];
        }
      } else if (insq) {
        if (c === 0x5c && at(p + 1) === 0x27) {
          p++;
          current += "'";
        } else if (c === 0x27) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          current += line[p];
        }
      } else {
        switch (c) {
          case 0x20:
          case 0x0a:
          case 0x0d:
          case 0x09:
          case 0:
            done = true;
            break;
          case 0x22:
            inq = true;
            break;
          case 0x27:
            insq = true;
            break;
          default:
            current += line[p];
        }
      }
      if (p < n) p++;
    }
    out.push(current);
  }
}
