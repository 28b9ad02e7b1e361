import type { Settings } from '../../../../src/contract/outbox.ts';
import { useMemo, useState } from 'react';
import { api, workspacePath } from '../../api/client.ts';
import { recordEvent } from '../../api/record.ts';
import type { ClientDetail, Contract } from '../../api/types.ts';
import type { InsightContract, Insights } from '../client/types.ts';
import { Link, navigate } from '../../app/router.tsx';
import { can, useSession } from '../../app/session.tsx';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { useApi } from '../../components/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { todayIso } from '../dashboard/format.ts';
import { TextArea, TextField } from '../record/fields.tsx';
import { newId } from '../record/new-id.ts';
import type { Reader } from '../record/read-form.ts';
import { changedTerms, ContractTermFields, readTerms, startingTerms } from './ContractTermFields.tsx';
import { SubmitForm } from './SubmitForm.tsx';
import '../client/client.css';

type SettingsAnswer = Pick<Settings, 'workspace'>;

/** `/clients/:clientId/contracts/new` (sign) and `/clients/:clientId/contracts/:contractId/amend`. */
export function ContractFormPage({ clientId, contractId }: { readonly clientId: string; readonly contractId?: string }) {
  const { t } = useI18n();
  const { workspace } = useSession();
  const member = can(workspace, 'member');
  const base = workspacePath(workspace.id, 'clients', clientId);
  const settingsPath = workspacePath(workspace.id, 'settings');
  const detail = useApi(base, (signal) => api.get<ClientDetail>(base, { signal }));
  // The terms in force today, amendments applied: what an amendment starts from.
  const insights = useApi(`${base}/insights`, (signal) => api.get<Insights>(`${base}/insights`, { signal }));
  const settings = useApi(settingsPath, (signal) => api.get<SettingsAnswer>(settingsPath, { signal }).catch(() => ({ workspace: null })));
  const title = t(contractId ? 'manage.contract.amendTitle' : 'manage.contract.signTitle');

  if (!member) return <><h1>{title}</h1><p className="notice notice-info">{t('record.viewerOnly')}</p></>;
  for (const loaded of [detail, insights, settings]) {
    if (loaded.state === 'loading') return <><h1>{title}</h1><Loading /></>;
    if (loaded.state === 'error') return <><h1>{title}</h1><ErrorNotice error={loaded.error} onRetry={loaded.reload} /></>;
  }
  if (detail.state !== 'ready' || insights.state !== 'ready' || settings.state !== 'ready') return null;
  const client = detail.data;
  const contract = contractId ? client.contracts.find((c) => c.contractId === contractId) : undefined;
  if (contractId && !contract) return <><h1>{title}</h1><p className="notice notice-error" role="alert">{t('manage.contract.notFound')}</p></>;
  const currency = client.currency ?? settings.data.workspace?.currency ?? '';
  const inForce = contract ? insights.data.contracts.find((c) => c.contractId === contract.contractId) : undefined;
  if (contract && !inForce) return <><h1>{title}</h1><p className="notice notice-error" role="alert">{t('manage.contract.notFound')}</p></>;
  return <ContractForm title={title} workspaceId={workspace.id} client={client} contract={contract} inForce={inForce} currency={currency} />;
}

function ContractForm({ title, workspaceId, client, contract, inForce, currency }: {
  readonly title: string; readonly workspaceId: string; readonly client: ClientDetail; readonly contract: Contract | undefined;
  readonly inForce: InsightContract | undefined; readonly currency: string;
}) {
  const { t, date } = useI18n();
  const today = useMemo(() => todayIso(), []);
  const [contractId] = useState(() => newId('k'));
  const [nothingChanged, setNothingChanged] = useState(false);
  const terms = startingTerms(inForce, currency);
  const back = `/clients/${encodeURIComponent(client.clientId)}`;

  const send = async (read: Reader) => {
    setNothingChanged(false);
    const next = readTerms(read, t);
    if (!contract) {
      await recordEvent(workspaceId, { type: 'contract.signed', data: { contractId, clientId: client.clientId, startDate: read.date('startDate'), ...next } });
      navigate(`${back}#contract`);
      return;
    }
    const changes = changedTerms(terms, next);
    if (Object.keys(changes).length === 0) {
      setNothingChanged(true);
      return;
    }
    await recordEvent(workspaceId, {
      type: 'contract.amended',
      data: { contractId: contract.contractId, effectiveDate: read.date('effectiveDate'), ...changes, note: read.optional('note') },
    });
    navigate(`${back}#contract`);
  };

  return (
    <>
      <h1>{title}</h1>
      <p className="page-intro">
        {t('record.for')} <Link to={back}>{client.name}</Link>
        {contract ? <span className="muted"> — {t('client.contract.from', { from: date(contract.startDate) })}</span> : null}
      </p>
      <p className="muted">{t(contract ? 'manage.contract.amendIntro' : 'manage.contract.signIntro')}</p>
      <SubmitForm send={send} today={today} submitLabel={t(contract ? 'manage.contract.amend' : 'manage.contract.sign')} busyLabel={t('manage.saving')}
        cancel={<Link to={back}>{t('common.cancel')}</Link>}>
        {contract
          ? <TextField name="effectiveDate" type="date" label={t('manage.contract.effectiveDate')} required defaultValue={today} min={contract.startDate}
              max={contract.endDate ?? undefined} hint={t('manage.contract.effectiveDateHint')} />
          : <TextField name="startDate" type="date" label={t('manage.contract.startDate')} required defaultValue={today} hint={t('manage.contract.startDateHint')} />}
        <ContractTermFields terms={terms} />
        {contract ? <TextArea name="note" label={t('manage.contract.note')} maxLength={2000} /> : null}
        {nothingChanged ? <p className="notice notice-info" role="status">{t('manage.contract.nothingChanged')}</p> : null}
      </SubmitForm>
    </>
  );
}
