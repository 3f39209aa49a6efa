import type { CommandSpec } from './types.js';

export const ZSET_COMMANDS: readonly CommandSpec[] = [];
