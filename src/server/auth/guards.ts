import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { authenticate, isCsrfTokenOf, type Session } from '../../app/sessions.ts';
import { hasRole, roleIn, type Role } from '../../app/users.ts';
import { FirmlyError } from '../../core/errors.ts';
import type { TypedServer } from '../app.ts';
import { clearSessionCookie, sessionCookie } from './session-cookie.ts';

// Who may do what (#6), decided before a request's body is even parsed, in this order:
//   1. a route is signed-in only unless it says `config: { access: 'public' }`   → 401
//   2. a route with :workspaceId needs a membership of that workspace             → 404,
//      exactly as for a workspace that does not exist: another workspace's existence and
//      contents are never revealed, whatever the method or the path below it
//   3. POST, PUT, PATCH, DELETE need the session's X-CSRF-Token                   → 403
//      (public ones — sign-in and first-run setup — a same-origin Origin/Referer instead)
//   4. a route may need more than viewer: `onRequest: requireRole('member')`      → 403
// Secure by default: a new route gets 1–3 without asking.

export interface RequestAuth {
  readonly session: Session;
  readonly token: string;
  /** Set on routes with :workspaceId once membership is established. */
  workspace?: { readonly id: string; readonly role: Role };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in session, or null. */
    auth: RequestAuth | null;
  }
  interface FastifyContextConfig {
    /** `public`: no session needed (health, OpenAPI, sign-in, setup). Default: signed in. */
    access?: 'public' | 'session';
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const csrfHeader = 'x-csrf-token';

export function installAuth(app: TypedServer, ctx: AppContext): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[sessionCookie];
    const session = token ? await authenticate(ctx, token) : undefined;
    request.auth = session && token ? { session, token } : null;
    if (request.is404) return;

    const unsafe = !SAFE_METHODS.has(request.method);
    if (request.routeOptions.config.access === 'public') {
      if (unsafe) requireSameOrigin(request);
      return;
    }
    if (!request.auth) {
      // A cookie that no longer opens a session (expired, signed out elsewhere) is removed.
      if (token) clearSessionCookie(request, reply);
      throw new FirmlyError('auth.required', 'sign in first (POST /api/session)');
    }
    const workspaceId = (request.params as Record<string, unknown> | undefined)?.workspaceId;
    if (typeof workspaceId === 'string') {
      const role = await roleIn(ctx, request.auth.session.user.id, workspaceId);
      if (!role) throw workspaceNotFound(workspaceId);
      request.auth.workspace = { id: workspaceId, role };
    }
    if (unsafe && !isCsrfTokenOf(request.auth.session, headerValue(request, csrfHeader))) {
      throw new FirmlyError('auth.forbidden', 'missing or wrong X-CSRF-Token header: send the csrfToken of GET /api/session', { reason: 'csrf' });
    }
  });
  // What only a signed-in user may see (and the CSRF token) stays out of shared and browser caches.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.config.access !== 'public' || reply.hasHeader('set-cookie')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

/** The same answer for "no such workspace" and "not yours". */
export const workspaceNotFound = (workspaceId: string) => new FirmlyError('workspace.not_found', `no workspace "${workspaceId}"`, { workspaceId });

/** A route hook refusing members whose role is below `needed` (viewer < member < owner). */
export function requireRole(needed: Role) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const role = request.auth?.workspace?.role;
    if (!role) throw new FirmlyError('internal', `requireRole on ${request.routeOptions.url ?? request.url}, which has no :workspaceId`);
    if (!hasRole(role, needed)) {
      throw new FirmlyError('auth.forbidden', `this needs the ${needed} role in the workspace; yours is ${role}`, { reason: 'role', needed, role });
    }
  };
}

/** The signed-in session of a route that is not public. */
export function sessionOf(request: FastifyRequest): RequestAuth {
  if (!request.auth) throw new FirmlyError('auth.required', 'sign in first (POST /api/session)');
  return request.auth;
}

/** The workspace a request may act on: the :workspaceId whose membership was checked. */
export function workspaceOf(request: FastifyRequest): string {
  const workspace = request.auth?.workspace;
  if (!workspace) throw new FirmlyError('internal', `no authorised workspace on ${request.routeOptions.url ?? request.url}`);
  return workspace.id;
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Sign-in and setup have no session to tie a token to, so they refuse a browser request from
 * another site instead (OWASP CSRF Cheat Sheet, "Verifying Origin with standard headers").
 * Browsers send Origin with every POST; a request with neither Origin nor Referer is not from
 * a browser page, so it cannot be forged by one. Host names are compared, not schemes or
 * ports: behind a proxy not trusted with TRUST_PROXY the scheme and port seen here are not the
 * browser's, and cookies are not kept apart by port anyway.
 */
function requireSameOrigin(request: FastifyRequest): void {
  const origin = headerValue(request, 'origin') ?? headerValue(request, 'referer');
  if (origin === undefined) return;
  const theirs = hostnameOf(origin);
  const ours = hostnameOf(`http://${request.host}`);
  if (!theirs || theirs !== ours) {
    throw new FirmlyError('auth.forbidden',
      `a page of ${theirs ?? 'an opaque origin'} cannot sign in or set up here (this is ${ours ?? request.host}); behind a reverse proxy, forward the Host header or set TRUST_PROXY`,
      { reason: 'origin' });
  }
}

function hostnameOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase() || undefined;
  } catch {
    return undefined; // "null" (sandboxed frames, some redirects) and other non-URLs
  }
}
