import { MessageView, OutboxItemView } from '../../contract/outbox.ts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { nowIso } from '../../app/clock.ts';
import { markOutboxMessageSent, sendOutboxMessage } from '../../app/deliver-outbox.ts';
import type { MailSettings } from '../../app/mail-check.ts';
import {
  approveOutboxMessage, describeOutboxEntries, discardOutboxMessages, editOutboxMessage, listOutboxMessages, outboxStatuses,
  requireOutboxMessage, retryOutboxMessages, showOutboxMessage, type OutboxStatus,
} from '../../app/outbox-review.ts';
import { smtpTransport } from '../../app/outbox-smtp.ts';
import type { AppContext } from '../../app/context.ts';
import { FirmlyError } from '../../core/errors.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { requireRole, workspaceOf } from '../auth/guards.ts';
import { presentOutboxItem, presentPreview } from '../presenters/outbox-views.ts';
import { ProblemView } from './problem-schema.ts';
import { signedIn, signedInUnsafe, WorkspaceIdParam, WorkspaceParams } from './security.ts';

/** The server's mail settings (SMTP_URL, SMTP_FROM, IMAP_URL, IMAP_FOLDER), passed by the composition root in ServerDeps. */
export const mailOf = (deps: ServerDeps): MailSettings => deps.mail ?? {};

const MessageParams = z.object({ workspaceId: WorkspaceIdParam, messageId: z.string().min(1).max(300).describe('the action key (URL-encoded)') });

const StatusQuery = z.object({
  status: z.string().max(200).optional().describe(`only these statuses, comma-separated: ${outboxStatuses.join(', ')}`),
});

const EditBody = z.object({ subject: z.string().max(1000), text: z.string().max(100_000) });
const OneMessage = z.object({ message: OutboxItemView });

function parseStatuses(text: string | undefined): OutboxStatus[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const statuses = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = statuses.filter((s) => !(outboxStatuses as readonly string[]).includes(s));
  if (unknown.length > 0) {
    throw new FirmlyError('input.invalid', `status: no status ${unknown.map((s) => `"${s}"`).join(', ')}; there are ${outboxStatuses.join(', ')}`, { unknown });
  }
  return statuses as OutboxStatus[];
}

async function messageOf(ctx: AppContext, workspaceId: string, actionKey: string): Promise<{ message: z.infer<typeof OutboxItemView> }> {
  const { entry } = await showOutboxMessage(ctx, workspaceId, actionKey);
  const [listing] = await describeOutboxEntries(ctx, workspaceId, [entry]);
  if (!listing) throw new FirmlyError('internal', `no listing for ${actionKey}`);
  return { message: presentOutboxItem(listing) };
}

const unsafeErrors = { 400: ProblemView, 401: ProblemView, 403: ProblemView, 404: ProblemView, 409: ProblemView, 422: ProblemView, 501: ProblemView };

