import type { Command } from 'commander';
import type { CliEnv } from '../io.ts';

// Filled in by #7.
export function registerOffboard(_program: Command, _env: CliEnv): void {}
