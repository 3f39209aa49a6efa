import type { CommandSpec } from './types.js';

export const SET_COMMANDS: readonly CommandSpec[] = [];
