import type { FastifyInstance } from 'fastify';
import { FirmlyError } from '../core/errors.ts';
import { describeTextIssue, findTextIssue } from '../core/text.ts';

// Every JSON body, query and path parameter is well-formed text before any route sees it
// (issue 19, F1): a lone surrogate or a NUL reached PostgreSQL as a 500 ("invalid byte
// sequence"), while SQLite stored it; templates, outbox edits, settings and users are not
// events and never pass parseEvent. One hook, so that both databases give the same 400.
// preValidation runs after the body is parsed and before the route's schema, so the problem
// names the field as the client wrote it.

const parts = [['body', 'body'], ['query', 'query'], ['params', 'params']] as const;

/** Refuses, with a 400 naming the field, a request whose body, query or path holds text that is not well-formed. */
export function refuseIllFormedText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, where] of parts) {
      const issue = findTextIssue(request[part]);
      if (!issue) continue;
      const detail = describeTextIssue(issue, where);
      // The detail names the character by code point, never echoes the bad text itself.
      throw new FirmlyError('input.invalid', detail, { issues: [{ where: [where, ...issue.path].join('.'), message: issue.reason }] });
    }
  });
}
