import { createContext, useContext, useId, type ReactNode } from 'react';

/** The field the last submit found wrong, and why: shown next to that field. */
export interface FieldProblem { readonly field: string; readonly message: string }
export const FieldProblemContext = createContext<FieldProblem | null>(null);

/** A refusal that names the form field it is about (its `name`). */
export class FieldError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'FieldError';
  }
}

interface Common {
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly required?: boolean;
}

function Field({ name, label, hint, control }: Common & { readonly control: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const problem = useContext(FieldProblemContext);
  const error = problem?.field === name ? problem.message : null;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control({ id, 'aria-describedby': described, 'aria-invalid': error ? true : undefined })}
      {hint ? <p id={`${id}-hint`} className="hint">{hint}</p> : null}
      {error ? <p id={`${id}-error`} className="field-error">{error}</p> : null}
    </div>
  );
}

interface ControlProps { readonly id: string; readonly 'aria-describedby': string | undefined; readonly 'aria-invalid': true | undefined }

export function TextField(props: Common & {
  readonly defaultValue?: string; readonly type?: 'text' | 'date' | 'number' | 'url'; readonly inputMode?: 'decimal' | 'numeric' | 'text' | 'url';
  readonly maxLength?: number; readonly min?: number | string; readonly max?: number | string; readonly list?: string; readonly autoComplete?: string;
  readonly className?: string;
}) {
  const { name, required, defaultValue, type = 'text', inputMode, maxLength, min, max, list, className } = props;
  return (
    <Field {...props} control={(control) => (
      <input {...control} name={name} type={type} required={required} defaultValue={defaultValue} inputMode={inputMode}
        maxLength={maxLength} min={min} max={max} list={list} autoComplete={props.autoComplete ?? 'off'} className={className} />
    )} />
  );
}

export function TextArea(props: Common & { readonly defaultValue?: string; readonly maxLength?: number }) {
  return (
    <Field {...props} control={(control) => (
      <textarea {...control} name={props.name} required={props.required} defaultValue={props.defaultValue} maxLength={props.maxLength} />
    )} />
  );
}

export interface Option { readonly value: string; readonly label: string }

export function SelectField(props: Common & { readonly options: readonly Option[]; readonly defaultValue?: string; readonly onChange?: (value: string) => void }) {
  return (
    <Field {...props} control={(control) => (
      <select {...control} name={props.name} required={props.required} defaultValue={props.defaultValue}
        onChange={props.onChange ? (e) => props.onChange?.(e.target.value) : undefined}>
        {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    )} />
  );
}

/** A group of checkboxes sharing one name, in a fieldset with its legend. */
export function CheckboxGroup({ name, legend, options, hint }: { readonly name: string; readonly legend: string; readonly options: readonly Option[]; readonly hint?: string }) {
  const id = useId();
  return (
    <fieldset aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint ? <p id={`${id}-hint`} className="hint">{hint}</p> : null}
      {options.map((o) => (
        <label key={o.value} className="check">
          <input type="checkbox" name={name} value={o.value} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
