import { useState } from 'react';
import { api, workspacePath } from '../api/client.ts';
import { Link } from '../app/router.tsx';
import { can, useSession } from '../app/session.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { useApi } from '../components/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ActionError } from './outbox/ActionError.tsx';
import { LetterPreview } from './outbox/LetterPreview.tsx';
import { MessageActions, type MessageAction } from './outbox/MessageActions.tsx';
import { MessageEditor } from './outbox/MessageEditor.tsx';
import { MessageFacts } from './outbox/MessageFacts.tsx';
import { DeliveryNote } from './outbox/OutboxTable.tsx';
import type { OutboxDetail, OutboxItem } from './outbox/types.ts';
import './outbox/outbox.css';

interface Outcome { readonly text: string; readonly bad: boolean }

/** One message of the outbox: the letter as the client would get it, and what to do with it. */
export function OutboxMessagePage({ messageId }: { readonly messageId: string }) {
  const { t } = useI18n();
  const { workspace } = useSession();
  const path = workspacePath(workspace.id, 'outbox', messageId);
  const loaded = useApi(path, (signal) => api.get<OutboxDetail>(path, { signal }));
  // The detail as fetched again after an action (the first load comes from `loaded`).
  const [fresh, setFresh] = useState<OutboxDetail | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);

  const detail = fresh?.message.id === messageId ? fresh : loaded.state === 'ready' ? loaded.data : null;

  const back = <p><Link to="/outbox">{t('outbox.back')}</Link></p>;
  if (!detail) {
    return (
      <>
        {back}
        {loaded.state === 'error' ? <><h1>{t('outbox.message')}</h1><ErrorNotice error={loaded.error} onRetry={loaded.reload} /></> : <Loading />}
      </>
    );
  }

  const { message, preview } = detail;
  const member = can(workspace, 'member');

  /** Carries out one action, shows the message as it is now and says how it went. */
  const run = async (action: MessageAction | 'save', call: () => Promise<{ message: OutboxItem }>) => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const { message: changed } = await call();
      setFresh({ ...detail, message: changed });
      setOutcome(describe(action, changed));
      setEditing(false);
      // The preview follows the message (an edit, a letter frozen at approval).
      const again = await api.get<OutboxDetail>(path).catch(() => null);
      if (again) setFresh(again);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const describe = (action: MessageAction | 'save', changed: OutboxItem): Outcome => {
    if (changed.status === 'failed' && (action === 'send' || action === 'retry')) {
      return { bad: true, text: t('outbox.done.sendFailed', { error: changed.lastError ?? t('common.error') }) };
    }
    // Sending re-checks the action: one no longer due (the invoice was paid meanwhile) is discarded.
    if (changed.status === 'discarded' && action === 'send') {
      return { bad: true, text: t('outbox.done.sendDiscarded', { reason: changed.lastError ?? '' }) };
    }
    if (changed.status === 'sent' || changed.status === 'accepted') return { bad: false, text: t('outbox.done.sent') };
    if (changed.status === 'acknowledged') return { bad: false, text: t('outbox.done.acknowledged') };
    return { bad: false, text: t(`outbox.done.${action}`) };
  };

  const post = (action: MessageAction) => () => run(action, () => api.post<{ message: OutboxItem }>(`${path}/${action}`));

  return (
    <>
      {back}
      <h1>{message.subject || preview?.subject || t(`action.${message.kind}`)}</h1>
      {preview && preview.warnings.length > 0 ? (
        <section className="notice notice-warn" aria-labelledby="warnings-heading">
          <h2 id="warnings-heading">{t('outbox.warnings')}</h2>
          <ul>{preview.warnings.map((w) => <li key={w}>{w}</li>)}</ul>
        </section>
      ) : null}

      {/* The live region holds the status alone, so it reads (and tests) as just "Sent". */}
      <p className="status-line">{t('outbox.statusLabel')} <span role="status" className="status-value">{t(`outbox.status.${message.status}`)}</span></p>
      {message.status === 'failed' ? <p><DeliveryNote message={message} /></p> : null}
      {outcome ? <p className={outcome.bad ? 'notice notice-error' : 'notice notice-ok'} role={outcome.bad ? 'alert' : undefined}>{outcome.text}</p> : null}
      {error ? <ActionError error={error} /> : null}

      {member ? (
        <MessageActions message={message} isLetter={preview !== null} busy={busy} editing={editing}
          onEdit={() => setEditing(true)}
          onApprove={post('approve')} onSend={post('send')} onRetry={post('retry')} onMarkSent={post('mark-sent')} onDiscard={post('discard')} />
      ) : null}

      {editing && preview ? (
        <MessageEditor subject={message.subject || preview.subject} text={preview.text} busy={busy}
          onCancel={() => setEditing(false)}
          onSave={(letter) => run('save', () => api.put<{ message: OutboxItem }>(path, letter))} />
      ) : null}

      {preview ? <LetterPreview preview={preview} /> : <p className="notice notice-info">{t('outbox.stepNote')}</p>}
      <MessageFacts message={message} />
    </>
  );
}
