import type { CommandSpec } from './types.js';

export const TRANSACTION_COMMANDS: readonly CommandSpec[] = [];
