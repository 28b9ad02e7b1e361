import { useMemo, useState } from 'react';
import { workspacePath } from '../../api/client.ts';
import type { LedgerEvent } from '../../api/types.ts';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { useApi } from '../../components/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { readAllEvents } from './read-events.ts';
import { ledgerTypes, summariseEvent, type EventNames } from './summarise-event.ts';

const pageSize = 25;
const clientTypes = ledgerTypes.filter((type) => !type.startsWith('workspace.'));

// The events API pages forward in chain order only (`after`), so the pages are read to the
// end first and then shown newest first, a page at a time.
const readNewestFirst = async (path: string, query: URLSearchParams, signal: AbortSignal) => (await readAllEvents(path, query, signal)).reverse();

function withNamesFrom(events: readonly LedgerEvent[], names: EventNames): EventNames {
  const requests = new Map(names.requests);
  const invoices = new Map(names.invoices);
  const deliverables = new Map(names.deliverables);
  for (const { type, data } of events) {
    if (type === 'deliverable.created' && typeof data.title === 'string') deliverables.set(String(data.deliverableId), data.title);
    if (type === 'request.sent' && typeof data.subject === 'string') requests.set(String(data.requestId), data.subject);
    if (type === 'invoice.issued' && typeof data.number === 'string') invoices.set(String(data.invoiceId), data.number);
  }
  return { requests, invoices, deliverables };
}

export function Timeline({ workspaceId, clientId, names }: { readonly workspaceId: string; readonly clientId: string; readonly names: EventNames }) {
  const { t, money, date, dateTime } = useI18n();
  const [type, setType] = useState('');
  const [shown, setShown] = useState(pageSize);
  const path = workspacePath(workspaceId, 'events');
  const query = new URLSearchParams({ clientId });
  if (type) query.set('type', type);
  const loaded = useApi(`${path}?${query}`, (signal) => readNewestFirst(path, query, signal));

  // Titles and subjects named by the events themselves, for events that refer to them by id only.
  const allNames = useMemo(() => (loaded.state === 'ready' ? withNamesFrom(loaded.data, names) : names), [loaded, names]);

  const changeType = (next: string) => {
    setType(next);
    setShown(pageSize);
  };

  return (
    <>
      <div className="toolbar">
        <label className="inline-label">
          {t('client.timeline.type')}
          <select value={type} onChange={(e) => changeType(e.target.value)}>
            <option value="">{t('client.timeline.all')}</option>
            {clientTypes.map((ty) => <option key={ty} value={ty}>{t(`client.eventType.${ty}`)}</option>)}
          </select>
        </label>
        {loaded.state === 'ready' ? (
          <span className="muted" role="status">{t('client.timeline.count', { count: loaded.data.length })}</span>
        ) : null}
      </div>
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'error' ? <ErrorNotice error={loaded.error} onRetry={loaded.reload} /> : null}
      {loaded.state === 'ready' ? (
        loaded.data.length === 0 ? <p className="muted">{t('client.timeline.empty')}</p> : (
          <>
            <ol className="timeline">
              {loaded.data.slice(0, shown).map((event) => (
                <li key={event.seq}>
                  <time dateTime={event.at} className="muted">{dateTime(event.at)}</time>
                  <span>{summariseEvent(event, allNames, { t, money, date })}</span>
                </li>
              ))}
            </ol>
            {shown < loaded.data.length ? (
              <button type="button" className="button-secondary" onClick={() => setShown((n) => n + pageSize)}>
                {t('client.timeline.more')}
              </button>
            ) : null}
          </>
        )
      ) : null}
    </>
  );
}
