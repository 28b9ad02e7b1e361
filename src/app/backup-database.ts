import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FirmlyError } from '../core/errors.ts';
import { describeTarget } from '../store/database.ts';
import type { AppContext } from './context.ts';

/** A consistent copy of the SQLite database while it stays in use (SQLite's online backup). */
export async function backupDatabase(ctx: AppContext, file: string): Promise<{ file: string; bytes: number }> {
  const { sqlite, target } = ctx.store;
  if (!sqlite) {
    throw new FirmlyError('not_supported',
      `${describeTarget(target)} is backed up with PostgreSQL's own tools: pg_dump --format=custom --file=${file} "$DATABASE_URL" (restore with pg_restore)`);
  }
  const out = resolve(file);
  if (existsSync(out)) throw new FirmlyError('input.invalid', `${out} already exists; remove it or choose another file name`);
  await sqlite.backup(out);
  return { file: out, bytes: (await stat(out)).size };
}

