import { z } from 'zod';
import { actionKinds } from '../../core/assess/plan.ts';
import { stages } from '../../core/assess/stage.ts';
import { formatDecimal, type Money } from '../../core/money.ts';
import type { ClientInsights } from '../../core/insights/client-insights.ts';
import type { ClientOverview } from '../../core/insights/client-overview.ts';
import { outboxStatuses } from '../../app/outbox-review.ts';
import type { Dashboard } from '../../app/dashboard.ts';
import type { Recorded } from '../../app/record-event.ts';
import { ContractAmendmentApiView, HoldView } from '../../contract/client-status.ts';
import { EventView, MoneyView, presentEvent } from './views.ts';

// Response schemas and presenters of the dashboard, the client insights and recording an
// event (contract "dashboard and client insights"): money as decimal strings, dates as
// YYYY-MM-DD, instants as ISO-8601 UTC.

const money = (m: Money) => ({ amount: formatDecimal(m), currency: m.currency as string });
const moneyOrNull = (m: Money | null) => (m === null ? null : money(m));

const Score = z.object({ flagged: z.boolean(), score: z.number().int().min(0).max(100) });

export const DashboardClientView = z.object({
  clientId: z.string(), name: z.string(), stage: z.enum(stages), offboarded: z.boolean(),
  archived: z.boolean().describe('archived clients are listed only with ?archived=include'),
  hold: HoldView.nullable(),
  archetypes: z.object({ unresponsive: Score, controlling: Score, latePayer: Score }),
  overdue: z.array(MoneyView).describe('still to pay on invoices past due, per currency; only non-zero'),
  waitingBusinessDays: z.number().int().min(0).describe('business days the longest-open request has waited on the client; 0 if none'),
  openRequests: z.number().int().min(0),
  effectiveHourlyRate: MoneyView.nullable(),
  worthIt: z.boolean().nullable(),
}).meta({ id: 'DashboardClient' });

export const DashboardActionView = z.object({
  key: z.string(), kind: z.enum(actionKinds), due: z.string(), clientId: z.string(), clientName: z.string(), template: z.string(),
  outbox: z.object({ id: z.string().describe('the outbox message id (GET /outbox/{messageId})'), status: z.enum(outboxStatuses) }).nullable()
    .describe('the queued message carrying the action out; null until the sweep queues it'),
}).meta({ id: 'DashboardAction' });

/** `{clientId, name, error: {code, message}}`: the dashboard's and the assessment's (and `assess --json`'s) shape. */
export const UnassessableView = z.object({
  clientId: z.string(), name: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }),
}).describe('a client whose history cannot be replayed or assessed, and why; the other clients are assessed as usual').meta({ id: 'UnassessableClient' });

export const DashboardView = z.object({
  at: z.string(),
  workspace: z.object({
    id: z.string(),
    // Null only before the workspace is configured (workspace.configured).
    name: z.string().nullable(), currency: z.string().nullable(), locale: z.string().nullable(), timezone: z.string(),
    jurisdiction: z.string().nullable(), targetHourlyRate: MoneyView.nullable(),
  }),
  clients: z.array(DashboardClientView),
  actions: z.array(DashboardActionView),
  unassessable: z.array(UnassessableView).describe('by name; they are in neither `clients` nor `actions`'),
}).meta({ id: 'Dashboard' });

const presentClient = (c: ClientOverview): z.input<typeof DashboardClientView> => ({
  clientId: c.clientId, name: c.name, stage: c.stage, offboarded: c.offboarded, archived: c.archived, hold: c.hold, archetypes: c.archetypes,
  overdue: c.overdue.map(money), waitingBusinessDays: c.waitingBusinessDays, openRequests: c.openRequests,
  effectiveHourlyRate: moneyOrNull(c.effectiveHourlyRate), worthIt: c.worthIt,
});

export function presentDashboard(d: Dashboard): z.input<typeof DashboardView> {
  const w = d.workspace;
  return {
    at: d.at,
    workspace: {
      id: d.workspaceId, name: w?.name ?? null, currency: w?.currency ?? null, locale: w?.locale ?? null, timezone: d.timeZone,
      jurisdiction: w?.jurisdiction ?? null, targetHourlyRate: w ? money({ minor: w.targetRateMinor, currency: w.targetRateCurrency }) : null,
    },
    clients: d.clients.map(presentClient),
    actions: d.actions.map((a) => ({ key: a.key, kind: a.kind, due: a.due, clientId: a.clientId, clientName: a.clientName, template: a.template, outbox: a.outbox })),
    unassessable: d.unassessable.map((f) => ({ clientId: f.clientId, name: f.name, error: { code: f.error.code, message: f.error.message } })),
  };
}

