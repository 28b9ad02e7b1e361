import type { z } from 'zod';
import type { ClientInsights } from '../../core/insights/client-insights.ts';
import type { ClientOverview } from '../../core/insights/client-overview.ts';
import type { Dashboard } from '../../app/dashboard.ts';
import type { Recorded } from '../../app/record-event.ts';
import type { ClientInsightsView, DashboardClientView, DashboardView, RecordedEventView } from '../../contract/dashboard.ts';
import { wireMoneyOf as money, wireMoneyOrNull as moneyOrNull } from '../../contract/money.ts';
import { presentEvent } from './views.ts';

// The presenters of the dashboard, the client insights and recording an event: into the
// shapes of src/contract/dashboard.ts.

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
    answerDueIfAskedToday: i.answerDueIfAskedToday,
  };
}

export const presentRecorded = (r: Recorded): z.input<typeof RecordedEventView> => ({ event: presentEvent(r.event) });
