import { contractDefaults } from '../core/ledger/contract-defaults.ts';
import { clientSlug } from '../core/ledger/client-slug.ts';
import { canonicalJson } from '../core/canonical-json.ts';
import { businessCalendar } from '../core/calendar/business-days.ts';
import { amountToMoney, parseAmount } from '../core/csv/parse-amount.ts';
import { checkDate, type IsoDate } from '../core/dates.ts';
import { FirmlyError } from '../core/errors.ts';
import { amendmentsOf, contractTermsOn } from '../core/ledger/contract-terms.ts';
import type { EventData, holdReasons, requestKinds } from '../core/ledger/events.ts';
import type { ClientDetail, ClientSummary, ClientView, ContactView, ContractAmendmentView, ContractView } from '../core/ledger/read-model.ts';
import { formatDecimal, isCurrencyCode } from '../core/money.ts';
import * as queries from '../store/views/client-queries.ts';
import { workspaceToday } from './assess-workspace.ts';
import type { AppContext } from './context.ts';
import { getClient } from './read-clients.ts';
import { recordEvent, type Recorded } from './record-event.ts';
import { readWorkspaceSettings } from './workspace-settings.ts';
import { requireWorkspace } from './workspace.ts';

// Clients, their contracts and requests as a person enters them (#12 items 2–4), for the CLI
// now and the HTTP routes later: each use case reads what it needs (the client as it stands,
// the terms in force, a free id), then records one event through `recordEvent`, so it is
// checked exactly as an imported line. The fields are passed on as the person gave them; the
// ledger's schema is what validates them. A refusal names the field in `details.field`.

export { contractDefaults };

const invalid = (field: string, message: string, details: Record<string, unknown> = {}) =>
  new FirmlyError('input.invalid', message, { ...details, field });

/** Drops the fields that are undefined, so the event names only what was given. */
const given = <T extends Record<string, unknown>>(data: T): T =>
  Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as T;

/** The first of `nth(from)`, `nth(from + 1)`, … that no client, contract or request of the workspace has as its id. */
async function freeId(ctx: AppContext, workspaceId: string, kind: 'client' | 'contract' | 'request', base: string, nth: (n: number) => string, from: number): Promise<string> {
  const taken = await queries.idsStartingWith(ctx.store.db, workspaceId, kind, base);
  for (let n = from; ; n++) {
    const id = nth(n);
    if (!taken.has(id)) return id;
  }
}

// ── Clients ──────────────────────────────────────────────────────────────────────────────

export { clientSlug };

export interface ContactInput {
  readonly name: string;
  readonly email: string;
}

/** A new client as the person typed it; `client.added` checks every field. */
export interface NewClient {
  readonly name: string;
  /** The id; made from the name when absent (`clientSlug`, with -2, -3 … if taken). */
  readonly id?: string | undefined;
  /** Language of the letters; the workspace's (else English) when absent. */
  readonly locale?: string | undefined;
  /** Absent: the workspace's. */
  readonly currency?: string | undefined;
  readonly jurisdiction?: string | undefined;
  readonly contacts?: readonly ContactInput[] | undefined;
  readonly registrationNumber?: string | undefined;
  readonly vatNumber?: string | undefined;
  readonly postalAddress?: string | undefined;
}

/** Records `client.added` and says which id the client got. */
export async function addClient(ctx: AppContext, workspaceId: string, input: NewClient): Promise<{ clientId: string; recorded: Recorded }> {
  await requireWorkspace(ctx, workspaceId);
  const base = clientSlug(input.name);
  const clientId = input.id ?? await freeId(ctx, workspaceId, 'client', base, (n) => (n === 1 ? base : `${base}-${n}`), 1);
  const locale = input.locale ?? (await readWorkspaceSettings(ctx, workspaceId)).workspace?.locale ?? 'en';
  const recorded = await recordEvent(ctx, workspaceId, {
    type: 'client.added',
    data: given({
      clientId, name: input.name, locale, currency: input.currency, jurisdiction: input.jurisdiction,
      contacts: input.contacts ?? [], registrationNumber: input.registrationNumber, vatNumber: input.vatNumber, postalAddress: input.postalAddress,
    }),
  });
  return { clientId, recorded };
}

