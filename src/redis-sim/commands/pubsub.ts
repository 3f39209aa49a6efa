import type { CommandSpec } from './types.js';

export const PUBSUB_COMMANDS: readonly CommandSpec[] = [];
