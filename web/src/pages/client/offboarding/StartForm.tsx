import { useId, useState, type FormEvent } from 'react';
import type { ClientAssessment } from '../../../api/types.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { offboardingReasons, type OffboardingReason } from './types.ts';

/** The reason that matches the most strongly flagged archetype, if any is flagged. */
export function suggestedReason(assessment: ClientAssessment | null): OffboardingReason | null {
  if (!assessment) return null;
  const { unresponsive, controlling, latePayer } = assessment.archetypes;
  const flagged = ([['feedback', unresponsive], ['trust', controlling], ['payment', latePayer]] as const)
    .filter(([, decision]) => decision.flagged)
    .sort(([, a], [, b]) => b.score - a.score);
  return flagged[0]?.[0] ?? null;
}

interface Props {
  readonly assessment: ClientAssessment | null;
  readonly busy: boolean;
  readonly onStart: (reason: OffboardingReason, note: string) => void;
}

/** "Let this client go": a button that opens the form asking why (the reason of the termination letter). */
export function StartForm({ assessment, busy, onStart }: Props) {
  const { t } = useI18n();
  const id = useId();
  const suggested = suggestedReason(assessment);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<OffboardingReason | null>(suggested);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState(false);

  const toggle = () => {
    if (!open) setReason(suggested);
    setOpen(!open);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason) return;
    if (reason === 'other' && note.trim() === '') {
      setNoteError(true);
      return;
    }
    setNoteError(false);
    onStart(reason, note.trim());
  };

  return (
    <>
      <p className="actions-row">
        <button type="button" className="button-danger" aria-expanded={open} aria-controls={`${id}-form`} onClick={toggle}>
          {t('client.offboarding.letGo')}
        </button>
      </p>
      {open ? (
        <form id={`${id}-form`} className="form-stack card offboarding-start" onSubmit={submit}>
          <fieldset>
            <legend>{t('client.offboarding.startTitle')}</legend>
            <p className="muted">{t('client.offboarding.startIntro')}</p>
            {suggested ? <p className="muted">{t('client.offboarding.suggested', { reason: t(`client.offboarding.reason.${suggested}`) })}</p> : null}
            {offboardingReasons.map((value) => (
              <label key={value} className="check">
                <input type="radio" name="reason" value={value} required checked={reason === value} onChange={() => setReason(value)} />
                {' '}{t(`client.offboarding.reason.${value}`)}
              </label>
            ))}
          </fieldset>
          <label>
            {t('client.offboarding.note')}
            <textarea name="note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)}
              required={reason === 'other'} aria-invalid={noteError || undefined}
              aria-describedby={`${id}-note-hint${noteError ? ` ${id}-note-error` : ''}`} />
          </label>
          <p id={`${id}-note-hint`} className="hint">{t('client.offboarding.noteHint')}</p>
          {noteError ? <p id={`${id}-note-error`} className="field-error" role="alert">{t('client.offboarding.noteRequired')}</p> : null}
          <div className="actions-row">
            <button type="submit" disabled={busy}>{t('client.offboarding.start')}</button>
            <button type="button" className="button-secondary" onClick={() => setOpen(false)}>{t('client.offboarding.cancel')}</button>
          </div>
        </form>
      ) : null}
    </>
  );
}
