import { useState, type FormEvent } from 'react';
import { api, workspacePath } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Jurisdiction, WorkspaceSettings } from './types.ts';
import { browserZone, settingsOf, WorkspaceFields } from './WorkspaceFields.tsx';

export function WorkspaceSection({ settings, owner, onSaved }: {
  readonly settings: WorkspaceSettings | null;
  readonly owner: boolean;
  readonly onSaved: () => void;
}) {
  const { t, money } = useI18n();
  return (
    <section className="card settings-section" id="settings-workspace" aria-labelledby="settings-workspace-heading">
      <h2 id="settings-workspace-heading">{t('settings.workspace.title')}</h2>
      {!settings ? <p className="notice notice-info">{t('settings.workspace.notConfigured')}</p> : null}
      {owner ? <WorkspaceForm settings={settings} onSaved={onSaved} /> : settings ? (
        <dl className="settings-dl">
          <dt>{t('settings.workspace.name')}</dt><dd>{settings.name}</dd>
          <dt>{t('settings.workspace.currency')}</dt><dd>{settings.currency}</dd>
          <dt>{t('settings.workspace.locale')}</dt><dd>{t(`settings.locale.${settings.locale}`)}</dd>
          <dt>{t('settings.workspace.timezone')}</dt><dd>{settings.timezone}</dd>
          <dt>{t('settings.workspace.jurisdiction')}</dt><dd>{t(`settings.jurisdiction.${settings.jurisdiction}`)}</dd>
          <dt>{t('settings.workspace.rate')}</dt><dd>{money(settings.targetHourlyRate)}</dd>
        </dl>
      ) : null}
    </section>
  );
}

function WorkspaceForm({ settings, onSaved }: { readonly settings: WorkspaceSettings | null; readonly onSaved: () => void }) {
  const { t, locale: uiLocale } = useI18n();
  const { workspace } = useSession();
  const [draft, setDraft] = useState(() => ({
    name: settings?.name ?? workspace.name ?? '',
    currency: settings?.currency ?? '',
    locale: settings?.locale ?? uiLocale,
    timezone: settings?.timezone ?? browserZone(),
    jurisdiction: settings?.jurisdiction ?? ('DK' as Jurisdiction),
    rate: settings?.targetHourlyRate?.amount ?? '',
  }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<typeof draft>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await api.put(workspacePath(workspace.id, 'settings', 'workspace'), settingsOf(draft, uiLocale));
      setSaved(true);
      onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form-stack" onSubmit={(e) => void submit(e)}>
      <label>
        {t('settings.workspace.name')}
        <input value={draft.name} required maxLength={200} onChange={(e) => set({ name: e.target.value })} />
      </label>
      <WorkspaceFields draft={draft} set={set} />
      {error ? <ErrorNotice error={error} /> : null}
      <div className="actions-row">
        <button type="submit" disabled={busy}>{t('settings.workspace.save')}</button>
        <span role="status">{saved ? t('common.saved') : ''}</span>
      </div>
    </form>
  );
}
