import { api, workspacePath } from '../api/client.ts';
import { Link } from '../app/router.tsx';
import { can, useSession } from '../app/session.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { useApi } from '../components/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ClientTable } from './dashboard/ClientTable.tsx';
import { EmptyState } from './dashboard/EmptyState.tsx';
import { TodaysActions } from './dashboard/TodaysActions.tsx';
import type { DashboardData } from './dashboard/types.ts';
import './dashboard/dashboard.css';

/** `/`: every client, most troubling first, and the day's planned actions. */
export function Dashboard() {
  const { t, date, money } = useI18n();
  const { workspace } = useSession();
  // Archived clients too, hidden by the table until asked for: the toggle needs no second request.
  const path = `${workspacePath(workspace.id, 'dashboard')}?archived=include`;
  const loaded = useApi(path, (signal) => api.get<DashboardData>(path, { signal }));

  return (
    <>
      <div className="page-head">
        <h1>{t('dashboard.title')}</h1>
        {can(workspace, 'member') ? <Link className="button" to="/clients/new">{t('dashboard.addClient')}</Link> : null}
      </div>
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'error' ? <ErrorNotice error={loaded.error} onRetry={loaded.reload} /> : null}
      {loaded.state === 'ready' ? (
        loaded.data.clients.length === 0 && (loaded.data.unassessable ?? []).length === 0 ? <EmptyState /> : (
          <>
            <p className="muted page-intro">
              {t('dashboard.asOf', { date: date(loaded.data.at) })}{' '}
              {loaded.data.workspace?.targetHourlyRate
                ? t('dashboard.targetIs', { target: money(loaded.data.workspace.targetHourlyRate) })
                : <>{t('dashboard.noTarget')} <Link to="/settings">{t('dashboard.empty.settingsLink')}</Link></>}
            </p>
            <ClientTable clients={loaded.data.clients} unassessable={loaded.data.unassessable ?? []} />
            <TodaysActions actions={loaded.data.actions} at={loaded.data.at} onChanged={loaded.reload} />
          </>
        )
      ) : null}
    </>
  );
}
