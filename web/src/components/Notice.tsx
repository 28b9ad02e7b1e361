import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** An API refusal in words a person can act on: the server's own detail, with a summary. */
export function ErrorNotice({ error, onRetry }: { readonly error: unknown; readonly onRetry?: () => void }) {
  const { t } = useI18n();
  const api = error instanceof ApiError ? error : undefined;
  const summary = api?.status === 0 ? t('common.network')
    : api?.status === 404 ? t('common.notFound')
    : api?.status === 403 ? t('common.forbidden')
    : t('common.error');
  return (
    <div className="notice notice-error" role="alert">
      <strong>{summary}</strong>
      {api && api.status !== 0 && api.problem.detail ? <p>{api.problem.detail}</p> : null}
      {onRetry ? <button type="button" className="button-secondary" onClick={onRetry}>{t('common.retry')}</button> : null}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return <p className="loading" role="status">{t('common.loading')}</p>;
}
