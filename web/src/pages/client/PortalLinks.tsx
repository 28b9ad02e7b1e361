import { useState, type FormEvent } from 'react';
import { api, workspacePath } from '../../api/client.ts';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { useApi } from '../../components/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { NewPortalLink, PortalLink } from './types.ts';
import { TableWrap } from '../dashboard/TableWrap.tsx';

/** Members make a link for the client's portal (its URL shown once), see the links made, and revoke them. */
export function PortalLinks({ workspaceId, clientId }: { readonly workspaceId: string; readonly clientId: string }) {
  const { t, dateTime } = useI18n();
  const path = workspacePath(workspaceId, 'clients', clientId, 'portal-links');
  const links = useApi(path, (signal) => api.get<{ links: readonly PortalLink[] }>(path, { signal }));
  const [created, setCreated] = useState<NewPortalLink | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const days = Number(new FormData(event.currentTarget).get('days'));
    setBusy(true);
    setError(null);
    setMessage(null);
    setCopied(false);
    try {
      setCreated(await api.post<NewPortalLink>(path, Number.isInteger(days) && days > 0 ? { days } : {}));
      links.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (link: PortalLink) => {
    setError(null);
    setMessage(null);
    try {
      await api.del(`${path}/${encodeURIComponent(link.id)}`);
      if (created?.link.id === link.id) setCreated(null);
      setMessage(t('client.portal.revokedDone', { date: dateTime(link.createdAt) }));
      links.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setMessage(t('client.portal.copyFailed'));
    }
  };

  const statusOf = (link: PortalLink) => {
    if (link.revokedAt) return <span className="badge badge-muted">{t('client.portal.revoked')}</span>;
    if (link.expiresAt < new Date().toISOString()) return <span className="badge badge-muted">{t('client.portal.expired')}</span>;
    return <span className="badge badge-ok">{t('client.portal.active')}</span>;
  };

  return (
    <>
      <p>{t('client.portal.intro')}</p>
      <form className="actions-row portal-form" onSubmit={(e) => void create(e)}>
        <label className="inline-label">
          {t('client.portal.days')}
          <input name="days" type="number" min={1} max={365} defaultValue={30} required className="short" />
        </label>
        <button type="submit" disabled={busy}>{t('client.portal.create')}</button>
      </form>
      <div role="status" aria-live="polite">
        {created ? (
          <div className="notice notice-ok">
            <p><strong>{t('client.portal.created', { date: dateTime(created.link.expiresAt) })}</strong></p>
            <p>{t('client.portal.onlyOnce')}</p>
            <div className="actions-row">
              <label className="inline-label grow">
                {t('client.portal.url')}
                <input type="text" readOnly value={created.url} onFocus={(e) => e.currentTarget.select()} />
              </label>
              <button type="button" className="button-secondary" onClick={() => void copy(created.url)}>{t('client.portal.copy')}</button>
            </div>
            {copied ? <p>{t('client.portal.copied')}</p> : null}
          </div>
        ) : null}
        {message ? <p className="notice notice-info">{message}</p> : null}
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {links.state === 'loading' ? <Loading /> : null}
      {links.state === 'error' ? <ErrorNotice error={links.error} onRetry={links.reload} /> : null}
      {links.state === 'ready' ? (
        links.data.links.length === 0 ? <p className="muted">{t('client.portal.noLinks')}</p> : (
          <TableWrap label={t('client.portal.listCaption')}>
            <table className="stack">
              <caption className="visually-hidden">{t('client.portal.listCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('client.portal.createdAt')}</th>
                  <th scope="col">{t('client.portal.expiresAt')}</th>
                  <th scope="col">{t('client.portal.lastUsed')}</th>
                  <th scope="col">{t('client.portal.status')}</th>
                  <th scope="col"><span className="visually-hidden">{t('client.portal.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {links.data.links.map((link) => (
                  <tr key={link.id}>
                    <td data-label={t('client.portal.createdAt')}>{dateTime(link.createdAt)}</td>
                    <td data-label={t('client.portal.expiresAt')}>{dateTime(link.expiresAt)}</td>
                    <td data-label={t('client.portal.lastUsed')}>{link.lastUsedAt ? dateTime(link.lastUsedAt) : t('client.portal.never')}</td>
                    <td data-label={t('client.portal.status')}>
                      {statusOf(link)}
                      {link.revokedAt ? <span className="muted small block">{dateTime(link.revokedAt)}</span> : null}
                    </td>
                    <td data-label={t('client.portal.actions')}>
                      {link.revokedAt ? null : (
                        <button type="button" className="button-danger" onClick={() => void revoke(link)}
                          aria-describedby={`link-${link.id}-created`}>
                          {t('client.portal.revoke')}
                        </button>
                      )}
                      <span id={`link-${link.id}-created`} className="visually-hidden">{t('client.portal.linkOf', { date: dateTime(link.createdAt) })}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )
      ) : null}
    </>
  );
}
