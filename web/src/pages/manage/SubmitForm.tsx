import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { FieldError, FieldProblemContext, type FieldProblem } from '../record/fields.tsx';
import { formReader, type Reader } from '../record/read-form.ts';

/** The form field a server refusal is about, when its issues name one (`body/data/name` → `name`). */
export function fieldOfProblem(error: unknown, form: HTMLFormElement | null): FieldProblem | null {
  if (!(error instanceof ApiError) || !form) return null;
  const issues = Array.isArray(error.problem.issues) ? error.problem.issues as unknown[] : [];
  for (const issue of issues) {
    const where = typeof issue === 'object' && issue !== null ? (issue as { where?: unknown; path?: unknown }).where ?? (issue as { path?: unknown }).path : undefined;
    const segments = typeof where === 'string' ? where.split(/[/.]/) : Array.isArray(where) ? where.map(String) : [];
    const name = [...segments].reverse().find((s) => s && form.elements.namedItem(s));
    const message = (issue as { message?: unknown }).message;
    if (name) return { field: name, message: typeof message === 'string' ? message : error.problem.detail };
  }
  return null;
}

/** Why a submit did not go through: the field found wrong, or the server's refusal in its words. */
export function FormProblems({ problem, error, notSaved }: { readonly problem: FieldProblem | null; readonly error: unknown; readonly notSaved: string }) {
  const { t } = useI18n();
  return (
    <>
      {problem && !error ? <p className="notice notice-error" role="alert">{t('record.error.summary', { message: problem.message })}</p> : null}
      {error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 403 ? (
        <div className="notice notice-error" role="alert">
          <strong>{notSaved}</strong>
          <p>{error.problem.detail}</p>
        </div>
      ) : error ? <ErrorNotice error={error} /> : null}
    </>
  );
}

/**
 * A form that reads its fields (a bad one is shown next to it and focused), sends, and shows
 * the server's refusal in words; `send` returns when the change is recorded.
 */
export function SubmitForm({ children, send, submitLabel, busyLabel, today, cancel, className }: {
  readonly children: ReactNode;
  readonly send: (read: Reader) => Promise<void>;
  readonly submitLabel: string;
  readonly busyLabel: string;
  readonly today: string;
  readonly cancel?: ReactNode;
  readonly className?: string;
}) {
  const { t } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      await send(formReader(event.currentTarget, t, today));
    } catch (caught) {
      if (caught instanceof FieldError) {
        setProblem({ field: caught.field, message: caught.message });
        const element = formRef.current?.elements.namedItem(caught.field);
        if (element instanceof HTMLElement) element.focus();
      } else {
        setError(caught);
        const field = fieldOfProblem(caught, formRef.current);
        if (field) setProblem(field);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <FieldProblemContext.Provider value={problem}>
      <form ref={formRef} className={`form-stack card ${className ?? ''}`} onSubmit={(e) => void submit(e)} noValidate={false}>
        {children}
        <FormProblems problem={problem} error={error} notSaved={t('manage.notSaved')} />
        <div className="actions-row">
          <button type="submit" disabled={busy}>{busy ? busyLabel : submitLabel}</button>
          {cancel}
        </div>
      </form>
    </FieldProblemContext.Provider>
  );
}
