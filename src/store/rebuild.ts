import type { Kysely } from 'kysely';
import { FirmlyError } from '../core/errors.ts';
import { collectNeeds, projectEvent } from '../core/ledger/project.ts';
import { emptyNeeds, ViewUnit } from '../core/ledger/view-unit.ts';
import { lockHead, streamEventRows, toStoredEvent } from './ledger-store.ts';
import type { Database } from './schema.ts';
import type { Dialect } from './database.ts';
import { StatisticsKeeper } from './statistics.ts';
import { clearViews, flushViews, loadViews } from './views/view-store.ts';

/**
 * Empties the workspace's read models and replays its whole ledger into them, in one
 * transaction, through the same projection that appends use: the result is the same
 * as if every event had just been appended.
 */
export async function rebuildViews(db: Kysely<Database>, dialect: Dialect, workspaceId: string, batchSize = 5_000): Promise<{ events: number }> {
  return db.transaction().execute(async (trx) => {
    const statistics = new StatisticsKeeper(dialect);
    // Same lock as appends, so nothing is appended half-way through the replay.
    await lockHead(trx, workspaceId);
    await clearViews(trx, workspaceId);
    let events = 0;
    for await (const rows of streamEventRows(trx, workspaceId, {}, batchSize)) {
      const batch = rows.map(toStoredEvent);
      const needs = emptyNeeds();
      for (const event of batch) collectNeeds(event, needs);
      const unit = new ViewUnit();
      await loadViews(trx, workspaceId, needs, unit);
      for (const event of batch) {
        const projection = projectEvent(unit, event);
        if (!projection.ok) {
          throw new FirmlyError('ledger.corrupt', `event at seq ${event.seq} cannot be replayed: ${projection.reason}`, { seq: event.seq });
        }
      }
      await flushViews(trx, workspaceId, unit);
      await statistics.wrote(trx, batch.length);
      events += batch.length;
    }
    await statistics.settle(trx);
    return { events };
  });
}
