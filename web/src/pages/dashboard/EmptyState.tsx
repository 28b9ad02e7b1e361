import { Link } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/** What a new user does first, when the workspace has no clients yet: add one in the browser (#12). */
export function EmptyState() {
  const { t } = useI18n();
  return (
    <section className="card empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('dashboard.empty.title')}</h2>
      <p>{t('dashboard.empty.intro')}</p>
      <ol>
        <li>{t('dashboard.empty.settings')} <Link to="/settings">{t('dashboard.empty.settingsLink')}</Link></li>
        <li>{t('dashboard.empty.addClientIntro')} <Link to="/clients/new" className="button">{t('dashboard.empty.addClient')}</Link></li>
      </ol>
      <p className="muted">{t('dashboard.empty.import')} <code>firmly import clients.jsonl</code></p>
      <p className="muted">{t('dashboard.empty.csv')} <code>firmly import-csv invoices.csv</code></p>
      <p className="muted">{t('dashboard.empty.after')}</p>
    </section>
  );
}
