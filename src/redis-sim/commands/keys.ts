import type { CommandSpec } from './types.js';

export const KEY_COMMANDS: readonly CommandSpec[] = [];
