import { useState } from 'react';
import { api, workspacePath } from '../../api/client.ts';
import { Link } from '../../app/router.tsx';
import { can, useSession } from '../../app/session.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { DashboardAction } from './types.ts';
import { TableWrap } from './TableWrap.tsx';

interface SweepReport { readonly done: readonly unknown[]; readonly alreadyDone: readonly unknown[] }

/** The day's planned steps, each with its drafted message once the sweep has queued one. */
export function TodaysActions({ actions, at, onChanged }: { readonly actions: readonly DashboardAction[]; readonly at: string; readonly onChanged: () => void }) {
  const { t, date } = useI18n();
  const { workspace } = useSession();
  const member = can(workspace, 'member');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<string | null>(null);
  const undrafted = actions.some((a) => a.outbox === null);

  const sweep = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const report = await api.post<SweepReport>(workspacePath(workspace.id, 'sweep'), {});
      setResult(t('dashboard.sweep.done', { count: report.done.length }));
      onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <h2 id="todays-actions">{t('dashboard.actions.title')}</h2>
      {member && undrafted ? (
        <div className="card">
          <p className="sweep-explain">{t('dashboard.sweep.explain')}</p>
          <button type="button" onClick={() => void sweep()} disabled={busy}>{busy ? t('dashboard.sweep.running') : t('dashboard.sweep.run')}</button>
        </div>
      ) : null}
      <div role="status" aria-live="polite">{result ? <p className="notice notice-ok">{result}</p> : null}</div>
      {error ? <ErrorNotice error={error} /> : null}
      {actions.length === 0 ? <p className="muted">{t('dashboard.actions.none')}</p> : (
        <TableWrap label={t('dashboard.actions.title')}>
          <table className="stack">
            <caption className="visually-hidden">{t('dashboard.actions.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.col.client')}</th>
                <th scope="col">{t('dashboard.actions.kind')}</th>
                <th scope="col">{t('dashboard.actions.due')}</th>
                <th scope="col">{t('dashboard.actions.message')}</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((action, i) => {
                const rowId = `action-${i}`;
                return (
                  <tr key={action.key}>
                    {/* Plain text, not a link: the client table has the one link named after each client. */}
                    <td data-label={t('dashboard.col.client')} id={`${rowId}-client`}>{action.clientName}</td>
                    <td data-label={t('dashboard.actions.kind')} id={`${rowId}-kind`}>{t(`action.${action.kind}`)}</td>
                    <td data-label={t('dashboard.actions.due')}>
                      {date(action.due)}
                      {action.due < at ? <>{' '}<span className="badge badge-warn">{t('dashboard.actions.late')}</span></> : null}
                    </td>
                    <td data-label={t('dashboard.actions.message')}>
                      {action.outbox ? (
                        <>
                          <Link to={`/outbox/${encodeURIComponent(action.outbox.id)}`} aria-describedby={`${rowId}-client ${rowId}-kind`}>
                            {t('dashboard.actions.review')}
                          </Link>
                          {' '}<span className="badge badge-muted">{t(`dashboard.outbox.${action.outbox.status}`)}</span>
                        </>
                      ) : <span className="muted">{t('dashboard.actions.notDrafted')}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
