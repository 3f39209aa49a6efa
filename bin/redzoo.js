#!/usr/bin/env node
// The `redzoo` command. This launcher stays put (npx caches a link to it); the code is dist/cli.
import { main } from '../dist/cli/main.js';

process.exit(await main(process.argv.slice(2)));
