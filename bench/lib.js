// What the benchmarks share: number formatting and a free loopback port for the real servers.
import { createServer } from 'node:net';

/** 1.53M, 250.6k, 73. */
export function fmt(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(0);
}

/** A port nothing listens on right now, on 127.0.0.1. */
export async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
