import { useMemo, useState } from 'react';
import type { Money } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ArchetypeBadges, flaggedCount } from './ArchetypeBadges.tsx';
import { amountOf } from './format.ts';
import { RateVsTarget } from './RateVsTarget.tsx';
import type { DashboardClient, UnassessableClient } from './types.ts';
import { TableWrap } from './TableWrap.tsx';

const isFormer = (client: DashboardClient) => client.offboarded || client.stage === 'former';

// Mixed currencies are added as plain numbers here: only to put the most owed first, never shown.
const overdueWeight = (overdue: readonly Money[]) => overdue.reduce((sum, m) => sum + amountOf(m), 0);

/** Most troubling first: more archetypes flagged, then more overdue, then longer waiting, then by name. */
export function sortByTrouble(clients: readonly DashboardClient[]): DashboardClient[] {
  return [...clients].sort((a, b) =>
    flaggedCount(b.archetypes) - flaggedCount(a.archetypes)
    || overdueWeight(b.overdue) - overdueWeight(a.overdue)
    || b.waitingBusinessDays - a.waitingBusinessDays
    || a.name.localeCompare(b.name));
}

export function ClientTable({ clients, unassessable = [] }: { readonly clients: readonly DashboardClient[]; readonly unassessable?: readonly UnassessableClient[] }) {
  const { t, money, date } = useI18n();
  const [hideFormer, setHideFormer] = useState(false);
  const [showArchived, setShowArchived] = useState(false);
  const sorted = useMemo(() => sortByTrouble(clients), [clients]);
  const archivedCount = sorted.filter((c) => c.archived).length;
  const listed = showArchived ? sorted : sorted.filter((c) => !c.archived);
  const formerCount = listed.filter(isFormer).length;
  const shown = hideFormer ? listed.filter((c) => !isFormer(c)) : listed;

  return (
    <>
      <div className="toolbar">
        <label className="check">
          <input type="checkbox" checked={hideFormer} onChange={(e) => setHideFormer(e.target.checked)} />
          {t('dashboard.hideFormer')}
        </label>
        {archivedCount > 0 ? (
          <label className="check">
            <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
            {t('dashboard.showArchived')}
          </label>
        ) : null}
        <span className="muted" role="status">
          {hideFormer && formerCount > 0 ? t('dashboard.hiddenCount', { count: formerCount }) : t('dashboard.shownCount', { count: shown.length + unassessable.length })}
          {!showArchived && archivedCount > 0 ? ` · ${t('dashboard.archivedHidden', { count: archivedCount })}` : ''}
        </span>
      </div>
      <TableWrap label={t('dashboard.tableCaption')}>
        <table className="stack">
          <caption className="visually-hidden">{t('dashboard.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.col.client')}</th>
              <th scope="col">{t('dashboard.col.stage')}</th>
              <th scope="col">{t('dashboard.col.patterns')}</th>
              <th scope="col" className="num">{t('dashboard.col.overdue')}</th>
              <th scope="col" className="num">{t('dashboard.col.waiting')}</th>
              <th scope="col">{t('dashboard.col.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((client) => (
              <tr key={client.clientId}>
                <td data-label={t('dashboard.col.client')}>
                  <Link to={`/clients/${encodeURIComponent(client.clientId)}`}>{client.name}</Link>
                  {client.archived ? <> <span className="badge badge-muted">{t('archived.badge')}</span></> : null}
                </td>
                <td data-label={t('dashboard.col.stage')}>
                  {t(`stage.${client.stage}`)}
                  {client.hold ? <span className="block small">{t('hold.until', { date: date(client.hold.until), reason: t(`hold.reason.${client.hold.reason}`) })}</span> : null}
                </td>
                <td data-label={t('dashboard.col.patterns')}><ArchetypeBadges archetypes={client.archetypes} /></td>
                <td data-label={t('dashboard.col.overdue')} className="num">
                  {client.overdue.length === 0
                    ? <span className="muted">{t('dashboard.nothingOverdue')}</span>
                    : client.overdue.map((m) => <span key={m.currency} className="bad block">{money(m)}</span>)}
                </td>
                <td data-label={t('dashboard.col.waiting')} className="num">
                  {client.waitingBusinessDays > 0
                    ? t('dashboard.businessDays', { count: client.waitingBusinessDays })
                    : <span className="muted">{t('dashboard.notWaiting')}</span>}
                </td>
                <td data-label={t('dashboard.col.rate')}>
                  <RateVsTarget rate={client.effectiveHourlyRate} target={null} worthIt={client.worthIt} />
                </td>
              </tr>
            ))}
            {/* A client whose history cannot be assessed: its own row, with the reason, last (#19 F2). */}
            {unassessable.map((client) => (
              <tr key={client.clientId} className="unassessable">
                <td data-label={t('dashboard.col.client')}>
                  <Link to={`/clients/${encodeURIComponent(client.clientId)}`}>{client.name ?? client.clientId}</Link>
                </td>
                <td colSpan={5} className="bad">
                  {/* The reason is the server's text, in English: a code the catalogue does not translate. */}
                  {t('dashboard.unassessable')} <span lang="en">{client.error.message}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
