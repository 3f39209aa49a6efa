// Rewrites docs/redis.md from the command table (run through `npm run docs`, after a build).
import { writeFileSync } from 'node:fs';
import { commandTableMarkdown } from '../dist/redis-sim/docs.js';

writeFileSync(new URL('../docs/redis.md', import.meta.url), commandTableMarkdown());
console.log('docs/redis.md written');
