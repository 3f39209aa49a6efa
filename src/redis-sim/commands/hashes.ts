import type { CommandSpec } from './types.js';

export const HASH_COMMANDS: readonly CommandSpec[] = [];
