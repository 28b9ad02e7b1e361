import { useI18n } from '../../i18n/i18n.tsx';
import { archetypeKeys, type ArchetypeKey, type ArchetypeScore } from './types.ts';

/** One badge per flagged archetype: its name in words, its score in the title and for screen readers. */
export function ArchetypeBadges({ archetypes }: { readonly archetypes: Readonly<Record<ArchetypeKey, ArchetypeScore>> }) {
  const { t } = useI18n();
  const flagged = archetypeKeys.filter((key) => archetypes[key].flagged);
  if (flagged.length === 0) return <span className="muted">{t('dashboard.noPattern')}</span>;
  return (
    <>
      {flagged.map((key) => <ArchetypeBadge key={key} archetype={key} score={archetypes[key].score} />)}
    </>
  );
}

export function ArchetypeBadge({ archetype, score, flagged = true }: { readonly archetype: ArchetypeKey; readonly score: number; readonly flagged?: boolean }) {
  const { t } = useI18n();
  const scoreText = t('dashboard.score', { score });
  return (
    <span className={`badge ${flagged ? 'badge-bad' : 'badge-muted'}`} title={scoreText}>
      {t(`archetype.${archetype}`)}
      <span className="visually-hidden"> ({scoreText})</span>
    </span>
  );
}

/** How many archetypes are flagged: the first key of "most troubling first". */
export const flaggedCount = (archetypes: Readonly<Record<ArchetypeKey, ArchetypeScore>>): number =>
  archetypeKeys.filter((key) => archetypes[key].flagged).length;
