import type { Translate } from '../../i18n/i18n.tsx';
import { FieldError } from './fields.tsx';
import { parseAmount } from './money.ts';

export type Reader = ReturnType<typeof formReader>;

/** Reads a submitted form field by field; a bad field throws a FieldError naming it, in words a person can act on. */
export function formReader(form: HTMLFormElement, t: Translate, today: string) {
  const data = new FormData(form);
  const raw = (name: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const required = (name: string) => {
    const value = raw(name);
    if (!value) throw new FieldError(name, t('record.error.required'));
    return value;
  };
  const date = (name: string, { past = false } = {}) => {
    const value = required(name);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new FieldError(name, t('record.error.date'));
    if (past && value > today) throw new FieldError(name, t('record.error.future'));
    return value;
  };
  return {
    optional: (name: string): string | undefined => raw(name) || undefined,
    /** One of `values` (a select's options): the ledger's type for it, or a FieldError naming the field. */
    choice: <V extends string>(name: string, values: readonly V[]): V => {
      const value = required(name);
      if (!(values as readonly string[]).includes(value)) throw new FieldError(name, t('record.error.choice'));
      return value as V;
    },
    optionalChoice: <V extends string>(name: string, values: readonly V[]): V | undefined => {
      const value = raw(name);
      if (!value) return undefined;
      if (!(values as readonly string[]).includes(value)) throw new FieldError(name, t('record.error.choice'));
      return value as V;
    },
    /** A date that may be left empty. */
    optionalDate: (name: string): string | undefined => (raw(name) ? date(name) : undefined),
    /** An http(s) address that may be left empty; any other scheme (javascript:, data:) is refused here as on the server. */
    optionalLink: (name: string): string | undefined => {
      const value = raw(name);
      if (!value) return undefined;
      let scheme: string | null = null;
      try {
        scheme = new URL(value).protocol;
      } catch {
        // not an address at all
      }
      if (scheme !== 'http:' && scheme !== 'https:') throw new FieldError(name, t('record.error.link'));
      return value;
    },
    required,
    date,
    /** When it happened: the event's `at`. Today means now (left to the server); an earlier day, its noon UTC. */
    at: (name = 'when'): string | undefined => {
      const day = date(name, { past: true });
      return day === today ? undefined : `${day}T12:00:00Z`;
    },
    int: (name: string, min: number, max: number): number => {
      const value = required(name);
      const n = Number(value);
      if (!/^-?\d+$/.test(value) || n < min || n > max) throw new FieldError(name, t('record.error.int', { min, max }));
      return n;
    },
    currency: (name: string): string => {
      const value = required(name).toUpperCase();
      if (!/^[A-Z]{3}$/.test(value)) throw new FieldError(name, t('record.error.currency'));
      return value;
    },
    /** An amount in `currency`, more than zero unless `allowZero` (a fee of nothing is a contract too). */
    money: (name: string, currency: string, { allowZero = false } = {}): { amount: string; currency: string } => {
      const amount = parseAmount(required(name), currency);
      if (amount === undefined) throw new FieldError(name, t('record.error.amount', { currency }));
      if (!allowZero && /^0+(\.0+)?$/.test(amount)) throw new FieldError(name, t('record.error.positive'));
      return { amount, currency };
    },
    /** "90", "1:30" or "1,5 t"/"1.5 h" → minutes. */
    minutes: (name: string): number => {
      const value = required(name).toLowerCase().replace(/\s+/g, '');
      let minutes: number | undefined;
      let m: RegExpExecArray | null;
      if (/^\d+(min|m)?$/.test(value)) minutes = parseInt(value, 10);
      else if ((m = /^(\d+):(\d{1,2})$/.exec(value))) minutes = Number(m[1]) * 60 + Number(m[2]);
      else if ((m = /^(\d+)(?:[.,](\d+))?(h|t|timer?|hours?)$/.exec(value))) minutes = Math.round(Number(`${m[1]}.${m[2] ?? '0'}`) * 60);
      if (minutes === undefined || minutes < 1 || minutes > 24 * 60) throw new FieldError(name, t('record.error.minutes'));
      return minutes;
    },
    all: (name: string): string[] => data.getAll(name).filter((v): v is string => typeof v === 'string' && v !== ''),
  };
}
