import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly error: ApiError }
  | { readonly state: 'ready'; readonly data: T };

/**
 * Loads `fetcher` when `key` changes (a path, say); `reload()` fetches again, e.g. after a
 * change. An answer that arrives after the key moved on is dropped.
 */
export function useApi<T>(key: string | null, fetcher: (signal: AbortSignal) => Promise<T>): Loaded<T> & { readonly reload: () => void } {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    fetcher(controller.signal).then(
      (data) => setResult({ state: 'ready', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResult({ state: 'error', error: error instanceof ApiError ? error : new ApiError(0, { type: 'about:blank', title: 'error', status: 0, code: 'client', detail: String(error) }) });
      },
    );
    return () => controller.abort();
    // fetcher is a new closure on every render; the key says when to load again.
  }, [key, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...result, reload };
}
