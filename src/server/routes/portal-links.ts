import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createPortalLink, listPortalLinks, portalUrl, revokePortalLink, type PortalLink } from '../../app/portal-links.ts';
import { NewLinkBody, NewPortalLinkView, PortalLinkListView } from '../../contract/portal-links.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { requireRole, sessionOf, workspaceOf } from '../auth/guards.ts';
import { ProblemView } from './problem-schema.ts';
import { rateLimitedScope } from './portal.ts';
import { ClientParams, signedIn, signedInUnsafe } from './security.ts';

// Staff side of the client portal (#6): make, list and revoke a client's links. The token is
// shown once, in the answer that makes the link; lists never carry it.

/** Links a person may make per minute: plenty for work, too few to flood the table. */
export const linkCreationLimit = { max: 30, timeWindowMs: 60_000 } as const;

const LinkParams = ClientParams.extend({ linkId: z.string().min(1).max(200) });

const presentLink = (link: PortalLink) => ({ ...link });

/** Where this server is reached, as the browser that asked sees it (behind a trusted proxy, the proxy's scheme and host). */
/** The origin the request came to: where mailed and handed-out links point without PUBLIC_URL. */
export const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

export async function portalLinkRoutes(app: TypedServer, { ctx, publicUrl }: ServerDeps): Promise<void> {
  app.get('/api/workspaces/:workspaceId/clients/:clientId/portal-links', {
    schema: {
      tags: ['portal'],
      summary: 'The client\'s portal links, newest first, revoked and expired ones too (never their tokens)',
      ...signedIn,
      params: ClientParams,
      response: { 200: PortalLinkListView, 401: ProblemView, 404: ProblemView },
    },
  }, async (request) => ({ links: (await listPortalLinks(ctx, workspaceOf(request), request.params.clientId)).map(presentLink) }));

  app.delete('/api/workspaces/:workspaceId/clients/:clientId/portal-links/:linkId', {
    onRequest: requireRole('member'),
    schema: {
      tags: ['portal'],
      summary: 'Revokes a portal link at once: it opens nothing any more',
      description: 'Needs the member role. Revoking a revoked link again is 204 as well.',
      ...signedInUnsafe,
      params: LinkParams,
      response: { 204: z.null(), 401: ProblemView, 403: ProblemView, 404: ProblemView },
    },
  }, async (request, reply) => {
    await revokePortalLink(ctx, workspaceOf(request), request.params.clientId, request.params.linkId);
    return reply.code(204).send(null);
  });

  // Its own scope, so the rate limit applies to this route only; per user, as staff share offices.
  await rateLimitedScope(app, ctx, {
    ...linkCreationLimit, name: 'portal-link', what: 'portal links made',
    keyGenerator: (request) => request.auth?.session.user.id ?? request.ip,
  }, (scope) => {
    scope.post('/api/workspaces/:workspaceId/clients/:clientId/portal-links', {
      onRequest: requireRole('member'),
      schema: {
        tags: ['portal'],
        summary: 'Makes a portal link for the client: the answer carries the token and the URL to send them, once',
        description: `Needs the member role. The URL is {PUBLIC_URL or the origin of this request}/portal#{token}: the token in the fragment never reaches a server log. At most ${linkCreationLimit.max} links per person and minute.`,
        ...signedInUnsafe,
        params: ClientParams,
        body: NewLinkBody,
        response: {
          201: NewPortalLinkView,
          400: ProblemView, 401: ProblemView, 403: ProblemView, 404: ProblemView, 429: ProblemView,
        },
      },
    }, async (request, reply) => {
      const { link, token } = await createPortalLink(ctx, workspaceOf(request), request.params.clientId, {
        ...(request.body?.days !== undefined ? { days: request.body.days } : {}),
        createdBy: sessionOf(request).session.user.id,
      });
      const { lastUsedAt: _unused, ...created } = link;
      return reply.code(201).send({ link: created, token, url: portalUrl(publicUrl ?? originOf(request), token) });
    });
  });
}
