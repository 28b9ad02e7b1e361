import { useState, type FormEvent } from 'react';
import type { SetupStart } from '../../../src/contract/demo.ts';
import { ApiError, api } from '../api/client.ts';
import type { SessionInfo } from '../api/types.ts';
import { LanguageSwitch } from '../components/Layout.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ForgotPassword } from './ForgotPassword.tsx';

/**
 * Sign-in, or on a new installation the first-run screen that creates the owner and asks how to
 * start (#12): empty, or in the demo. `onSignedIn` gets the workspace to land in, if there is a choice.
 */
export function SignIn({ setupNeeded, onSignedIn }: { readonly setupNeeded: boolean; readonly onSignedIn: (workspaceId?: string) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [forgot, setForgot] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const credentials = { email: form.get('email'), password: form.get('password') };
      if (setupNeeded) {
        const start = form.get('start') as SetupStart;
        const session = await api.post<SessionInfo>('/api/setup', { ...credentials, setupCode: form.get('setupCode'), start });
        onSignedIn(session.workspaces.find((w) => w.demo === (start === 'demo'))?.id);
      } else {
        await api.post('/api/session', credentials);
        onSignedIn();
      }
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) setMessage(t('signIn.failed'));
      else if (caught instanceof ApiError && caught.problem.reason === 'setup_code') setMessage(t('setup.wrongCode'));
      else if (caught instanceof ApiError && caught.status === 429) setMessage(t('signIn.tooMany', { seconds: Number(caught.problem.retryAfter ?? 60) }));
      else setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const prefix = setupNeeded ? 'setup' : 'signIn';
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <div className="auth-top"><span className="brand">{t('app.name')}</span><LanguageSwitch /></div>
        {forgot ? <ForgotPassword onBack={() => setForgot(false)} /> : (
          <>
            <h1>{t(`${prefix}.title`)}</h1>
            {setupNeeded ? <p>{t('setup.intro')}</p> : null}
            <form onSubmit={(e) => void submit(e)} className="form-stack">
              {setupNeeded ? (
                <>
                  <label>
                    {t('setup.code')}
                    {/* Text, not a number: it has dashes, and leading zeros count. */}
                    <input name="setupCode" type="text" inputMode="numeric" autoComplete="one-time-code" required maxLength={40}
                      spellCheck={false} aria-describedby="setup-code-hint" />
                  </label>
                  <p id="setup-code-hint" className="hint">{t('setup.codeHint')}</p>
                </>
              ) : null}
              <label>
                {t(`${prefix}.email`)}
                <input name="email" type="email" autoComplete="username" required maxLength={254} />
              </label>
              <label>
                {t(`${prefix}.password`)}
                <input name="password" type="password" autoComplete={setupNeeded ? 'new-password' : 'current-password'} required
                  minLength={setupNeeded ? 12 : 1} aria-describedby={setupNeeded ? 'password-hint' : undefined} />
              </label>
              {setupNeeded ? <p id="password-hint" className="hint">{t('setup.passwordHint')}</p> : null}
              {setupNeeded ? (
                <fieldset className="start-choice">
                  <legend>{t('setup.start')}</legend>
                  <label className="choice">
                    <input type="radio" name="start" value="empty" defaultChecked aria-describedby="start-empty-hint" />
                    {t('setup.startEmpty')}
                  </label>
                  <p id="start-empty-hint" className="hint">{t('setup.startEmptyHint')}</p>
                  <label className="choice">
                    <input type="radio" name="start" value="demo" aria-describedby="start-demo-hint" />
                    {t('setup.startDemo')}
                  </label>
                  <p id="start-demo-hint" className="hint">{t('setup.startDemoHint')}</p>
                </fieldset>
              ) : null}
              {message ? <p className="notice notice-error" role="alert">{message}</p> : null}
              {error ? <ErrorNotice error={error} /> : null}
              <button type="submit" disabled={busy}>{t(`${prefix}.submit`)}</button>
            </form>
            {setupNeeded ? null : <p><button type="button" className="button-link" onClick={() => setForgot(true)}>{t('forgot.link')}</button></p>}
          </>
        )}
      </div>
    </main>
  );
}
