import type { z } from 'zod';
import { addDays, epochDay, instantFromEpochMillis, lastDayOfMonth, Temporal, type IsoDate } from '../dates.ts';
import { eventSchemas, type EventType } from './events.ts';
import { DateWire } from './wire.ts';

// Moving a whole ledger in time (#12: the demo is dated relative to the day it is loaded).
// Works on the interchange format (LEDGER.md), before parsing: ids, amounts and texts stay as
// they are, only `at` and the calendar dates in `data` move. Which fields are dates is read
// from the event schemas (every field whose schema is DateWire), so a date field added to an
// event later moves too without anyone listing it here.

/** One line of a ledger in the interchange format, as read from JSON. */
export interface WireEvent {
  readonly id: string;
  readonly type: string;
  readonly at: string;
  readonly data: Record<string, unknown>;
}

/** Where a date sits in an event's data: field names, `*` for every element of an array. */
export type DatePath = readonly string[];

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };

/** The paths of the DateWire fields under a schema (objects, optionals, arrays, unions, pipes). */
export function datePathsOf(schema: z.ZodType, prefix: DatePath = []): DatePath[] {
  if (schema === DateWire) return [prefix];
  const def = (schema as AnySchema)._zod.def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, field]) => datePathsOf(field, [...prefix, key]));
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch': case 'nonoptional':
      return datePathsOf(def.innerType as z.ZodType, prefix);
    case 'array':
      return datePathsOf(def.element as z.ZodType, [...prefix, '*']);
    case 'union':
      return dedupe((def.options as z.ZodType[]).flatMap((option) => datePathsOf(option, prefix)));
    case 'pipe':
      return dedupe([...datePathsOf(def.in as z.ZodType, prefix), ...datePathsOf(def.out as z.ZodType, prefix)]);
    case 'record':
      return datePathsOf(def.valueType as z.ZodType, [...prefix, '*']);
    case 'intersection':
      return dedupe([...datePathsOf(def.left as z.ZodType, prefix), ...datePathsOf(def.right as z.ZodType, prefix)]);
    case 'lazy':
      return datePathsOf((def.getter as () => z.ZodType)(), prefix);
    default:
      return []; // strings, numbers, enums, literals, booleans, transforms: no date inside
  }
}

const dedupe = (paths: DatePath[]): DatePath[] => [...new Map(paths.map((p) => [p.join('.'), p])).values()];

/** Every event type's date fields, from its schema. */
export const dateFields: Readonly<Record<EventType, readonly DatePath[]>> = Object.fromEntries(
  Object.entries(eventSchemas).map(([type, schema]) => [type, datePathsOf(schema)]),
) as Record<EventType, DatePath[]>;

export interface Shift {
  /** Calendar days to move every date and instant by (negative: into the past). */
  readonly days: number;
  /** The ledger's time zone: an instant keeps its local wall-clock time and so its local day, across DST changes too. */
  readonly timeZone: string;
}

/** Moves an instant by whole days in a time zone: 09:00 in Copenhagen stays 09:00 in Copenhagen. */
export function shiftInstant(at: string, shift: Shift): string {
  const moved = Temporal.Instant.from(at).toZonedDateTimeISO(shift.timeZone).add({ days: shift.days }).toInstant();
  return instantFromEpochMillis(moved.epochMilliseconds);
}

function shiftAt(value: unknown, path: DatePath, days: number): unknown {
  if (path.length === 0) return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? addDays(value as IsoDate, days) : value;
  const [head, ...rest] = path as [string, ...string[]];
  if (head === '*') return Array.isArray(value) ? value.map((v) => shiftAt(v, rest, days)) : value;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, head)) return value;
  return { ...value, [head]: shiftAt((value as Record<string, unknown>)[head], rest, days) };
}

/** The event moved in time: its `at` and every date field of its type; anything else as it was. */
export function shiftEvent(event: WireEvent, shift: Shift): WireEvent {
  const paths = (dateFields as Record<string, readonly DatePath[] | undefined>)[event.type] ?? [];
  const data = paths.reduce<unknown>((d, path) => shiftAt(d, path, shift.days), event.data) as Record<string, unknown>;
  return { ...event, at: shiftInstant(event.at, shift), data };
}

const dayOfMonth = (date: IsoDate): number => Number(date.slice(8, 10));
const monthStart = (date: IsoDate): IsoDate => `${date.slice(0, 8)}01` as IsoDate;

/** The `day`th of the month `date` falls in, or that month's last day when it is shorter. */
function dayInMonth(date: IsoDate, day: number): IsoDate {
  const last = lastDayOfMonth(date);
  return `${date.slice(0, 8)}${String(Math.min(day, dayOfMonth(last))).padStart(2, '0')}` as IsoDate;
}

