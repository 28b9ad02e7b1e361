import { wireMoneyOf } from '../../contract/money.ts';
import { OffboardingApiView } from '../../contract/offboarding.ts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  completeOffboarding, getOffboarding, handOverAccess, queueTerminationLetter, skipOffboardingStep, startOffboarding, withdrawOpenRequests,
  type OffboardingView,
} from '../../app/offboarding.ts';
import { getClient } from '../../app/read-clients.ts';
import { offboardingReasons, skippableOffboardingSteps } from '../../core/ledger/events.ts';
import type { Phrase, PhraseValue } from '../../core/offboarding/checklist.ts';
import type { PhraseValueWire, PhraseWire } from '../../contract/phrase.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { requireRole, workspaceOf } from '../auth/guards.ts';
import { ProblemView } from './problem-schema.ts';
import { ClientParams, signedIn, signedInUnsafe } from './security.ts';

// Offboarding (#7): the checklist of letting a client go, and its steps. Every step records
// ledger facts through src/app/offboarding.ts; the checklist is computed from them.

const presentOffboarding = (view: OffboardingView): z.infer<typeof OffboardingApiView> => ({
  clientId: view.clientId, started: view.started, reason: view.reason, note: view.note, startedAt: view.startedAt,
  steps: view.steps.map((s) => ({ id: s.id, status: s.status, detail: s.detail, message: presentPhrase(s.message), skipReason: s.skipReason })),
  owed: view.owed.map(wireMoneyOf),
  handoverAllowed: view.handoverAllowed, override: view.override, ready: view.ready, complete: view.complete, offboardedAt: view.offboardedAt,
  terminationLetter: view.terminationLetter,
});

const presentValue = (value: PhraseValue): PhraseValueWire => (typeof value === 'object' && 'money' in value
  ? { money: value.money.map(wireMoneyOf) }
  : typeof value === 'object' && 'list' in value ? { list: [...value.list] } : value);

function presentPhrase(phrase: Phrase): PhraseWire {
  return { key: phrase.key, values: Object.fromEntries(Object.entries(phrase.values).map(([name, value]) => [name, presentValue(value)])) };
}

const StartBody = z.strictObject({
  reason: z.enum(offboardingReasons).describe('the archetype reason of the termination letter, or "other" with the reason in `note`'),
  note: z.string().max(2000).optional().describe('free text; for "other" the reason itself, written to follow "…, as"'),
});
const HandoverBody = z.strictObject({
  network: z.string().min(1).max(50),
  account: z.string().min(1).max(200),
  confirmedBy: z.string().max(200).optional().describe('who at the client confirmed they have full access'),
  override: z.strictObject({ reason: z.string().trim().min(1).max(2000) }).optional()
    .describe('hand over although the client owes money overdue; the reason is recorded (access.handoverApproved)'),
});
const SkipBody = z.strictObject({
  step: z.enum(skippableOffboardingSteps),
  reason: z.string().trim().min(1).max(2000),
});
const NoBody = z.unknown().optional();

const readErrors = { 401: ProblemView, 404: ProblemView };
const unsafeErrors = { 400: ProblemView, 401: ProblemView, 403: ProblemView, 404: ProblemView, 409: ProblemView, 422: ProblemView };
const changeDescription = 'Needs the member role. 409 ledger.conflict (with `refusal`) when offboarding has not started; action.already_done once the client is offboarded.';

