import { useState } from 'react';
import { api, workspacePath } from '../../api/client.ts';
import type { Locale } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { useApi } from '../../components/use-api.ts';
import { locales, useI18n } from '../../i18n/i18n.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';
import type { TemplateSummary } from './types.ts';

/** The letters Firmly writes, in each language: pick one to read, reword, preview or reset it. */
export function TemplatesSection({ owner, member }: { readonly owner: boolean; readonly member: boolean }) {
  const { t, locale: uiLocale } = useI18n();
  const { workspace } = useSession();
  const path = workspacePath(workspace.id, 'templates');
  const list = useApi(path, (signal) => api.get<{ templates: readonly TemplateSummary[] }>(path, { signal }));
  const [chosen, setChosen] = useState<string | null>(null);
  const [locale, setLocale] = useState<Locale>(uiLocale);

  const templates = list.state === 'ready' ? list.data.templates : [];
  const ids = [...new Set(templates.map((x) => x.id))];
  const id = chosen && ids.includes(chosen) ? chosen : ids[0];
  const name = (templateId: string) => {
    const key = `settings.template.${templateId}`;
    const text = t(key);
    return text === key ? templates.find((x) => x.id === templateId)?.description ?? templateId : text;
  };
  const own = (templateId: string, l: Locale) => templates.some((x) => x.id === templateId && x.locale === l && x.overridden);

  return (
    <section className="card settings-section" id="settings-templates" aria-labelledby="settings-templates-heading">
      <h2 id="settings-templates-heading">{t('settings.templates.title')}</h2>
      <p>{t('settings.templates.intro')}</p>
      {list.state === 'loading' ? <Loading /> : null}
      {list.state === 'error' ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {id ? (
        <>
          <div className="field-row">
            <label>
              {t('settings.templates.letter')}
              <select value={id} onChange={(e) => setChosen(e.target.value)}>
                {ids.map((x) => (
                  <option key={x} value={x}>{name(x)}{locales.some((l) => own(x, l)) ? ` — ${t('settings.templates.ownMark')}` : ''}</option>
                ))}
              </select>
            </label>
            <label>
              {t('settings.templates.language')}
              <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
                {locales.map((l) => <option key={l} value={l}>{t(`settings.locale.${l}`)}{own(id, l) ? ` — ${t('settings.templates.ownMark')}` : ''}</option>)}
              </select>
            </label>
          </div>
          <TemplateEditor key={`${id}/${locale}`} templateId={id} locale={locale} title={name(id)} owner={owner} member={member} onChanged={list.reload} />
        </>
      ) : null}
    </section>
  );
}
