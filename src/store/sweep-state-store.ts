import type { Kysely, Transaction } from 'kysely';
import type { Database, SweepStateTable } from './schema.ts';
import { lockHead } from './ledger-store.ts';

export type SweepState = Omit<SweepStateTable, 'workspaceId'>;

export interface ClientReview {
  readonly clientId: string;
  /** The first date the client's plan could change without a new event; null: not before one. */
  readonly reviewOn: string | null;
}

export async function readSweepState(db: Kysely<Database>, workspaceId: string): Promise<SweepState | undefined> {
  const row = await db.selectFrom('sweepState').select(['sweptOn', 'throughSeq', 'workspaceSeq']).where('workspaceId', '=', workspaceId).executeTakeFirst();
  return row;
}

/** Clients whose review date has come by `date`. */
export async function clientsDueForReview(db: Kysely<Database>, workspaceId: string, date: string): Promise<string[]> {
  const rows = await db.selectFrom('clientReview').select('clientId').where('workspaceId', '=', workspaceId).where('reviewOn', '<=', date).execute();
  return rows.map((row) => row.clientId);
}

/**
 * Records what a sweep saw, in one transaction under the workspace's write lock. A sweep
 * that read an older snapshot than the one recorded (it ran alongside a later one) records
 * nothing: its review dates could miss what the later one saw.
 */
export async function recordSweep(db: Kysely<Database>, workspaceId: string, state: SweepState, reviews: readonly ClientReview[], options: { full: boolean }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await lockHead(trx, workspaceId);
    const recorded = await trx.selectFrom('sweepState').select('throughSeq').where('workspaceId', '=', workspaceId).executeTakeFirst();
    if (recorded && recorded.throughSeq > state.throughSeq) return false;
    if (options.full) await trx.deleteFrom('clientReview').where('workspaceId', '=', workspaceId).execute();
    await upsertReviews(trx, workspaceId, reviews);
    await trx.insertInto('sweepState').values({ workspaceId, ...state })
      .onConflict((oc) => oc.column('workspaceId').doUpdateSet({ sweptOn: state.sweptOn, throughSeq: state.throughSeq, workspaceSeq: state.workspaceSeq }))
      .execute();
    return true;
  });
}

async function upsertReviews(trx: Transaction<Database>, workspaceId: string, reviews: readonly ClientReview[]): Promise<void> {
  // Three bound values a row: 300 rows stay under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < reviews.length; i += 300) {
    const values = reviews.slice(i, i + 300).map((review) => ({ workspaceId, clientId: review.clientId, reviewOn: review.reviewOn }));
    await trx.insertInto('clientReview').values(values)
      .onConflict((oc) => oc.columns(['workspaceId', 'clientId']).doUpdateSet((eb) => ({ reviewOn: eb.ref('excluded.reviewOn') })))
      .execute();
  }
}