export function offboardingRoutes(app: TypedServer, deps: ServerDeps): void {
  const { ctx } = deps;
  const base = '/api/workspaces/:workspaceId/clients/:clientId/offboarding';
  // A client that does not exist is 404 before the body is looked at, as for any other thing named in a path.
  const clientExists = async (request: FastifyRequest): Promise<void> => {
    await getClient(ctx, workspaceOf(request), (request.params as { clientId: string }).clientId);
  };
  const params = (request: FastifyRequest<{ Params: z.infer<typeof ClientParams> }>) => ({ workspaceId: workspaceOf(request), clientId: request.params.clientId });

  app.get(base, {
    schema: {
      tags: ['offboarding'],
      summary: 'The offboarding checklist of a client: each step done, pending or blocked, with why',
      ...signedIn,
      params: ClientParams,
      response: { 200: OffboardingApiView, ...readErrors },
    },
  }, async (request) => {
    const { workspaceId, clientId } = params(request);
    return presentOffboarding(await getOffboarding(ctx, workspaceId, clientId));
  });

  app.post(`${base}/start`, {
    onRequest: requireRole('member'),
    preValidation: clientExists,
    schema: {
      tags: ['offboarding'],
      summary: 'Starts offboarding with a reason (offboarding.started); the client\'s stage becomes offboarding',
      description: 'Needs the member role. 409 action.already_done when offboarding started already or the client is offboarded.',
      ...signedInUnsafe,
      params: ClientParams,
      body: StartBody,
      response: { 200: OffboardingApiView, ...unsafeErrors },
    },
  }, async (request) => {
    const { workspaceId, clientId } = params(request);
    return presentOffboarding(await startOffboarding(ctx, workspaceId, clientId, request.body));
  });

  app.post(`${base}/handover`, {
    onRequest: requireRole('member'),
    preValidation: clientExists,
    schema: {
      tags: ['offboarding'],
      summary: 'Records that the client has full access to one account we managed (access.handedOver)',
      description: `${changeDescription} Refused with 409 ledger.conflict (refusal "offboarding.client_owes", with \`owed\`) while the client owes `
        + 'money overdue, unless `override.reason` is given: then the override is recorded (access.handoverApproved) and holds for the client\'s '
        + 'other accounts too. An account handed over already records nothing (handedOver false). 400 for an account not on record.',
      ...signedInUnsafe,
      params: ClientParams,
      body: HandoverBody,
      response: { 200: z.object({ handedOver: z.boolean(), overridden: z.boolean(), offboarding: OffboardingApiView }), ...unsafeErrors },
    },
  }, async (request) => {
    const { workspaceId, clientId } = params(request);
    const by = request.auth?.session.user.email;
    const outcome = await handOverAccess(ctx, workspaceId, clientId, { ...request.body, ...(by ? { by } : {}) });
    return { handedOver: outcome.handedOver, overridden: outcome.overridden, offboarding: presentOffboarding(outcome.offboarding) };
  });

  app.post(`${base}/withdraw-requests`, {
    onRequest: requireRole('member'),
    preValidation: clientExists,
    schema: {
      tags: ['offboarding'],
      summary: 'Withdraws every open request of the client, with the reason "offboarding"',
      description: changeDescription,
      ...signedInUnsafe,
      params: ClientParams,
      body: NoBody,
      response: { 200: z.object({ withdrawn: z.array(z.string()).describe('the request ids withdrawn now'), offboarding: OffboardingApiView }), ...unsafeErrors },
    },
  }, async (request) => {
    const { workspaceId, clientId } = params(request);
    const { withdrawn, offboarding } = await withdrawOpenRequests(ctx, workspaceId, clientId);
    return { withdrawn, offboarding: presentOffboarding(offboarding) };
  });

  app.post(`${base}/termination-letter`, {
    onRequest: requireRole('member'),
    preValidation: clientExists,
    schema: {
      tags: ['offboarding'],
      summary: 'Queues the termination letter in the outbox, in the client\'s language; it is reviewed, edited and sent there',
      description: `${changeDescription} The letter's outbox key is {clientId}/offboarding/termination; a second call queues nothing (queued false).`,
      ...signedInUnsafe,
      params: ClientParams,
      body: NoBody,
      response: {
        200: z.object({
          actionKey: z.string().describe('the outbox message key (URL-encode it in /outbox/… paths)'),
          queued: z.boolean().describe('false when it was in the outbox already'),
          status: z.string().describe('its outbox status'),
          offboarding: OffboardingApiView,
        }),
        ...unsafeErrors,
      },
    },
  }, async (request) => {
    const { workspaceId, clientId } = params(request);
    const outcome = await queueTerminationLetter(ctx, workspaceId, clientId);
    return { actionKey: outcome.actionKey, queued: outcome.queued, status: outcome.status, offboarding: presentOffboarding(outcome.offboarding) };
  });

  app.post(`${base}/skip`, {
    onRequest: requireRole('member'),
    preValidation: clientExists,
    schema: {
      tags: ['offboarding'],
      summary: 'Skips a step of the checklist with a reason (offboarding.stepSkipped); it then counts as done',
      description: changeDescription,
      ...signedInUnsafe,
      params: ClientParams,
      body: SkipBody,
      response: { 200: OffboardingApiView, ...unsafeErrors },
    },
  }, async (request) => {
    const { workspaceId, clientId } = params(request);
    return presentOffboarding(await skipOffboardingStep(ctx, workspaceId, clientId, request.body));
  });

  app.post(`${base}/complete`, {
    onRequest: requireRole('member'),
    preValidation: clientExists,
    schema: {
      tags: ['offboarding'],
      summary: 'Ends the open contracts (contract.ended, today) and offboards the client (client.offboarded); stage former',
      description: `${changeDescription} Refused with 409 ledger.conflict (refusal "offboarding.unfinished", with \`steps\`) until every step is done or skipped.`,
      ...signedInUnsafe,
      params: ClientParams,
      body: NoBody,
      response: { 200: z.object({ contractsEnded: z.array(z.string()), offboarding: OffboardingApiView }), ...unsafeErrors },
    },
  }, async (request) => {
    const { workspaceId, clientId } = params(request);
    const { contractsEnded, offboarding } = await completeOffboarding(ctx, workspaceId, clientId);
    return { contractsEnded, offboarding: presentOffboarding(offboarding) };
  });
}
