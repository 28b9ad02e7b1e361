import { useMemo, useState, type ReactNode } from 'react';
import { api, workspacePath } from '../api/client.ts';
import type { ClientAssessment, ClientDetail } from '../api/types.ts';
import { can, useSession } from '../app/session.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { useApi } from '../components/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { AccessList } from './client/AccessList.tsx';
import { Charts } from './client/Charts.tsx';
import { ClientHeader } from './client/ClientHeader.tsx';
import { ContractTerms } from './client/ContractTerms.tsx';
import { Economics } from './client/Economics.tsx';
import { InvoicesTable } from './client/InvoicesTable.tsx';
import { Offboarding } from './client/Offboarding.tsx';
import { Patterns } from './client/Patterns.tsx';
import { PortalLinks } from './client/PortalLinks.tsx';
import { Reports } from './client/Reports.tsx';
import { RequestsTable } from './client/RequestsTable.tsx';
import type { EventNames } from './client/summarise-event.ts';
import { Timeline } from './client/Timeline.tsx';
import type { Insights } from './client/types.ts';
import { todayIso } from './dashboard/format.ts';
import { ManageClient } from './manage/ManageClient.tsx';
import './dashboard/dashboard.css';
import './client/client.css';

/** `/clients/:clientId`: where a client stands, why, the numbers behind it, and everything on record. */
export function ClientPage({ clientId }: { readonly clientId: string }) {
  const { t } = useI18n();
  const { workspace } = useSession();
  const member = can(workspace, 'member');
  const base = workspacePath(workspace.id, 'clients', clientId);
  const detail = useApi(base, (signal) => api.get<ClientDetail>(base, { signal }));
  const assessment = useApi(`${base}/assessment`, (signal) => api.get<ClientAssessment>(`${base}/assessment`, { signal }));
  const insights = useApi(`${base}/insights`, (signal) => api.get<Insights>(`${base}/insights`, { signal }));
  // Bumped by each offboarding step, so the timeline shows what was just recorded.
  const [recorded, setRecorded] = useState(0);

  const insightsData = insights.state === 'ready' ? insights.data : null;
  const detailData = detail.state === 'ready' ? detail.data : null;
  const names = useMemo<EventNames>(() => ({
    requests: new Map((detailData?.requests ?? []).map((r) => [r.requestId, r.subject])),
    invoices: new Map((detailData?.invoices ?? []).map((i) => [i.invoiceId, i.number])),
    deliverables: new Map((insightsData?.deliverables ?? []).map((d) => [d.deliverableId, d.title])),
  }), [detailData, insightsData]);
  const requestTimes = useMemo(() => new Map((insightsData?.requests ?? []).map((r) => [r.requestId, r])), [insightsData]);

  if (detail.state === 'loading') return <><h1>{t('client.title')}</h1><Loading /></>;
  if (detail.state === 'error') return <><h1>{t('client.title')}</h1><ErrorNotice error={detail.error} onRetry={detail.reload} /></>;

  const client = detail.data;
  const today = insightsData?.at ?? todayIso();
  const latestContract = [...client.contracts].sort((a, b) => b.startDate.localeCompare(a.startDate))[0];
  const section = (id: string, title: string, body: ReactNode) => (
    <section className="client-section">
      <h2 id={id}>{title}</h2>
      {body}
    </section>
  );

  return (
    <>
      <h1>{client.name}</h1>
      <ClientHeader client={client} assessment={assessment.state === 'ready' ? assessment.data : null} />
      {member ? <ManageClient workspaceId={workspace.id} client={client} onChanged={() => { detail.reload(); assessment.reload(); insights.reload(); setRecorded((n) => n + 1); }} /> : null}

      {section('patterns', t('client.patterns.title'), assessment.state === 'ready'
        ? <Patterns assessment={assessment.data} names={names} />
        : assessment.state === 'error' ? <ErrorNotice error={assessment.error} onRetry={assessment.reload} /> : <Loading />)}

      {section('charts', t('client.chart.sectionTitle'), insights.state === 'ready'
        ? <Charts insights={insights.data} feedbackDays={latestContract?.feedbackDays ?? null} />
        : insights.state === 'error' ? <ErrorNotice error={insights.error} onRetry={insights.reload} /> : <Loading />)}

      {section('economics', t('client.economics.title'),
        <Economics insights={insightsData} assessment={assessment.state === 'ready' ? assessment.data : null} />)}

      {section('requests', t('client.requests.title'), <RequestsTable requests={client.requests} times={requestTimes} today={today} />)}
      {section('invoices', t('client.invoices.title'), <InvoicesTable invoices={client.invoices} payments={client.payments} today={today} />)}
      {section('contract', t('client.contract.title'), <ContractTerms contracts={client.contracts} current={insightsData?.contracts ?? null} />)}
      {section('access', t('client.access.title'), <AccessList grants={client.accessGrants} />)}
      {section('offboarding', t('client.offboarding.title'), (
        <Offboarding key={clientId} workspaceId={workspace.id} clientId={clientId} member={member} grants={client.accessGrants}
          assessment={assessment.state === 'ready' ? assessment.data : null}
          onChanged={() => { detail.reload(); assessment.reload(); setRecorded((n) => n + 1); }} />
      ))}
      {member ? section('reports', t('client.reports.title'), <Reports workspaceId={workspace.id} clientId={clientId} />) : null}
      {member ? section('portal', t('client.portal.title'), <PortalLinks workspaceId={workspace.id} clientId={clientId} />) : null}
      {section('timeline', t('client.timeline.title'), <Timeline key={recorded} workspaceId={workspace.id} clientId={clientId} names={names} />)}
    </>
  );
}
