import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

// A few pages need no router library: the path is the state, links push history, and the
// back button works. Pages are matched by pattern (`/clients/:clientId`).

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}

/** The current location (path + search), re-rendering on every change. */
export function useLocation(): { readonly path: string; readonly search: URLSearchParams } {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((v) => v + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return { path: window.location.pathname, search: new URLSearchParams(window.location.search) };
}

/** `/clients/:clientId` against `/clients/acme` → { clientId: 'acme' }; undefined when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const actual = have[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return undefined;
  }
  return params;
}

/** An ordinary link that navigates without reloading (ctrl/cmd-click still opens a new tab). */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { readonly to: string }) {
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={click} {...rest} />;
}

/**
 * Pages a mailed link opens (#12 item 5), outside the signed-in app like the portal: the
 * link's token rides in the fragment (`/invitation#…`), which never reaches a server log or
 * a Referer, and goes to the API in a request body.
 */
export const linkPages = { invitation: '/invitation', resetPassword: '/reset-password' } as const;
export type LinkPage = keyof typeof linkPages;

export const linkPageOf = (path: string): LinkPage | undefined =>
  (Object.keys(linkPages) as LinkPage[]).find((page) => matchPath(linkPages[page], path) !== undefined);

/** The token in the address's fragment, and again whenever the fragment changes. */
export function useFragmentToken(): string {
  const read = () => window.location.hash.replace(/^#/, '').trim();
  const [token, setToken] = useState(read);
  useEffect(() => {
    const changed = () => setToken(read());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return token;
}
