import type { AccessGrant } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { closedLabel } from './summarise-event.ts';
import { TableWrap } from '../dashboard/TableWrap.tsx';

/** The client's accounts we were given, and whether we still hold them, handed them back, or lost them. */
export function AccessList({ grants }: { readonly grants: readonly AccessGrant[] }) {
  const { t, dateTime } = useI18n();
  if (grants.length === 0) return <p className="muted">{t('client.access.none')}</p>;
  const status = (g: AccessGrant) => {
    if (g.handedOverAt) return <span className="badge badge-muted">{t('client.access.handedOver')}</span>;
    if (g.revokedAt) return <span className="badge badge-muted">{t('client.access.revoked')}</span>;
    return <span className="badge badge-ok">{t('client.access.granted')}</span>;
  };
  return (
    <TableWrap label={t('client.access.title')}>
      <table className="stack">
        <caption className="visually-hidden">{t('client.access.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('client.access.network')}</th>
            <th scope="col">{t('client.access.account')}</th>
            <th scope="col">{t('client.access.level')}</th>
            <th scope="col">{t('client.access.status')}</th>
          </tr>
        </thead>
        <tbody>
          {grants.map((g) => (
            <tr key={`${g.network}/${g.account}`}>
              <td data-label={t('client.access.network')}>{g.network}</td>
              <td data-label={t('client.access.account')}>{g.account}</td>
              <td data-label={t('client.access.level')}>{closedLabel(t, 'client.level', g.level)}</td>
              <td data-label={t('client.access.status')}>
                {status(g)}
                <span className="muted small block">
                  {g.handedOverAt ? t('client.access.handedOverOn', { date: dateTime(g.handedOverAt), by: g.confirmedBy ?? '—' })
                    : g.revokedAt ? t('client.access.revokedOn', { date: dateTime(g.revokedAt) })
                    : t('client.access.grantedOn', { date: dateTime(g.grantedAt) })}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
