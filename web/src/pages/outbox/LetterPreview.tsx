import './outbox.css';
import { useI18n } from '../../i18n/i18n.tsx';
import type { OutboxPreview } from './types.ts';

/** The letter as the client would receive it, in the client's language. */
export function LetterPreview({ preview, heading = 'outbox.preview', level = 2 }: {
  readonly preview: Pick<OutboxPreview, 'subject' | 'text' | 'locale'> & { readonly to?: readonly string[] };
  readonly heading?: string;
  /** The heading level of the section (its parts get the next one). */
  readonly level?: 2 | 3;
}) {
  const { t } = useI18n();
  const Heading = level === 2 ? 'h2' : 'h3';
  const SubHeading = level === 2 ? 'h3' : 'h4';
  return (
    <section className="card outbox-card" aria-labelledby="letter-heading" data-letter-preview="">
      <Heading id="letter-heading">{t(heading)}</Heading>
      <dl className="meta-list">
        {preview.to ? <><dt>{t('outbox.to')}</dt><dd>{preview.to.length > 0 ? preview.to.join(', ') : <span className="bad">{t('outbox.noRecipient')}</span>}</dd></> : null}
        <dt>{t('outbox.subject')}</dt><dd lang={preview.locale}>{preview.subject}</dd>
        <dt>{t('outbox.language')}</dt><dd>{t(`outbox.lang.${preview.locale}`)}</dd>
      </dl>
      <SubHeading>{t('outbox.text')}</SubHeading>
      <div className="letter-text" lang={preview.locale}>{preview.text}</div>
    </section>
  );
}
