import { useEffect, useState, type FormEvent } from 'react';
import type { PasswordReset } from '../../../../src/contract/people.ts';
import { ApiError, api } from '../../api/client.ts';
import { useFragmentToken } from '../../app/router.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/** /reset-password#token: choose a new password; every session of the account ends. */
export function ResetPassword() {
  const { t } = useI18n();
  const token = useFragmentToken();
  const [outcome, setOutcome] = useState<'done' | 'gone' | null>(token ? null : 'gone');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${t('reset.docTitle')} — Firmly`;
  }, [t]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body: PasswordReset = { token, password: String(new FormData(event.currentTarget).get('password') ?? '') };
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await api.post('/api/password-reset/complete', body);
      setOutcome('done');
      // The used token leaves the address (and the history entry).
      window.history.replaceState(null, '', window.location.pathname);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 404) setOutcome('gone');
      else if (caught instanceof ApiError && caught.status === 429) setMessage(t('account.tooMany', { seconds: Number(caught.problem.retryAfter ?? 60) }));
      else setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('reset.title')}</h1>
      {outcome === 'done' ? <p className="notice notice-info" role="status">{t('reset.done')}</p> : null}
      {outcome === 'gone' ? <p className="notice notice-error" role="alert">{t('reset.gone')}</p> : null}
      {outcome === null ? (
        <form onSubmit={(e) => void submit(e)} className="form-stack">
          <label>
            {t('reset.password')}
            <input name="password" type="password" autoComplete="new-password" required minLength={12} maxLength={1024} aria-describedby="reset-password-hint" />
          </label>
          <p id="reset-password-hint" className="hint">{t('reset.passwordHint')}</p>
          {message ? <p className="notice notice-error" role="alert">{message}</p> : null}
          {error ? <ErrorNotice error={error} /> : null}
          <button type="submit" disabled={busy}>{t('reset.submit')}</button>
        </form>
      ) : <p><a href="/">{t('reset.signIn')}</a></p>}
    </>
  );
}
