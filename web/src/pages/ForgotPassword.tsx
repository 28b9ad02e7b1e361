import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PasswordResetRequest } from '../../../src/contract/people.ts';
import { ApiError, api } from '../api/client.ts';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** "Forgot password?" on the sign-in page: a link by mail when SMTP is set up, the way round it when not. */
export function ForgotPassword({ onBack }: { readonly onBack: () => void }) {
  const { t, locale } = useI18n();
  const [available, setAvailable] = useState<boolean | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    api.get<{ available: boolean }>('/api/password-reset').then((r) => setAvailable(r.available), () => setAvailable(false));
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const body: PasswordResetRequest = { email, locale };
      await api.post('/api/password-reset', body);
      setSentTo(email);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 429) setMessage(t('signIn.tooMany', { seconds: Number(caught.problem.retryAfter ?? 60) }));
      else if (caught instanceof ApiError && caught.status === 501) setAvailable(false);
      else setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>{t('forgot.title')}</h1>
      {available === null ? <Loading /> : null}
      {available === false ? <p className="notice notice-info">{t('forgot.unavailable')}</p> : null}
      {available && sentTo ? <p className="notice notice-info" role="status">{t('forgot.sent', { email: sentTo })}</p> : null}
      {available && !sentTo ? (
        <form onSubmit={(e) => void submit(e)} className="form-stack">
          <p>{t('forgot.intro')}</p>
          <label>
            {t('signIn.email')}
            <input name="email" type="email" autoComplete="username" required maxLength={254} />
          </label>
          {message ? <p className="notice notice-error" role="alert">{message}</p> : null}
          {error ? <ErrorNotice error={error} /> : null}
          <button type="submit" disabled={busy}>{t('forgot.submit')}</button>
        </form>
      ) : null}
      <p><button type="button" className="button-link" onClick={onBack}>{t('forgot.back')}</button></p>
    </>
  );
}
