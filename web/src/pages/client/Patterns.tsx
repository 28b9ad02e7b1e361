import { useState } from 'react';
import type { ClientAssessment } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { archetypeKeys } from '../dashboard/types.ts';
import type { EventNames } from './summarise-event.ts';

/** Each archetype flagged or scored above zero: why, in the current language, and the evidence behind it. */
export function Patterns({ assessment, names }: { readonly assessment: ClientAssessment; readonly names: EventNames }) {
  const { t, locale } = useI18n();
  const shown = archetypeKeys.filter((key) => assessment.archetypes[key].flagged || assessment.archetypes[key].score > 0);
  if (shown.length === 0) return <p className="muted">{t('client.patterns.none')}</p>;
  const evidenceName = (id: string) => {
    const request = names.requests.get(id);
    if (request) return t('client.patterns.request', { subject: request });
    const invoice = names.invoices.get(id);
    if (invoice) return t('client.patterns.invoice', { number: invoice });
    const deliverable = names.deliverables.get(id);
    if (deliverable) return t('client.patterns.deliverable', { title: deliverable });
    return id;
  };
  return (
    <div className="grid">
      {shown.map((key) => {
        const decision = assessment.archetypes[key];
        return (
          <article key={key} className="card" aria-labelledby={`pattern-${key}`}>
            <h3 id={`pattern-${key}`}>{t(`archetype.${key}`)}</h3>
            <p>
              <span className={`badge ${decision.flagged ? 'badge-bad' : 'badge-muted'}`}>
                {decision.flagged ? t('client.patterns.flagged') : t('client.patterns.notFlagged')}
              </span>{' '}
              <span className="muted">{t('dashboard.score', { score: decision.score })}</span>
            </p>
            <p><strong>{t('client.patterns.why')}</strong> {decision.explanation[locale] || decision.explanation.en}</p>
            {decision.evidence.length > 0 ? (
              <>
                <p className="evidence-title"><strong>{t('client.patterns.evidence')}</strong></p>
                <EvidenceList ids={decision.evidence} name={evidenceName} />
              </>
            ) : null}
          </article>
        );
      })}
    </div>
  );
}

const collapsedCount = 8;

function EvidenceList({ ids, name }: { readonly ids: readonly string[]; readonly name: (id: string) => string }) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const shown = all ? ids : ids.slice(0, collapsedCount);
  return (
    <>
      <ul className="evidence">
        {shown.map((id) => <li key={id}>{name(id)} <span className="muted">({id})</span></li>)}
      </ul>
      {ids.length > collapsedCount ? (
        <button type="button" className="button-link" aria-expanded={all} onClick={() => setAll((v) => !v)}>
          {all ? t('client.list.fewer') : t('client.patterns.allEvidence', { count: ids.length })}
        </button>
      ) : null}
    </>
  );
}
