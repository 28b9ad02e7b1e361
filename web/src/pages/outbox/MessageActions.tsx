import { useI18n } from '../../i18n/i18n.tsx';
import { ConfirmAction } from './ConfirmAction.tsx';
import { canEdit, type OutboxItem } from './types.ts';

export type MessageAction = 'approve' | 'send' | 'retry' | 'mark-sent' | 'discard';

/** What a member may do with the message in its present status. */
export function MessageActions({ message, isLetter, busy, editing, onEdit, onApprove, onSend, onRetry, onMarkSent, onDiscard }: {
  readonly message: OutboxItem;
  /** False for a step for the user (walk away), which is acknowledged, never mailed. */
  readonly isLetter: boolean;
  readonly busy: boolean;
  readonly editing: boolean;
  readonly onEdit: () => void;
  readonly onApprove: () => void;
  readonly onSend: () => void;
  readonly onRetry: () => void;
  /** A failed message that was handed to the server (held: it may have arrived) can be recorded sent. */
  readonly onMarkSent: () => void;
  readonly onDiscard: () => void;
}) {
  const { t } = useI18n();
  const { status } = message;
  const open = canEdit(status);
  if (!open) return null;
  return (
    <div className="actions-row message-actions">
      {status === 'queued' ? <button type="button" disabled={busy} onClick={onApprove}>{isLetter ? t('outbox.approve') : t('outbox.acknowledge')}</button> : null}
      {isLetter && (status === 'approved' || status === 'failed') ? <button type="button" disabled={busy} onClick={onSend}>{t('outbox.send')}</button> : null}
      {status === 'failed' ? <button type="button" className="button-secondary" disabled={busy} onClick={onRetry}>{t('outbox.retry')}</button> : null}
      {isLetter && status === 'failed' && message.attempts > 0 ? (
        <ConfirmAction label={t('outbox.markSent')} question={t('outbox.markSentQuestion')} confirmLabel={t('outbox.markSentConfirm')}
          disabled={busy} onConfirm={onMarkSent} />
      ) : null}
      {isLetter && !editing ? <button type="button" className="button-secondary" disabled={busy} onClick={onEdit}>{t('outbox.edit')}</button> : null}
      <ConfirmAction label={t('outbox.discard')} question={t('outbox.discardQuestion')} confirmLabel={t('outbox.discardConfirm')}
        danger disabled={busy} onConfirm={onDiscard} />
    </div>
  );
}
