import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, api, setCsrfToken } from '../api/client.ts';
import type { SessionInfo } from '../api/types.ts';
import { Layout } from '../components/Layout.tsx';
import { loadAreas, type LazyArea } from '../i18n/catalogues/index.ts';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { Dashboard } from '../pages/Dashboard.tsx';
import { SignIn } from '../pages/SignIn.tsx';
import { matchPath, useLocation } from './router.tsx';
import { SessionContext, type SessionState } from './session.tsx';

// Pages beyond the dashboard load when first opened, so the dashboard loads only its own code.
const page = <T,>(load: () => Promise<T>, ...areas: LazyArea[]) => () => Promise.all([load(), loadAreas(...areas)]).then(([m]) => m);
const ClientPage = lazy(page(() => import('../pages/ClientPage.tsx').then((m) => ({ default: m.ClientPage })), 'client', 'outbox', 'portal', 'manage', 'record'));
const RecordPage = lazy(page(() => import('../pages/RecordPage.tsx').then((m) => ({ default: m.RecordPage })), 'record', 'client'));
const ClientFormPage = lazy(page(() => import('../pages/manage/ClientFormPage.tsx').then((m) => ({ default: m.ClientFormPage })), 'manage', 'record', 'client'));
const ContractFormPage = lazy(page(() => import('../pages/manage/ContractFormPage.tsx').then((m) => ({ default: m.ContractFormPage })), 'manage', 'record', 'client'));
const OutboxPage = lazy(page(() => import('../pages/OutboxPage.tsx').then((m) => ({ default: m.OutboxPage })), 'outbox'));
const OutboxMessagePage = lazy(page(() => import('../pages/OutboxMessagePage.tsx').then((m) => ({ default: m.OutboxMessagePage })), 'outbox'));
const SettingsPage = lazy(page(() => import('../pages/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })), 'settings', 'people'));

type Boot =
  | { readonly state: 'loading' }
  | { readonly state: 'signed-out'; readonly setupNeeded: boolean }
  | { readonly state: 'signed-in'; readonly session: SessionInfo }
  | { readonly state: 'error'; readonly error: unknown };

const workspaceKey = 'firmly.workspace';

/** The staff app: who is signed in decides between the sign-in screen and the pages. */
export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [workspaceId, setWorkspaceId] = useState<string | null>(() => window.localStorage.getItem(workspaceKey));

  const load = useCallback(async () => {
    try {
      const session = await api.get<SessionInfo>('/api/session');
      setCsrfToken(session.csrfToken);
      setBoot({ state: 'signed-in', session });
    } catch (error) {
      setCsrfToken(null);
      if (error instanceof ApiError && error.status === 401) {
        const setup = await api.get<{ needed: boolean }>('/api/setup').catch(() => ({ needed: false }));
        setBoot({ state: 'signed-out', setupNeeded: setup.needed });
      } else {
        setBoot({ state: 'error', error });
      }
    }
  }, []);
  useEffect(() => void load(), [load]);

  const state = useMemo<SessionState | null>(() => {
    if (boot.state !== 'signed-in') return null;
    const workspaces = boot.session.workspaces;
    const workspace = workspaces.find((w) => w.id === workspaceId) ?? workspaces[0];
    if (!workspace) return null;
    return {
      session: boot.session,
      workspace,
      setWorkspace: (id) => {
        window.localStorage.setItem(workspaceKey, id);
        setWorkspaceId(id);
      },
      reload: load,
      signOut: async () => {
        await api.del('/api/session').catch(() => undefined);
        setCsrfToken(null);
        await load();
      },
      refresh: load,
    };
  }, [boot, workspaceId, load]);

  if (boot.state === 'loading') return <main id="main" className="auth-page"><Loading /></main>;
  if (boot.state === 'error') return <main id="main" className="auth-page"><ErrorNotice error={boot.error} onRetry={() => void load()} /></main>;
  if (boot.state === 'signed-out') {
    return <SignIn setupNeeded={boot.setupNeeded} onSignedIn={(landing) => {
      if (landing) {
        window.localStorage.setItem(workspaceKey, landing);
        setWorkspaceId(landing);
      }
      void load();
    }} />;
  }
  if (!state) return <main id="main" className="auth-page"><p>No workspace: ask an owner to add you to one (firmly user add … --workspace ID).</p></main>;
  return (
    <SessionContext.Provider value={state}>
      <Layout>
        <Suspense fallback={<Loading />}>
          <Pages />
        </Suspense>
      </Layout>
    </SessionContext.Provider>
  );
}

function Pages() {
  const { path } = useLocation();
  let params: Record<string, string> | undefined;
  if (matchPath('/clients/new', path)) return <ClientFormPage />;
  if ((params = matchPath('/clients/:clientId/edit', path))) return <ClientFormPage clientId={params.clientId ?? ''} />;
  if ((params = matchPath('/clients/:clientId/contracts/new', path))) return <ContractFormPage clientId={params.clientId ?? ''} />;
  if ((params = matchPath('/clients/:clientId/contracts/:contractId/amend', path))) {
    return <ContractFormPage clientId={params.clientId ?? ''} contractId={params.contractId ?? ''} />;
  }
  if ((params = matchPath('/clients/:clientId/record', path))) return <RecordPage clientId={params.clientId ?? ''} />;
  if ((params = matchPath('/clients/:clientId', path))) return <ClientPage clientId={params.clientId ?? ''} />;
  if ((params = matchPath('/outbox/:messageId', path))) return <OutboxMessagePage messageId={params.messageId ?? ''} />;
  if (matchPath('/outbox', path)) return <OutboxPage />;
  if (matchPath('/settings', path)) return <SettingsPage />;
  return <Dashboard />;
}
