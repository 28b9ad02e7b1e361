import type { Locale } from '../../api/types.ts';
import { locales, useI18n } from '../../i18n/i18n.tsx';

// The portal shows the client's language unless the visitor picked another here; that choice
// is remembered apart from the staff app's, so the client's own language does not override it.
const chosenKey = 'firmly.portal.locale';

export function chosenPortalLocale(): Locale | null {
  try {
    const chosen = window.localStorage.getItem(chosenKey);
    return chosen === 'en' || chosen === 'da' ? chosen : null;
  } catch {
    return null;
  }
}

export function PortalLanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  const choose = (next: Locale) => {
    try {
      window.localStorage.setItem(chosenKey, next);
    } catch {
      // storage disabled: the choice then lasts for this visit
    }
    setLocale(next);
  };
  return (
    <label className="inline-field">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select value={locale} onChange={(e) => choose(e.target.value as Locale)}>
        {locales.map((l) => <option key={l} value={l} lang={l}>{t(`lang.${l}`)}</option>)}
      </select>
    </label>
  );
}
