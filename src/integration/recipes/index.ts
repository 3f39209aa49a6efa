/**
 * Recipes: what applications do with Redis and ZooKeeper, written as a learner would write them,
 * against the world's clients. Each is tested in the world under faults (test/integration/recipes).
 *
 * Layout:
 *   cache.ts      cache-aside, invalidation on write, the stale-read fixes (versioned
 *                 compare-and-set, delayed double delete), stampede protection (rebuild lock, XFetch)
 *   discovery.ts  service registry and discovery with balancing; ensurePath and zkCode helpers
 *   config.ts     a configuration center: versioned updates, watches, history, rollback
 *   election.ts   leader election, each candidate watching its predecessor
 *   locks.ts      the ZooKeeper lock, a naive herd-prone lock, a Redis lock, fenced writes
 */
export * from './cache.js';
export * from './discovery.js';
export * from './config.js';
export * from './election.js';
export * from './locks.js';
