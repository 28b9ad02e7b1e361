import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { FirmlyError, type ErrorCode } from '../core/errors.ts';

// Errors leave as RFC 9457 problem documents. Record<ErrorCode, …> makes a new code
// without a status a compile error.
const statusOf: Record<ErrorCode, number> = {
  'input.invalid': 400,
  'money.invalid': 400,
  'money.out_of_range': 422,
  'money.currency_mismatch': 422,
  'date.invalid': 400,
  'workspace.not_found': 404,
  // Only a demo workspace can be deleted (#12): the user's own data is never one click away from gone.
  'workspace.not_demo': 409,
  'client.not_found': 404,
  'event.not_found': 404,
  'import.rejected': 422,
  'ledger.conflict': 409,
  'ledger.busy': 503,
  'database.unavailable': 503,
  'server.address_in_use': 500,
  'ledger.corrupt': 500,
  'action.already_done': 409,
  not_supported: 501,
  'law.rate_unknown': 422,
  'route.not_found': 404,
  'auth.required': 401,
  'auth.forbidden': 403,
  'outbox.not_found': 404,
  'template.not_found': 404,
  'request.not_found': 404,
  // Unknown, expired and revoked links look the same: nothing to learn by guessing.
  'portal.link_not_found': 404,
  'member.not_found': 404,
  'member.last_owner': 409,
  // As for portal links: unknown, expired and used links look the same.
  'invitation.not_found': 404,
  'password_reset.not_found': 404,
  // The mail server refused or could not be reached: a gateway's failure (RFC 9110 §15.6.3).
  'mail.not_sent': 502,
  internal: 500,
};

/**
 * Refusals only HTTP makes, with no FirmlyError behind them: the core never rate-limits.
 * (A candidate for core's closed list once the CLI or the portal needs the same code.)
 */
const httpOnlyStatus = { 'auth.rate_limited': 429, 'host.not_allowed': 421 } as const;
export type ProblemCode = ErrorCode | keyof typeof httpOnlyStatus;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ProblemCode;
  [extension: string]: unknown;
}

export function toProblem(err: FirmlyError, instance: string): Problem {
  return {
    ...err.details,
    type: `/problems/${err.code}`,
    title: err.code,
    status: statusOf[err.code],
    detail: err.message,
    instance,
    code: err.code,
  };
}

export function sendProblem(reply: FastifyReply, err: FirmlyError, instance: string): FastifyReply {
  const problem = toProblem(err, instance);
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/** 429 with Retry-After (RFC 9110 §10.2.3), in seconds. */
export function sendRateLimited(reply: FastifyReply, retryAfterSeconds: number, detail: string, instance: string): FastifyReply {
  const code = 'auth.rate_limited';
  const problem: Problem = { type: `/problems/${code}`, title: code, status: httpOnlyStatus[code], detail, instance, code, retryAfter: retryAfterSeconds };
  return reply.code(problem.status).header('retry-after', String(retryAfterSeconds)).type('application/problem+json').send(problem);
}

/**
 * 421 Misdirected Request (RFC 9110 §15.5.20) for a Host this server does not serve: the
 * answer a DNS-rebinding page gets, and an operator who forgot a name learns how to add it.
 */
export function sendHostNotAllowed(reply: FastifyReply, host: string, instance: string): FastifyReply {
  const code = 'host.not_allowed';
  const shown = host === '' ? '(none)' : JSON.stringify(host).slice(0, 300);
  const detail = `this server does not answer for the host ${shown}. If that is a name of this server, add it to ALLOWED_HOSTS `
    + '(comma-separated host names, *.example.com for its subdomains) or set PUBLIC_URL, and restart.';
  const problem: Problem = { type: `/problems/${code}`, title: code, status: httpOnlyStatus[code], detail, instance, code, host };
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/** Fastify's error handler: known errors as their problem, validation as 400, anything else as a bare 500. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const instance = request.url;
  if (error instanceof FirmlyError) return sendProblem(reply, error, instance);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({ where: `${error.validationContext ?? 'request'}${v.instancePath || ''}`, message: v.message ?? "invalid" }));
    const detail = issues.map((i) => `${i.where}: ${i.message}`).join('; ');
    return sendProblem(reply, new FirmlyError('input.invalid', detail, { issues }), instance);
  }
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    // Fastify's own client errors (malformed JSON, body too large, unsupported media type).
    return reply.code(status).type('application/problem+json').send({
      type: '/problems/input.invalid', title: 'input.invalid', status, detail: error.message, instance, code: 'input.invalid',
    });
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, new FirmlyError('internal', 'Something went wrong on our side; it has been logged.'), instance);
}
