import { useState } from 'react';
import { approvalModes, contractDefaults } from '../../../../src/contract/vocabulary.ts';
import type { EventInput } from '../../api/record.ts';
import type { InsightContract } from '../client/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { FieldError, SelectField, TextField } from '../record/fields.tsx';
import type { Reader } from '../record/read-form.ts';

// Every term of a contract that the assessment and the letters use, each with a plain hint
// and Firmly's default beside it. Signing fills them all; amending starts from the terms in
// force and sends only those changed.

export type Terms = Required<Pick<EventInput<'contract.signed'>, 'networks' | 'fee' | 'paymentTerms' | 'feedbackDays' | 'approval' | 'stopWorkAfterDays' | 'lateInterest' | 'reminderFees'>>;

export const commonNetworks = ['instagram', 'facebook', 'tiktok', 'linkedin', 'youtube', 'pinterest', 'x'] as const;

/** The terms as the form starts: a contract's in force today (for an amendment) or Firmly's defaults in `currency`. */
export function startingTerms(contract: InsightContract | undefined, currency: string): Terms {
  if (contract) {
    return {
      networks: [...contract.networks],
      fee: { amount: contract.fee.amount, currency: contract.fee.currency, cycle: contract.fee.cycle as 'monthly' | 'once' },
      paymentTerms: contract.paymentTerms,
      feedbackDays: contract.feedbackDays,
      approval: {
        mode: contract.approval.mode as Terms['approval']['mode'],
        ...(contract.approval.windowDays !== null ? { windowDays: contract.approval.windowDays } : {}),
        ...(contract.approval.deemedApproval ? { deemedApproval: true } : {}),
      },
      stopWorkAfterDays: contract.stopWorkAfterDays,
      lateInterest: contract.lateInterest,
      reminderFees: contract.reminderFees,
    };
  }
  return {
    networks: [...contractDefaults.networks], fee: { amount: '', currency, cycle: contractDefaults.cycle }, paymentTerms: { ...contractDefaults.paymentTerms },
    feedbackDays: contractDefaults.feedbackDays, approval: { mode: contractDefaults.approvalMode }, stopWorkAfterDays: contractDefaults.stopWorkAfterDays,
    lateInterest: contractDefaults.lateInterest, reminderFees: contractDefaults.reminderFees,
  };
}

/** Reads the terms back from the form; a bad field throws a FieldError naming it. */
export function readTerms(read: Reader, t: (key: string, vars?: Record<string, string | number>) => string): Terms {
  const currency = read.currency('feeCurrency');
  const others = (read.optional('otherNetworks') ?? '').split(',').map((n) => n.trim().toLowerCase()).filter(Boolean);
  const networks = [...new Set([...read.all('networks'), ...others])];
  const termsKind = read.required('paymentTermsKind');
  const paymentTerms = termsKind === 'dueDay' ? { dueDayOfMonth: read.int('dueDayOfMonth', 1, 31) } : { netDays: read.int('netDays', 0, 365) };
  const mode = read.required('approvalMode') as Terms['approval']['mode'];
  const approval: Terms['approval'] = mode === 'none' ? { mode } : {
    mode, windowDays: read.int('approvalWindowDays', 0, 365), ...(read.optional('deemedApproval') ? { deemedApproval: true } : {}),
  };
  const interestKind = read.required('lateInterestKind');
  let lateInterest: Terms['lateInterest'] = interestKind === 'none' ? 'none' : 'statutory';
  if (interestKind === 'rate') {
    const rate = read.required('ratePct').replace(',', '.');
    if (!/^\d{1,2}(\.\d{1,2})?$/.test(rate)) throw new FieldError('ratePct', t('manage.error.rate'));
    lateInterest = { ratePct: rate };
  }
  return {
    networks,
    fee: { ...read.money('feeAmount', currency, { allowZero: true }), cycle: read.required('feeCycle') as 'monthly' | 'once' },
    paymentTerms,
    feedbackDays: read.int('feedbackDays', 0, 365),
    approval,
    stopWorkAfterDays: read.int('stopWorkAfterDays', 0, 3650),
    lateInterest,
    reminderFees: read.optional('reminderFees') === 'yes',
  };
}

