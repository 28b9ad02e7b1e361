import { useMemo, useState } from 'react';
import { holdReasons } from '../../../../src/contract/vocabulary.ts';
import { recordEvent } from '../../api/record.ts';
import type { ClientDetail } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { todayIso } from '../dashboard/format.ts';
import { FieldError, SelectField, TextArea, TextField } from '../record/fields.tsx';
import type { Reader } from '../record/read-form.ts';
import { SubmitForm } from './SubmitForm.tsx';

type Panel = 'none' | 'hold' | 'archive' | `end:${string}`;

/**
 * What a member changes about a client from its page: the details, a contract signed, amended
 * or ended, escalation held until a date (or released), the client archived (or restored).
 * Each is one ledger event; `onChanged` reloads the page's data.
 */
export function ManageClient({ workspaceId, client, onChanged }: {
  readonly workspaceId: string; readonly client: ClientDetail; readonly onChanged: () => void;
}) {
  const { t, date } = useI18n();
  const today = useMemo(() => todayIso(), []);
  const [panel, setPanel] = useState<Panel>('none');
  const clientPath = `/clients/${encodeURIComponent(client.clientId)}`;
  const done = () => {
    setPanel('none');
    onChanged();
  };
  const open = client.contracts.filter((c) => c.endDate === null || c.endDate >= today);
  const held = client.heldUntil !== null && client.heldUntil >= today;

  const hold = async (read: Reader) => {
    const until = read.date('until');
    if (until < today) throw new FieldError('until', t('manage.hold.untilPast'));
    const reason = read.required('reason') as (typeof holdReasons)[number];
    const note = read.optional('note');
    if (reason === 'other' && !note) throw new FieldError('note', t('manage.hold.noteNeeded'));
    await recordEvent(workspaceId, { type: 'escalation.held', data: { clientId: client.clientId, until, reason, note } });
    done();
  };
  const release = async () => {
    await recordEvent(workspaceId, { type: 'escalation.released', data: { clientId: client.clientId } });
    done();
  };
  const archive = async (read: Reader) => {
    await recordEvent(workspaceId, { type: 'client.archived', data: { clientId: client.clientId, reason: read.optional('reason') } });
    done();
  };
  const restore = async () => {
    await recordEvent(workspaceId, { type: 'client.restored', data: { clientId: client.clientId } });
    done();
  };
  const endContract = (contractId: string) => async (read: Reader) => {
    await recordEvent(workspaceId, { type: 'contract.ended', data: { contractId, endDate: read.date('endDate'), reason: read.optional('reason') } });
    done();
  };
  const cancel = <button type="button" className="button-secondary" onClick={() => setPanel('none')}>{t('common.cancel')}</button>;

  return (
    <div className="manage-client">
      <p className="actions-row">
        <Link className="button" to={`${clientPath}/record`}>{t('client.record')}</Link>
        <Link className="button button-secondary" to={`${clientPath}/edit`}>{t('manage.client.edit')}</Link>
        <Link className="button button-secondary" to={`${clientPath}/contracts/new`}>{t('manage.contract.sign')}</Link>
        {held
          ? <ReleaseButton label={t('manage.hold.release')} onRelease={release} />
          : <button type="button" className="button-secondary" aria-expanded={panel === 'hold'} onClick={() => setPanel('hold')}>{t('manage.hold.button')}</button>}
        {client.archivedAt
          ? <ReleaseButton label={t('manage.archive.restore')} onRelease={restore} />
          : <button type="button" className="button-secondary" aria-expanded={panel === 'archive'} onClick={() => setPanel('archive')}>{t('manage.archive.button')}</button>}
      </p>
      {open.length === 0 && client.contracts.length === 0 ? (
        <p className="notice notice-info">{t('manage.contract.noneYet')} <Link to={`${clientPath}/contracts/new`}>{t('manage.contract.signLink')}</Link></p>
      ) : null}
      {open.length > 0 ? (
        <ul className="plain-list">
          {open.map((c) => (
            <li key={c.contractId} className="actions-row">
              <span>{t('manage.contract.item', { from: date(c.startDate) })}</span>
              <Link to={`${clientPath}/contracts/${encodeURIComponent(c.contractId)}/amend`}>{t('manage.contract.amendLink')}</Link>
              {c.endDate === null ? (
                <button type="button" className="button-link" aria-expanded={panel === `end:${c.contractId}`} onClick={() => setPanel(`end:${c.contractId}`)}>
                  {t('manage.contract.endLink')}
                </button>
              ) : <span className="muted">{t('manage.contract.endsOn', { date: date(c.endDate) })}</span>}
            </li>
          ))}
        </ul>
      ) : null}

      {panel === 'hold' ? (
        <section aria-labelledby="hold-title">
          <h3 id="hold-title">{t('manage.hold.title')}</h3>
          <p className="muted">{t('manage.hold.intro')}</p>
          <SubmitForm send={hold} today={today} submitLabel={t('manage.hold.submit')} busyLabel={t('manage.saving')} cancel={cancel}>
            <TextField name="until" type="date" label={t('manage.hold.until')} required min={today} hint={t('manage.hold.untilHint')} />
            <SelectField name="reason" label={t('manage.hold.reason')} required options={holdReasons.map((r) => ({ value: r, label: t(`manage.hold.reason.${r}`) }))} />
            <TextArea name="note" label={t('manage.hold.note')} maxLength={2000} hint={t('manage.hold.noteHint')} />
          </SubmitForm>
        </section>
      ) : null}
      {panel === 'archive' ? (
        <section aria-labelledby="archive-title">
          <h3 id="archive-title">{t('manage.archive.title')}</h3>
          <p className="muted">{t('manage.archive.intro')}</p>
          <SubmitForm send={archive} today={today} submitLabel={t('manage.archive.submit')} busyLabel={t('manage.saving')} cancel={cancel}>
            <TextArea name="reason" label={t('manage.archive.reason')} maxLength={2000} />
          </SubmitForm>
        </section>
      ) : null}
      {panel.startsWith('end:') ? (
        <section aria-labelledby="end-title">
          <h3 id="end-title">{t('manage.contract.endTitle')}</h3>
          <p className="muted">{t('manage.contract.endIntro')}</p>
          <SubmitForm send={endContract(panel.slice(4))} today={today} submitLabel={t('manage.contract.endSubmit')} busyLabel={t('manage.saving')} cancel={cancel}>
            <TextField name="endDate" type="date" label={t('manage.contract.endDate')} required defaultValue={today} hint={t('manage.contract.endDateHint')} />
            <TextArea name="reason" label={t('manage.contract.endReason')} maxLength={2000} />
          </SubmitForm>
        </section>
      ) : null}
    </div>
  );
}

/** A one-click change that says when it failed. */
function ReleaseButton({ label, onRelease }: { readonly label: string; readonly onRelease: () => Promise<void> }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <>
      <button type="button" className="button-secondary" disabled={busy} onClick={() => {
        setBusy(true);
        setFailed(false);
        onRelease().catch(() => setFailed(true)).finally(() => setBusy(false));
      }}>{label}</button>
      {failed ? <span className="field-error" role="alert">{t('manage.notSaved')}</span> : null}
    </>
  );
}
