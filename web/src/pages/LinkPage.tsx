import type { LinkPage as Page } from '../app/router.tsx';
import { LanguageSwitch } from '../components/Layout.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { AcceptInvitation } from './account/AcceptInvitation.tsx';
import { ResetPassword } from './account/ResetPassword.tsx';

/** The page a mailed link opens: accept an invitation, or choose a new password. */
export function LinkPage({ page }: { readonly page: Page }) {
  const { t } = useI18n();
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <div className="auth-top"><span className="brand">{t('app.name')}</span><LanguageSwitch /></div>
        {page === 'invitation' ? <AcceptInvitation /> : <ResetPassword />}
      </div>
    </main>
  );
}