/** The terms of `after` that differ from `before`: what an amendment names. */
export function changedTerms(before: Terms, after: Terms): Partial<Terms> {
  const changes: Partial<Record<keyof Terms, unknown>> = {};
  for (const key of Object.keys(after) as (keyof Terms)[]) {
    const a = key === 'networks' ? [...after.networks].sort() : after[key];
    const b = key === 'networks' ? [...before.networks].sort() : before[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = after[key];
  }
  return changes as Partial<Terms>;
}

/** The fields, filled from `terms`. */
export function ContractTermFields({ terms }: { readonly terms: Terms }) {
  const { t } = useI18n();
  const [paymentKind, setPaymentKind] = useState<'net' | 'dueDay'>('dueDayOfMonth' in terms.paymentTerms ? 'dueDay' : 'net');
  const [approvalMode, setApprovalMode] = useState(terms.approval.mode);
  const [interestKind, setInterestKind] = useState<'statutory' | 'rate' | 'none'>(typeof terms.lateInterest === 'string' ? terms.lateInterest : 'rate');
  const defaults = contractDefaults;
  const known = new Set<string>(commonNetworks);
  const otherNetworks = terms.networks.filter((n) => !known.has(n)).join(', ');
  const defaultHint = (text: string) => t('manage.terms.default', { value: text });
  const radio = (name: string, value: string, checked: boolean, onChange: () => void, label: string) => (
    <label className="check"><input type="radio" name={name} value={value} checked={checked} onChange={onChange} />{label}</label>
  );

  return (
    <>
      <fieldset>
        <legend>{t('manage.terms.networks')}</legend>
        <p className="hint">{t('manage.terms.networksHint')}</p>
        {commonNetworks.map((n) => (
          <label key={n} className="check"><input type="checkbox" name="networks" value={n} defaultChecked={terms.networks.includes(n)} />{t(`manage.network.${n}`)}</label>
        ))}
        <TextField name="otherNetworks" label={t('manage.terms.otherNetworks')} maxLength={300} defaultValue={otherNetworks} hint={t('manage.terms.otherNetworksHint')} />
      </fieldset>

      <fieldset>
        <legend>{t('manage.terms.fee')}</legend>
        <div className="money-fields">
          <TextField name="feeAmount" label={t('manage.terms.feeAmount')} required inputMode="decimal" defaultValue={terms.fee.amount} hint={t('record.hint.amount')} />
          <TextField name="feeCurrency" label={t('record.field.currency')} required maxLength={3} className="short" defaultValue={terms.fee.currency} />
        </div>
        <SelectField name="feeCycle" label={t('manage.terms.feeCycle')} required defaultValue={terms.fee.cycle}
          options={[{ value: 'monthly', label: t('manage.cycle.monthly') }, { value: 'once', label: t('manage.cycle.once') }]}
          hint={defaultHint(t(`manage.cycle.${contractDefaults.cycle}`))} />
      </fieldset>

      <fieldset>
        <legend>{t('manage.terms.payment')}</legend>
        <p className="hint">{t('manage.terms.paymentHint')} {defaultHint(t('client.contract.netDays', { count: 'netDays' in defaults.paymentTerms ? defaults.paymentTerms.netDays : 0 }))}</p>
        {radio('paymentTermsKind', 'net', paymentKind === 'net', () => setPaymentKind('net'), t('manage.terms.netDaysOption'))}
        {radio('paymentTermsKind', 'dueDay', paymentKind === 'dueDay', () => setPaymentKind('dueDay'), t('manage.terms.dueDayOption'))}
        {paymentKind === 'net'
          ? <TextField name="netDays" type="number" min={0} max={365} label={t('manage.terms.netDays')} required className="short"
              defaultValue={String('netDays' in terms.paymentTerms ? terms.paymentTerms.netDays : defaults.paymentTerms.netDays)} />
          : <TextField name="dueDayOfMonth" type="number" min={1} max={31} label={t('manage.terms.dueDayOfMonth')} required className="short"
              defaultValue={String('dueDayOfMonth' in terms.paymentTerms ? terms.paymentTerms.dueDayOfMonth : 1)} hint={t('manage.terms.dueDayHint')} />}
      </fieldset>

      <TextField name="feedbackDays" type="number" min={0} max={365} label={t('manage.terms.feedbackDays')} required className="short"
        defaultValue={String(terms.feedbackDays)} hint={`${t('manage.terms.feedbackDaysHint')} ${defaultHint(String(defaults.feedbackDays))}`} />

      <fieldset>
        <legend>{t('manage.terms.approval')}</legend>
        <SelectField name="approvalMode" label={t('manage.terms.approvalMode')} required defaultValue={terms.approval.mode}
          options={approvalModes.map((m) => ({ value: m, label: t(`client.approvalMode.${m}`) }))}
          hint={`${t('manage.terms.approvalModeHint')} ${defaultHint(t(`client.approvalMode.${defaults.approvalMode}`))}`}
          onChange={(mode) => setApprovalMode(mode as Terms['approval']['mode'])} />
        {approvalMode === 'none' ? null : (
          <>
            <TextField name="approvalWindowDays" type="number" min={0} max={365} label={t('manage.terms.approvalWindow')} required className="short"
              defaultValue={String(terms.approval.windowDays ?? defaults.approvalWindowDays)} hint={`${t('manage.terms.approvalWindowHint')} ${defaultHint(String(defaults.approvalWindowDays))}`} />
            <label className="check">
              <input type="checkbox" name="deemedApproval" value="yes" defaultChecked={terms.approval.deemedApproval ?? defaults.deemedApproval} />
              {t('manage.terms.deemedApproval')}
            </label>
            <p className="hint">{t('manage.terms.deemedApprovalHint')}</p>
          </>
        )}
      </fieldset>

      <TextField name="stopWorkAfterDays" type="number" min={0} max={3650} label={t('manage.terms.stopWork')} required className="short"
        defaultValue={String(terms.stopWorkAfterDays)} hint={`${t('manage.terms.stopWorkHint')} ${defaultHint(String(defaults.stopWorkAfterDays))}`} />

      <fieldset>
        <legend>{t('manage.terms.lateInterest')}</legend>
        <p className="hint">{t('manage.terms.lateInterestHint')} {defaultHint(t('manage.terms.interest.statutory'))}</p>
        {radio('lateInterestKind', 'statutory', interestKind === 'statutory', () => setInterestKind('statutory'), t('manage.terms.interest.statutory'))}
        {radio('lateInterestKind', 'rate', interestKind === 'rate', () => setInterestKind('rate'), t('manage.terms.interest.rate'))}
        {radio('lateInterestKind', 'none', interestKind === 'none', () => setInterestKind('none'), t('manage.terms.interest.none'))}
        {interestKind === 'rate' ? (
          <TextField name="ratePct" label={t('manage.terms.ratePct')} required inputMode="decimal" className="short"
            defaultValue={typeof terms.lateInterest === 'object' ? String(terms.lateInterest.ratePct) : ''} hint={t('manage.terms.ratePctHint')} />
        ) : null}
      </fieldset>

      <div className="field">
        <label className="check">
          <input type="checkbox" name="reminderFees" value="yes" defaultChecked={terms.reminderFees} aria-describedby="reminder-fees-hint" />
          {t('manage.terms.reminderFees')}
        </label>
        <p id="reminder-fees-hint" className="hint">{t('manage.terms.reminderFeesHint')} {defaultHint(t('manage.no'))}</p>
      </div>
    </>
  );
}
