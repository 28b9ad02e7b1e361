import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Answer, Answered, PortalRequest } from './types.ts';

/** A question (feedback, access, information) with a box for the client's answer. */
export function QuestionItem({ request, onAnswer }: {
  readonly request: PortalRequest;
  readonly onAnswer: (requestId: string, answer: Answer, kind: Answered) => Promise<string | null>;
}) {
  const { t, date } = useI18n();
  const titleId = useId();
  const fieldId = useId();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (comment.trim() === '') return;
    setBusy(true);
    setProblem(null);
    const said = await onAnswer(request.requestId, { comment: comment.trim() }, 'answer');
    setBusy(false);
    setProblem(said);
  };

  return (
    <li className="card portal-item">
      <h3 id={titleId}>{request.subject}</h3>
      <p className="meta">
        {t(`portal.kind.${request.kind}`)} · {t('portal.askedOn', { date: date(request.sentAt) })} · {t('portal.dueBy', { date: date(request.dueDate) })}
      </p>
      <form className="form-stack" onSubmit={(e) => void submit(e)}>
        <label htmlFor={fieldId}>{t('portal.yourAnswer')}</label>
        <textarea id={fieldId} value={comment} required maxLength={4000} rows={4} onChange={(e) => setComment(e.target.value)} />
        <div className="actions-row">
          <button type="submit" disabled={busy} aria-describedby={titleId}>{t('portal.sendAnswer')}</button>
        </div>
      </form>
      {problem ? <p className="notice notice-error" role="alert">{problem}</p> : null}
    </li>
  );
}
