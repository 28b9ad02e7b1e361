import type { ReactNode } from 'react';
import { accessLevels, answerChannels, requestedBy, requestKinds, severities, timeKinds, verdicts } from '../../../../src/contract/vocabulary.ts';
import type { EventInput } from '../../api/record.ts';
import type { AccessGrant, ClientDetail } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { isZero } from '../dashboard/format.ts';
import { CheckboxGroup, SelectField, TextArea, TextField, type Option } from './fields.tsx';
import type { Reader } from './read-form.ts';

/** Every event a person records by hand on this page, in the order the picker offers them. */
export const recordKinds = [
  'request.sent', 'request.answered', 'request.withdrawn',
  'deliverable.created', 'deliverable.revised', 'deliverable.published',
  'invoice.issued', 'invoice.credited', 'payment.received',
  'time.logged', 'incident.noted',
  // No access.handedOver: the handover is a step of offboarding, refused while the client owes money.
  'access.granted', 'access.revoked',
] as const;
export type RecordKind = (typeof recordKinds)[number];
export const isRecordKind = (value: string | null): value is RecordKind => (recordKinds as readonly string[]).includes(value ?? '');

export interface DeliverableOption { readonly id: string; readonly title: string; readonly lastRound: number; readonly published: boolean }

export interface RecordContext {
  readonly client: ClientDetail;
  /** The client's currency, else its contract's, else the workspace's; '' when none is known. */
  readonly currency: string;
  readonly today: string;
  readonly deliverables: readonly DeliverableOption[];
  /** When a request sent today falls due under the contract (its feedback days in business days), if known. */
  readonly answerDue?: string | null;
  /** Ids for new things, made once per form so that a retry after an error sends the same ones. */
  readonly ids: { readonly request: string; readonly deliverable: string; readonly invoice: string; readonly payment: string };
}

/** What a form sends: the data of its event type, typed by the ledger's own schema (src/contract). */
export interface Built<K extends RecordKind = RecordKind> { readonly data: EventInput<K>; readonly at?: string | undefined }

interface KindForm<K extends RecordKind> {
  readonly Fields: (props: { readonly ctx: RecordContext }) => ReactNode;
  readonly build: (read: Reader, ctx: RecordContext) => Built<K>;
  /** Why the form cannot be used for this client yet (a catalogue key), or null. */
  readonly unavailable?: (ctx: RecordContext) => string | null;
}

const openRequests = (client: ClientDetail) => client.requests.filter((r) => r.status === 'open');
const heldGrants = (client: ClientDetail) => client.accessGrants.filter((g) => !g.revokedAt && !g.handedOverAt);
const grantKey = (g: Pick<AccessGrant, 'network' | 'account'>) => JSON.stringify([g.network, g.account]);
const networksOf = (client: ClientDetail) => [...new Set(client.contracts.flatMap((c) => c.networks))];

/** The due date the latest contract gives an invoice issued on `issued`: net days, or the next due day of a month. */
export function defaultDueDate(client: ClientDetail, issued: string): string {
  const contract = [...client.contracts].sort((a, b) => b.startDate.localeCompare(a.startDate))[0];
  const day = new Date(`${issued}T00:00:00Z`);
  if (!contract) return issued;
  if (contract.netDays !== null) day.setUTCDate(day.getUTCDate() + contract.netDays);
  else if (contract.dueDayOfMonth !== null) {
    const lastOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    let y = day.getUTCFullYear();
    let m = day.getUTCMonth();
    if (day.getUTCDate() > Math.min(contract.dueDayOfMonth, lastOfMonth(y, m))) {
      m += 1;
      if (m === 12) { m = 0; y += 1; }
    }
    return new Date(Date.UTC(y, m, Math.min(contract.dueDayOfMonth, lastOfMonth(y, m)))).toISOString().slice(0, 10);
  }
  return day.toISOString().slice(0, 10);
}

function When({ ctx }: { readonly ctx: RecordContext }) {
  const { t } = useI18n();
  return <TextField name="when" type="date" label={t('record.field.when')} required defaultValue={ctx.today} max={ctx.today} />;
}

function IdField({ name, defaultValue }: { readonly name: string; readonly defaultValue: string }) {
  const { t } = useI18n();
  return <TextField name={name} label={t(`record.field.${name}`)} defaultValue={defaultValue} maxLength={200} hint={t('record.hint.id')} />;
}

function MoneyFields({ name, label, currency }: { readonly name: string; readonly label: string; readonly currency: string | null }) {
  const { t } = useI18n();
  return (
    <div className="money-fields">
      <TextField name={name} label={label} required inputMode="decimal" hint={t('record.hint.amount')} />
      {currency === null ? null : <TextField name="currency" label={t('record.field.currency')} required defaultValue={currency} maxLength={3} className="short" />}
    </div>
  );
}