/** What an edit may change: absent leaves a field alone, null clears it, `contacts` replaces the list. */
export interface ClientChanges {
  readonly name?: string | undefined;
  readonly locale?: string | undefined;
  readonly currency?: string | null | undefined;
  readonly jurisdiction?: string | null | undefined;
  readonly contacts?: readonly ContactInput[] | undefined;
  readonly registrationNumber?: string | null | undefined;
  readonly vatNumber?: string | null | undefined;
  readonly postalAddress?: string | null | undefined;
}

const editable = ['name', 'locale', 'currency', 'jurisdiction', 'contacts', 'registrationNumber', 'vatNumber', 'postalAddress'] as const;

/** Compares as the ledger will store it: text trimmed (TextWire trims). */
const normalised = (value: unknown): unknown =>
  typeof value === 'string' ? value.trim()
    : Array.isArray(value) ? value.map((c: ContactInput) => ({ name: c.name.trim(), email: c.email.trim() }))
      : value;

/**
 * Records a `client.updated` that names only the fields that differ from the client as it
 * stands; an edit that changes nothing is refused (`action.already_done`) and records nothing.
 */
export async function editClient(ctx: AppContext, workspaceId: string, clientId: string, changes: ClientChanges): Promise<{ changed: string[]; recorded: Recorded }> {
  const detail = await getClient(ctx, workspaceId, clientId);
  const current: Record<(typeof editable)[number], unknown> = {
    ...pick(detail.client), contacts: detail.contacts.map((c) => ({ name: c.name, email: c.email })),
  };
  const data: Record<string, unknown> = { clientId };
  for (const field of editable) {
    const value = changes[field];
    if (value !== undefined && canonicalJson(normalised(value)) !== canonicalJson(current[field])) data[field] = value;
  }
  const changed = Object.keys(data).filter((key) => key !== 'clientId');
  if (changed.length === 0) {
    throw new FirmlyError('action.already_done', `the edit changes nothing: client "${clientId}" has these details already`, { clientId });
  }
  return { changed, recorded: await recordEvent(ctx, workspaceId, { type: 'client.updated', data }) };
}

function pick(c: ClientView): Omit<Record<(typeof editable)[number], unknown>, 'contacts'> {
  return {
    name: c.name, locale: c.locale, currency: c.currency, jurisdiction: c.jurisdiction,
    registrationNumber: c.registrationNumber, vatNumber: c.vatNumber, postalAddress: c.postalAddress,
  };
}

/** Puts a client away; refused when archived already. */
export async function archiveClient(ctx: AppContext, workspaceId: string, clientId: string, reason?: string): Promise<Recorded> {
  const { client } = await getClient(ctx, workspaceId, clientId);
  if (client.archivedAt !== null) throw new FirmlyError('action.already_done', `client "${clientId}" is archived already (since ${client.archivedAt.slice(0, 10)})`, { clientId });
  return recordEvent(ctx, workspaceId, { type: 'client.archived', data: given({ clientId, reason }) });
}

/** Brings an archived client back; refused when not archived. */
export async function restoreClient(ctx: AppContext, workspaceId: string, clientId: string): Promise<Recorded> {
  const { client } = await getClient(ctx, workspaceId, clientId);
  if (client.archivedAt === null) throw new FirmlyError('action.already_done', `client "${clientId}" is not archived`, { clientId });
  return recordEvent(ctx, workspaceId, { type: 'client.restored', data: { clientId } });
}

/** The hold on a client's escalation that lasts on `date` (to the end of `heldUntil`), or null. */
export function holdOn(client: ClientView, date: IsoDate): { until: IsoDate; reason: (typeof holdReasons)[number]; note: string | null } | null {
  if (client.heldUntil === null || client.holdReason === null || client.heldUntil < date) return null;
  return { until: client.heldUntil, reason: client.holdReason, note: client.holdNote };
}

