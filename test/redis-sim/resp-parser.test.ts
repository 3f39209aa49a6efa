import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RespParser, PROTO_INLINE_MAX_SIZE, string2ll } from '../../src/redis-sim/resp-parser.js';

/**
 * The request parser, one behaviour per test. Every error text and the moment it fires were
 * checked against redis-server 7.0.15 (test/cli/redis-server.test.ts replays the same byte
 * streams against a real server and the simulator and compares them).
 */

type Outcome = string[] | { error: string };

/** Feeds the chunks (binary strings) one by one, draining commands after each. */
function parse(...chunks: string[]): Outcome[] {
  const p = new RespParser();
  const out: Outcome[] = [];
  for (const c of chunks) {
    p.feed(Buffer.from(c, 'latin1'));
    for (let r = p.next(); r !== null; r = p.next()) out.push(r.type === 'command' ? r.argv : { error: r.error });
  }
  return out;
}

const mb = (...argv: string[]): string => `*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('');
const err = (m: string) => ({ error: `ERR Protocol error: ${m}` });

describe('multibulk requests', () => {
  it('parses a command and pipelined commands', () => {
    expect(parse(mb('SET', 'k', 'v') + mb('GET', 'k'))).toEqual([['SET', 'k', 'v'], ['GET', 'k']]);
  });

  it('keeps binary bulk payloads, NUL and CR LF included', () => {
    expect(parse(mb('ECHO', 'a\0b\r\n\xff'))).toEqual([['ECHO', 'a\0b\r\n\xff']]);
  });

  it('takes empty arguments', () => {
    expect(parse('*2\r\n$0\r\n\r\n$0\r\n\r\n')).toEqual([['', '']]);
  });

  it('waits for bytes split anywhere', () => {
    expect(parse('*2\r\n$4\r\nECHO\r\n$3\r\n', 'a', 'b', 'c\r\n')).toEqual([['ECHO', 'abc']]);
    expect(parse('*', '1', '\r', '\n', '$', '4', '\r', '\n', 'PI', 'NG', '\r', '\n')).toEqual([['PING']]);
  });

  it('accepts counts <= 0 as empty requests that do nothing', () => {
    expect(parse('*0\r\n*-1\r\n*-5\r\n' + mb('PING'))).toEqual([['PING']]);
  });

  it("does not check the byte after a count line's \\r, nor the two bytes after a payload", () => {
    expect(parse('*1\rX$4\r\nPING\r\n')).toEqual([['PING']]);
    expect(parse('*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n')).toEqual([['PING'], ['PING']]);
  });

  it('rejects a count that is not a strict integer or is above INT_MAX', () => {
    for (const bad of ['*x\r\n', '*01\r\n', '*-0\r\n', '*\r\n', '*+1\r\n', '* 1\r\n', '*1 \r\n', '*2147483648\r\n', '*1\n$4\r\n']) {
      expect(parse(bad), JSON.stringify(bad)).toEqual([err('invalid multibulk length')]);
    }
  });

  it('accepts a count of INT_MAX (Redis 7.0 dropped the 1024*1024 limit) and allocates nothing for it', () => {
    const p = new RespParser();
    p.feed(Buffer.from('*2147483647\r\n', 'latin1'));
    expect(p.next()).toBeNull();
    expect(p.closed).toBe(false);
  });

  it("rejects a bulk that does not start with '$', showing the byte (\\r and \\n as a space)", () => {
    expect(parse('*1\r\nx4\r\nPING\r\n')).toEqual([err("expected '$', got 'x'")]);
    expect(parse('*1\r\n\r\n')).toEqual([err("expected '$', got ' '")]);
    expect(parse('*1\r\n\xff4\r\nPING\r\n')).toEqual([err("expected '$', got '\xff'")]);
  });

  it('rejects a bulk length that is negative, not strict, or above proto-max-bulk-len', () => {
    for (const bad of ['$-1', '$01', '$+4', '$', '$4x', '$536870913']) {
      expect(parse(`*1\r\n${bad}\r\n`), bad).toEqual([err('invalid bulk length')]);
    }
  });

  it('waits for a ~512 MB bulk without allocating for it', () => {
    // 2^29 - 24: the longest string V8 can hold, so the longest argument the engine can take
    // (Redis goes 24 bytes further, to 512 MB).
    const p = new RespParser();
    p.feed(Buffer.from('*1\r\n$536870888\r\n' + 'x'.repeat(1000), 'latin1'));
    expect(p.next()).toBeNull();
    expect(p.buffered).toBe(1000);
    expect((p as unknown as { buf: Buffer }).buf.length).toBeLessThanOrEqual(64 * 1024);
  });

  it('follows a changed proto-max-bulk-len', () => {
    const p = new RespParser({ maxBulkLen: 1024 * 1024 });
    p.feed(Buffer.from(`*1\r\n$${1024 * 1024 + 1}\r\n`, 'latin1'));
    expect(p.next()).toEqual({ type: 'error', error: 'ERR Protocol error: invalid bulk length' });
  });

  it('assembles a big bulk from many chunks', () => {
    const big = 'abcdefgh'.repeat(1 << 17); // 1 MB
    const p = new RespParser();
    const bytes = Buffer.from(mb('SET', 'k', big), 'latin1');
    for (let i = 0; i < bytes.length; i += 1000) {
      p.feed(bytes.subarray(i, i + 1000));
      if (i + 1000 < bytes.length) expect(p.next()).toBeNull();
    }
    const r = p.next();
    expect(r?.type === 'command' && r.argv[2] === big).toBe(true);
  });

  it('errs when a count line grows past 64 KB without its \\r', () => {
    expect(parse('*' + '1'.repeat(PROTO_INLINE_MAX_SIZE - 1))).toEqual([]);
    expect(parse('*' + '1'.repeat(PROTO_INLINE_MAX_SIZE))).toEqual([err('too big mbulk count string')]);
    expect(parse('*1\r\n$' + '1'.repeat(PROTO_INLINE_MAX_SIZE - 1))).toEqual([]);
    expect(parse('*1\r\n$' + '1'.repeat(PROTO_INLINE_MAX_SIZE))).toEqual([err('too big bulk count string')]);
  });

  it('loses a count line behind a NUL byte (C strchr), until 64 KB pile up', () => {
    expect(parse('*1\0\r\n$4\r\nPING\r\n')).toEqual([]);
    expect(parse('*1\r\n$4\0\r\nPING\r\n')).toEqual([]);
    expect(parse('*1\0\r\n', 'x'.repeat(PROTO_INLINE_MAX_SIZE))).toEqual([err('too big mbulk count string')]);
  });
});

describe('inline requests', () => {
  it('splits a line as sdssplitargs does, ending in \\n or \\r\\n', () => {
    expect(parse('SET a "b c"\r\nGET a\nPING\r\r\n')).toEqual([['SET', 'a', 'b c'], ['GET', 'a'], ['PING']]);
    expect(parse('set a "\\x41\\n"\r\n')).toEqual([['set', 'a', 'A\n']]);
  });

  it('skips empty and blank lines', () => {
    expect(parse('\r\n\n \r\n\t\nPING\r\n')).toEqual([['PING']]);
  });

  it('rejects unbalanced quotes', () => {
    expect(parse('"PING\r\n')).toEqual([err('unbalanced quotes in request')]);
    expect(parse('SET a"b c\r\n')).toEqual([err('unbalanced quotes in request')]);
    expect(parse('SET "a"b c\r\n')).toEqual([err('unbalanced quotes in request')]);
  });

  it('errs when a line passes 64 KB without a newline, after running the commands before it', () => {
    expect(parse('a'.repeat(PROTO_INLINE_MAX_SIZE))).toEqual([]);
    expect(parse('a'.repeat(PROTO_INLINE_MAX_SIZE + 1))).toEqual([err('too big inline request')]);
    expect(parse('PING\r\n' + 'a'.repeat(PROTO_INLINE_MAX_SIZE + 1))).toEqual([['PING'], err('too big inline request')]);
  });

  it("sizes reads as Redis's query buffer does: 16 KB, then up to 81,910 bytes, so a longer line is too big", () => {
    /** One write, read in the slices nextReadSize gives, draining after each (readQueryFromClient). */
    const readAll = (bytes: string): Outcome[] => {
      const p = new RespParser();
      const out: Outcome[] = [];
      for (let at = 0; at < bytes.length && !p.closed; ) {
        const n = Math.min(p.nextReadSize(), bytes.length - at);
        p.feed(Buffer.from(bytes.slice(at, at + n), 'latin1'));
        at += n;
        for (let r = p.next(); r !== null; r = p.next()) out.push(r.type === 'command' ? r.argv : { error: r.error });
      }
      return out;
    };
    const p = new RespParser();
    expect(p.nextReadSize()).toBe(16384);
    p.feed(Buffer.alloc(16384, 0x61));
    expect(p.nextReadSize()).toBe(81910 - 16384);
    expect(readAll('a'.repeat(81908) + '\r\n')).toEqual([['a'.repeat(81908)]]);
    expect(readAll('a'.repeat(81909) + '\r\n')).toEqual([err('too big inline request')]);
    // A big bulk is read exactly to its end, in a buffer sized for it (200,002 bytes: 229,366 with
    // jemalloc's rounding), which the next read then fills.
    const echo = mb('ECHO', 'b'.repeat(200000));
    expect(readAll(echo + 'a'.repeat(229364) + '\r\n')).toEqual([['ECHO', 'b'.repeat(200000)], ['a'.repeat(229364)]]);
    expect(readAll(echo + 'a'.repeat(229365) + '\r\n')).toEqual([['ECHO', 'b'.repeat(200000)], err('too big inline request')]);
  });

  it('never completes a line with a NUL byte in it (until 64 KB)', () => {
    expect(parse('PING\0\r\nPING\r\n')).toEqual([]);
    expect(parse('PING\0\r\n', 'a'.repeat(PROTO_INLINE_MAX_SIZE))).toEqual([err('too big inline request')]);
  });
});

describe('after an error', () => {
  it('returns the error once, then nothing, whatever is fed', () => {
    const p = new RespParser();
    p.feed(Buffer.from('*x\r\n' + mb('PING'), 'latin1'));
    expect(p.next()).toEqual({ type: 'error', error: 'ERR Protocol error: invalid multibulk length' });
    expect(p.closed).toBe(true);
    expect(p.next()).toBeNull();
    p.feed(Buffer.from(mb('PING'), 'latin1'));
    expect(p.next()).toBeNull();
  });

  it('still hands out the commands before the bad one', () => {
    expect(parse(mb('PING') + mb('foo') + '*1\r\n$x\r\n')).toEqual([['PING'], ['foo'], err('invalid bulk length')]);
  });
});

describe('string2ll', () => {
  const ll = (s: string) => string2ll(Buffer.from(s, 'latin1'), 0, s.length);
  it('accepts strict decimal 64-bit integers', () => {
    expect(ll('0')).toBe(0);
    expect(ll('-5')).toBe(-5);
    expect(ll('123456789012345')).toBe(123456789012345);
    expect(ll('9223372036854775807')).toBeGreaterThan(2 ** 62);
    expect(ll('-9223372036854775808')).toBeLessThan(-(2 ** 62));
  });
  it('rejects everything else', () => {
    for (const s of ['', '-', '+1', '01', '-0', ' 1', '1 ', '1x', '9223372036854775808', '-9223372036854775809', '123456789012345678901']) {
      expect(ll(s), s).toBeNull();
    }
  });
});

// --- properties --------------------------------------------------------------------------------

/** Splits bytes at the given cut points (each taken modulo the length). */
function chunksOf(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % (bytes.length + 1))))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

/** Runs a parser to the end; throws if next() keeps producing (a hang). */
function run(chunks: Buffer[]): Outcome[] {
  const p = new RespParser();
  const out: Outcome[] = [];
  let budget = 100_000;
  for (const c of chunks) {
    p.feed(c);
    for (let r = p.next(); r !== null; r = p.next()) {
      if (--budget === 0) throw new Error('parser does not stop');
      out.push(r.type === 'command' ? r.argv : { error: r.error });
    }
  }
  return out;
}

/** Protocol-flavoured junk: the fragments that steer the parser into its corners. */
const fragment = fc.oneof(
  fc.constantFrom('*', '$', '\r\n', '\r', '\n', '\0', '-', '+', '"', "'", ' ', '\\', '\\x4', 'x', 'PING', '0', '1', '2', '3', '10', '-1'),
  fc.integer({ min: 0, max: 255 }).map((b) => String.fromCharCode(b)),
);
const junk = fc.array(fragment, { maxLength: 60 }).map((f) => Buffer.from(f.join(''), 'latin1'));
const cuts = fc.array(fc.nat(), { maxLength: 12 });

/** An argument as a binary string, often printable, sometimes anything. */
const arg = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.constantFrom('', '"', "'", '\\', ' ', '\r\n', '\0'),
);
const argv = fc.array(arg, { minLength: 1, maxLength: 5 });

/** Quotes an argument so sdssplitargs gives it back: every byte as \xHH inside double quotes. */
const quoteInline = (a: string): string => '"' + [...a].map((c) => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0')).join('') + '"';

describe('properties', () => {
  it('never throws and always stops on random bytes split at random points', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), cuts, (bytes, c) => {
        run(chunksOf(Buffer.from(bytes), c));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same commands and error however protocol-like junk is split (under 64 KB)', () => {
    fc.assert(
      fc.property(junk, cuts, (bytes, c) => {
        expect(run(chunksOf(bytes, c))).toEqual(run([bytes]));
      }),
      { numRuns: 1000 },
    );
  });

  it('parses a valid stream of multibulk and inline requests back, split anywhere', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(argv, fc.boolean()), { maxLength: 8 }), cuts, (commands, c) => {
        const wire = commands
          .map(([a, inline]) => (inline ? a.map(quoteInline).join(' ') + '\r\n' : `*${a.length}\r\n` + a.map((x) => `$${x.length}\r\n${x}\r\n`).join('')))
          .join('');
        expect(run(chunksOf(Buffer.from(wire, 'latin1'), c))).toEqual(commands.map(([a]) => a));
      }),
      { numRuns: 500 },
    );
  });
});
