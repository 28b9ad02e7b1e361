import { api, workspacePath } from '../api/client.ts';
import { can, useSession } from '../app/session.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { useApi } from '../components/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { MailSection } from './settings/MailSection.tsx';
import { PeopleSection } from './settings/PeopleSection.tsx';
import { RulesSection } from './settings/RulesSection.tsx';
import { TemplatesSection } from './settings/TemplatesSection.tsx';
import type { SettingsView } from './settings/types.ts';
import { WorkspaceSection } from './settings/WorkspaceSection.tsx';
import { WorkspacesSection } from './settings/WorkspacesSection.tsx';
import './settings/settings.css';

/** The workspace's configuration: who it is, the thresholds, the letters, the mail servers, its people; and the user's workspaces. */
export function SettingsPage() {
  const { t } = useI18n();
  const { workspace } = useSession();
  const owner = can(workspace, 'owner');
  const path = workspacePath(workspace.id, 'settings');
  const loaded = useApi(path, (signal) => api.get<SettingsView>(path, { signal }));
  return (
    <>
      <h1>{t('settings.title')}</h1>
      {!owner ? <p className="notice notice-info">{t('settings.readOnly')}</p> : null}
      <nav aria-label={t('settings.sections')}>
        <ul className="section-links">
          {(['workspace', 'rules', 'templates', 'mail', 'people', 'workspaces'] as const).map((s) => <li key={s}><a href={`#settings-${s}`}>{t(`settings.${s}.title`)}</a></li>)}
        </ul>
      </nav>
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'error' ? <ErrorNotice error={loaded.error} onRetry={loaded.reload} /> : null}
      {loaded.state === 'ready' ? (
        <>
          <WorkspaceSection settings={loaded.data.workspace} owner={owner} onSaved={loaded.reload} />
          <RulesSection rules={loaded.data.rules} owner={owner} onSaved={loaded.reload} />
        </>
      ) : null}
      {/* Templates have their own endpoints: they stay usable if the settings fail to load. */}
      <TemplatesSection owner={owner} member={can(workspace, 'member')} />
      {loaded.state === 'ready' ? <MailSection mail={loaded.data.mail} owner={owner} /> : null}
      {loaded.state === 'ready' ? <PeopleSection owner={owner} smtpConfigured={loaded.data.mail.smtp.configured} /> : null}
      <WorkspacesSection />
    </>
  );
}
