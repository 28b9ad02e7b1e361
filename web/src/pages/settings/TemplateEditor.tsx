import { useState, type FormEvent } from 'react';
import { api, workspacePath } from '../../api/client.ts';
import type { Locale } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { useApi } from '../../components/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ConfirmAction } from '../outbox/ConfirmAction.tsx';
import { TemplatePreview } from './TemplatePreview.tsx';
import type { TemplateDetail } from './types.ts';

/** One template in one language: its wording, the values it may use, save / reset / preview. */
export function TemplateEditor({ templateId, locale, title, owner, member, onChanged }: {
  readonly templateId: string;
  readonly locale: Locale;
  readonly title: string;
  readonly owner: boolean;
  readonly member: boolean;
  readonly onChanged: () => void;
}) {
  const { t } = useI18n();
  const { workspace } = useSession();
  const path = workspacePath(workspace.id, 'templates', templateId, locale);
  const loaded = useApi(path, (signal) => api.get<TemplateDetail>(path, { signal }));
  const [draft, setDraft] = useState<{ subject: string; body: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState('');

  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  const detail = loaded.data;
  const current = draft ?? { subject: detail.subject, body: detail.body };
  const edit = (patch: Partial<typeof current>) => {
    setDraft({ ...current, ...patch });
    setSaid('');
  };

  const change = async (call: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setSaid('');
    try {
      await call();
      setDraft(null);
      setSaid(done);
      loaded.reload();
      onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void change(() => api.put(path, current), t('common.saved'));
  };

  return (
    <div className="template-editor">
      <h3>
        {title} <span className="muted">({t(`settings.locale.${locale}`)})</span>{' '}
        <span className={detail.overridden ? 'badge badge-ok' : 'badge badge-muted'}>{t(detail.overridden ? 'settings.templates.own' : 'settings.templates.standard')}</span>
      </h3>
      <form className="form-stack" onSubmit={save}>
        <label>
          {t('settings.templates.subject')}
          <input value={current.subject} required readOnly={!owner} lang={locale} onChange={(e) => edit({ subject: e.target.value })} />
        </label>
        <label>
          {t('settings.templates.body')}
          <textarea className="template-body" value={current.body} required readOnly={!owner} rows={18} lang={locale}
            aria-describedby="template-values" onChange={(e) => edit({ body: e.target.value })} />
        </label>
        <div id="template-values">
          <p className="hint">{t('settings.templates.valuesHint')}</p>
          <ul className="values-list">{detail.values.map((v) => <li key={v}><code>{`{{${v}}}`}</code></li>)}</ul>
        </div>
        {error ? <ErrorNotice error={error} /> : null}
        {owner ? (
          <div className="actions-row">
            <button type="submit" disabled={busy}>{t('settings.templates.save')}</button>
            {detail.overridden ? (
              <ConfirmAction label={t('settings.templates.reset')} question={t('settings.templates.resetQuestion')} confirmLabel={t('settings.templates.resetConfirm')}
                disabled={busy} onConfirm={() => change(() => api.del(path), t('settings.templates.resetDone'))} />
            ) : null}
            {draft ? <button type="button" className="button-secondary" onClick={() => setDraft(null)}>{t('settings.templates.undo')}</button> : null}
          </div>
        ) : null}
        <p role="status" className="muted">{said}</p>
      </form>
      {member ? <TemplatePreview templateId={templateId} locale={locale} letter={current} /> : null}
    </div>
  );
}
