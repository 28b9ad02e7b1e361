import type { Command } from 'commander';
import type { CliEnv } from '../io.ts';

// Filled in by #7.
export function registerReport(_program: Command, _env: CliEnv): void {}