function RequestPicker({ ctx }: { readonly ctx: RecordContext }) {
  const { t, date } = useI18n();
  const options = openRequests(ctx.client).map((r) => ({ value: r.requestId, label: t('record.requestOption', { subject: r.subject, due: date(r.dueDate) }) }));
  return <SelectField name="requestId" label={t('record.field.request')} required options={options} />;
}

function DeliverablePicker({ ctx, optional = false, hint }: { readonly ctx: RecordContext; readonly optional?: boolean; readonly hint?: string }) {
  const { t } = useI18n();
  const options: Option[] = ctx.deliverables.map((d) => ({ value: d.id, label: d.published ? t('record.deliverablePublished', { title: d.title }) : d.title }));
  return (
    <SelectField name="deliverableId" label={t(optional ? 'record.field.deliverableOptional' : 'record.field.deliverable')} required={!optional} hint={hint}
      options={optional ? [{ value: '', label: t('record.none') }, ...options] : options} />
  );
}

function GrantPicker({ ctx }: { readonly ctx: RecordContext }) {
  const { t } = useI18n();
  const grants = heldGrants(ctx.client);
  if (grants.length === 0) return <NetworkAccount ctx={ctx} />;
  return (
    <SelectField name="grant" label={t('record.field.grant')} required
      options={grants.map((g) => ({ value: grantKey(g), label: `${g.network}: ${g.account}` }))} />
  );
}

function NetworkAccount({ ctx }: { readonly ctx: RecordContext }) {
  const { t } = useI18n();
  const networks = networksOf(ctx.client);
  return (
    <>
      <TextField name="network" label={t('record.field.network')} required maxLength={50} list="record-networks" />
      <datalist id="record-networks">{networks.map((n) => <option key={n} value={n} />)}</datalist>
      <TextField name="account" label={t('record.field.account')} required maxLength={200} />
    </>
  );
}

const grantOf = (read: Reader, ctx: RecordContext) => {
  const key = read.optional('grant');
  const grant = key ? heldGrants(ctx.client).find((g) => grantKey(g) === key) : undefined;
  return grant ? { network: grant.network, account: grant.account } : { network: read.required('network'), account: read.required('account') };
};

const options = (t: (key: string) => string, prefix: string, values: readonly string[]): Option[] => values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));