const Trend = z.object({ slope: z.number(), intercept: z.number() });
const MinutesByKind = z.object({ work: z.number().int(), chasing: z.number().int(), approvals: z.number().int(), admin: z.number().int() });

export const ClientInsightsView = z.object({
  clientId: z.string(), name: z.string(), locale: z.string(), at: z.string(),
  invoices: z.array(z.object({
    invoiceId: z.string(), number: z.string(), issueDate: z.string(), dueDate: z.string(), total: MoneyView,
    paidDate: z.string().nullable(),
    daysLate: z.number().int().nullable().describe('days from due date to payment (negative: early); unpaid and overdue: to `at`; null while unpaid and not due'),
    open: z.boolean(),
  })),
  daysLateTrend: Trend.nullable().describe('least squares of daysLate over the invoice index (x = 0, 1, 2 … in due-date order, as in `invoices`); null with fewer than 2 points'),
  requests: z.array(z.object({
    requestId: z.string(), kind: z.string(), subject: z.string(), sentAt: z.string(), dueDate: z.string(),
    answeredAt: z.string().nullable(), channel: z.string().nullable(), verdict: z.string().nullable(),
    responseBusinessDays: z.number().int().nullable(), waitingBusinessDays: z.number().int().nullable(), deliverableId: z.string().nullable(),
  })),
  deliverables: z.array(z.object({
    deliverableId: z.string(), title: z.string(), network: z.string().nullable(), rounds: z.number().int(), clientRounds: z.number().int(), published: z.boolean(),
  })),
  economics: z.object({
    window: z.object({ from: z.string(), to: z.string() }).describe('the days the figures below cover: the assessment\'s economics window'),
    minutesByKind: MinutesByKind, invoiced: z.array(MoneyView), paid: z.array(MoneyView),
    effectiveHourlyRate: MoneyView.nullable(), targetHourlyRate: MoneyView.nullable(), worthIt: z.boolean().nullable(),
  }),
  contracts: z.array(z.object({
    contractId: z.string(), startDate: z.string(), endDate: z.string().nullable(), networks: z.array(z.string()),
    fee: MoneyView.extend({ cycle: z.string() }),
    paymentTerms: z.union([z.object({ dueDayOfMonth: z.number().int() }), z.object({ netDays: z.number().int() })]),
    feedbackDays: z.number().int(),
    approval: z.object({ mode: z.string(), windowDays: z.number().int().nullable(), deemedApproval: z.boolean() }),
    stopWorkAfterDays: z.number().int(),
    lateInterest: z.union([z.enum(['statutory', 'none']), z.object({ ratePct: z.string() })]),
    reminderFees: z.boolean(),
    amendments: z.array(ContractAmendmentApiView).describe('every amendment in the order they apply, also those effective after `at`; the terms above are those in force on `at`'),
  })),
  access: z.array(z.object({ network: z.string(), account: z.string(), level: z.string(), status: z.enum(['granted', 'revoked', 'handedOver']) })),
  workPaused: z.boolean(),
}).meta({ id: 'ClientInsights' });

export function presentClientInsights(i: ClientInsights): z.input<typeof ClientInsightsView> {
  return {
    clientId: i.clientId, name: i.name, locale: i.locale, at: i.at,
    invoices: i.invoices.map((line) => ({ ...line, total: money(line.total) })),
    daysLateTrend: i.daysLateTrend,
    requests: i.requests.map((r) => ({ ...r })),
    deliverables: i.deliverables.map((d) => ({ ...d })),
    economics: {
      window: i.economics.window, minutesByKind: i.economics.minutesByKind,
      invoiced: i.economics.invoiced.map(money), paid: i.economics.paid.map(money),
      effectiveHourlyRate: moneyOrNull(i.economics.effectiveHourlyRate), targetHourlyRate: moneyOrNull(i.economics.targetHourlyRate),
      worthIt: i.economics.worthIt,
    },
    contracts: i.contracts.map((c) => ({
      ...c, networks: [...c.networks], fee: { ...money(c.fee), cycle: c.fee.cycle },
      amendments: c.amendments.map((a) => {
        const { fee, networks, ...changes } = a.changes;
        return {
          effectiveDate: a.effectiveDate, note: a.note,
          changes: { ...changes, ...(networks ? { networks: [...networks] } : {}), ...(fee ? { fee: { ...money(fee), cycle: fee.cycle } } : {}) },
        };
      }),
    })),
    access: i.access.map((a) => ({ ...a })),
    workPaused: i.workPaused,
  };
}

export const RecordedEventView = z.object({ event: EventView }).meta({ id: 'RecordedEvent' });

export const presentRecorded = (r: Recorded): z.input<typeof RecordedEventView> => ({ event: presentEvent(r.event) });
