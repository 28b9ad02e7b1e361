import type { Kysely } from 'kysely';
import { FirmlyError } from '../core/errors.ts';
import { collectNeeds, projectEvent } from '../core/ledger/project.ts';
import { emptyNeeds, ViewUnit } from '../core/ledger/view-unit.ts';
import { lockHead, streamEventRows, toStoredEvent } from './ledger-store.ts';
import type { Database } from './schema.ts';
import type { Dialect } from './database.ts';
import { StatisticsKeeper } from './statistics.ts';
import { clearViews, flushViews, loadViews } from './views/view-store.ts';

export interface Rebuilt {
  readonly events: number;
  /** Events whose `client_id` was not the client the projection found, now set right; absent when none. */
  readonly clientIdsRepaired?: number;
}

/**
 * Empties the workspace's read models and replays its whole ledger into them, in one
 * transaction, through the same projection that appends use: the result is the same
 * as if every event had just been appended. `ledger_event.client_id` is derived the same
 * way and kept outside the hash, so it is set right too where it was changed (#19 F3).
 */
export async function rebuildViews(db: Kysely<Database>, dialect: Dialect, workspaceId: string, batchSize = 5_000): Promise<Rebuilt> {
  return db.transaction().execute(async (trx) => {
    const statistics = new StatisticsKeeper(dialect);
    // Same lock as appends, so nothing is appended half-way through the replay.
    await lockHead(trx, workspaceId);
    await clearViews(trx, workspaceId);
    let events = 0;
    let repaired = 0;
    for await (const rows of streamEventRows(trx, workspaceId, {}, batchSize)) {
      const batch = rows.map(toStoredEvent);
      const needs = emptyNeeds();
      for (const event of batch) collectNeeds(event, needs);
      const unit = new ViewUnit();
      await loadViews(trx, workspaceId, needs, unit);
      const wrong: { seq: number; clientId: string | null }[] = [];
      batch.forEach((event, i) => {
        const projection = projectEvent(unit, event);
        if (!projection.ok) {
          throw new FirmlyError('ledger.corrupt', `event at seq ${event.seq} cannot be replayed: ${projection.reason}`, { seq: event.seq });
        }
        if ((rows[i]?.clientId ?? null) !== projection.clientId) wrong.push({ seq: event.seq, clientId: projection.clientId });
      });
      for (const { seq, clientId } of wrong) {
        await trx.updateTable('ledgerEvent').set({ clientId }).where('workspaceId', '=', workspaceId).where('seq', '=', seq).execute();
      }
      repaired += wrong.length;
      await flushViews(trx, workspaceId, unit);
      await statistics.wrote(trx, batch.length);
      events += batch.length;
    }
    await statistics.settle(trx);
    return repaired === 0 ? { events } : { events, clientIdsRepaired: repaired };
  });
}
