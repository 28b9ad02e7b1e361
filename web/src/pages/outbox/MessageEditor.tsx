import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

/** A person's own subject and text for the letter; saving sends it back for approval. */
export function MessageEditor({ subject, text, busy, onSave, onCancel }: {
  readonly subject: string;
  readonly text: string;
  readonly busy: boolean;
  readonly onSave: (letter: { subject: string; text: string }) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState({ subject, text });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(draft);
  };
  return (
    <section className="card outbox-card" aria-labelledby="edit-heading">
      <h2 id="edit-heading">{t('outbox.editTitle')}</h2>
      <form className="form-stack" onSubmit={submit}>
        <label>
          {t('outbox.subject')}
          <input value={draft.subject} required maxLength={1000} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} />
        </label>
        <label>
          {t('outbox.text')}
          <textarea value={draft.text} required rows={16} onChange={(e) => setDraft({ ...draft, text: e.target.value })} />
        </label>
        <p className="hint">{t('outbox.editHint')}</p>
        <div className="actions-row">
          <button type="submit" disabled={busy}>{t('common.save')}</button>
          <button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>
        </div>
      </form>
    </section>
  );
}
