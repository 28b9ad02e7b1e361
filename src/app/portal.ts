import { randomUUID } from 'node:crypto';
import type { IsoDate, IsoInstant } from '../core/dates.ts';
import { instantFromEpochMillis } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import type { LedgerEvent, verdicts } from '../core/ledger/events.ts';
import { parseEvent } from '../core/ledger/parse-event.ts';
import type { DeliverableView, RequestView } from '../core/ledger/read-model.ts';
import type { Locale } from '../core/ledger/wire.ts';
import type { StatementInvoice } from '../core/accounts/statement.ts';
import type { Money } from '../core/money.ts';
import { LedgerAppender } from '../store/ledger-store.ts';
import * as portal from '../store/portal-link-store.ts';
import { loadWorkspaceSettings } from '../store/views/view-store.ts';
import { workspaceToday } from './assess-workspace.ts';
import { clientStatement } from './client-statement.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';
import type { PortalAccess } from './portal-links.ts';

// What a client sees and does through their portal link (#6): what waits on them (requests,
// approvals, invoices) and their answers. Every view and answer goes into the ledger.

/** A view is recorded at most once per link in this long: a client reloading the page is one visit. */
export const portalViewEveryMs = 30 * 60 * 1000;

export type Verdict = (typeof verdicts)[number];
export type PortalInvoiceStatus = 'open' | 'overdue' | 'paid' | 'credited';

export interface PortalRequest {
  readonly requestId: string;
  readonly kind: RequestView['kind'];
  readonly subject: string;
  readonly sentAt: IsoInstant;
  readonly dueDate: IsoDate;
  readonly deliverable: PortalDeliverable | null;
}

/** What the client is asked to approve (#12): the post's text, network, planned day and a link to its media. */
export interface PortalDeliverable {
  readonly deliverableId: string;
  readonly title: string;
  readonly network: string | null;
  readonly caption: string | null;
  readonly plannedFor: IsoDate | null;
  readonly mediaUrl: string | null;
}

export interface PortalInvoice {
  readonly invoiceId: string;
  readonly number: string;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly total: Money;
  readonly outstanding: Money;
  readonly status: PortalInvoiceStatus;
}

export interface PortalOverview {
  readonly client: { readonly name: string; readonly locale: Locale };
  readonly workspace: { readonly name: string };
  /** Open requests other than the approvals below. */
  readonly requests: readonly PortalRequest[];
  /** Open approval requests about a deliverable: what "approve all" answers. */
  readonly approvals: readonly PortalRequest[];
  readonly invoices: readonly PortalInvoice[];
  /** Per currency: invoiced − credited − paid. */
  readonly balance: readonly Money[];
}

const isApproval = (request: RequestView): boolean => request.kind === 'approval' && request.deliverableId !== null;

/** Where an invoice stands for the client on the statement date. */
export function invoiceStatus(invoice: StatementInvoice, today: IsoDate): PortalInvoiceStatus {
  if (invoice.open.minor <= 0) return invoice.paid.minor === 0 && invoice.credited.minor > 0 ? 'credited' : 'paid';
  return invoice.dueDate < today ? 'overdue' : 'open';
}

/**
 * What waits on the client today, and records that they looked (`portal.viewed`, at most once
 * per link per `portalViewEveryMs`).
 */
export async function viewPortal(ctx: AppContext, access: PortalAccess): Promise<PortalOverview> {
  await recordView(ctx, access);
  const { workspaceId, clientId } = access;
  const today = await workspaceToday(ctx, workspaceId);
  const { name, locale, statement } = await clientStatement(ctx, workspaceId, clientId, today);
  const [open, deliverables, settings] = await Promise.all([
    portal.openRequestsOf(ctx.store.db, workspaceId, clientId),
    portal.deliverablesOf(ctx.store.db, workspaceId, clientId),
    loadWorkspaceSettings(ctx.store.db, workspaceId),
  ]);
  const byId = new Map(deliverables.map((d) => [d.deliverableId, d]));
  const present = (request: RequestView): PortalRequest => presentRequest(request, request.deliverableId === null ? undefined : byId.get(request.deliverableId));
  return {
    client: { name, locale },
    // Before the workspace is configured it has no name; its id is all there is to show.
    workspace: { name: settings?.name ?? workspaceId },
    requests: open.filter((r) => !isApproval(r)).map(present),
    approvals: open.filter(isApproval).map(present),
    invoices: statement.invoices.map((invoice) => ({
      invoiceId: invoice.invoiceId, number: invoice.number, issueDate: invoice.issueDate, dueDate: invoice.dueDate, total: invoice.total,
      outstanding: { minor: Math.max(0, invoice.open.minor), currency: invoice.open.currency },
      status: invoiceStatus(invoice, today),
    })),
    balance: statement.balances.map((b) => b.balance),
  };
}

