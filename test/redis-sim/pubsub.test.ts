import { describe, expect, it } from 'vitest';
import { createRedis, formatReply, ManualClock, type Reply } from '../../src/redis-sim/index.js';

const text = (r: Reply) => formatReply(r).replace(/\n$/, '');

describe('pub/sub', () => {
  it('SUBSCRIBE confirms each channel; PUBLISH delivers and counts receivers', () => {
    const r = createRedis({ clock: new ManualClock(0) });
    const sub = r.client();
    const pub = r.client();
    const got: string[] = [];
    sub.onPush((m) => got.push(text(m)));
    expect(sub.send(['SUBSCRIBE', 'a', 'b']).map(text)).toEqual([
      '1) "subscribe"\n2) "a"\n3) (integer) 1',
      '1) "subscribe"\n2) "b"\n3) (integer) 2',
    ]);
    expect(sub.send(['PSUBSCRIBE', 'n*']).map(text)).toEqual(['1) "psubscribe"\n2) "n*"\n3) (integer) 3']);
    expect(text(pub.exec(['PUBLISH', 'a', 'hi']))).toBe('(integer) 1');
    expect(text(pub.exec(['PUBLISH', 'news', 'x']))).toBe('(integer) 1');
    expect(text(pub.exec(['PUBLISH', 'zzz', 'x']))).toBe('(integer) 0');
    expect(got).toEqual(['1) "message"\n2) "a"\n3) "hi"', '1) "pmessage"\n2) "n*"\n3) "news"\n4) "x"']);
    expect(text(pub.exec(['PUBSUB', 'NUMSUB', 'a', 'c']))).toBe('1) "a"\n2) (integer) 1\n3) "c"\n4) (integer) 0');
    expect(text(pub.exec(['PUBSUB', 'NUMPAT']))).toBe('(integer) 1');
  });

  it('a subscribed client may only (un)subscribe, ping, quit or reset', () => {
    const r = createRedis({ clock: new ManualClock(0) });
    const sub = r.client();
    sub.exec(['SUBSCRIBE', 'a']);
    expect(text(sub.exec(['GET', 'k']))).toBe(
      "(error) ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
    );
    expect(text(sub.exec(['PING']))).toBe('1) "pong"\n2) ""');
    expect(sub.send(['UNSUBSCRIBE']).map(text)).toEqual(['1) "unsubscribe"\n2) "a"\n3) (integer) 0']);
    expect(text(sub.exec(['UNSUBSCRIBE']))).toBe('1) "unsubscribe"\n2) (nil)\n3) (integer) 0');
    expect(text(sub.exec(['PING']))).toBe('PONG');
  });

  it('keyspace notifications follow notify-keyspace-events', () => {
    const r = createRedis({ clock: new ManualClock(0) });
    const sub = r.client();
    const got: string[] = [];
    sub.onPush((m) => {
      if (m.type === 'array' && m.value) got.push(m.value.slice(2).map((x) => x.value).join(' '));
    });
    sub.exec(['PSUBSCRIBE', '__key*__:*']);
    r.exec(['SET', 'k', 'v']);
    expect(got).toEqual([]);
    expect(text(r.exec(['CONFIG', 'SET', 'notify-keyspace-events', 'KEA']))).toBe('OK');
    expect(text(r.exec(['CONFIG', 'GET', 'notify-keyspace-events']))).toBe('1) "notify-keyspace-events"\n2) "AKE"');
    r.exec(['SET', 'k', 'v', 'EX', '10']);
    r.exec(['DEL', 'k']);
    expect(got).toEqual([
      '__keyspace@0__:k set', '__keyevent@0__:set k',
      '__keyspace@0__:k expire', '__keyevent@0__:expire k',
      '__keyspace@0__:k del', '__keyevent@0__:del k',
    ]);
  });

  it('every change is also on events$, with how an expiry happened', () => {
    const clock = new ManualClock(0);
    const r = createRedis({ clock });
    const events: string[] = [];
    r.events$.subscribe((e) => {
      if (e.kind === 'keyspace') events.push(`${e.event}:${e.key}${e.via ? ':' + e.via : ''}`);
    });
    r.exec(['SET', 'a', '1', 'PX', '10']);
    r.exec(['SET', 'b', '1', 'PX', '10']);
    clock.advance(20);
    r.exec(['GET', 'a']);
    clock.advance(100);
    r.tick();
    expect(events).toEqual(['new:a', 'set:a', 'expire:a', 'new:b', 'set:b', 'expire:b', 'expired:a:lazy', 'expired:b:active']);
  });
});
