import { api, workspacePath } from '../api/client.ts';
import { Link, useLocation } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { useApi } from '../components/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { OutboxTable } from './outbox/OutboxTable.tsx';
import { isOutboxFilter, outboxFilters, type OutboxFilter, type OutboxItem } from './outbox/types.ts';
import './outbox/outbox.css';

const filterOrder: readonly OutboxFilter[] = ['queued', 'approved', 'failed', 'sent', 'discarded', 'all'];

/** The messages the daily sweep drafted, by status: review, approve, send. */
export function OutboxPage() {
  const { t } = useI18n();
  const { workspace } = useSession();
  const { search } = useLocation();
  const wanted = search.get('status');
  const filter: OutboxFilter = isOutboxFilter(wanted) ? wanted : 'queued';
  // One request for every status: the filters then count without asking again.
  const loaded = useApi(workspace.id, (signal) =>
    api.get<{ messages: readonly OutboxItem[] }>(workspacePath(workspace.id, 'outbox'), { signal }));

  const inFilter = (f: OutboxFilter, item: OutboxItem) => (outboxFilters[f] as readonly string[]).includes(item.status);

  return (
    <>
      <h1>{t('outbox.title')}</h1>
      <p className="muted">{t('outbox.intro')}</p>
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'error' ? <ErrorNotice error={loaded.error} onRetry={loaded.reload} /> : null}
      {loaded.state === 'ready' ? (
        <>
          <nav aria-label={t('outbox.filter')}>
            <ul className="filter-nav">
              {filterOrder.map((f) => (
                <li key={f}>
                  <Link to={f === 'queued' ? '/outbox' : `/outbox?status=${f}`} aria-current={f === filter ? 'page' : undefined}>
                    {t('outbox.filterCount', { label: t(`outbox.filter.${f}`), count: loaded.data.messages.filter((m) => inFilter(f, m)).length })}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <Messages messages={loaded.data.messages.filter((m) => inFilter(filter, m))} filter={filter} total={loaded.data.messages.length} />
        </>
      ) : null}
    </>
  );
}

function Messages({ messages, filter, total }: { readonly messages: readonly OutboxItem[]; readonly filter: OutboxFilter; readonly total: number }) {
  const { t } = useI18n();
  const sorted = [...messages].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section aria-labelledby="outbox-list-heading">
      <h2 id="outbox-list-heading">{t(`outbox.filter.${filter}`)}</h2>
      {sorted.length > 0 ? <OutboxTable messages={sorted} /> : (
        <div className="card">
          <p>{t(`outbox.empty.${filter}`)}</p>
          {total === 0 || filter === 'queued' ? <p className="muted">{t('outbox.empty.explain')}</p> : null}
        </div>
      )}
    </section>
  );
}
