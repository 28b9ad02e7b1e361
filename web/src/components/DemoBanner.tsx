import { useState } from 'react';
import { api, workspacePath } from '../api/client.ts';
import { can, useSession } from '../app/session.tsx';
import { navigate } from '../app/router.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorNotice } from './Notice.tsx';

/**
 * On every page of a demo workspace (#12): says it is a demo, and lets an owner remove it after
 * a confirmation (DELETE /api/workspaces/{id}); the app then switches to another workspace.
 */
export function DemoBanner() {
  const { t } = useI18n();
  const { session, workspace, setWorkspace, reload } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!workspace.demo) return null;

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.del(workspacePath(workspace.id));
      const other = session.workspaces.find((w) => w.id !== workspace.id);
      if (other) setWorkspace(other.id);
      navigate('/', { replace: true });
      await reload();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <section className="notice notice-info demo-banner" aria-label={t('demo.label')}>
      <p>{t('demo.banner')}</p>
      {can(workspace, 'owner') ? (
        confirming ? (
          <div className="demo-confirm" role="group" aria-labelledby="demo-confirm-text">
            <p id="demo-confirm-text"><strong>{t('demo.confirm')}</strong></p>
            <button type="button" onClick={() => void remove()} disabled={busy}>{busy ? t('demo.removing') : t('demo.confirmYes')}</button>
            {' '}
            <button type="button" className="button-secondary" onClick={() => setConfirming(false)} disabled={busy}>{t('common.cancel')}</button>
          </div>
        ) : (
          <button type="button" className="button-secondary" onClick={() => setConfirming(true)}>{t('demo.remove')}</button>
        )
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
