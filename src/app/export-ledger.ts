import { FirmlyError } from '../core/errors.ts';
import type { StoredEvent } from '../core/ledger/events.ts';
import { streamEventRows, toStoredEvent } from '../store/ledger-store.ts';
import { getClient } from '../store/views/client-queries.ts';
import type { AppContext } from './context.ts';
import { requireWorkspace } from './workspace.ts';

/** The interchange form of a stored event: the envelope of LEDGER.md, then its chain fields. */
export function exportLine(event: StoredEvent): string {
  const { id, type, at, data, seq, recordedAt, prevHash, hash } = event;
  return JSON.stringify({ id, type, at, data, seq, recordedAt, prevHash, hash });
}

/**
 * Streams the workspace's ledger (or one client's events) as JSON Lines in chain order.
 * `write` may return a promise to apply back-pressure.
 */
export async function exportLedger(ctx: AppContext, workspaceId: string, filter: { clientId?: string | undefined }, write: (line: string) => unknown): Promise<number> {
  await requireWorkspace(ctx, workspaceId);
  if (filter.clientId !== undefined && !(await getClient(ctx.store.db, workspaceId, filter.clientId))) {
    throw new FirmlyError('client.not_found', `no client "${filter.clientId}" in workspace "${workspaceId}"`);
  }
  let count = 0;
  for await (const rows of streamEventRows(ctx.store.db, workspaceId, { clientId: filter.clientId })) {
    for (const row of rows) {
      await write(exportLine(toStoredEvent(row)) + '\n');
      count += 1;
    }
  }
  return count;
}

