import { useState, type FormEvent } from 'react';
import { api, workspacePath } from '../../api/client.ts';
import type { ClientSummary, Locale } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useApi } from '../../components/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { LetterPreview } from '../outbox/LetterPreview.tsx';
import type { RenderedLetter } from './types.ts';

/** The template (as edited, saved or not) rendered for a real client, as that client would get it. */
export function TemplatePreview({ templateId, locale, letter }: {
  readonly templateId: string;
  readonly locale: Locale;
  readonly letter: { readonly subject: string; readonly body: string };
}) {
  const { t } = useI18n();
  const { workspace } = useSession();
  const clientsPath = workspacePath(workspace.id, 'clients');
  const clients = useApi(clientsPath, (signal) => api.get<{ clients: readonly ClientSummary[] }>(clientsPath, { signal }));
  const [clientId, setClientId] = useState('');
  const [result, setResult] = useState<RenderedLetter | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const list = clients.state === 'ready' ? [...clients.data.clients].sort((a, b) => a.name.localeCompare(b.name)) : [];
  const chosen = clientId || list[0]?.clientId || '';

  const preview = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.post<RenderedLetter>(`${workspacePath(workspace.id, 'templates', templateId, locale)}/preview`,
        { clientId: chosen, subject: letter.subject, body: letter.body }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="template-preview">
      <h3>{t('settings.templates.previewTitle')}</h3>
      {clients.state === 'error' ? <ErrorNotice error={clients.error} onRetry={clients.reload} /> : null}
      {clients.state === 'ready' && list.length === 0 ? <p className="muted">{t('settings.templates.noClients')}</p> : null}
      {list.length > 0 ? (
        <form className="field-row" onSubmit={(e) => void preview(e)}>
          <label>
            {t('settings.templates.client')}
            <select value={chosen} onChange={(e) => setClientId(e.target.value)}>
              {list.map((c) => <option key={c.clientId} value={c.clientId}>{c.name}</option>)}
            </select>
          </label>
          <button type="submit" disabled={busy}>{t('settings.templates.preview')}</button>
        </form>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <div aria-live="polite">
        {result ? (
          <>
            {result.warnings.length > 0 ? (
              <div className="notice notice-warn">
                <strong>{t('settings.templates.warnings')}</strong>
                <ul>{result.warnings.map((w) => <li key={w}>{w}</li>)}</ul>
              </div>
            ) : null}
            <LetterPreview preview={{ subject: result.subject, text: result.text, locale }} heading="settings.templates.previewResult" level={3} />
          </>
        ) : null}
      </div>
    </div>
  );
}
