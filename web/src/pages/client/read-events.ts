import { api } from '../../api/client.ts';
import type { EventPage, LedgerEvent } from '../../api/types.ts';

const fetchSize = 500;

/** Every event the query matches, in chain order, following the API's `after`/`next` pages to the end. */
export async function readAllEvents(path: string, query: URLSearchParams, signal: AbortSignal): Promise<LedgerEvent[]> {
  const events: LedgerEvent[] = [];
  let after: number | null = null;
  do {
    const q = new URLSearchParams(query);
    q.set('limit', String(fetchSize));
    if (after !== null) q.set('after', String(after));
    const page: EventPage = await api.get<EventPage>(`${path}?${q}`, { signal });
    events.push(...page.events);
    after = page.next;
  } while (after !== null);
  return events;
}
