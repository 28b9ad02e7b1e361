import { Link } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import type { OutboxItem } from './types.ts';

/** Who, what and when: the message's record in the outbox. */
export function MessageFacts({ message }: { readonly message: OutboxItem }) {
  const { t, date, dateTime } = useI18n();
  return (
    <section className="card outbox-card" aria-labelledby="facts-heading">
      <h2 id="facts-heading">{t('outbox.facts')}</h2>
      <dl className="meta-list">
        <dt>{t('outbox.col.client')}</dt><dd><Link to={`/clients/${encodeURIComponent(message.clientId)}`}>{message.clientName}</Link></dd>
        <dt>{t('outbox.col.kind')}</dt><dd>{t(`action.${message.kind}`)}</dd>
        <dt>{t('outbox.col.status')}</dt><dd><StatusBadge status={message.status} />{message.edited ? <span className="muted"> {t('outbox.edited')}</span> : null}</dd>
        {message.due ? <><dt>{t('outbox.due')}</dt><dd>{date(message.due)}</dd></> : null}
        <dt>{t('outbox.col.created')}</dt><dd>{dateTime(message.createdAt)}</dd>
        {message.approvedAt ? <><dt>{t('outbox.approvedAt')}</dt><dd>{dateTime(message.approvedAt)}</dd></> : null}
        {message.sentAt ? <><dt>{t('outbox.sentAt')}</dt><dd>{dateTime(message.sentAt)}</dd></> : null}
        {message.attempts > 0 ? <><dt>{t('outbox.attemptsLabel')}</dt><dd>{message.attempts}</dd></> : null}
        {message.nextAttemptAt ? <><dt>{t('outbox.nextTryLabel')}</dt><dd>{dateTime(message.nextAttemptAt)}</dd></> : null}
        {message.lastError ? <><dt>{t('outbox.lastErrorLabel')}</dt><dd className="bad">{message.lastError}</dd></> : null}
      </dl>
    </section>
  );
}