export interface HoldInput {
  readonly until: string;
  readonly reason: string;
  readonly note?: string | undefined;
}

/**
 * Holds escalation of a client until the end of `until` (today or later in the workspace's
 * time zone); a hold placed before is replaced.
 */
export async function holdClient(ctx: AppContext, workspaceId: string, clientId: string, input: HoldInput): Promise<Recorded> {
  await getClient(ctx, workspaceId, clientId);
  const until = checkDate(input.until);
  if (!until.ok) throw invalid('until', until.reason);
  const today = await workspaceToday(ctx, workspaceId);
  if (until.date < today) throw invalid('until', `${until.date} has passed (today is ${today}): a hold lasts to the end of a day still to come`);
  return recordEvent(ctx, workspaceId, { type: 'escalation.held', data: given({ clientId, until: until.date, reason: input.reason, note: input.note }) });
}

/** Ends a hold before its date; refused when the client is not on hold. */
export async function releaseClient(ctx: AppContext, workspaceId: string, clientId: string, reason?: string): Promise<Recorded> {
  const { client } = await getClient(ctx, workspaceId, clientId);
  const today = await workspaceToday(ctx, workspaceId);
  if (holdOn(client, today) === null) {
    const ended = client.heldUntil !== null ? ` (the hold ended with ${client.heldUntil})` : '';
    throw new FirmlyError('action.already_done', `client "${clientId}" is not on hold${ended}`, { clientId });
  }
  return recordEvent(ctx, workspaceId, { type: 'escalation.released', data: given({ clientId, reason }) });
}

export interface ClientListing extends ClientSummary {
  readonly contacts: readonly ContactView[];
  /** The hold that lasts today, if any. */
  readonly hold: ReturnType<typeof holdOn>;
}

/** The workspace's clients by name with contacts, what they owe and whether they are held today; archived ones only when asked. */
export async function listClientDetails(ctx: AppContext, workspaceId: string, options: { archived?: boolean } = {}): Promise<{ today: IsoDate; clients: ClientListing[] }> {
  await requireWorkspace(ctx, workspaceId);
  const [summaries, contacts, today] = await Promise.all([
    queries.listClients(ctx.store.db, workspaceId), queries.listContacts(ctx.store.db, workspaceId), workspaceToday(ctx, workspaceId),
  ]);
  const clients = summaries.filter((s) => options.archived === true || s.client.archivedAt === null).map((s) => ({
    ...s, contacts: contacts.filter((c) => c.clientId === s.client.clientId), hold: holdOn(s.client, today),
  }));
  return { today, clients };
}

/** One client as `getClient` has it, with their contracts' terms in force today and the hold that lasts today. */
export async function describeClient(ctx: AppContext, workspaceId: string, clientId: string): Promise<ClientDetail & { today: IsoDate; hold: ReturnType<typeof holdOn>; contractTerms: ContractListing[] }> {
  const detail = await getClient(ctx, workspaceId, clientId);
  const today = await workspaceToday(ctx, workspaceId);
  const amendments = await queries.listClientAmendments(ctx.store.db, workspaceId, clientId);
  return { ...detail, today, hold: holdOn(detail.client, today), contractTerms: detail.contracts.map((c) => contractListing(c, amendments, today)) };
}

// ── Contracts ────────────────────────────────────────────────────────────────────────────

/** A contract's terms as the person gives them, flat as on a form; absent terms are Firmly's defaults (sign) or unchanged (amend). */
export interface TermsInput {
  readonly networks?: readonly string[] | undefined;
  /** The fee as written: `1.234,56` or `1234.56` (core/csv/parse-amount, the one amount parser). */
  readonly fee?: string | undefined;
  readonly currency?: string | undefined;
  readonly cycle?: string | undefined;
  readonly paymentTerms?: { readonly dueDayOfMonth: number } | { readonly netDays: number } | undefined;
  readonly feedbackDays?: number | undefined;
  readonly approvalMode?: string | undefined;
  readonly approvalWindowDays?: number | undefined;
  readonly deemedApproval?: boolean | undefined;
  readonly stopWorkAfterDays?: number | undefined;
  readonly lateInterest?: 'statutory' | 'none' | { readonly ratePct: string } | undefined;
  readonly reminderFees?: boolean | undefined;
}

