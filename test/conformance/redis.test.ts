/**
 * Differential conformance: seeded random command sequences go to a real redis-server 7.0 and to
 * the engine; every reply is compared byte for byte (or by the documented relaxed rule where Redis
 * leaves order or randomness unspecified). A failure prints the seed that reproduces it:
 * `REDZOO_SEED=<seed> npx vitest run test/conformance`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, encodeResp } from '../../src/redis-sim/index.js';
import { arrayElements, haveRealRedis, RealRedis, RespConnection, Rng, sameReply, type Compare, type GenContext, type GeneratedCommand } from './harness.js';
import { FAMILIES } from './generators/index.js';

const available = haveRealRedis();
const COMMANDS_PER_SEED = Number(process.env.REDZOO_COMMANDS ?? 2500);
const SEEDS = process.env.REDZOO_SEED ? [Number(process.env.REDZOO_SEED)] : [1, 2, 3, 4];

const KEYS = ['k1', 'k2', 'k3', 'k4', 'k5', '{a}x', 'é'];
const MEMBERS = ['a', 'b', 'c', 'd', 'foo', 'bar', '1', '2', '10', '-3', '3.5', '', 'ü', 'x'.repeat(70)];
const NUMBERS = ['0', '1', '-1', '2', '3', '10', '100', '-5', '1.5', '-2.25', '0.1', '1e3', 'inf', '-inf', '+inf',
  'nan', 'abc', '', ' 1', '1 ', '9223372036854775807', '-9223372036854775808', '9223372036854775808', '1e400', '0x10', '007', '1e-5000', '1.1e4932'];
const INDEXES = ['0', '1', '2', '-1', '-2', '3', '5', '-100', '100', '9223372036854775807', '-9223372036854775808', 'x', '1.5', ''];

function context(rng: Rng): GenContext {
  const enc = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
  return {
    rng,
    key: () => enc(rng.pick(KEYS)),
    member: () => enc(rng.pick(MEMBERS)),
    number: () => rng.pick(NUMBERS),
    index: () => (rng.chance(0.8) ? String(rng.int(-6, 6)) : rng.pick(INDEXES)),
  };
}

function pickFamily(rng: Rng) {
  const total = FAMILIES.reduce((s, f) => s + f.weight, 0);
  let r = rng.next() * total;
  for (const f of FAMILIES) {
    r -= f.weight;
    if (r < 0) return f;
  }
  return FAMILIES[FAMILIES.length - 1]!;
}

describe.skipIf(!available)('conformance with a real redis-server', () => {
  let real: RealRedis;
  beforeAll(async () => {
    real = await RealRedis.start();
  });
  afterAll(() => real?.stop());

  for (const seed of SEEDS) {
    it(`replies identically for seed ${seed} (${COMMANDS_PER_SEED} commands)`, async () => {
      const conn = await RespConnection.open(real.port);
      await conn.send(['FLUSHALL']);
      await conn.send(['CONFIG', 'SET', 'notify-keyspace-events', '']);
      const engine = createRedis({ clock: { now: () => Date.now() }, seed });
      const client = engine.client();
      const rng = new Rng(seed);
      const g = context(rng);
      const mismatches: string[] = [];
      let compared = 0;
      // Inside MULTI the real replies are QUEUED; EXEC's array is then compared element by
      // element, each with the rule of the command it answers.
      let queued: Compare[] | null = null;
      const check = (cmd: GeneratedCommand, ours: Buffer, theirs: Buffer): boolean => {
        const name = cmd.argv[0]!.toUpperCase();
        const text = theirs.toString('latin1');
        if (name === 'EXEC' && queued) {
          const rules = queued;
          queued = null;
          const a = arrayElements(ours);
          const b = arrayElements(theirs);
          if (a && b && a.length === b.length && a.length === rules.length)
            return a.every((x, i) => sameReply(rules[i]!, x, b[i]!));
          return sameReply('exact', ours, theirs);
        }
        if (name === 'DISCARD' || name === 'EXEC') queued = null;
        if (name === 'MULTI' && text === '+OK\r\n') queued = [];
        else if (queued && text === '+QUEUED\r\n') queued.push(cmd.compare ?? 'exact');
        return sameReply(cmd.compare ?? 'exact', ours, theirs);
      };
      const batch: GeneratedCommand[] = [];
      const flush = async () => {
        const replies = await conn.sendAll(batch.map((c) => c.argv));
        batch.forEach((cmd, i) => {
          const ours = Buffer.concat(client.sendBytes(cmd.argv).map((r) => encodeResp(r)));
          compared++;
          if (!check(cmd, ours, replies[i]!) && mismatches.length < 25) {
            mismatches.push(
              `#${compared} ${JSON.stringify(cmd.argv)}\n   redis:  ${JSON.stringify(replies[i]!.toString('latin1'))}\n   redzoo: ${JSON.stringify(ours.toString('latin1'))}`,
            );
          }
        });
        batch.length = 0;
      };
      while (compared + batch.length < COMMANDS_PER_SEED) {
        const next = pickFamily(rng).next(g);
        batch.push(...(Array.isArray(next) ? next : [next]));
        // Commands whose reply depends on the previous ones are still fine to pipeline: the
        // engine runs them in the same order, one at a time, after the real replies arrive.
        if (batch.length >= 100) await flush();
      }
      await flush();
      conn.close();
      if (mismatches.length) console.error(`seed ${seed}: mismatches\n${mismatches.join('\n')}`);
      expect(mismatches, `seed ${seed}: rerun with REDZOO_SEED=${seed}`).toEqual([]);
      expect(compared).toBeGreaterThanOrEqual(COMMANDS_PER_SEED);
    });
  }
});
