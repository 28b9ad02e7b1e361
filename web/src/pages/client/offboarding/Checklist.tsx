import type { AccessGrant } from '../../../api/types.ts';
import { Link } from '../../../app/router.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { sayPhrase } from '../../../i18n/phrase.ts';
import { closedLabel } from '../summarise-event.ts';
import { HandoverPanel } from './HandoverPanel.tsx';
import { SkipForm } from './SkipForm.tsx';
import { isSkippable, type HandoverInput, type OffboardingStep, type OffboardingView, type SkippableStep } from './types.ts';

export interface ChecklistActions {
  readonly handOver: (input: HandoverInput) => void;
  readonly withdraw: () => void;
  readonly queueLetter: () => void;
  readonly skip: (step: SkippableStep, reason: string, name: string) => void;
}

interface Props {
  readonly view: OffboardingView;
  readonly clientId: string;
  readonly grants: readonly AccessGrant[];
  /** Null for viewers, and once the client is offboarded: the list is then read-only. */
  readonly actions: ChecklistActions | null;
  readonly busy: boolean;
}

const badgeOf = { done: 'badge-ok', pending: 'badge-warn', blocked: 'badge-bad' } as const;

/** The steps in order, each with its status and what the server says of it in the page's language, and what a member can do about it. */
export function Checklist({ view, clientId, grants, actions, busy }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const nameOf = (step: OffboardingStep) => t(`client.offboarding.step.${step.id}`);

  const actionsFor = (step: OffboardingStep) => {
    if (!actions || step.status === 'done') return null;
    const letter = view.terminationLetter;
    return (
      <>
        {step.id === 'access' ? <HandoverPanel view={view} grants={grants} busy={busy} onHandOver={actions.handOver} /> : null}
        <div className="actions-row">
          {step.id === 'requests' ? <button type="button" disabled={busy} onClick={actions.withdraw}>{t('client.offboarding.withdraw')}</button> : null}
          {step.id === 'final-invoice' ? (
            <Link className="button button-secondary" to={`/clients/${encodeURIComponent(clientId)}/record`}>{t('client.record')}</Link>
          ) : null}
          {step.id === 'termination-letter' && !letter ? (
            <button type="button" disabled={busy} onClick={actions.queueLetter}>{t('client.offboarding.queueLetter')}</button>
          ) : null}
          {step.id === 'termination-letter' && letter ? (
            <Link className="button" to={`/outbox/${encodeURIComponent(letter.actionKey)}`}>{t('client.offboarding.reviewSend')}</Link>
          ) : null}
          {isSkippable(step.id) ? <SkipForm stepName={nameOf(step)} busy={busy} onSkip={(reason) => actions.skip(step.id as SkippableStep, reason, nameOf(step))} /> : null}
        </div>
        {step.id === 'final-invoice' ? <p className="hint">{t('client.offboarding.finalInvoiceHint')}</p> : null}
        {step.id === 'final-report' ? <p className="hint">{t('client.offboarding.finalReportHint')}</p> : null}
      </>
    );
  };

  return (
    <ol className="offboarding-steps" aria-label={t('client.offboarding.checklist')}>
      {view.steps.map((step) => (
        <li key={step.id} className={`offboarding-step offboarding-${step.status}`}>
          <h3>{nameOf(step)}</h3>
          <p>
            <span className="visually-hidden">{t('client.offboarding.status')} </span>
            <span className={`badge ${step.skipReason ? 'badge-muted' : badgeOf[step.status]}`}>
              {step.skipReason ? t('client.offboarding.status.skipped') : t(`client.offboarding.status.${step.status}`)}
            </span>
            {' '}<span>{sayPhrase(i18n, 'client.offboarding.detail', step.message)}</span>
          </p>
          {step.id === 'termination-letter' && view.terminationLetter && step.status !== 'done' ? (
            <p className="muted">{t('client.offboarding.letterInOutbox', { status: closedLabel(t, 'outbox.status', view.terminationLetter.status) })}</p>
          ) : null}
          {actionsFor(step)}
        </li>
      ))}
    </ol>
  );
}
