import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.tsx';

/** "Skip" a step: opens a small form asking why; the reason is recorded and shown on the step. */
export function SkipForm({ stepName, busy, onSkip }: { readonly stepName: string; readonly busy: boolean; readonly onSkip: (reason: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim() === '') return;
    onSkip(reason.trim());
  };

  return (
    <>
      <button type="button" className="button-secondary" aria-expanded={open} aria-controls={`${id}-skip`} onClick={() => setOpen(!open)}
        aria-label={`${t('client.offboarding.skip')}: ${stepName}`}>
        {t('client.offboarding.skip')}
      </button>
      {open ? (
        <form id={`${id}-skip`} className="form-stack offboarding-skip" onSubmit={submit}>
          <label>
            {t('client.offboarding.skipReason')}
            <textarea rows={2} maxLength={2000} required value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="actions-row">
            <button type="submit" disabled={busy} aria-label={`${t('client.offboarding.skipStep')}: ${stepName}`}>{t('client.offboarding.skipStep')}</button>
            <button type="button" className="button-secondary" onClick={() => setOpen(false)}>{t('client.offboarding.cancel')}</button>
          </div>
        </form>
      ) : null}
    </>
  );
}
