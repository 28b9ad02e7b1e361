import type { Settings } from '../../../src/contract/outbox.ts';
import { useMemo, useState } from 'react';
import { api, workspacePath } from '../api/client.ts';
import type { ClientDetail } from '../api/types.ts';
import type { Insights } from './client/types.ts';
import { Link, useLocation } from '../app/router.tsx';
import { can, useSession } from '../app/session.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { useApi } from '../components/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { readAllEvents } from './client/read-events.ts';
import { todayIso } from './dashboard/format.ts';
import { isRecordKind, recordKinds, type DeliverableOption, type RecordKind } from './record/kinds.tsx';
import { RecordForm } from './record/RecordForm.tsx';
import './dashboard/dashboard.css';
import './client/client.css';

/** The client's deliverables from the ledger: title, the last round on record, whether published. */
async function readDeliverables(path: string, clientId: string, signal: AbortSignal): Promise<DeliverableOption[]> {
  const query = new URLSearchParams({ clientId, type: 'deliverable.created,deliverable.revised,deliverable.published' });
  const byId = new Map<string, { title: string; lastRound: number; published: boolean }>();
  for (const { type, data } of await readAllEvents(path, query, signal)) {
    const id = String(data.deliverableId);
    if (type === 'deliverable.created') byId.set(id, { title: String(data.title), lastRound: 0, published: false });
    const current = byId.get(id);
    if (!current) continue;
    if (type === 'deliverable.revised' && typeof data.round === 'number') current.lastRound = Math.max(current.lastRound, data.round);
    if (type === 'deliverable.published') current.published = true;
  }
  return [...byId].map(([id, d]) => ({ id, ...d }));
}

type SettingsAnswer = Pick<Settings, 'workspace'>;

/** `/clients/:clientId/record`: a person records what happened, one event at a time. */
export function RecordPage({ clientId }: { readonly clientId: string }) {
  const { t } = useI18n();
  const { workspace } = useSession();
  const { search } = useLocation();
  const member = can(workspace, 'member');
  const base = workspacePath(workspace.id, 'clients', clientId);
  const eventsPath = workspacePath(workspace.id, 'events');
  const settingsPath = workspacePath(workspace.id, 'settings');
  const detail = useApi(base, (signal) => api.get<ClientDetail>(base, { signal }));
  const deliverables = useApi(`${eventsPath}?deliverables=${clientId}`, (signal) => readDeliverables(eventsPath, clientId, signal));
  // Only for the currency of a client that has none of its own; a failure just leaves the field empty.
  // The contract's answer time from today, in the client's business days (holidays included), for a new request's due date.
  const insights = useApi(`${base}/insights`, (signal) => api.get<Insights>(`${base}/insights`, { signal }).catch(() => null));
  const settings = useApi(settingsPath, (signal) => api.get<SettingsAnswer>(settingsPath, { signal }).catch(() => ({ workspace: null })));
  const fromUrl = search.get('type');
  const [kind, setKind] = useState<RecordKind>(isRecordKind(fromUrl) ? fromUrl : 'request.sent');
  const today = useMemo(() => todayIso(), []);

  const clientLink = `/clients/${encodeURIComponent(clientId)}`;
  const choose = (next: RecordKind) => {
    setKind(next);
    // Kept in the address (for reload and sharing) without a history entry or a jump to the top.
    window.history.replaceState(null, '', `${window.location.pathname}?type=${encodeURIComponent(next)}`);
  };

  if (!member) {
    return (
      <>
        <h1>{t('record.title')}</h1>
        <p className="notice notice-info">{t('record.viewerOnly')}</p>
        <p><Link to={clientLink}>{t('record.backToClient')}</Link></p>
      </>
    );
  }
  if (detail.state !== 'ready') {
    return (
      <>
        <h1>{t('record.title')}</h1>
        {detail.state === 'loading' ? <Loading /> : <ErrorNotice error={detail.error} onRetry={detail.reload} />}
      </>
    );
  }

  const client = detail.data;
  const latest = [...client.contracts].sort((a, b) => b.startDate.localeCompare(a.startDate))[0];
  const currency = client.currency ?? latest?.fee.currency ?? client.invoices[0]?.total.currency
    ?? (settings.state === 'ready' ? settings.data.workspace?.currency : undefined) ?? '';

  return (
    <>
      <h1>{t('record.title')}</h1>
      <p className="page-intro">
        {t('record.for')} <Link to={clientLink}>{client.name}</Link>
      </p>
      <div className="form-stack record-kind">
        <div className="field">
          <label htmlFor="record-kind">{t('record.kind')}</label>
          <select id="record-kind" value={kind} onChange={(e) => choose(e.target.value as RecordKind)}>
            {recordKinds.map((k) => <option key={k} value={k}>{t(`record.kind.${k}`)}</option>)}
          </select>
        </div>
      </div>
      {deliverables.state === 'error' ? <ErrorNotice error={deliverables.error} onRetry={deliverables.reload} /> : null}
      <h2 className="record-form-title">{t(`record.kind.${kind}`)}</h2>
      <RecordForm key={kind} kind={kind} workspaceId={workspace.id}
        base={{
          client, currency, today, deliverables: deliverables.state === 'ready' ? deliverables.data : [],
          answerDue: insights.state === 'ready' ? insights.data?.answerDueIfAskedToday ?? null : null,
        }}
        onRecorded={() => { detail.reload(); deliverables.reload(); }} />
    </>
  );
}
