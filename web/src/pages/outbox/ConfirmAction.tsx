import './outbox.css';
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * A button whose action needs a second, deliberate click: the first shows the question with
 * "yes" and "cancel" (focus moves to the question's answer and back when cancelled).
 */
export function ConfirmAction({ label, question, confirmLabel, onConfirm, danger = false, disabled = false, describedBy }: {
  readonly label: string;
  readonly question: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => void | Promise<void>;
  readonly danger?: boolean;
  readonly disabled?: boolean;
  readonly describedBy?: string;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const questionId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) triggerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button type="button" ref={triggerRef} className={danger ? 'button-danger' : undefined} disabled={disabled}
        aria-describedby={describedBy} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm-box" role="group" aria-labelledby={questionId}>
      <p id={questionId}>{question}</p>
      <div className="actions-row">
        <button type="button" ref={confirmRef} className={danger ? 'button-danger' : undefined} disabled={disabled}
          onClick={() => {
            setAsking(false);
            void onConfirm();
          }}>
          {confirmLabel}
        </button>
        <button type="button" className="button-secondary" onClick={() => setAsking(false)}>{t('common.cancel')}</button>
      </div>
    </div>
  );
}
