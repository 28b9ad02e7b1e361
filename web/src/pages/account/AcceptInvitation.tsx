import { useEffect, useState, type FormEvent } from 'react';
import type { AcceptInvitation as AcceptBody, InvitationInfo } from '../../../../src/contract/people.ts';
import { ApiError, api } from '../../api/client.ts';
import { useFragmentToken } from '../../app/router.tsx';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

type State =
  | { readonly state: 'loading' }
  | { readonly state: 'gone' }
  | { readonly state: 'limited'; readonly seconds: number }
  | { readonly state: 'error'; readonly error: unknown }
  | { readonly state: 'ready'; readonly invitation: InvitationInfo };

const limitedSeconds = (error: unknown) => (error instanceof ApiError && error.status === 429 ? Number(error.problem.retryAfter ?? 60) : undefined);
const isGone = (error: unknown) => error instanceof ApiError && error.status === 404;

/** /invitation#token: who invites whom to what; choose a password (or give yours) and join. */
export function AcceptInvitation() {
  const { t } = useI18n();
  const token = useFragmentToken();
  const [state, setState] = useState<State>({ state: 'loading' });
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${t('invitation.docTitle')} — Firmly`;
  }, [t]);

  useEffect(() => {
    if (!token) {
      setState({ state: 'gone' });
      return;
    }
    setState({ state: 'loading' });
    api.post<InvitationInfo>('/api/invitations/inspect', { token }).then(
      (invitation) => setState({ state: 'ready', invitation }),
      (caught: unknown) => {
        const seconds = limitedSeconds(caught);
        setState(seconds !== undefined ? { state: 'limited', seconds } : isGone(caught) ? { state: 'gone' } : { state: 'error', error: caught });
      });
  }, [token]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body: AcceptBody = { token, password: String(new FormData(event.currentTarget).get('password') ?? '') };
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await api.post('/api/invitations/accept', body);
      // Signed in now: the app starts afresh, without the token in the address.
      window.location.replace('/');
    } catch (caught) {
      const seconds = limitedSeconds(caught);
      if (caught instanceof ApiError && caught.status === 401) setMessage(t('invitation.wrongPassword'));
      else if (seconds !== undefined) setMessage(t('account.tooMany', { seconds }));
      else if (isGone(caught)) setState({ state: 'gone' });
      else setError(caught);
      setBusy(false);
    }
  };

  if (state.state === 'loading') return <Loading />;
  if (state.state === 'gone') return <><h1>{t('invitation.docTitle')}</h1><p className="notice notice-error" role="alert">{t('invitation.gone')}</p></>;
  if (state.state === 'limited') return <><h1>{t('invitation.docTitle')}</h1><p className="notice notice-error" role="alert">{t('account.tooMany', { seconds: state.seconds })}</p></>;
  if (state.state === 'error') return <><h1>{t('invitation.docTitle')}</h1><ErrorNotice error={state.error} /></>;
  const { invitation } = state;
  return (
    <>
      <h1>{t('invitation.title', { workspace: invitation.workspaceName })}</h1>
      <p>{t('invitation.intro', { role: t(`role.${invitation.role}`).toLowerCase(), email: invitation.email })}</p>
      {invitation.hasAccount ? <p className="notice notice-info">{t('invitation.hasAccount')}</p> : null}
      <form onSubmit={(e) => void submit(e)} className="form-stack">
        {/* For password managers: the account this password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
        <label>
          {t(invitation.hasAccount ? 'invitation.yourPassword' : 'invitation.choosePassword')}
          <input name="password" type="password" required minLength={invitation.hasAccount ? 1 : 12} maxLength={1024}
            autoComplete={invitation.hasAccount ? 'current-password' : 'new-password'}
            aria-describedby={invitation.hasAccount ? undefined : 'invitation-password-hint'} />
        </label>
        {invitation.hasAccount ? null : <p id="invitation-password-hint" className="hint">{t('invitation.passwordHint')}</p>}
        {message ? <p className="notice notice-error" role="alert">{message}</p> : null}
        {error ? <ErrorNotice error={error} /> : null}
        <button type="submit" disabled={busy}>{t('invitation.accept')}</button>
      </form>
    </>
  );
}
