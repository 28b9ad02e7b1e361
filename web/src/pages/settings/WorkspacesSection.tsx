import { useState, type FormEvent } from 'react';
import type { NewWorkspace } from '../../../../src/contract/people.ts';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Jurisdiction } from './types.ts';
import { browserZone, settingsOf, WorkspaceFields } from './WorkspaceFields.tsx';

/** The workspaces the user is in, and — for an owner of any of them — a form to create one. */
export function WorkspacesSection() {
  const { t } = useI18n();
  const { session, workspace, setWorkspace } = useSession();
  const ownsOne = session.workspaces.some((w) => w.role === 'owner');
  return (
    <section className="card settings-section" id="settings-workspaces" aria-labelledby="settings-workspaces-heading">
      <h2 id="settings-workspaces-heading">{t('settings.workspaces.title')}</h2>
      <p>{t('workspaces.intro')}</p>
      <div className="table-wrap">
        <table className="stack">
          <thead>
            <tr><th scope="col">{t('workspaces.name')}</th><th scope="col">{t('workspaces.id')}</th><th scope="col">{t('workspaces.role')}</th><th scope="col"><span className="visually-hidden">{t('workspaces.open')}</span></th></tr>
          </thead>
          <tbody>
            {session.workspaces.map((w) => (
              <tr key={w.id}>
                <td data-label={t('workspaces.name')}>{w.name ?? w.id}</td>
                <td data-label={t('workspaces.id')}><code>{w.id}</code></td>
                <td data-label={t('workspaces.role')}>{t(`role.${w.role}`)}</td>
                <td>
                  {w.id === workspace.id ? t('workspaces.current')
                    : <button type="button" className="button-secondary" aria-label={`${t('workspaces.open')} ${w.name ?? w.id}`} onClick={() => setWorkspace(w.id)}>{t('workspaces.open')}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {ownsOne ? <CreateWorkspaceForm /> : <p className="notice notice-info">{t('workspaces.onlyOwners')}</p>}
    </section>
  );
}

function CreateWorkspaceForm() {
  const { t, locale: uiLocale } = useI18n();
  const { refresh } = useSession();
  const empty = () => ({ id: '', name: '', currency: '', locale: uiLocale, timezone: browserZone(), jurisdiction: 'DK' as Jurisdiction, rate: '' });
  const [draft, setDraft] = useState(empty);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<string | null>(null);
  const set = (patch: Partial<typeof draft>) => {
    setDraft({ ...draft, ...patch });
    setCreated(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    const body: NewWorkspace = { id: draft.id.trim(), ...settingsOf(draft, uiLocale) };
    try {
      await api.post('/api/workspaces', body);
      setCreated(body.name);
      setDraft(empty());
      await refresh();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form-stack card" onSubmit={(e) => void submit(e)} aria-labelledby="create-workspace-heading">
      <h3 id="create-workspace-heading">{t('workspaces.create')}</h3>
      <p>{t('workspaces.createIntro')}</p>
      <div className="field-row">
        <label>
          {t('workspaces.newId')}
          <input value={draft.id} required maxLength={64} pattern="[A-Za-z0-9_\-]+" spellCheck={false} autoCapitalize="none"
            aria-describedby="new-workspace-id-hint" onChange={(e) => set({ id: e.target.value })} />
        </label>
        <label>
          {t('settings.workspace.name')}
          <input value={draft.name} required maxLength={200} onChange={(e) => set({ name: e.target.value })} />
        </label>
      </div>
      <p id="new-workspace-id-hint" className="hint">{t('workspaces.newIdHint')}</p>
      <WorkspaceFields draft={draft} set={set} idPrefix="new-" />
      {error ? <ErrorNotice error={error} /> : null}
      <div className="actions-row">
        <button type="submit" disabled={busy}>{t('workspaces.submit')}</button>
        <span role="status">{created ? t('workspaces.created', { name: created }) : ''}</span>
      </div>
    </form>
  );
}
