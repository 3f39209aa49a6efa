import type { CommandSpec } from './types.js';

export const SERVER_COMMANDS: readonly CommandSpec[] = [];
