import { wireMoneyOf as money } from '../../contract/money.ts';
import { AnswerBody, Answered, PortalView } from '../../contract/portal.ts';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { answerRequest, approveAll, viewPortal, type PortalRequest } from '../../app/portal.ts';
import { openPortal, type PortalAccess } from '../../app/portal-links.ts';
import type { AppContext } from '../../app/context.ts';
import { countAttempt } from '../../app/rate-limits.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { handleError, sendRateLimited } from '../problem.ts';
import { ProblemView } from './problem-schema.ts';
import { portalRoute } from './security.ts';

// The client portal (#6): public routes a client reaches with the token of their link in
// X-Portal-Token. No cookie is involved, so there is nothing for another site to forge (no
// CSRF token); the token is a header, so it needs the logger's redact list, not the URL.

export const portalTokenHeader = 'x-portal-token';

/** Requests per client address and minute on the portal. */
export const portalRateLimit = { max: 60, timeWindowMs: 60_000 } as const;

/** Thrown by @fastify/rate-limit (its errorResponseBuilder) and answered as a problem by the scope's error handler. */
class RateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('rate limited');
  }
}

/**
 * @fastify/rate-limit's store interface over the counted attempts in the database
 * (src/app/rate-limits.ts, the home of sign-in's limit too): every instance over the database
 * shares the count and a restart keeps it. The plugin still answers (429, the X-RateLimit-*
 * headers, Retry-After): only where it counts moved. `name` keeps the limits' counts apart.
 */
function countedAttemptStore(ctx: AppContext, name: string) {
  return class CountedAttemptStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number, max: number): void {
      countAttempt(ctx, [{ key: `${name}:${key}`, max, windowMs: timeWindow }]).then(
        (outcome) => callback(null, outcome.kind === 'counted' ? { current: outcome.used, ttl: outcome.resetMs } : { current: max + 1, ttl: outcome.retryAfterMs }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    /** One count per scope: a route's own `config.rateLimit` (which would call this) is not used. */
    child(): this {
      return this;
    }
  };
}

/**
 * Registers `routes` in a scope of their own, limited to `max` requests per `timeWindowMs` per
 * key (the client's address unless `keyGenerator` says otherwise), answering 429 as a problem
 * with Retry-After. The count is kept in the database, under `name`.
 */
export function rateLimitedScope(app: TypedServer, ctx: AppContext, limit: {
  readonly name: string; readonly max: number; readonly timeWindowMs: number; readonly what: string;
  readonly keyGenerator?: (request: FastifyRequest) => string;
}, routes: (scope: TypedServer) => void): PromiseLike<unknown> {
  // Awaited by the callers: a register left pending while buildServer awaits a later one
  // kept the server from ever becoming ready.
  return app.register(async (scope: TypedServer) => {
    await scope.register(rateLimit, {
      max: limit.max,
      timeWindow: limit.timeWindowMs,
      store: countedAttemptStore(ctx, limit.name),
      ...(limit.keyGenerator ? { keyGenerator: limit.keyGenerator } : {}),
      errorResponseBuilder: (_request, context) => new RateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
    });
    scope.setErrorHandler((error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => error instanceof RateLimited
      ? sendRateLimited(reply, error.retryAfterSeconds, `too many ${limit.what}; try again in ${error.retryAfterSeconds} s`, request.url)
      : handleError(error, request, reply));
    routes(scope);
  });
}

const security = portalRoute;

const presentRequest = (r: PortalRequest) => ({ ...r });

const errors = { 400: ProblemView, 404: ProblemView, 429: ProblemView };

function tokenOf(request: FastifyRequest): string | undefined {
  const value = request.headers[portalTokenHeader];
  return Array.isArray(value) ? value[0] : value;
}

export async function portalRoutes(app: TypedServer, { ctx }: ServerDeps): Promise<void> {
  const access = (request: FastifyRequest): Promise<PortalAccess> => openPortal(ctx, tokenOf(request));
  const limits = { ...portalRateLimit, name: 'portal', what: 'portal requests from this address' };
  await rateLimitedScope(app, ctx, limits, (scope) => {
    scope.get('/api/portal', {
      config: { access: 'public' },
      schema: {
        tags: ['portal'],
        summary: 'The client portal: what waits on the client (requests, approvals, invoices) and their balance',
        description: `Authenticated by the link's token in X-Portal-Token; an unknown, expired or revoked one is 404 portal.link_not_found. Records a portal.viewed event (at most once per link per 30 minutes). At most ${portalRateLimit.max} portal requests per address and minute (429 with Retry-After).`,
        ...security,
        response: { 200: PortalView, ...errors },
      },
    }, async (request) => {
      const overview = await viewPortal(ctx, await access(request));
      return {
        ...overview,
        requests: overview.requests.map(presentRequest),
        approvals: overview.approvals.map(presentRequest),
        invoices: overview.invoices.map((i) => ({ ...i, total: money(i.total), outstanding: money(i.outstanding) })),
        balance: overview.balance.map(money),
      };
    });

    scope.post('/api/portal/requests/:requestId/answer', {
      config: { access: 'public' },
      schema: {
        tags: ['portal'],
        summary: 'The client answers one of their open requests (request.answered, channel portal)',
        description: 'An approval needs a verdict. A request of another client is 404 request.not_found; one already answered or withdrawn is 409 ledger.conflict.',
        ...security,
        params: z.object({ requestId: z.string().min(1).max(200) }),
        body: AnswerBody,
        response: { 200: Answered, ...errors, 409: ProblemView },
      },
    }, async (request) => {
      const body = request.body ?? {};
      return { answered: await answerRequest(ctx, await access(request), request.params.requestId, { verdict: body.verdict, comment: body.comment }) };
    });

    scope.post('/api/portal/approvals/approve-all', {
      config: { access: 'public' },
      schema: {
        tags: ['portal'],
        summary: 'The client approves every open approval at once (one request.answered each, in one transaction)',
        ...security,
        response: { 200: Answered, ...errors },
      },
    }, async (request) => ({ answered: await approveAll(ctx, await access(request)) }));
  });
}