/** The `day`th of a month (or that month's last day) nearest to `date`: this, the previous or the next month's. */
export function nearestDayOfMonth(date: IsoDate, day: number): IsoDate {
  const start = monthStart(date);
  const candidates = [dayInMonth(addDays(start, -1), day), dayInMonth(start, day), dayInMonth(addDays(lastDayOfMonth(date), 1), day)];
  const distance = (d: IsoDate) => Math.abs(epochDay(d) - epochDay(date));
  return candidates.reduce((best, d) => (distance(d) < distance(best) ? d : best));
}

interface TermsSource { readonly index: number; readonly day: number }

/**
 * After a shift that is not a whole number of months, invoices a contract makes due on day N of
 * the month fall due on other days, and differently from month to month (months differ in
 * length: over any run of months the drift is up to 3 days, 4 across a 29 February). This brings
 * them back into line with their contract: each contract (or amendment) with `dueDayOfMonth`
 * gets the day of the month that moves its invoices least (at most 2 days; ties go to the day
 * the latest invoice fell on, the one the dashboard shows open), and its invoices move to that
 * day of their month. 2 days is inside the grace days of the default rules (3), so a payment
 * that was on time stays on time.
 */
export function realignMonthlyDueDates(events: readonly WireEvent[]): WireEvent[] {
  const out = [...events];
  /** The terms in force per contract, per client: the latest contract.signed or contract.amended naming paymentTerms. */
  const termsOfContract = new Map<string, TermsSource | undefined>();
  const contractOfClient = new Map<string, string>();
  const invoicesOf = new Map<number, number[]>(); // source event index → invoice event indexes
  const readTerms = (data: Record<string, unknown>): number | undefined => {
    const terms = data.paymentTerms as { dueDayOfMonth?: unknown } | undefined;
    return typeof terms?.dueDayOfMonth === 'number' ? terms.dueDayOfMonth : undefined;
  };
  for (const [index, event] of out.entries()) {
    const d = event.data;
    if (event.type === 'contract.signed') {
      contractOfClient.set(String(d.clientId), String(d.contractId));
      const day = readTerms(d);
      termsOfContract.set(String(d.contractId), day === undefined ? undefined : { index, day });
    } else if (event.type === 'contract.amended' && d.paymentTerms !== undefined) {
      const day = readTerms(d);
      termsOfContract.set(String(d.contractId), day === undefined ? undefined : { index, day });
    } else if (event.type === 'invoice.issued') {
      const contract = contractOfClient.get(String(d.clientId));
      const source = contract === undefined ? undefined : termsOfContract.get(contract);
      if (source) invoicesOf.set(source.index, [...(invoicesOf.get(source.index) ?? []), index]);
    }
  }
  for (const [sourceIndex, invoiceIndexes] of invoicesOf) {
    const dues = invoiceIndexes.map((i) => String((out[i] as WireEvent).data.dueDate) as IsoDate);
    const day = leastMovingDay(dues);
    const source = out[sourceIndex] as WireEvent;
    out[sourceIndex] = { ...source, data: { ...source.data, paymentTerms: { dueDayOfMonth: day } } };
    for (const i of invoiceIndexes) {
      const invoice = out[i] as WireEvent;
      const due = String(invoice.data.dueDate) as IsoDate;
      out[i] = { ...invoice, data: { ...invoice.data, dueDate: nearestDayOfMonth(due, day) } };
    }
  }
  return out;
}

/** The day of the month (1..31) that moves the dates least to their nearest such day; ties go to the last date's own day. */
function leastMovingDay(dates: readonly IsoDate[]): number {
  const cost = (day: number) => Math.max(...dates.map((d) => Math.abs(epochDay(nearestDayOfMonth(d, day)) - epochDay(d))));
  let best = dayOfMonth(dates[dates.length - 1] as IsoDate);
  let bestCost = cost(best);
  for (let day = 1; day <= 31; day += 1) {
    const c = cost(day);
    if (c < bestCost) [best, bestCost] = [day, c];
  }
  return best;
}

/** The whole ledger moved in time, with monthly due dates kept in line with their contracts. */
export const redateLedger = (events: readonly WireEvent[], shift: Shift): WireEvent[] =>
  shift.days === 0 ? [...events] : realignMonthlyDueDates(events.map((e) => shiftEvent(e, shift)));

/**
 * The shift that brings a story ending on `storyEnd` up to `today`: whole weeks, as many as fit.
 *
 * Whole weeks keep every date on its weekday, so what was sent on a Tuesday is still sent on a
 * Tuesday, nothing lands on a weekend, and every count of business days between two of the
 * story's dates (how late an answer was, how long a request has waited) stays what the story
 * was written with. The price: the story's last day is up to 6 days before `today`, which reads
 * as a quiet week since. An exact shift of days would end on `today` but move a third of the
 * events onto weekends and change every business-day count. (Public holidays do not move with
 * weekdays; they can change a count by a day or two near Easter or Christmas.)
 */
export function wholeWeeksShift(storyEnd: IsoDate, today: IsoDate): number {
  const days = epochDay(today) - epochDay(storyEnd);
  return Math.floor(days / 7) * 7;
}
