/**
 * The `redzoo` command line.
 *
 * Layout:
 *   main.ts          the `redzoo` command: the subcommand table, option parsing, exit codes
 *   redis-repl.ts    `redzoo redis`: redis-cli's REPL (line splitting, prompt, printing) on the engine
 *   redis-help.ts    the REPL's `help`, built from the command table
 *   redis-server.ts  `redzoo serve`: the engine over TCP (RESP2), one engine client per connection
 *   zk-repl.ts       `redzoo zk`: zkCli.sh's REPL on the ZooKeeper engine (commands, watches, output)
 *   zk-args.ts       zkCli's tokenizer, its option parsing and Java's number parsing
 *   zk-format.ts     zkCli's output: stat block, Java dates, watch events, errors, ACLs, usage
 *   wall-clock.ts    the machine's clock, handed to the engines by the interactive commands
 *   version.ts       the package version
 */
export { main, usage } from './main.js';
export { runRedisRepl, RedisCliSession, type ReplOptions } from './redis-repl.js';
export { startRedisServer, type RedisServerOptions, type RunningRedisServer } from './redis-server.js';
export { runZkRepl, ZkCli, zkCliArgsProblem, type ZkReplOptions } from './zk-repl.js';
