import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared folder beside the project: fixtures and scenarios are read in place, never copied. */
export const sharedDir = resolve(import.meta.dirname, '../../../shared');
export const scenariosDir = join(sharedDir, 'scenarios');
export const scenarioFiles = (): string[] =>
  readdirSync(scenariosDir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(scenariosDir, f));
export const projectRoot = resolve(import.meta.dirname, '../..');
export const demoFile = join(projectRoot, 'demo', 'workspace.jsonl');
