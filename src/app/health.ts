import { sql } from 'kysely';
import type { Dialect } from '../store/database.ts';
import type { AppContext } from './context.ts';

/** Asks the database a trivial question; throws if it cannot answer. */
export async function checkHealth(ctx: AppContext): Promise<{ status: 'ok'; database: Dialect }> {
  await sql`select 1`.execute(ctx.store.db);
  return { status: 'ok', database: ctx.store.dialect };
}
