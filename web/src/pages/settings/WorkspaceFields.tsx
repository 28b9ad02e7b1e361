import { useMemo } from 'react';
import type { Locale } from '../../api/types.ts';
import { locales, useI18n } from '../../i18n/i18n.tsx';
import { parseAmount } from '../record/money.ts';
import { jurisdictions, type Jurisdiction } from './types.ts';

/** Every IANA zone the browser knows, with the current one even if it does not. */
export function timeZones(current: string): string[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = []; // an older browser: the current zone and UTC still make a list
  }
  return [...new Set([...zones, 'UTC', current])].filter(Boolean).sort();
}

export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export interface WorkspaceDraft {
  readonly currency: string;
  readonly rate: string;
  readonly locale: Locale;
  readonly timezone: string;
  readonly jurisdiction: Jurisdiction;
}

/** The draft as the API takes it (`workspace.configured`'s fields): the rate as the wire's decimal. */
export function settingsOf(draft: WorkspaceDraft & { readonly name: string }, uiLocale: Locale) {
  const currency = draft.currency.trim().toUpperCase();
  return {
    name: draft.name.trim(), currency, locale: draft.locale, timezone: draft.timezone, jurisdiction: draft.jurisdiction,
    // Not an amount: sent as typed, for the server to refuse by name.
    targetHourlyRate: { amount: parseAmount(draft.rate, currency, uiLocale) ?? draft.rate.trim(), currency },
  };
}

/**
 * A workspace's money, language, time zone and law, as settings edits them and as a new
 * workspace starts: one set of fields for both. `idPrefix` keeps the hints' ids apart when
 * both forms are on the page.
 */
export function WorkspaceFields({ draft, set, idPrefix = '' }: {
  readonly draft: WorkspaceDraft;
  readonly set: (patch: Partial<WorkspaceDraft>) => void;
  readonly idPrefix?: string;
}) {
  const { t } = useI18n();
  const zones = useMemo(() => timeZones(draft.timezone), [draft.timezone]);
  const id = (name: string) => `${idPrefix}${name}`;
  return (
    <>
      <div className="field-row">
        <label>
          {t('settings.workspace.currency')}
          <input value={draft.currency} required pattern="[A-Za-z]{3}" size={5} maxLength={3} autoCapitalize="characters"
            aria-describedby={id('currency-hint')} onChange={(e) => set({ currency: e.target.value })} />
        </label>
        <label>
          {t('settings.workspace.rate')}
          <input value={draft.rate} required inputMode="decimal" size={10} aria-describedby={id('rate-hint')}
            onChange={(e) => set({ rate: e.target.value })} />
        </label>
      </div>
      <p id={id('currency-hint')} className="hint">{t('settings.workspace.currencyHint')}</p>
      <p id={id('rate-hint')} className="hint">{t('settings.workspace.rateHint')}</p>
      <div className="field-row">
        <label>
          {t('settings.workspace.locale')}
          <select value={draft.locale} onChange={(e) => set({ locale: e.target.value as Locale })}>
            {locales.map((l) => <option key={l} value={l}>{t(`settings.locale.${l}`)}</option>)}
          </select>
        </label>
        <label>
          {t('settings.workspace.timezone')}
          <select value={draft.timezone} onChange={(e) => set({ timezone: e.target.value })}>
            {zones.map((z) => <option key={z} value={z}>{z}</option>)}
          </select>
        </label>
        <label>
          {t('settings.workspace.jurisdiction')}
          <select value={draft.jurisdiction} aria-describedby={id('jurisdiction-hint')} onChange={(e) => set({ jurisdiction: e.target.value as Jurisdiction })}>
            {jurisdictions.map((j) => <option key={j} value={j}>{t(`settings.jurisdiction.${j}`)}</option>)}
          </select>
        </label>
      </div>
      <p id={id('jurisdiction-hint')} className="hint">{t('settings.workspace.jurisdictionHint')}</p>
    </>
  );
}
