import { useId, useState, type FormEvent } from 'react';
import type { AccessGrant } from '../../../api/types.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import type { HandoverInput, OffboardingView } from './types.ts';

interface Props {
  readonly view: OffboardingView;
  /** The grants we still hold: not revoked, not handed over. */
  readonly grants: readonly AccessGrant[];
  readonly busy: boolean;
  readonly onHandOver: (input: HandoverInput) => void;
}

/**
 * One small form per account still held. While the client owes money overdue (and no override
 * is on record) the amount is shown with an Override option that needs a reason; the server
 * refuses a handover without it, so the button stays usable and the refusal is shown.
 */
export function HandoverPanel({ view, grants, busy, onHandOver }: Props) {
  const { t, money } = useI18n();
  const id = useId();
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const blocked = !view.handoverAllowed && view.owed.length > 0;
  const owed = view.owed.map((m) => money(m)).join(' + ');

  const submit = (grant: AccessGrant) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const confirmedBy = String(new FormData(event.currentTarget).get('confirmedBy') ?? '').trim();
    if (blocked && override && reason.trim() === '') {
      setMissingReason(true);
      return;
    }
    setMissingReason(false);
    onHandOver({
      network: grant.network, account: grant.account,
      ...(confirmedBy ? { confirmedBy } : {}),
      ...(blocked && override ? { override: { reason: reason.trim() } } : {}),
    });
  };

  return (
    <div className="offboarding-handover">
      {blocked ? (
        <div className="notice notice-error">
          <p><strong>{t('client.offboarding.owes', { amount: owed })}</strong></p>
          <label className="check">
            <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} aria-describedby={`${id}-override-hint`} />
            {' '}{t('client.offboarding.override')}
          </label>
          <p id={`${id}-override-hint`} className="small">{t('client.offboarding.overrideHint')}</p>
          {override ? (
            <label>
              {t('client.offboarding.overrideReason')}
              <textarea rows={2} maxLength={2000} required value={reason} onChange={(e) => setReason(e.target.value)}
                aria-invalid={missingReason || undefined} />
            </label>
          ) : <p className="small">{t('client.offboarding.overrideNeeded')}</p>}
        </div>
      ) : null}
      {view.override ? <p className="muted">{t('client.offboarding.overridden', { reason: view.override.reason })}</p> : null}
      {grants.map((grant) => {
        const key = `${id}-${grant.network}-${grant.account}`.replace(/[^\w-]/g, '_');
        return (
          <form key={`${grant.network}/${grant.account}`} className="offboarding-grant" onSubmit={submit(grant)} aria-labelledby={`${key}-name`}>
            <p id={`${key}-name`} className="offboarding-grant-name">{t('client.offboarding.account', { network: grant.network, account: grant.account })}</p>
            <div className="actions-row">
              <label className="inline-label grow">
                {t('client.offboarding.confirmedBy')}
                <input name="confirmedBy" type="text" maxLength={200} aria-describedby={`${id}-confirmed-hint`} />
              </label>
              <button type="submit" disabled={busy}>
                {t('client.offboarding.handOver')}
                <span className="visually-hidden"> {t('client.offboarding.handOverOf', { network: grant.network, account: grant.account })}</span>
              </button>
            </div>
          </form>
        );
      })}
      {grants.length > 0 ? <p id={`${id}-confirmed-hint`} className="hint">{t('client.offboarding.confirmedByHint')}</p> : null}
    </div>
  );
}
