import type { Locale } from '../../api/types.ts';
import { locales, translator, useI18n } from '../../i18n/i18n.tsx';

/**
 * The link is unknown, expired or revoked. Said in both languages: the visitor may not read
 * the one we guessed, and there is no client record to tell us theirs.
 */
export function LinkGone() {
  const { locale } = useI18n();
  const others = locales.filter((l) => l !== locale);
  return (
    <div className="card portal-gone">
      <GoneText locale={locale} heading="h1" />
      {others.map((l) => <GoneText key={l} locale={l} heading="h2" />)}
    </div>
  );
}

function GoneText({ locale, heading: Heading }: { readonly locale: Locale; readonly heading: 'h1' | 'h2' }) {
  const t = translator(locale);
  return (
    <section lang={locale}>
      <Heading>{t('portal.gone.title')}</Heading>
      <p>{t('portal.gone.text')}</p>
      <p>{t('portal.gone.ask')}</p>
    </section>
  );
}

/** Too many requests, or something else went wrong: a calm word and a way to try again. */
export function PortalProblem({ kind, onRetry }: { readonly kind: 'limited' | 'error'; readonly onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="card portal-gone">
      <h1>{t(`portal.${kind}.title`)}</h1>
      <p>{t(`portal.${kind}.text`)}</p>
      <button type="button" onClick={onRetry}>{t('common.retry')}</button>
    </div>
  );
}