function presentRequest(request: RequestView, deliverable: DeliverableView | undefined): PortalRequest {
  return {
    requestId: request.requestId, kind: request.kind, subject: request.subject, sentAt: request.sentAt, dueDate: request.dueDate,
    deliverable: deliverable ? {
      deliverableId: deliverable.deliverableId, title: deliverable.title, network: deliverable.network,
      caption: deliverable.caption, plannedFor: deliverable.plannedFor, mediaUrl: deliverable.mediaUrl,
    } : null,
  };
}

async function recordView(ctx: AppContext, access: PortalAccess): Promise<void> {
  const now = ctx.clock.now().epochMilliseconds;
  await ctx.store.db.transaction().execute(async (trx) => {
    // The link's row first, the ledger's head second; answers take only the head, so the two
    // never wait on each other in opposite orders.
    if (!(await portal.claimPortalView(trx, access.linkId, instantFromEpochMillis(now), instantFromEpochMillis(now - portalViewEveryMs)))) return;
    await appendAll(ctx, trx, access.workspaceId, [portalEvent(ctx, 'portal.viewed', { clientId: access.clientId, linkId: access.linkId })]);
  });
}

/** Records the client's answer to one of their open requests; an approval needs a verdict. */
export async function answerRequest(ctx: AppContext, access: PortalAccess, requestId: string,
  answer: { readonly verdict?: Verdict | undefined; readonly comment?: string | undefined }): Promise<string[]> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const appender = await openAppender(ctx, trx, access.workspaceId);
    // Read under the ledger's write lock: a second answer at the same moment finds this one.
    const request = await portal.findRequest(trx, access.workspaceId, requestId);
    // Another client's request is "not found", exactly like one that does not exist.
    if (!request || request.clientId !== access.clientId) throw new FirmlyError('request.not_found', `no request "${requestId}"`, { requestId });
    if (request.status === 'answered') {
      throw new FirmlyError('ledger.conflict', `"${request.subject}" was already answered on ${(request.answeredAt ?? '').slice(0, 10)}; nothing was changed`, { requestId, status: request.status });
    }
    if (request.status === 'withdrawn') {
      throw new FirmlyError('ledger.conflict', `"${request.subject}" was withdrawn and needs no answer any more`, { requestId, status: request.status });
    }
    if (request.kind === 'approval' && answer.verdict === undefined) {
      throw new FirmlyError('input.invalid', 'an approval needs a verdict: "approved" or "changes"', { field: 'verdict' });
    }
    const comment = answer.comment?.trim();
    await append(appender, [portalEvent(ctx, 'request.answered', {
      requestId, channel: 'portal',
      ...(answer.verdict ? { verdict: answer.verdict } : {}),
      ...(comment ? { comment } : {}),
    })]);
    await appender.close();
    return [requestId];
  });
}

/** Approves every open approval of the client in one transaction; none open answers none. */
export async function approveAll(ctx: AppContext, access: PortalAccess): Promise<string[]> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const appender = await openAppender(ctx, trx, access.workspaceId);
    const approvals = (await portal.openRequestsOf(trx, access.workspaceId, access.clientId)).filter(isApproval);
    if (approvals.length > 0) {
      await append(appender, approvals.map((r) => portalEvent(ctx, 'request.answered', { requestId: r.requestId, channel: 'portal', verdict: 'approved' })));
    }
    await appender.close();
    return approvals.map((r) => r.requestId);
  });
}

type Trx = Parameters<typeof LedgerAppender.open>[0];

const openAppender = (ctx: AppContext, trx: Trx, workspaceId: string) =>
  LedgerAppender.open(trx, { workspaceId, dialect: ctx.store.dialect, sha256: ctx.sha256, now: () => nowIso(ctx.clock) });

async function append(appender: LedgerAppender, events: readonly LedgerEvent[]): Promise<void> {
  const rejected = (await appender.append(events)).rejections[0];
  if (rejected) throw new FirmlyError('ledger.conflict', `the portal's answer cannot be recorded: ${rejected.reason}`);
}

async function appendAll(ctx: AppContext, trx: Trx, workspaceId: string, events: readonly LedgerEvent[]): Promise<void> {
  const appender = await openAppender(ctx, trx, workspaceId);
  await append(appender, events);
  await appender.close();
}

function portalEvent(ctx: AppContext, type: 'request.answered' | 'portal.viewed', data: Record<string, unknown>): LedgerEvent {
  const parsed = parseEvent({ id: `portal_${randomUUID()}`, type, at: nowIso(ctx.clock), data });
  // Only our own code builds these; a failure here is a bug, not the client's input.
  if (!parsed.ok) throw new FirmlyError('internal', `portal event ${type} is invalid: ${parsed.reason}`);
  return parsed.event;
}