export function outboxRoutes(app: TypedServer, deps: ServerDeps): void {
  const { ctx } = deps;
  // A message that does not exist is 404 before its body is looked at, as for any other thing
  // named in a path (and so the same whatever a client sends).
  const messageExists = async (request: FastifyRequest): Promise<void> => {
    await requireOutboxMessage(ctx, workspaceOf(request), (request.params as { messageId: string }).messageId);
  };

  app.get('/api/workspaces/:workspaceId/outbox', {
    schema: {
      tags: ['outbox'],
      summary: 'The messages the sweep queued, with their state, oldest first',
      ...signedIn,
      params: WorkspaceParams,
      querystring: StatusQuery,
      response: { 200: z.object({ messages: z.array(OutboxItemView) }), 400: ProblemView, 401: ProblemView, 404: ProblemView },
    },
  }, async (request) => {
    const workspaceId = workspaceOf(request);
    const statuses = parseStatuses(request.query.status);
    const entries = await listOutboxMessages(ctx, workspaceId, statuses ? { statuses } : {});
    return { messages: (await describeOutboxEntries(ctx, workspaceId, entries)).map(presentOutboxItem) };
  });

  app.get('/api/workspaces/:workspaceId/outbox/:messageId', {
    schema: {
      tags: ['outbox'],
      summary: 'One message with its letter, in the client\'s language, as it would go now',
      ...signedIn,
      params: MessageParams,
      response: { 200: MessageView, 401: ProblemView, 404: ProblemView, 422: ProblemView },
    },
  }, async (request) => {
    const workspaceId = workspaceOf(request);
    const { entry, letter } = await showOutboxMessage(ctx, workspaceId, request.params.messageId);
    const [listing] = await describeOutboxEntries(ctx, workspaceId, [entry], { render: false });
    if (!listing) throw new FirmlyError('internal', `no listing for ${entry.actionKey}`);
    return { message: presentOutboxItem({ ...listing, subject: listing.subject ?? letter?.subject ?? null }), preview: presentPreview(letter) };
  });

  app.put('/api/workspaces/:workspaceId/outbox/:messageId', {
    onRequest: requireRole('member'),
    preValidation: messageExists,
    schema: {
      tags: ['outbox'],
      summary: 'Replaces the letter with a person\'s own subject and text; it then needs approval again',
      description: 'Needs the member role.',
      ...signedInUnsafe,
      params: MessageParams,
      body: EditBody,
      response: { 200: OneMessage, ...unsafeErrors },
    },
  }, async (request) => {
    const workspaceId = workspaceOf(request);
    const entry = await editOutboxMessage(ctx, workspaceId, request.params.messageId, { subject: request.body.subject, body: request.body.text });
    return messageOf(ctx, workspaceId, entry.actionKey);
  });

  /** POST …/outbox/:messageId/{action}: member only, the message must exist, answers with it as it now is. */
  const messageAction = (action: string, summary: string, description: string, act: (workspaceId: string, messageId: string) => Promise<void>) =>
    app.post(`/api/workspaces/:workspaceId/outbox/:messageId/${action}`, {
      onRequest: requireRole('member'),
      preValidation: messageExists,
      schema: {
        tags: ['outbox'], summary, description: `Needs the member role. ${description}`,
        ...signedInUnsafe,
        params: MessageParams,
        body: z.unknown().optional(),
        response: { 200: OneMessage, ...unsafeErrors },
      },
    }, async (request) => {
      const workspaceId = workspaceOf(request);
      await act(workspaceId, request.params.messageId);
      return messageOf(ctx, workspaceId, request.params.messageId);
    });

  messageAction('approve',
    'Approves a queued message: its letter is fixed as of today and sent by the next send; a step for you is acknowledged',
    '409 when it failed (retry it) or was discarded; 422 (or 400) when its letter cannot be written, saying why.',
    async (workspaceId, messageId) => void (await approveOutboxMessage(ctx, workspaceId, messageId)));

  messageAction('send',
    'Sends the message now over SMTP (a queued one is approved first); answers with the resulting state',
    'A failure to deliver is not an error of the request: the message comes back `failed` with `lastError`. One whose action '
      + 'is no longer due (the invoice was paid since approval) comes back `discarded`, `lastError` saying why. 501 when the '
      + 'server has no SMTP_URL.',
    async (workspaceId, messageId) => {
      const { smtp } = mailOf(deps);
      if (!smtp) throw new FirmlyError('not_supported', 'sending needs SMTP_URL and SMTP_FROM in the server\'s environment');
      const transport = smtpTransport(smtp);
      try {
        await sendOutboxMessage(ctx, workspaceId, messageId, transport, nowIso(ctx.clock));
      } finally {
        transport.close();
      }
    });

  messageAction('retry',
    'Sends a failed message again with the next send, with a fresh count of tries',
    '409 when the message has not failed.',
    async (workspaceId, messageId) => {
      const [change] = await retryOutboxMessages(ctx, workspaceId, [messageId]);
      if (change && !change.changed) throw new FirmlyError('action.already_done', `"${change.actionKey}" is ${change.status}, not failed: there is nothing to retry`, { status: change.status });
    });

  messageAction('mark-sent',
    'Records a failed message as sent without mailing it: for one held because it may have arrived, once a person found it did',
    '409 when the message is not failed, or was never handed to the server.',
    async (workspaceId, messageId) => void (await markOutboxMessageSent(ctx, workspaceId, messageId)));

  messageAction('discard',
    'Decides a queued, approved or failed message is not to be sent; its action counts as handled',
    '409 when the message is sent, being sent, or otherwise past discarding.',
    async (workspaceId, messageId) => {
      const [change] = await discardOutboxMessages(ctx, workspaceId, [messageId]);
      if (change && !change.changed && change.status !== 'discarded') {
        throw new FirmlyError('action.already_done', `"${change.actionKey}" is ${change.status}: it can no longer be discarded`, { status: change.status });
      }
    });
}
