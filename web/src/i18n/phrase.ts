import type { PhraseValueWire, PhraseWire } from '../../../src/contract/phrase.ts';
import type { Translate, Vars } from './i18n.tsx';

export type Phrase = PhraseWire;

/** Where a coded value is named in the catalogues. */
const codeLabels: Record<Extract<PhraseValueWire, { of: string }>['of'], string> = {
  offboardingReason: 'client.offboarding.reason',
  outboxStatus: 'outbox.status',
};

interface Formatters {
  readonly t: Translate;
  readonly date: (day: string) => string;
  readonly money: (m: { readonly amount: string; readonly currency: string }) => string;
  readonly list: (items: readonly string[]) => string;
}

/**
 * A server's message (a key and typed values) in the page's language: `prefix.key` from the
 * catalogue, each value formatted here — days and money by the page's one date and money
 * helper, lists by Intl.ListFormat, codes by their catalogue labels. A number stays a number,
 * so `count` picks the plural form.
 */
export function sayPhrase(f: Formatters, prefix: string, phrase: Phrase): string {
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(phrase.values)) vars[name] = formatValue(f, value);
  return f.t(`${prefix}.${phrase.key}`, vars as Vars);
}

function formatValue(f: Formatters, value: PhraseValueWire): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('date' in value) return f.date(value.date);
  if ('money' in value) return f.list(value.money.map((m) => f.money(m)));
  if ('list' in value) return f.list(value.list);
  const key = `${codeLabels[value.of]}.${value.code}`;
  const label = f.t(key);
  return label === key ? value.code : label;
}
