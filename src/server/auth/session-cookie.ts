import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionLifetime } from '../../app/sessions.ts';

/** The cookie that carries the session token. Documented as the `session` security scheme. */
export const sessionCookie = 'firmly_session';

// HttpOnly: scripts never see the token. SameSite=Lax: other sites' forms and scripts do not
// send it (top-level links still do, which GET-only navigation needs). Secure whenever the
// request came over https — directly, or through a proxy trusted with TRUST_PROXY — so a
// plain-http development server on localhost still works.
const attributes = (request: FastifyRequest) => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  path: '/',
  secure: request.protocol === 'https',
});

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookie, token, { ...attributes(request), maxAge: Math.floor(sessionLifetime.absoluteMs / 1000) });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, attributes(request));
}
