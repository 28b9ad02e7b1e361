import type { ReactNode } from 'react';
import type { Locale } from '../api/types.ts';
import { Link, useLocation } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { locales, useI18n } from '../i18n/i18n.tsx';
import { DemoBanner } from './DemoBanner.tsx';

/** The frame of every signed-in page: navigation, workspace, language, sign-out. */
export function Layout({ children }: { readonly children: ReactNode }) {
  const { t } = useI18n();
  const { session, workspace, setWorkspace, signOut } = useSession();
  const { path } = useLocation();
  const current = (prefix: string) => (prefix === '/' ? path === '/' || path.startsWith('/clients') : path.startsWith(prefix)) ? 'page' : undefined;
  return (
    <>
      <a className="skip-link" href="#main">{t('app.skip')}</a>
      <header className="app-header">
        <Link to="/" className="brand">{t('app.name')}</Link>
        <nav aria-label={t('nav.main')} className="app-nav">
          <Link to="/" aria-current={current('/')}>{t('nav.dashboard')}</Link>
          <Link to="/outbox" aria-current={current('/outbox')}>{t('nav.outbox')}</Link>
          <Link to="/settings" aria-current={current('/settings')}>{t('nav.settings')}</Link>
        </nav>
        <div className="app-tools">
          {session.workspaces.length > 1 ? (
            <label className="inline-field">
              <span>{t('nav.workspace')}</span>
              <select value={workspace.id} onChange={(e) => setWorkspace(e.target.value)}>
                {session.workspaces.map((w) => (
                  <option key={w.id} value={w.id}>{w.demo ? t('demo.option', { name: w.name ?? w.id }) : (w.name ?? w.id)}</option>
                ))}
              </select>
            </label>
          ) : null}
          <LanguageSwitch />
          <button type="button" className="button-link" onClick={() => void signOut()}>{t('nav.signOut')}</button>
        </div>
      </header>
      <main id="main" className="app-main"><DemoBanner />{children}</main>
    </>
  );
}

export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label className="inline-field">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        {locales.map((l) => <option key={l} value={l} lang={l}>{t(`lang.${l}`)}</option>)}
      </select>
    </label>
  );
}
