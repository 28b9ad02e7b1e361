import { useState } from 'react';
import { api, workspacePath } from '../../api/client.ts';
import type { AccessGrant, ClientAssessment } from '../../api/types.ts';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { useApi } from '../../components/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Checklist, type ChecklistActions } from './offboarding/Checklist.tsx';
import { StartForm } from './offboarding/StartForm.tsx';
import type { HandoverInput, OffboardingReason, OffboardingView } from './offboarding/types.ts';
import './offboarding/offboarding.css';

interface Props {
  readonly workspaceId: string;
  readonly clientId: string;
  /** Members act; viewers read. */
  readonly member: boolean;
  readonly grants: readonly AccessGrant[];
  readonly assessment: ClientAssessment | null;
  /** Called after every change, so the rest of the page (stage, access, requests) catches up. */
  readonly onChanged: () => void;
}

/** Letting the client go: start with a reason, then the checklist with its actions, then complete. */
export function Offboarding({ workspaceId, clientId, member, grants, assessment, onChanged }: Props) {
  const { t, date, dateTime } = useI18n();
  const path = workspacePath(workspaceId, 'clients', clientId, 'offboarding');
  const loaded = useApi(path, (signal) => api.get<OffboardingView>(path, { signal }));
  const [latest, setLatest] = useState<OffboardingView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [handed, setHanded] = useState<ReadonlySet<string>>(new Set());

  /** The reason in words: "other" is the note itself; any other reason with its note after it. */
  const reasonText = (v: OffboardingView) => (v.reason === 'other' || !v.reason
    ? (v.note ?? '—')
    : t(`client.offboarding.reason.${v.reason}`) + (v.note ? ` (${v.note})` : ''));

  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  const view = latest ?? loaded.data;

  /** Runs one action: its answer carries the new checklist, and a line for the status region. */
  const run = async <T,>(action: () => Promise<T>, after: (result: T) => { view: OffboardingView; message: string }) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const outcome = after(await action());
      setLatest(outcome.view);
      setMessage(outcome.message);
      onChanged();
    } catch (caught) {
      setError(caught);
      loaded.reload(); // a refusal may mean the record moved on (paid meanwhile, say)
      setLatest(null);
    } finally {
      setBusy(false);
    }
  };

  const start = (reason: OffboardingReason, note: string) => void run(
    () => api.post<OffboardingView>(`${path}/start`, { reason, ...(note ? { note } : {}) }),
    (next) => ({ view: next, message: t('client.offboarding.started', { date: dateTime(next.startedAt), reason: reasonText(next) }) }),
  );

  const actions: ChecklistActions = {
    handOver: (input: HandoverInput) => void run(
      () => api.post<{ handedOver: boolean; overridden: boolean; offboarding: OffboardingView }>(`${path}/handover`, input),
      (result) => {
        setHanded((set) => new Set([...set, `${input.network}/${input.account}`]));
        return {
          view: result.offboarding,
          message: t(result.handedOver ? 'client.offboarding.handedOver' : 'client.offboarding.alreadyHandedOver', { network: input.network, account: input.account }),
        };
      },
    ),
    withdraw: () => void run(
      () => api.post<{ withdrawn: string[]; offboarding: OffboardingView }>(`${path}/withdraw-requests`),
      (result) => ({ view: result.offboarding, message: t('client.offboarding.withdrawn', { count: result.withdrawn.length }) }),
    ),
    queueLetter: () => void run(
      () => api.post<{ actionKey: string; queued: boolean; status: string; offboarding: OffboardingView }>(`${path}/termination-letter`),
      (result) => ({ view: result.offboarding, message: t('client.offboarding.letterQueued') }),
    ),
    skip: (step, reason, name) => void run(
      () => api.post<OffboardingView>(`${path}/skip`, { step, reason }),
      (next) => ({ view: next, message: t('client.offboarding.skipped', { step: name }) }),
    ),
  };

  const complete = () => void run(
    () => api.post<{ contractsEnded: string[]; offboarding: OffboardingView }>(`${path}/complete`),
    (result) => ({ view: result.offboarding, message: t('client.offboarding.completedNow') }),
  );

  const done = view.steps.filter((s) => s.status === 'done').length;
  const held = grants.filter((g) => !g.revokedAt && !g.handedOverAt && !handed.has(`${g.network}/${g.account}`));
  const canAct = member && view.started && !view.complete;

  return (
    <>
      <div role="status" aria-live="polite">
        {message ? <p className="notice notice-ok">{message}</p> : null}
      </div>
      {error ? <ErrorNotice error={error} /> : null}

      {!view.started && !view.complete ? (
        <>
          <p>{t('client.offboarding.notStarted')}</p>
          {member ? <StartForm assessment={assessment} busy={busy} onStart={start} /> : <p className="muted">{t('client.offboarding.readOnly')}</p>}
        </>
      ) : (
        <>
          {view.complete ? <p className="notice notice-info">{t('client.offboarding.completed', { date: date(view.offboardedAt) })}</p> : null}
          {view.startedAt ? (
            <p>{t('client.offboarding.started', { date: dateTime(view.startedAt), reason: reasonText(view) })}</p>
          ) : null}
          <p className="offboarding-progress">
            <span id="offboarding-progress">{t('client.offboarding.progress', { done, total: view.steps.length })}</span>
            <progress max={view.steps.length} value={done} aria-labelledby="offboarding-progress" />
          </p>
          <Checklist view={view} clientId={clientId} grants={held} actions={canAct ? actions : null} busy={busy} />
          {canAct ? (
            <div className="offboarding-complete">
              <button type="button" disabled={busy || !view.ready} onClick={complete} aria-describedby="offboarding-complete-hint">
                {t('client.offboarding.complete')}
              </button>
              <p id="offboarding-complete-hint" className="hint">
                {view.ready ? t('client.offboarding.completeHint') : t('client.offboarding.notReady')}
              </p>
            </div>
          ) : null}
          {!member && !view.complete ? <p className="muted">{t('client.offboarding.readOnly')}</p> : null}
        </>
      )}
    </>
  );
}