type Terms = Omit<EventData<'contract.signed'>, 'contractId' | 'clientId' | 'startDate' | 'rules' | 'fee' | 'approval'> & {
  fee: { amount: string; currency: string; cycle: string };
  approval: { mode: string; windowDays?: number; deemedApproval?: boolean };
};

/** The fee as the wire's decimal string in `currency`, read by the one amount parser. */
function feeAmount(text: string, currency: string): string {
  if (!isCurrencyCode(currency)) throw invalid('currency', `"${currency}" is not an ISO 4217 currency code`);
  const written = parseAmount(text);
  if (!written.ok) throw invalid('fee', written.reason);
  if (written.amount.negative) throw invalid('fee', 'must be zero or more');
  const money = amountToMoney(written.amount, currency, text);
  if (!money.ok) throw invalid('fee', money.reason);
  return formatDecimal(money.money);
}

/** The approval term; the window and deemed approval only where something is approved at all. */
function approvalTerm(mode: string, windowDays: number | null | undefined, deemedApproval: boolean | undefined, explicit: { windowDays: boolean; deemedApproval: boolean }): Terms['approval'] {
  if (mode === 'none') {
    if (explicit.windowDays) throw invalid('approvalWindowDays', 'applies only to approval by batch or per item, not "none"');
    if (explicit.deemedApproval && deemedApproval) throw invalid('deemedApproval', 'applies only to approval by batch or per item, not "none"');
    return { mode };
  }
  return { mode, windowDays: windowDays ?? contractDefaults.approvalWindowDays, deemedApproval: deemedApproval ?? contractDefaults.deemedApproval };
}

/** A contract's terms in the shape of the event, from the read model. */
function termsOf(c: ContractView): Terms {
  return {
    networks: [...c.networks],
    fee: { amount: formatDecimal({ minor: c.feeMinor, currency: c.feeCurrency }), currency: c.feeCurrency, cycle: c.feeCycle },
    paymentTerms: c.dueDayOfMonth !== null ? { dueDayOfMonth: c.dueDayOfMonth } : { netDays: c.netDays ?? 0 },
    feedbackDays: c.feedbackDays,
    approval: c.approvalMode === 'none' ? { mode: 'none' } : { mode: c.approvalMode, windowDays: c.approvalWindowDays ?? contractDefaults.approvalWindowDays, deemedApproval: c.deemedApproval },
    stopWorkAfterDays: c.stopWorkAfterDays,
    lateInterest: c.lateInterest === 'contractual' ? { ratePct: c.lateInterestRatePct ?? '0' } : c.lateInterest,
    reminderFees: c.reminderFees,
  };
}

export interface NewContract extends TermsInput {
  readonly clientId: string;
  readonly startDate: string;
  readonly fee: string;
  /** The id; `<clientId>-k<n>` when absent, n one more than the client's contracts (or the first free). */
  readonly id?: string | undefined;
}

/**
 * Records `contract.signed` with the terms given and `contractDefaults` for the rest; the fee's
 * currency is the one given, else the client's, else the workspace's.
 */
