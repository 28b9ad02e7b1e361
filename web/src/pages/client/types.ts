import type { ContractAmendment, TermChanges } from '../../../../src/contract/client-status.ts';

export type { ContractAmendment, TermChanges };
// GET …/clients/:clientId/insights and …/portal-links (the #6 contract).

import type { Insights } from '../../../../src/contract/dashboard.ts';

export type { Insights };
export type InsightInvoice = Insights['invoices'][number];
export type InsightRequest = Insights['requests'][number];
export type InsightDeliverable = Insights['deliverables'][number];
export type InsightContract = Insights['contracts'][number];

export { timeKinds } from '../../../../src/contract/vocabulary.ts';
export type TimeKind = keyof Insights['economics']['minutesByKind'];

export type { NewPortalLink, PortalLink } from '../../../../src/contract/portal-links.ts';
