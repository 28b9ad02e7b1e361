import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from './context.ts';
import { importLedger, type ImportReport } from './import-ledger.ts';

/** The folder holding package.json, from sources (src/) and from the build (dist/src/) alike. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export const demoLedgerFile = (): string => resolve(packageRoot(), 'demo', 'workspace.jsonl');

/** Loads the demo agency into the workspace; a second load adds nothing (import is idempotent). */
export const loadDemo = (ctx: AppContext, workspaceId: string): Promise<ImportReport> => importLedger(ctx, workspaceId, [demoLedgerFile()]);

