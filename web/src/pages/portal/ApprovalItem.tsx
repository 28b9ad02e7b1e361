import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { DeliverableFacts } from './DeliverableFacts.tsx';
import type { Answer, Answered, PortalRequest } from './types.ts';

/** One post (or other piece of work) waiting for the client's approval. */
export function ApprovalItem({ request, onAnswer }: {
  readonly request: PortalRequest;
  readonly onAnswer: (requestId: string, answer: Answer, kind: Answered) => Promise<string | null>;
}) {
  const { t, date } = useI18n();
  const titleId = useId();
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const title = request.deliverable?.title ?? request.subject;

  const send = async (answer: Answer, kind: Answered) => {
    setBusy(true);
    setProblem(null);
    const said = await onAnswer(request.requestId, answer, kind);
    // On success the item goes away with the reload; otherwise say why here.
    setBusy(false);
    setProblem(said);
  };
  const askForChanges = (event: FormEvent) => {
    event.preventDefault();
    if (comment.trim() === '') return;
    void send({ verdict: 'changes', comment: comment.trim() }, 'changes');
  };

  return (
    <li className="card portal-item">
      <h3 id={titleId}>{title}</h3>
      <p className="meta">{t('portal.dueBy', { date: date(request.dueDate) })}</p>
      {request.deliverable && request.subject !== title ? <p>{request.subject}</p> : null}
      {request.deliverable ? <DeliverableFacts deliverable={request.deliverable} /> : null}
      {!asking ? (
        <div className="actions-row">
          <button type="button" disabled={busy} aria-describedby={titleId} onClick={() => void send({ verdict: 'approved' }, 'approved')}>
            {t('portal.approve')}
          </button>
          <button type="button" className="button-secondary" disabled={busy} aria-describedby={titleId} onClick={() => setAsking(true)}>
            {t('portal.askChanges')}
          </button>
        </div>
      ) : (
        <form className="form-stack" onSubmit={askForChanges}>
          <label>
            {t('portal.whatShouldChange')}
            {/* Focus follows the button just pressed, which this form replaces. */}
            <textarea value={comment} required maxLength={4000} rows={4} autoFocus onChange={(e) => setComment(e.target.value)} />
          </label>
          <div className="actions-row">
            <button type="submit" disabled={busy} aria-describedby={titleId}>{t('portal.send')}</button>
            <button type="button" className="button-secondary" disabled={busy} onClick={() => setAsking(false)}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      {problem ? <p className="notice notice-error" role="alert">{problem}</p> : null}
    </li>
  );
}
