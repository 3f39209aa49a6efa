import { describe, expect, it } from 'vitest';
import { createRedis, encodeResp, ManualClock } from '../../src/redis-sim/index.js';

/** The same seed and the same commands must give the same bytes, including every random pick. */
function transcript(seed: number): string {
  const clock = new ManualClock(0);
  const r = createRedis({ clock, seed });
  const out: string[] = [];
  const run = (...argv: string[]) => out.push(encodeResp(r.exec(argv)).toString('latin1'));
  for (let i = 0; i < 200; i++) {
    run('SADD', 's', `m${i}`);
    run('HSET', 'h', `f${i}`, `v${i}`);
    run('ZADD', 'z', String(i % 17), `z${i}`);
    run('SET', `k${i}`, 'v', 'PX', String(10 + (i % 50)));
  }
  for (let i = 0; i < 20; i++) {
    run('SPOP', 's');
    run('SRANDMEMBER', 's', '-5');
    run('HRANDFIELD', 'h', '3', 'WITHVALUES');
    run('ZRANDMEMBER', 'z', '-4', 'WITHSCORES');
    run('RANDOMKEY');
    clock.advance(7);
    r.tick();
    run('DBSIZE');
  }
  run('ZRANGE', 'z', '0', '-1', 'WITHSCORES');
  return out.join('');
}

describe('determinism', () => {
  it('same seed, same commands → identical replies', () => {
    expect(transcript(42)).toBe(transcript(42));
  });
  it('a different seed draws different random picks', () => {
    expect(transcript(42)).not.toBe(transcript(43));
  });
});
