import { useRef, useState, type FormEvent } from 'react';
import { api, workspacePath } from '../../api/client.ts';
import type { ClientDetail, LedgerEvent } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { summariseEvent } from '../client/summarise-event.ts';
import { fieldOfProblem, FormProblems } from '../manage/SubmitForm.tsx';
import { FieldError, FieldProblemContext, type FieldProblem } from './fields.tsx';
import { kindForms, type RecordContext, type RecordKind } from './kinds.tsx';
import { newId } from './new-id.ts';
import { formReader } from './read-form.ts';

const freshIds = (): RecordContext['ids'] => ({ request: newId('req'), deliverable: newId('dlv'), invoice: newId('inv'), payment: newId('pay') });

/** One kind's form: reads and checks the fields, records the event, and says what was recorded. */
export function RecordForm({ kind, base, workspaceId, onRecorded }: {
  readonly kind: RecordKind;
  readonly base: Omit<RecordContext, 'ids'>;
  readonly workspaceId: string;
  readonly onRecorded: () => void;
}) {
  const { t, money, date } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [ids, setIds] = useState(freshIds);
  const [formVersion, setFormVersion] = useState(0);
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [recorded, setRecorded] = useState<LedgerEvent | null>(null);
  const definition = kindForms[kind];
  const ctx: RecordContext = { ...base, ids };
  const unavailable = definition.unavailable?.(ctx) ?? null;
  const client: ClientDetail = base.client;

  const focusField = (name: string) => {
    const element = formRef.current?.elements.namedItem(name);
    if (element instanceof HTMLElement) element.focus();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setProblem(null);
    setError(null);
    setRecorded(null);
    let body: { type: RecordKind; data: Record<string, unknown>; at?: string };
    try {
      const built = definition.build(formReader(event.currentTarget, t, base.today), ctx);
      body = { type: kind, data: built.data, ...(built.at ? { at: built.at } : {}) };
    } catch (caught) {
      if (!(caught instanceof FieldError)) throw caught;
      setProblem({ field: caught.field, message: caught.message });
      focusField(caught.field);
      return;
    }
    setBusy(true);
    try {
      const answer = await api.post<{ event: LedgerEvent }>(workspacePath(workspaceId, 'events'), body);
      setRecorded(answer.event);
      setIds(freshIds());
      setFormVersion((v) => v + 1); // a fresh form: defaults again, new ids
      onRecorded();
    } catch (caught) {
      setError(caught);
      const field = fieldOfProblem(caught, formRef.current);
      if (field) setProblem(field);
    } finally {
      setBusy(false);
    }
  };

  const names = {
    requests: new Map(client.requests.map((r) => [r.requestId, r.subject])),
    invoices: new Map(client.invoices.map((i) => [i.invoiceId, i.number])),
    deliverables: new Map(base.deliverables.map((d) => [d.id, d.title])),
  };

  return (
    <>
      {unavailable ? <p className="notice notice-info">{t(unavailable)}</p> : (
        <FieldProblemContext.Provider value={problem}>
          <form key={formVersion} ref={formRef} className="form-stack card record-form" onSubmit={(e) => void submit(e)}>
            <definition.Fields ctx={ctx} />
            <FormProblems problem={problem} error={error} notSaved={t('record.error.notRecorded')} />
            <div className="actions-row">
              <button type="submit" disabled={busy}>{busy ? t('record.saving') : t('record.submit')}</button>
              <Link to={`/clients/${encodeURIComponent(client.clientId)}`}>{t('common.cancel')}</Link>
            </div>
          </form>
        </FieldProblemContext.Provider>
      )}
      <div role="status" aria-live="polite">
        {recorded ? (
          <div className="notice notice-ok">
            <p><strong>{t('record.done')}</strong> {summariseEvent(recorded, names, { t, money, date })}</p>
            <p><Link to={`/clients/${encodeURIComponent(client.clientId)}`}>{t('record.backTo', { name: client.name })}</Link></p>
          </div>
        ) : null}
      </div>
    </>
  );
}
