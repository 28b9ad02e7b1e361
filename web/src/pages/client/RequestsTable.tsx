import { useState } from 'react';
import type { RequestItem } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { closedLabel } from './summarise-event.ts';
import type { InsightRequest } from './types.ts';
import { TableWrap } from '../dashboard/TableWrap.tsx';

const collapsedCount = 15;
const lastActivity = (r: RequestItem) => [r.sentAt, r.answeredAt ?? '', r.withdrawnAt ?? ''].reduce((a, b) => (b > a ? b : a));

/** What we asked the client for, newest first, and whether (and how) they answered. */
export function RequestsTable({ requests, times, today }: {
  readonly requests: readonly RequestItem[];
  readonly times: ReadonlyMap<string, InsightRequest>;
  readonly today: string;
}) {
  const { t, date, dateTime } = useI18n();
  const [showAll, setShowAll] = useState(false);
  if (requests.length === 0) return <p className="muted">{t('client.requests.none')}</p>;
  // Latest activity first (sent, answered or withdrawn), so a request just answered tops the list.
  const sorted = [...requests].sort((a, b) => lastActivity(b).localeCompare(lastActivity(a)) || b.requestId.localeCompare(a.requestId));
  const shown = showAll ? sorted : sorted.filter((r, i) => i < collapsedCount || r.status === 'open');

  const status = (r: RequestItem) => {
    if (r.status === 'answered') {
      const how = [r.answerChannel ? t('client.requests.via', { channel: closedLabel(t, 'client.channel', r.answerChannel) }) : '', r.verdict ? closedLabel(t, 'client.verdict', r.verdict) : '']
        .filter(Boolean).join(', ');
      return (
        <>
          <span className={`badge ${r.verdict === 'changes' ? 'badge-warn' : 'badge-ok'}`}>{t('client.requests.answered')}</span>
          {how ? <span> {how}</span> : null}
          {r.answeredAt ? <span className="muted small block">{dateTime(r.answeredAt)}</span> : null}
        </>
      );
    }
    if (r.status === 'withdrawn') {
      return (
        <>
          <span className="badge badge-muted">{t('client.requests.withdrawn')}</span>
          {r.withdrawnAt ? <span className="muted small block">{dateTime(r.withdrawnAt)}</span> : null}
        </>
      );
    }
    return r.dueDate < today
      ? <span className="badge badge-bad">{t('client.requests.overdue')}</span>
      : <span className="badge badge-warn">{t('client.requests.open')}</span>;
  };

  const took = (r: RequestItem) => {
    const time = times.get(r.requestId);
    if (!time) return '—';
    if (time.responseBusinessDays !== null) return t('dashboard.businessDays', { count: time.responseBusinessDays });
    if (time.waitingBusinessDays !== null) return t('client.requests.waitingFor', { count: time.waitingBusinessDays });
    return '—';
  };

  return (
    <>
      <TableWrap label={t('client.requests.title')}>
        <table className="stack">
          <caption className="visually-hidden">{t('client.requests.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('client.requests.subject')}</th>
              <th scope="col">{t('client.requests.kind')}</th>
              <th scope="col">{t('client.requests.sent')}</th>
              <th scope="col">{t('client.requests.due')}</th>
              <th scope="col">{t('client.requests.status')}</th>
              <th scope="col" className="num">{t('client.requests.took')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.requestId}>
                <td data-label={t('client.requests.subject')}>{r.subject}</td>
                <td data-label={t('client.requests.kind')}>{closedLabel(t, 'client.requestKind', r.kind)}</td>
                <td data-label={t('client.requests.sent')}>{date(r.sentAt)}</td>
                <td data-label={t('client.requests.due')}>{date(r.dueDate)}</td>
                <td data-label={t('client.requests.status')}>{status(r)}</td>
                <td data-label={t('client.requests.took')} className="num">{took(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {shown.length < sorted.length || showAll ? (
        <button type="button" className="button-secondary show-more" onClick={() => setShowAll((v) => !v)} aria-expanded={showAll}>
          {showAll ? t('client.list.fewer') : t('client.requests.all', { count: sorted.length })}
        </button>
      ) : null}
    </>
  );
}
