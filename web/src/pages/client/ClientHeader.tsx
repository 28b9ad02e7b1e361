import type { ClientAssessment, ClientDetail } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';

const stageBadge: Record<string, string> = {
  active: 'badge-ok', watch: 'badge-warn', escalated: 'badge-bad', paused: 'badge-bad', offboarding: 'badge-warn', former: 'badge-muted',
};

/** Stage, language, currency and contacts; a hold on escalation, archiving, and why work is paused or the client has left. */
export function ClientHeader({ client, assessment }: { readonly client: ClientDetail; readonly assessment: ClientAssessment | null }) {
  const { t, date } = useI18n();
  return (
    <div className="client-header">
      <p className="actions-row">
        {assessment ? (
          <span>
            {t('client.stage')}{' '}
            <span className={`badge ${stageBadge[assessment.stage] ?? 'badge-muted'}`}>{t(`stage.${assessment.stage}`)}</span>
          </span>
        ) : null}
        <span className="muted">{t('client.language', { language: t(`client.lang.${client.locale}`) })}</span>
        {client.currency ? <span className="muted">{t('client.currency', { currency: client.currency })}</span> : null}
        <span className="muted">{t('client.addedAt', { date: date(client.addedAt) })}</span>
      </p>
      {client.paused ? (
        <p className="notice notice-info">
          {t('client.pausedSince', { date: date(client.pausedAt) })}{client.pauseReason ? ` ${client.pauseReason}` : ''}
        </p>
      ) : null}
      {assessment?.hold ? (
        <p className="notice notice-info">
          <strong>{t('hold.until', { date: date(assessment.hold.until), reason: t(`hold.reason.${assessment.hold.reason}`) })}</strong>
          {assessment.hold.note ? <>. {assessment.hold.note}</> : null}
          <span className="block small">{t('client.holdExplain')}</span>
        </p>
      ) : null}
      {client.archivedAt ? (
        <p className="notice notice-info">
          <span className="badge badge-muted">{t('archived.badge')}</span>{' '}
          {t('client.archivedOn', { date: date(client.archivedAt) })}{client.archiveReason ? ` ${client.archiveReason}` : ''}
        </p>
      ) : null}
      {client.offboardedAt ? (
        <p className="notice notice-info">
          {t('client.offboardedOn', { date: date(client.offboardedAt) })}{client.offboardReason ? ` ${client.offboardReason}` : ''}
        </p>
      ) : null}
      {client.contacts.length > 0 ? (
        <p>
          {t('client.contacts')}{' '}
          {client.contacts.map((c, i) => (
            <span key={c.email}>{i > 0 ? ', ' : ''}{c.name} &lt;<a href={`mailto:${c.email}`}>{c.email}</a>&gt;</span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