export const kindForms: { readonly [K in RecordKind]: KindForm<K> } = {
  'request.sent': {
    Fields: ({ ctx }) => {
      const { t } = useI18n();
      return (
        <>
          <SelectField name="kind" label={t('record.field.requestKind')} required options={options(t, 'client.requestKind', ['feedback', 'approval', 'access', 'information'])} />
          <TextField name="subject" label={t('record.field.subject')} required maxLength={1000} />
          <TextField name="dueDate" type="date" label={t('record.field.dueDate')} required defaultValue={ctx.answerDue ?? ctx.today} hint={t('record.hint.feedbackDue')} />
          {ctx.deliverables.length > 0 ? <DeliverablePicker ctx={ctx} optional /> : null}
          <When ctx={ctx} />
          <IdField name="requestId" defaultValue={ctx.ids.request} />
        </>
      );
    },
    build: (read, ctx) => ({
      data: {
        requestId: read.required('requestId'), clientId: ctx.client.clientId, kind: read.choice('kind', requestKinds),
        subject: read.required('subject'), dueDate: read.date('dueDate'), deliverableId: read.optional('deliverableId'),
      },
      at: read.at(),
    }),
  },
  'request.answered': {
    unavailable: (ctx) => (openRequests(ctx.client).length === 0 ? 'record.noOpenRequests' : null),
    Fields: ({ ctx }) => {
      const { t } = useI18n();
      return (
        <>
          <RequestPicker ctx={ctx} />
          <SelectField name="channel" label={t('record.field.channel')} required options={options(t, 'client.channel', ['email', 'phone', 'meeting', 'portal'])} />
          <SelectField name="verdict" label={t('record.field.verdict')}
            options={[{ value: '', label: t('record.noVerdict') }, ...options(t, 'client.verdict', ['approved', 'changes'])]} />
          <TextArea name="comment" label={t('record.field.comment')} maxLength={4000} />
          <When ctx={ctx} />
        </>
      );
    },
    build: (read) => ({
      data: { requestId: read.required('requestId'), channel: read.choice('channel', answerChannels), verdict: read.optionalChoice('verdict', verdicts), comment: read.optional('comment') },
      at: read.at(),
    }),
  },
  'request.withdrawn': {
    unavailable: (ctx) => (openRequests(ctx.client).length === 0 ? 'record.noOpenRequests' : null),
    Fields: ({ ctx }) => {
      const { t } = useI18n();
      return (
        <>
          <RequestPicker ctx={ctx} />
          <TextArea name="reason" label={t('record.field.reason')} maxLength={2000} />
          <When ctx={ctx} />
        </>
      );
    },
    build: (read) => ({ data: { requestId: read.required('requestId'), reason: read.optional('reason') }, at: read.at() }),
  },
  'deliverable.created': {
    Fields: ({ ctx }) => {
      const { t } = useI18n();
      const networks = networksOf(ctx.client);
      return (
        <>
          <TextField name="title" label={t('record.field.title')} required maxLength={500} />
          <TextField name="network" label={t('record.field.networkOptional')} maxLength={50} list="record-networks" />
          <datalist id="record-networks">{networks.map((n) => <option key={n} value={n} />)}</datalist>
          {/* What the client sees in the portal before approving (#12). */}
          <TextArea name="caption" label={t('record.field.caption')} maxLength={5000} hint={t('record.hint.caption')} />
          <TextField name="plannedFor" type="date" label={t('record.field.plannedFor')} hint={t('record.hint.plannedFor')} />
          <TextField name="mediaUrl" type="url" inputMode="url" label={t('record.field.mediaUrl')} maxLength={2000} hint={t('record.hint.mediaUrl')} />
          <When ctx={ctx} />
          <IdField name="deliverableId" defaultValue={ctx.ids.deliverable} />
        </>
      );
    },
    build: (read, ctx) => ({
      data: {
        deliverableId: read.required('deliverableId'), clientId: ctx.client.clientId, title: read.required('title'), network: read.optional('network'),
        caption: read.optional('caption'), plannedFor: read.optionalDate('plannedFor'), mediaUrl: read.optionalLink('mediaUrl'),
      },
      at: read.at(),
    }),
  },
  'deliverable.revised': {
    unavailable: (ctx) => (ctx.deliverables.length === 0 ? 'record.noDeliverables' : null),
    Fields: ({ ctx }) => {
      const { t } = useI18n();
      return (
        <>
          <DeliverablePicker ctx={ctx} />
          <TextField name="round" type="number" label={t('record.field.round')} min={1} max={10000} inputMode="numeric" hint={t('record.hint.round')} className="short" />
          <TextField name="changeChars" type="number" label={t('record.field.changeChars')} required min={0} inputMode="numeric" hint={t('record.hint.changeChars')} className="short" />
          <SelectField name="requestedBy" label={t('record.field.requestedBy')} required options={options(t, 'record.requestedBy', ['client', 'us'])} />
          <When ctx={ctx} />
        </>
      );
    },
    build: (read, ctx) => {
      const deliverableId = read.required('deliverableId');
      const next = (ctx.deliverables.find((d) => d.id === deliverableId)?.lastRound ?? 0) + 1;
      return {
        data: {
          deliverableId, round: read.optional('round') === undefined ? next : read.int('round', 1, 10_000),
          changeChars: read.int('changeChars', 0, 10_000_000), requestedBy: read.choice('requestedBy', requestedBy),
        },
        at: read.at(),
      };
    },
  },
  'deliverable.published': {
    unavailable: (ctx) => (ctx.deliverables.every((d) => d.published) ? 'record.noDeliverables' : null),
    Fields: ({ ctx }) => (
      <>
        <DeliverablePicker ctx={{ ...ctx, deliverables: ctx.deliverables.filter((d) => !d.published) }} />
        <When ctx={ctx} />
      </>
    ),
    build: (read) => ({ data: { deliverableId: read.required('deliverableId') }, at: read.at() }),
  },
  'invoice.issued': {
    Fields: ({ ctx }) => {
      const { t } = useI18n();
      return (
        <>
          <TextField name="number" label={t('record.field.invoiceNumber')} required maxLength={100} />
          <TextField name="issueDate" type="date" label={t('record.field.issueDate')} required defaultValue={ctx.today} />
          <TextField name="dueDate" type="date" label={t('record.field.invoiceDue')} required defaultValue={defaultDueDate(ctx.client, ctx.today)} hint={t('record.hint.invoiceDue')} />
          <MoneyFields name="total" label={t('record.field.total')} currency={ctx.currency} />
          <IdField name="invoiceId" defaultValue={ctx.ids.invoice} />
        </>
      );
    },
    build: (read, ctx) => {
      const issueDate = read.date('issueDate');
      return {
        data: {
          invoiceId: read.required('invoiceId'), clientId: ctx.client.clientId, number: read.required('number'),
          issueDate, dueDate: read.date('dueDate'), total: read.money('total', read.currency('currency')),
        },
        at: issueDate < ctx.today ? `${issueDate}T12:00:00Z` : undefined,
      };
    },
  },
  'invoice.credited': {
    unavailable: (ctx) => (ctx.client.invoices.length === 0 ? 'record.noInvoices' : null),
    Fields: ({ ctx }) => {
      const { t, money } = useI18n();
      const invoices = [...ctx.client.invoices].sort((a, b) => b.issueDate.localeCompare(a.issueDate));
      return (
        <>
          <SelectField name="invoiceId" label={t('record.field.invoice')} required
            options={invoices.map((i) => ({ value: i.invoiceId, label: t('record.invoiceOption', { number: i.number, total: money(i.total), open: money(i.open) }) }))} />
          <MoneyFields name="amount" label={t('record.field.creditAmount')} currency={null} />
          <p className="hint">{t('record.hint.creditCurrency')}</p>
          <TextArea name="reason" label={t('record.field.reason')} maxLength={2000} />
          <When ctx={ctx} />
        </>
      );
    },
    build: (read, ctx) => {
      const invoiceId = read.required('invoiceId');
      const currency = ctx.client.invoices.find((i) => i.invoiceId === invoiceId)?.total.currency ?? ctx.currency;
      return { data: { invoiceId, amount: read.money('amount', currency), reason: read.optional('reason') }, at: read.at() };
    },
  },
  'payment.received': {
    Fields: ({ ctx }) => {
      const { t, money, date } = useI18n();
      const open = ctx.client.invoices.filter((i) => !isZero(i.open.amount)).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
      return (
        <>
          <MoneyFields name="amount" label={t('record.field.paymentAmount')} currency={ctx.currency} />
          <TextField name="date" type="date" label={t('record.field.paymentDate')} required defaultValue={ctx.today} max={ctx.today} />
          {open.length > 0 ? (
            <CheckboxGroup name="invoiceIds" legend={t('record.field.invoicesPaid')} hint={t('record.hint.invoicesPaid')}
              options={open.map((i) => ({ value: i.invoiceId, label: t('record.openInvoiceOption', { number: i.number, open: money(i.open), due: date(i.dueDate) }) }))} />
          ) : null}
          <IdField name="paymentId" defaultValue={ctx.ids.payment} />
        </>
      );
    },
    build: (read, ctx) => {
      const day = read.date('date', { past: true });
      const invoiceIds = read.all('invoiceIds');
      return {
        data: {
          paymentId: read.required('paymentId'), clientId: ctx.client.clientId, date: day,
          amount: read.money('amount', read.currency('currency')), invoiceIds: invoiceIds.length ? invoiceIds : undefined,
        },
        at: day === ctx.today ? undefined : `${day}T12:00:00Z`,
      };
    },
  },
  'time.logged': {
    Fields: ({ ctx }) => {
      const { t } = useI18n();
      return (
        <>
          <TextField name="date" type="date" label={t('record.field.timeDate')} required defaultValue={ctx.today} max={ctx.today} />
          <TextField name="minutes" label={t('record.field.minutes')} required inputMode="text" hint={t('record.hint.minutes')} className="short" />
          <SelectField name="kind" label={t('record.field.timeKind')} required options={options(t, 'record.timeKind', ['work', 'chasing', 'approvals', 'admin'])} />
        </>
      );
    },
    build: (read, ctx) => {
      const day = read.date('date', { past: true });
      return {
        data: { clientId: ctx.client.clientId, date: day, minutes: read.minutes('minutes'), kind: read.choice('kind', timeKinds) },
        at: day === ctx.today ? undefined : `${day}T12:00:00Z`,
      };
    },
  },
  'incident.noted': {
    Fields: ({ ctx }) => {
      const { t } = useI18n();
      return (
        <>
          <SelectField name="severity" label={t('record.field.severity')} required defaultValue="medium" options={options(t, 'client.severity', ['low', 'medium', 'high'])} />
          <TextArea name="summary" label={t('record.field.summary')} required maxLength={4000} />
          <When ctx={ctx} />
        </>
      );
    },
    build: (read, ctx) => ({
      data: { clientId: ctx.client.clientId, severity: read.choice('severity', severities), summary: read.required('summary') },
      at: read.at(),
    }),
  },
  'access.granted': {
    Fields: ({ ctx }) => {
      const { t } = useI18n();
      return (
        <>
          <NetworkAccount ctx={ctx} />
          <SelectField name="level" label={t('record.field.level')} required options={options(t, 'client.level', ['full', 'partial'])} />
          <When ctx={ctx} />
        </>
      );
    },
    build: (read, ctx) => ({
      data: { clientId: ctx.client.clientId, network: read.required('network'), account: read.required('account'), level: read.choice('level', accessLevels) },
      at: read.at(),
    }),
  },
  'access.revoked': {
    Fields: ({ ctx }) => (
      <>
        <GrantPicker ctx={ctx} />
        <When ctx={ctx} />
      </>
    ),
    build: (read, ctx) => ({ data: { clientId: ctx.client.clientId, ...grantOf(read, ctx) }, at: read.at() }),
  },
};
