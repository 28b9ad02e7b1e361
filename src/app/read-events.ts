import type { StoredEvent } from '../core/ledger/events.ts';
import { readEvents, type EventFilter } from '../store/ledger-store.ts';
import type { AppContext } from './context.ts';

export interface EventPageResult {
  readonly events: readonly StoredEvent[];
  /** The `after` of the next page; null when this page is the last. */
  readonly next: number | null;
}

/** A page of the ledger in chain order, optionally one client's events and some types only. */
export async function listEvents(ctx: AppContext, workspaceId: string, filter: EventFilter, page: { after?: number | undefined; limit: number }): Promise<EventPageResult> {
  // One more than asked tells whether another page exists without a count query.
  const rows = await readEvents(ctx.store.db, workspaceId, filter, { afterSeq: page.after, limit: page.limit + 1 });
  const events = rows.slice(0, page.limit);
  const last = events[events.length - 1];
  return { events, next: rows.length > page.limit && last ? last.seq : null };
}