export async function signContract(ctx: AppContext, workspaceId: string, input: NewContract): Promise<{ contractId: string; terms: Terms; recorded: Recorded }> {
  const detail = await getClient(ctx, workspaceId, input.clientId);
  const currency = input.currency ?? detail.client.currency ?? (await readWorkspaceSettings(ctx, workspaceId)).workspace?.currency;
  if (currency === undefined) throw invalid('currency', `client "${input.clientId}" has no currency and the workspace none: name the fee's currency`);
  const terms: Terms = {
    networks: [...(input.networks ?? contractDefaults.networks)],
    fee: { amount: feeAmount(input.fee, currency), currency, cycle: input.cycle ?? contractDefaults.cycle },
    paymentTerms: input.paymentTerms ?? contractDefaults.paymentTerms,
    feedbackDays: input.feedbackDays ?? contractDefaults.feedbackDays,
    approval: approvalTerm(input.approvalMode ?? contractDefaults.approvalMode, input.approvalWindowDays, input.deemedApproval,
      { windowDays: input.approvalWindowDays !== undefined, deemedApproval: input.deemedApproval !== undefined }),
    stopWorkAfterDays: input.stopWorkAfterDays ?? contractDefaults.stopWorkAfterDays,
    lateInterest: input.lateInterest ?? contractDefaults.lateInterest,
    reminderFees: input.reminderFees ?? contractDefaults.reminderFees,
  };
  const base = `${input.clientId}-k`;
  const contractId = input.id ?? await freeId(ctx, workspaceId, 'contract', base, (n) => `${base}${n}`, detail.contracts.length + 1);
  const recorded = await recordEvent(ctx, workspaceId, {
    type: 'contract.signed', data: { contractId, clientId: input.clientId, startDate: input.startDate, ...terms },
  });
  return { contractId, terms, recorded };
}

async function requireContract(ctx: AppContext, workspaceId: string, contractId: string, type: string) {
  await requireWorkspace(ctx, workspaceId);
  const found = await queries.findContract(ctx.store.db, workspaceId, contractId);
  // The ledger's own words for it: the appender refuses an event about a contract not on record.
  if (!found) throw new FirmlyError('import.rejected', `${type} cannot be recorded: contract "${contractId}" is not on record`, { contractId });
  return found;
}

export interface ContractAmendment extends TermsInput {
  readonly effectiveDate: string;
  readonly note?: string | undefined;
}

/**
 * Records `contract.amended` naming only the terms that differ from those in force on the
 * effective date; a fee, cycle or currency alone keeps the rest of the fee, an approval window
 * alone keeps the mode. An amendment that changes nothing is refused and records nothing.
 */
export async function amendContract(ctx: AppContext, workspaceId: string, contractId: string, input: ContractAmendment): Promise<{ changed: string[]; recorded: Recorded }> {
  const { contract, amendments } = await requireContract(ctx, workspaceId, contractId, 'contract.amended');
  const effective = checkDate(input.effectiveDate);
  if (!effective.ok) throw invalid('effectiveDate', effective.reason);
  const before = termsOf(contractTermsOn(contract, amendments, effective.date));
  const proposed: Partial<Terms> = given({
    networks: input.networks ? [...input.networks] : undefined,
    paymentTerms: input.paymentTerms, feedbackDays: input.feedbackDays, stopWorkAfterDays: input.stopWorkAfterDays,
    lateInterest: input.lateInterest, reminderFees: input.reminderFees,
  });
  if (input.fee !== undefined || input.currency !== undefined || input.cycle !== undefined) {
    const currency = input.currency ?? before.fee.currency;
    if (input.fee === undefined && currency !== before.fee.currency) throw invalid('fee', `a fee in ${currency} needs its amount`);
    proposed.fee = { amount: input.fee === undefined ? before.fee.amount : feeAmount(input.fee, currency), currency, cycle: input.cycle ?? before.fee.cycle };
  }
  if (input.approvalMode !== undefined || input.approvalWindowDays !== undefined || input.deemedApproval !== undefined) {
    const mode = input.approvalMode ?? before.approval.mode;
    proposed.approval = approvalTerm(mode, input.approvalWindowDays ?? before.approval.windowDays, input.deemedApproval ?? before.approval.deemedApproval,
      { windowDays: input.approvalWindowDays !== undefined, deemedApproval: input.deemedApproval !== undefined });
  }
  const changed = (Object.keys(proposed) as (keyof Terms)[]).filter((term) => canonicalJson(proposed[term]) !== canonicalJson(before[term]));
  if (changed.length === 0) {
    throw new FirmlyError('action.already_done', `the amendment changes nothing: contract "${contractId}" has these terms on ${effective.date} already`, { contractId });
  }
  const data = { contractId, effectiveDate: effective.date, ...Object.fromEntries(changed.map((term) => [term, proposed[term]])), ...given({ note: input.note }) };
  return { changed, recorded: await recordEvent(ctx, workspaceId, { type: 'contract.amended', data }) };
}

