import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The engines are handed time and randomness; they never read the machine's. In the simulation,
 * only the kernel does (src/integration/kernel).
 */
const ENGINES = ['src/redis-sim', 'src/zk-sim', 'src/integration'];
const KERNEL = 'src/integration/kernel';
const FORBIDDEN = /\b(Date\.now|Math\.random|setTimeout|setInterval|setImmediate|performance\.now)\s*\(/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('engine purity', () => {
  it.each(ENGINES)('%s reads no clock, timer or random source of the machine (outside the kernel)', (dir) => {
    const offenders = sources(dir)
      .filter((file) => !file.startsWith(KERNEL))
      .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line: line.replace(/\/\/.*$|^\s*\*.*$/, ''), at: `${file}:${i + 1}` }))
        .filter(({ line }) => FORBIDDEN.test(line))
        .map(({ at }) => at),
    );
    expect(offenders).toEqual([]);
  });
});
