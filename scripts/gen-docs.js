// Rewrites the generated docs (run through `npm run docs`, after a build): docs/redis.md from the
// command table, docs/scenarios.md from the scenario library.
import { writeFileSync } from 'node:fs';
import { commandTableMarkdown } from '../dist/redis-sim/docs.js';
import { SCENARIOS, scenarioCatalogueMarkdown } from '../dist/integration/index.js';

writeFileSync(new URL('../docs/redis.md', import.meta.url), commandTableMarkdown());
console.log('docs/redis.md written');
writeFileSync(new URL('../docs/scenarios.md', import.meta.url), await scenarioCatalogueMarkdown(SCENARIOS));
console.log('docs/scenarios.md written');
