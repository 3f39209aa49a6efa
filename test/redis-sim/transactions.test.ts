import { describe, expect, it } from 'vitest';
import { createRedis, formatReply, ManualClock } from '../../src/redis-sim/index.js';

function twoClients() {
  const clock = new ManualClock(0);
  const r = createRedis({ clock, seed: 1 });
  const a = r.client();
  const b = r.client();
  const fmt = (c: typeof a) => (...argv: string[]) => formatReply(c.exec(argv)).replace(/\n$/, '');
  return { r, clock, a: fmt(a), b: fmt(b) };
}

describe('transactions', () => {
  it('queues, then runs all commands and returns their replies in order', () => {
    const { a } = twoClients();
    expect(a('MULTI')).toBe('OK');
    expect(a('SET', 'k', '1')).toBe('QUEUED');
    expect(a('INCR', 'k')).toBe('QUEUED');
    expect(a('LPUSH', 'k', 'x')).toBe('QUEUED');
    expect(a('GET', 'k')).toBe('QUEUED');
    expect(a('EXEC')).toBe('1) OK\n2) (integer) 2\n3) (error) WRONGTYPE Operation against a key holding the wrong kind of value\n4) "2"');
  });

  it('a queue-time error aborts EXEC with EXECABORT and applies nothing', () => {
    const { a } = twoClients();
    a('MULTI');
    a('SET', 'k', '1');
    expect(a('GET')).toBe("(error) ERR wrong number of arguments for 'get' command");
    expect(a('NOSUCH')).toBe("(error) ERR unknown command 'NOSUCH', with args beginning with: ");
    expect(a('EXEC')).toBe('(error) EXECABORT Transaction discarded because of previous errors.');
    expect(a('GET', 'k')).toBe('(nil)');
  });

  it('MULTI/EXEC/DISCARD/WATCH misuse errors', () => {
    const { a } = twoClients();
    expect(a('EXEC')).toBe('(error) ERR EXEC without MULTI');
    expect(a('DISCARD')).toBe('(error) ERR DISCARD without MULTI');
    a('MULTI');
    expect(a('MULTI')).toBe('(error) ERR MULTI calls can not be nested');
    expect(a('WATCH', 'k')).toBe('(error) ERR WATCH inside MULTI is not allowed');
    expect(a('SET', 'k', 'v')).toBe('QUEUED');
    expect(a('EXEC')).toBe('1) OK');
  });

  it('EXEC refused before it runs (arity, subscribed context) discards the transaction and the watches', () => {
    const { a, b } = twoClients();
    a('MULTI');
    a('SET', 'k', '1');
    expect(a('EXEC', 'x')).toBe("(error) EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command");
    expect(a('EXEC')).toBe('(error) ERR EXEC without MULTI');
    expect(a('GET', 'k')).toBe('(nil)');
    // Outside MULTI too: the watched keys are forgotten, so a later write no longer aborts.
    a('WATCH', 'k');
    expect(a('EXEC', 'a', 'b')).toBe("(error) EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command");
    b('SET', 'k', '2');
    a('MULTI');
    a('PING');
    expect(a('EXEC')).toBe('1) PONG');
    a('WATCH', 'k');
    a('SUBSCRIBE', 'ch');
    expect(a('EXEC')).toBe(
      "(error) EXECABORT Transaction discarded because of: Can't execute 'exec': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
    );
    a('UNSUBSCRIBE');
    b('SET', 'k', '3');
    a('MULTI');
    a('PING');
    expect(a('EXEC')).toBe('1) PONG');
  });

  it('WATCH: another client writing the key makes EXEC return a null array', () => {
    const { a, b } = twoClients();
    a('SET', 'k', '1');
    a('WATCH', 'k');
    b('SET', 'k', '2');
    a('MULTI');
    a('SET', 'k', '3');
    expect(a('EXEC')).toBe('(nil)');
    expect(a('GET', 'k')).toBe('"2"');
    // EXEC unwatched: the next transaction goes through.
    a('MULTI');
    a('SET', 'k', '3');
    expect(a('EXEC')).toBe('1) OK');
  });

  it('WATCH is dirtied by expiry, EXPIRE, FLUSHALL; not by a read', () => {
    const { a, b, clock } = twoClients();
    a('SET', 'k', '1', 'PX', '100');
    a('WATCH', 'k');
    clock.advance(200);
    a('MULTI');
    a('PING');
    expect(a('EXEC')).toBe('(nil)');

    a('SET', 'k', '1');
    a('WATCH', 'k');
    b('GET', 'k');
    a('MULTI');
    a('PING');
    expect(a('EXEC')).toBe('1) PONG');

    a('WATCH', 'k');
    b('EXPIRE', 'k', '100');
    a('MULTI');
    expect(a('EXEC')).toBe('(nil)');

    a('WATCH', 'k');
    b('FLUSHALL');
    a('MULTI');
    expect(a('EXEC')).toBe('(nil)');
  });

  // Measured against redis-server 7.0.15: a key already expired at WATCH time may be deleted (by a
  // read's lazy expiry or by the active cycle) without failing EXEC, since logically nothing changed.
  it('WATCH of an already expired key: its deletion, lazy or active, does not dirty the watch', () => {
    const { a, b, r, clock } = twoClients();
    a('SET', 'k', 'v', 'PX', '100');
    clock.advance(200);
    a('WATCH', 'k');
    expect(b('GET', 'k')).toBe('(nil)');
    a('MULTI');
    a('SET', 'k', 'x');
    expect(a('EXEC')).toBe('1) OK');

    a('SET', 'k2', 'v', 'PX', '100');
    clock.advance(200);
    a('WATCH', 'k2');
    for (let i = 0; i < 20; i++) {
      clock.advance(100);
      r.tick();
    }
    expect(a('EXISTS', 'k2')).toBe('(integer) 0');
    a('MULTI');
    a('SET', 'k2', 'x');
    expect(a('EXEC')).toBe('1) OK');

    // Once deleted, the key is an ordinary absent key: creating it dirties the watch.
    a('SET', 'k3', 'v', 'PX', '100');
    clock.advance(200);
    a('WATCH', 'k3');
    b('GET', 'k3');
    b('SET', 'k3', 'new');
    a('MULTI');
    expect(a('EXEC')).toBe('(nil)');
  });

  it('DISCARD drops the queue and unwatches', () => {
    const { a, b } = twoClients();
    a('WATCH', 'k');
    a('MULTI');
    a('SET', 'k', 'x');
    expect(a('DISCARD')).toBe('OK');
    b('SET', 'k', 'y');
    a('MULTI');
    a('GET', 'k');
    expect(a('EXEC')).toBe('1) "y"');
  });
});
