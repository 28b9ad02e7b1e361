import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../src/app/context.ts';
import { addUser, type Role } from '../../src/app/users.ts';
import type { TypedServer } from '../../src/server/app.ts';

// Signing in through the API itself, so the suites exercise the real cookie and CSRF token.

export const password = 'correct horse battery staple';

export async function aUser(ctx: AppContext, email: string, workspaceId: string, role: Role): Promise<string> {
  await addUser(ctx, { email, password, workspaceId, role });
  return email;
}

/**
 * One user per role in the workspace (`member@studio.example`, …), each signed in: the
 * usual cast of a route suite. Create them after the server, or before: users live in the database.
 */
export async function signedInRoles<R extends Role>(app: TypedServer, ctx: AppContext, workspaceId: string, roles: readonly R[]): Promise<Record<R, Client>> {
  const clients = {} as Record<R, Client>;
  for (const role of roles) clients[role] = await signIn(app, await aUser(ctx, `${role}@studio.example`, workspaceId, role));
  return clients;
}

/** The value of the session cookie a response set, if it set one. */
export function sessionCookieOf(res: LightMyRequestResponse): string | undefined {
  return res.cookies.find((c) => c.name === 'firmly_session')?.value;
}

export interface Client {
  readonly cookie: string;
  readonly csrf: string;
  /** A request with the session cookie, and the CSRF header on unsafe methods. */
  request(options: InjectOptions & { url: string }): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
}

/** Signs in and returns a client that sends the cookie and the CSRF token. */
export async function signIn(app: TypedServer, email: string, options: { remoteAddress?: string } = {}): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, ...options });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
  return clientFor(app, sessionCookieOf(res) as string, res.json().csrfToken);
}

export function clientFor(app: TypedServer, cookie: string, csrf: string): Client {
  const request = (options: InjectOptions & { url: string }) => {
    const method = (options.method ?? 'GET').toUpperCase();
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    return app.inject({
      ...options,
      cookies: { firmly_session: cookie, ...(options.cookies ?? {}) },
      headers: { ...(unsafe ? { 'x-csrf-token': csrf } : {}), ...(options.headers ?? {}) },
    });
  };
  return { cookie, csrf, request, get: (url) => request({ method: 'GET', url }) };
}
