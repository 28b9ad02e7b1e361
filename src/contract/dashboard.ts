import { z } from 'zod';
import { actionKinds } from '../core/assess/plan.ts';
import { stages } from '../core/assess/stage.ts';
import { outboxStatuses } from '../core/outbox-statuses.ts';
import { ContractAmendmentApiView, HoldView } from './client-status.ts';
import { EventView } from './clients.ts';
import { MoneyView } from './money.ts';

// The dashboard, a client's insights and recording an event: money as decimal strings, dates
// as YYYY-MM-DD, instants as ISO-8601 UTC.

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
  answerDueIfAskedToday: z.string().nullable().describe('when a request sent on `at` falls due: the contract\'s feedback days in the client\'s business days (its public holidays too); null without a contract'),
}).meta({ id: 'ClientInsights' });

export const RecordedEventView = z.object({ event: EventView }).meta({ id: 'RecordedEvent' });


export type DashboardData = z.output<typeof DashboardView>;
export type DashboardClient = z.output<typeof DashboardClientView>;
export type DashboardAction = z.output<typeof DashboardActionView>;
export type UnassessableClient = z.output<typeof UnassessableView>;
export type Insights = z.output<typeof ClientInsightsView>;