/** Records `contract.ended`; refused when the contract has ended already. */
export async function endContract(ctx: AppContext, workspaceId: string, contractId: string, input: { endDate: string; reason?: string | undefined }): Promise<Recorded> {
  const { contract } = await requireContract(ctx, workspaceId, contractId, 'contract.ended');
  if (contract.endDate !== null) throw new FirmlyError('action.already_done', `contract "${contractId}" ended on ${contract.endDate} already`, { contractId });
  return recordEvent(ctx, workspaceId, { type: 'contract.ended', data: given({ contractId, endDate: input.endDate, reason: input.reason }) });
}

export interface ContractListing {
  /** As signed. */
  readonly contract: ContractView;
  /** With every amendment effective by `on` applied. */
  readonly inForce: ContractView;
  readonly on: IsoDate;
  readonly amendments: readonly ContractAmendmentView[];
}

const contractListing = (contract: ContractView, amendments: readonly ContractAmendmentView[], on: IsoDate): ContractListing =>
  ({ contract, inForce: contractTermsOn(contract, amendments, on), on, amendments: amendmentsOf(contract, amendments) });

/** A client's contracts by start date, each with the terms in force today and its amendments. */
export async function listContracts(ctx: AppContext, workspaceId: string, clientId: string): Promise<ContractListing[]> {
  return (await describeClient(ctx, workspaceId, clientId)).contractTerms;
}

// ── Requests ─────────────────────────────────────────────────────────────────────────────

export interface NewRequest {
  readonly clientId: string;
  readonly kind: (typeof requestKinds)[number] | string;
  readonly subject: string;
  /** The due date; or */
  readonly dueDate?: string | undefined;
  /** business days from today in the client's jurisdiction (else the workspace's). */
  readonly dueInBusinessDays?: number | undefined;
  readonly deliverableId?: string | undefined;
  /** The id; `<clientId>-r<n>` when absent. */
  readonly id?: string | undefined;
}

/** Records `request.sent`, due on a date or a number of the client's business days from today. */
export async function sendRequest(ctx: AppContext, workspaceId: string, input: NewRequest): Promise<{ requestId: string; dueDate: string; recorded: Recorded }> {
  const detail = await getClient(ctx, workspaceId, input.clientId);
  if ((input.dueDate === undefined) === (input.dueInBusinessDays === undefined)) throw invalid('dueDate', 'give the due date or the business days until it, one of them');
  let dueDate = input.dueDate as string;
  if (input.dueInBusinessDays !== undefined) {
    const days = input.dueInBusinessDays;
    if (!Number.isInteger(days) || days < 0 || days > 365) throw invalid('dueInBusinessDays', 'must be a whole number from 0 to 365');
    const jurisdiction = detail.client.jurisdiction ?? (await readWorkspaceSettings(ctx, workspaceId)).workspace?.jurisdiction ?? 'NONE';
    dueDate = businessCalendar(jurisdiction).addBusinessDays(await workspaceToday(ctx, workspaceId), days);
  }
  const base = `${input.clientId}-r`;
  const requestId = input.id ?? await freeId(ctx, workspaceId, 'request', base, (n) => `${base}${n}`, detail.requests.length + 1);
  const recorded = await recordEvent(ctx, workspaceId, {
    type: 'request.sent', data: given({ requestId, clientId: input.clientId, kind: input.kind, subject: input.subject, dueDate, deliverableId: input.deliverableId }),
  });
  return { requestId, dueDate, recorded };
}

