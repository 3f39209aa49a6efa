import type { CommandSpec } from './types.js';

export const LIST_COMMANDS: readonly CommandSpec[] = [];
