import { useI18n } from '../../i18n/i18n.tsx';
import type { OutboxStatus } from './types.ts';

const tone: Record<OutboxStatus, string> = {
  queued: 'badge-warn', approved: 'badge-muted', sending: 'badge-muted', unconfirmed: 'badge-muted', accepted: 'badge-ok', sent: 'badge-ok',
  failed: 'badge-bad', acknowledged: 'badge-ok', discarded: 'badge-muted',
};

/** The status in words (the colour only repeats it). */
export function StatusBadge({ status }: { readonly status: OutboxStatus }) {
  const { t } = useI18n();
  return <span className={`badge ${tone[status]}`}>{t(`outbox.status.${status}`)}</span>;
}
