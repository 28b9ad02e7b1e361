import { resolve } from 'node:path';
import { FirmlyError } from '../core/errors.ts';
import { describeTarget } from '../store/database.ts';
import type { AppContext } from './context.ts';
import { writeOutputFile } from './output-file.ts';

/**
 * A consistent copy of the SQLite database while it stays in use (SQLite's online backup),
 * never over an existing file, and under its name only once complete.
 */
export async function backupDatabase(ctx: AppContext, file: string): Promise<{ file: string; bytes: number }> {
  const { sqlite, target } = ctx.store;
  if (!sqlite) {
    throw new FirmlyError('not_supported',
      `${describeTarget(target)} is backed up with PostgreSQL's own tools: pg_dump --format=custom --file=${file} "$DATABASE_URL" (restore with pg_restore)`);
  }
  const out = resolve(file);
  const bytes = await writeOutputFile(out, async (temporary) => {
    await sqlite.backup(temporary);
  });
  return { file: out, bytes };
}

