import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import { Loading } from '../components/Notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ApprovalItem } from './portal/ApprovalItem.tsx';
import { ApproveAllDialog } from './portal/ApproveAllDialog.tsx';
import { InvoicesSection } from './portal/InvoicesSection.tsx';
import { LinkGone, PortalProblem } from './portal/PortalProblem.tsx';
import { chosenPortalLocale, PortalLanguageSwitch } from './portal/PortalLanguageSwitch.tsx';
import { QuestionItem } from './portal/QuestionItem.tsx';
import type { Answer, Answered, PortalView } from './portal/types.ts';
import './portal/portal.css';

// The client's own small app: reached with `/portal#<token>`, no staff session and nothing
// else of the app. The token stays in the fragment (never in a server log or a Referer) and
// goes to the API in a header.

type State =
  | { readonly state: 'loading' }
  | { readonly state: 'gone' }
  | { readonly state: 'limited' }
  | { readonly state: 'error' }
  | { readonly state: 'ready'; readonly data: PortalView };

const tokenFromHash = (): string => window.location.hash.replace(/^#/, '').trim();

function useHashToken(): string {
  const [token, setToken] = useState(tokenFromHash);
  useEffect(() => {
    const changed = () => setToken(tokenFromHash());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return token;
}

const isLinkGone = (error: unknown) => error instanceof ApiError && error.status === 404 && error.problem.code !== 'request.not_found';
const isLimited = (error: unknown) => error instanceof ApiError && error.status === 429;

export function PortalPage() {
  const { t, setLocale } = useI18n();
  const token = useHashToken();
  const [state, setState] = useState<State>({ state: 'loading' });
  const [note, setNote] = useState<{ readonly text: string; readonly ok: boolean } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [approving, setApproving] = useState(false);
  const thanksRef = useRef<HTMLParagraphElement>(null);
  const localeApplied = useRef(false);
  const headers = { 'X-Portal-Token': token };

  const load = useCallback(async (signal?: AbortSignal) => {
    if (!token) {
      setState({ state: 'gone' });
      return;
    }
    try {
      const data = await api.get<PortalView>('/api/portal', { headers: { 'X-Portal-Token': token }, signal });
      setState({ state: 'ready', data });
      // The client's language, once, unless the visitor picked one with the switch.
      if (!localeApplied.current) {
        localeApplied.current = true;
        setLocale(chosenPortalLocale() ?? data.client.locale);
      }
    } catch (error) {
      if (signal?.aborted) return;
      setState(isLinkGone(error) ? { state: 'gone' } : isLimited(error) ? { state: 'limited' } : { state: 'error' });
    }
  }, [token, setLocale]);

  useEffect(() => {
    const controller = new AbortController();
    setState({ state: 'loading' });
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const ready = state.state === 'ready' ? state.data : null;
  useEffect(() => {
    document.title = ready ? `${ready.workspace.name} — ${t('portal.docTitle')}` : t('portal.docTitle');
  }, [ready, t]);

  /** Says how it went where everyone hears it, and takes focus there: the item answered is gone. */
  const tell = (text: string, ok: boolean) => {
    setNote(text ? { text, ok } : null);
    if (text) thanksRef.current?.focus();
  };

  /** Sends one answer; on success thanks and reloads, else returns what to tell the client at the item. */
  const answer = async (requestId: string, body: Answer, kind: Answered): Promise<string | null> => {
    setNote(null);
    try {
      await api.post(`/api/portal/requests/${encodeURIComponent(requestId)}/answer`, body, { headers });
      tell(t(`portal.thanks.${kind}`), true);
      await load();
      return null;
    } catch (error) {
      return failure(error);
    }
  };

  const approveAll = async (): Promise<void> => {
    setNote(null);
    setApproving(true);
    try {
      const { answered } = await api.post<{ answered: readonly string[] }>('/api/portal/approvals/approve-all', undefined, { headers });
      setConfirming(false);
      tell(t('portal.thanks.all', { count: answered.length }), true);
      await load();
    } catch (error) {
      setConfirming(false);
      tell(failure(error), false);
    } finally {
      setApproving(false);
    }
  };

  const failure = (error: unknown): string => {
    if (isLinkGone(error)) {
      setState({ state: 'gone' });
      return '';
    }
    if (isLimited(error)) return t('portal.tooMany');
    if (error instanceof ApiError && (error.status === 404 || error.status === 409)) {
      void load(); // answered meanwhile (perhaps by e-mail): show what is still open
      return t('portal.alreadyAnswered');
    }
    return t('portal.failed');
  };

  return (
    <>
      <a className="skip-link" href="#main">{t('app.skip')}</a>
      <header className="portal-header">
        <span className="brand">{ready?.workspace.name ?? t('portal.docTitle')}</span>
        <PortalLanguageSwitch />
      </header>
      <main id="main" className="app-main portal-main">
        {state.state === 'loading' ? <Loading /> : null}
        {state.state === 'gone' ? <LinkGone /> : null}
        {state.state === 'limited' ? <PortalProblem kind="limited" onRetry={() => void load()} /> : null}
        {state.state === 'error' ? <PortalProblem kind="error" onRetry={() => void load()} /> : null}
        {ready ? (
          <>
            <h1>{t('portal.title', { workspace: ready.workspace.name })}</h1>
            <p>{t('portal.hello', { client: ready.client.name })}</p>
            <p role="status" ref={thanksRef} tabIndex={-1} className={note ? (note.ok ? 'notice notice-ok' : 'notice notice-error') : undefined}>{note?.text}</p>
            {ready.approvals.length + ready.requests.length === 0 ? <p className="notice notice-info">{t('portal.nothingWaiting')}</p> : null}

            <section aria-labelledby="portal-approvals">
              <h2 id="portal-approvals">{t('portal.approvals.title')}</h2>
              {ready.approvals.length === 0 ? <p className="muted">{t('portal.approvals.none')}</p> : (
                <>
                  <p>{t('portal.approvals.intro')}</p>
                  {ready.approvals.length > 1 ? (
                    <div className="actions-row portal-all">
                      <button type="button" aria-haspopup="dialog" onClick={() => setConfirming(true)}>{t('portal.approveAll')}</button>
                      <ApproveAllDialog approvals={ready.approvals} open={confirming} busy={approving}
                        onConfirm={() => void approveAll()} onCancel={() => setConfirming(false)} />
                    </div>
                  ) : null}
                  <ul className="portal-list">
                    {ready.approvals.map((r) => <ApprovalItem key={r.requestId} request={r} onAnswer={answer} />)}
                  </ul>
                </>
              )}
            </section>

            <section aria-labelledby="portal-questions">
              <h2 id="portal-questions">{t('portal.questions.title')}</h2>
              {ready.requests.length === 0 ? <p className="muted">{t('portal.questions.none')}</p> : (
                <ul className="portal-list">
                  {ready.requests.map((r) => r.kind === 'approval'
                    ? <ApprovalItem key={r.requestId} request={r} onAnswer={answer} />
                    : <QuestionItem key={r.requestId} request={r} onAnswer={answer} />)}
                </ul>
              )}
            </section>

            <InvoicesSection invoices={ready.invoices} balance={ready.balance} />
          </>
        ) : null}
      </main>
      {ready ? <footer className="portal-footer muted">{t('portal.footer', { workspace: ready.workspace.name })}</footer> : null}
    </>
  );
}
