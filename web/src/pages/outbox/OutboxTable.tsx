import { Link } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import type { OutboxItem } from './types.ts';

/** Messages as a table (stacked cards on a phone); the subject links to the message. */
export function OutboxTable({ messages }: { readonly messages: readonly OutboxItem[] }) {
  const { t, dateTime } = useI18n();
  return (
    <div className="table-wrap">
      <table className="stack">
        <thead>
          <tr>
            <th scope="col">{t('outbox.col.subject')}</th>
            <th scope="col">{t('outbox.col.client')}</th>
            <th scope="col">{t('outbox.col.kind')}</th>
            <th scope="col">{t('outbox.col.status')}</th>
            <th scope="col">{t('outbox.col.created')}</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((m) => (
            <tr key={m.id}>
              <td data-label={t('outbox.col.subject')}>
                <div>
                  <Link to={`/outbox/${encodeURIComponent(m.id)}`}>{m.subject || t(`action.${m.kind}`)}</Link>
                  {m.edited ? <span className="delivery-note">{t('outbox.edited')}</span> : null}
                </div>
              </td>
              <td data-label={t('outbox.col.client')}>{m.clientName}</td>
              <td data-label={t('outbox.col.kind')}>{t(`action.${m.kind}`)}</td>
              <td data-label={t('outbox.col.status')}>
                <div>
                  <StatusBadge status={m.status} />
                  {m.status === 'failed' ? <DeliveryNote message={m} /> : null}
                </div>
              </td>
              <td data-label={t('outbox.col.created')}><time dateTime={m.createdAt}>{dateTime(m.createdAt)}</time></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Tries so far, the next one and what went wrong last. */
export function DeliveryNote({ message }: { readonly message: OutboxItem }) {
  const { t, dateTime } = useI18n();
  return (
    <span className="delivery-note bad">
      {t('outbox.attempts', { count: message.attempts })}
      {message.nextAttemptAt ? <> · {t('outbox.nextTry', { when: dateTime(message.nextAttemptAt) })}</> : null}
      {message.lastError ? <> · {t('outbox.lastError', { error: message.lastError })}</> : null}
    </span>
  );
}
