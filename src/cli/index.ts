/**
 * The `redzoo` command line.
 *
 * Layout:
 *   main.ts          the `redzoo` command: the subcommand table, option parsing, exit codes
 *   redis-repl.ts    `redzoo redis`: redis-cli's REPL (line splitting, prompt, printing) on the engine
 *   redis-help.ts    the REPL's `help`, built from the command table
 *   redis-server.ts  `redzoo serve`: the engine over TCP (RESP2), one engine client per connection
 *   version.ts       the package version
 */
export { main, usage } from './main.js';
export { runRedisRepl, RedisCliSession, type ReplOptions } from './redis-repl.js';
export { startRedisServer, type RedisServerOptions, type RunningRedisServer } from './redis-server.js';
