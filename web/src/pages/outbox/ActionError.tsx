import { ApiError } from '../../api/client.ts';
import { Link } from '../../app/router.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/** Why an action was refused; "no mail server" (501) gets a pointer to where that is set up. */
export function ActionError({ error }: { readonly error: unknown }) {
  const { t } = useI18n();
  if (error instanceof ApiError && error.status === 501) {
    return (
      <div className="notice notice-error" role="alert">
        <strong>{t('outbox.noSmtp')}</strong>
        <p><Link to="/settings#settings-mail">{t('outbox.noSmtpLink')}</Link></p>
      </div>
    );
  }
  return <ErrorNotice error={error} />;
}
