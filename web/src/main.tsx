import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { linkPageOf } from './app/router.tsx';
import { loadAreas } from './i18n/catalogues/index.ts';
import { I18nProvider } from './i18n/i18n.tsx';
import './styles.css';

// The client portal is its own small app: no session, the link's token instead.
const PortalApp = lazy(() => Promise.all([import('./pages/PortalPage.tsx'), loadAreas('portal')]).then(([m]) => ({ default: m.PortalPage })));
const isPortal = window.location.pathname === '/portal' || window.location.pathname.startsWith('/portal/');
// So are the pages of a mailed link (an invitation, a password reset): no session needed.
const LinkPageApp = lazy(() => Promise.all([import('./pages/LinkPage.tsx'), loadAreas('people')]).then(([m]) => ({ default: m.LinkPage })));
const linkPage = linkPageOf(window.location.pathname);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <I18nProvider storageKey={isPortal ? 'firmly.portal.ui-locale' : 'firmly.locale'}>
      {isPortal ? <Suspense fallback={null}><PortalApp /></Suspense>
        : linkPage ? <Suspense fallback={null}><LinkPageApp page={linkPage} /></Suspense>
          : <App />}
    </I18nProvider>
  </StrictMode>,
);
