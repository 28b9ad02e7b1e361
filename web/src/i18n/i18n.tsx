import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Locale, Money } from '../api/types.ts';
import { catalogues } from './catalogues/index.ts';

// Dates, instants, money and lists reach the page as machine values (YYYY-MM-DD, ISO
// instants, decimal strings with a currency) and are formatted here, and only here, in the
// page's language: the one home of `date`, `dateTime`, `money`, `number` and `list`.
//
// UI strings are data: one catalogue per area and language (./catalogues). A key with plural
// forms is looked up as `key_one` / `key_other` by Intl.PluralRules of the language;
// `{name}` placeholders are filled from `vars`. A key missing in Danish falls back to English
// (and a missing English key shows the key, so it is seen in review, not hidden).

export type Vars = Readonly<Record<string, string | number>>;
export type Translate = (key: string, vars?: Vars) => string;

export const locales: readonly Locale[] = ['en', 'da'];

interface I18n {
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
  readonly t: Translate;
  readonly money: (money: Money | null | undefined) => string;
  readonly date: (isoDateOrInstant: string | null | undefined) => string;
  readonly dateTime: (instant: string | null | undefined) => string;
  readonly number: (value: number, digits?: number) => string;
  /** "a, b and c" in the language ("a, b og c"). */
  readonly list: (items: readonly string[]) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function initialLocale(storageKey: string): Locale {
  const stored = safeStorage()?.getItem(storageKey);
  if (stored === 'en' || stored === 'da') return stored;
  return navigator.language?.toLowerCase().startsWith('da') ? 'da' : 'en';
}

export function translator(locale: Locale): Translate {
  const plural = new Intl.PluralRules(locale);
  const lookup = (key: string): string | undefined => catalogues[locale][key] ?? catalogues.en[key];
  return (key, vars) => {
    const count = vars?.count;
    const text = (typeof count === 'number' ? lookup(`${key}_${plural.select(count)}`) ?? lookup(`${key}_other`) : undefined) ?? lookup(key) ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;
  };
}

const intlLocale = (locale: Locale) => (locale === 'da' ? 'da-DK' : 'en-GB');

/**
 * `storageKey`: where the choice of language is kept in the browser. The portal keeps its own,
 * so a client's page opened in a staff browser does not switch the staff app's language.
 */
export function I18nProvider({ children, storageKey = 'firmly.locale' }: { readonly children: ReactNode; readonly storageKey?: string }) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale(storageKey));
  const setLocale = useCallback((next: Locale) => {
    safeStorage()?.setItem(storageKey, next);
    setLocaleState(next);
  }, [storageKey]);
  const value = useMemo<I18n>(() => {
    const tag = intlLocale(locale);
    const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
    const dateTimeFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    const listFormat = new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' });
    return {
      locale,
      setLocale,
      t: translator(locale),
      // Amounts arrive as exact decimal strings; Intl formats them without going through a float.
      money: (m) => (m ? new Intl.NumberFormat(tag, { style: 'currency', currency: m.currency }).format(m.amount as unknown as number) : '—'),
      date: (d) => (d ? dateFormat.format(new Date(d.length === 10 ? `${d}T00:00:00Z` : d)) : '—'),
      dateTime: (d) => (d ? dateTimeFormat.format(new Date(d)) : '—'),
      number: (n, digits = 0) => new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(n),
      list: (items) => listFormat.format(items),
    };
  }, [locale, setLocale]);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled: the language is then only kept for the visit
  }
}
