// The one way the pages talk to the server: the documented JSON API, same origin.
// The session cookie rides along by itself; unsafe methods add the session's CSRF token.

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly [extension: string]: unknown;
}

/** A refusal from the API, with the server's own explanation (problem+json). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
/** Set from GET /api/session (or the sign-in answer); cleared on sign-out. */
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** Extra headers (the portal sends its token this way). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

export async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', signal: options.signal,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, { type: '/problems/network', title: 'network', status: 0, code: 'network', detail: 'The server cannot be reached.' });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const problem = isProblem(json) ? json : { type: 'about:blank', title: response.statusText, status: response.status, code: 'http', detail: response.statusText };
    throw new ApiError(response.status, problem);
  }
  return json as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  del: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

/** `/api/workspaces/{id}` + the rest, with every path segment escaped. */
export const workspacePath = (workspaceId: string, ...segments: readonly string[]): string =>
  ['/api/workspaces', workspaceId, ...segments].map((s, i) => (i === 0 ? s : encodeURIComponent(s))).join('/');

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isProblem = (value: unknown): value is Problem =>
  typeof value === 'object' && value !== null && 'status' in value && 'detail' in value;
