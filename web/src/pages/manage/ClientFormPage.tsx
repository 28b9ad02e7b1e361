import type { Settings } from '../../../../src/contract/outbox.ts';
import { useMemo, useState } from 'react';
import { api, workspacePath } from '../../api/client.ts';
import { recordEvent, type EventInput } from '../../api/record.ts';
import type { ClientDetail, ClientSummary } from '../../api/types.ts';
import { Link, navigate } from '../../app/router.tsx';
import { can, useSession } from '../../app/session.tsx';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { useApi } from '../../components/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { todayIso } from '../dashboard/format.ts';
import { FieldError, SelectField, TextArea, TextField } from '../record/fields.tsx';
import type { Reader } from '../record/read-form.ts';
import { clientIdFrom } from './client-id.ts';
import { SubmitForm } from './SubmitForm.tsx';
import '../client/client.css';

const jurisdictions = ['DK', 'GB', 'DE', 'EU', 'NONE'] as const;
type Contact = { name: string; email: string };
type Details = Omit<EventInput<'client.added'>, 'clientId'>;
type SettingsAnswer = Pick<Settings, 'workspace'>;

/** The details the form holds, read and checked: what `client.added` carries, or `client.updated` compares. */
function readDetails(read: Reader, contactRows: number, t: (key: string) => string): Details {
  const contacts: Contact[] = [];
  for (let i = 0; i < contactRows; i++) {
    const name = read.optional(`contactName${i}`);
    const email = read.optional(`contactEmail${i}`);
    if (!name && !email) continue;
    if (!name) throw new FieldError(`contactName${i}`, t('manage.error.contactName'));
    if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new FieldError(`contactEmail${i}`, t('manage.error.email'));
    contacts.push({ name, email });
  }
  const currency = read.optional('currency');
  if (currency !== undefined && !/^[A-Za-z]{3}$/.test(currency)) throw new FieldError('currency', t('record.error.currency'));
  const jurisdiction = read.optional('jurisdiction') as Details['jurisdiction'];
  return {
    name: read.required('name'),
    locale: read.required('locale') as Details['locale'],
    ...(jurisdiction ? { jurisdiction } : {}),
    ...(currency ? { currency: currency.toUpperCase() } : {}),
    contacts,
    ...optionalText('registrationNumber', read.optional('registrationNumber')),
    ...optionalText('vatNumber', read.optional('vatNumber')),
    ...optionalText('postalAddress', read.optional('postalAddress')),
  };
}
const optionalText = <K extends string>(key: K, value: string | undefined) => (value ? { [key]: value } as Record<K, string> : {});

/** What changed between the client on record and the form: only those fields, null for one cleared. */
export function changedDetails(before: ClientDetail, after: Details): Omit<EventInput<'client.updated'>, 'clientId'> {
  const changes: Record<string, unknown> = {};
  if (after.name !== before.name) changes.name = after.name;
  if (after.locale !== before.locale) changes.locale = after.locale;
  for (const key of ['jurisdiction', 'currency', 'registrationNumber', 'vatNumber', 'postalAddress'] as const) {
    const next = after[key] ?? null;
    if (next !== (before[key] ?? null)) changes[key] = next;
  }
  const contacts = before.contacts.map((c) => ({ name: c.name, email: c.email }));
  if (JSON.stringify(contacts) !== JSON.stringify(after.contacts)) changes.contacts = after.contacts;
  return changes;
}

/** `/clients/new` and `/clients/:clientId/edit`: a client's name, language, money, law, contacts and address for letters. */
export function ClientFormPage({ clientId }: { readonly clientId?: string }) {
  const { t } = useI18n();
  const { workspace } = useSession();
  const member = can(workspace, 'member');
  const listPath = workspacePath(workspace.id, 'clients');
  const detailPath = clientId ? workspacePath(workspace.id, 'clients', clientId) : null;
  const settingsPath = workspacePath(workspace.id, 'settings');
  const clients = useApi(listPath, (signal) => api.get<{ clients: ClientSummary[] }>(listPath, { signal }));
  const detail = useApi(detailPath ?? 'none', (signal) => (detailPath ? api.get<ClientDetail>(detailPath, { signal }) : Promise.resolve(null)));
  const settings = useApi(settingsPath, (signal) => api.get<SettingsAnswer>(settingsPath, { signal }).catch(() => ({ workspace: null })));
  const today = useMemo(() => todayIso(), []);
  const editing = clientId !== undefined;
  const title = t(editing ? 'manage.client.editTitle' : 'manage.client.newTitle');

  if (!member) return <><h1>{title}</h1><p className="notice notice-info">{t('record.viewerOnly')}</p></>;
  for (const loaded of [clients, detail, settings]) {
    if (loaded.state === 'loading') return <><h1>{title}</h1><Loading /></>;
    if (loaded.state === 'error') return <><h1>{title}</h1><ErrorNotice error={loaded.error} onRetry={loaded.reload} /></>;
  }
  if (clients.state !== 'ready' || detail.state !== 'ready' || settings.state !== 'ready') return null;
  return (
    <ClientForm title={title} workspaceId={workspace.id} client={detail.data} today={today}
      taken={new Set(clients.data.clients.map((c) => c.clientId))}
      defaults={{ locale: settings.data.workspace?.locale ?? 'da', currency: settings.data.workspace?.currency ?? '' }} />
  );
}

function ClientForm({ title, workspaceId, client, taken, defaults, today }: {
  readonly title: string; readonly workspaceId: string; readonly client: ClientDetail | null; readonly taken: ReadonlySet<string>;
  readonly defaults: { readonly locale: 'en' | 'da'; readonly currency: string }; readonly today: string;
}) {
  const { t } = useI18n();
  const [contactRows, setContactRows] = useState(Math.max(1, client?.contacts.length ?? 1));
  const [nothingChanged, setNothingChanged] = useState(false);
  const back = client ? `/clients/${encodeURIComponent(client.clientId)}` : '/';

  const send = async (read: Reader) => {
    setNothingChanged(false);
    const details = readDetails(read, contactRows, t);
    if (!client) {
      const clientId = clientIdFrom(details.name, taken);
      await recordEvent(workspaceId, { type: 'client.added', data: { clientId, ...details } });
      navigate(`/clients/${encodeURIComponent(clientId)}?added=1`);
      return;
    }
    const changes = changedDetails(client, details);
    if (Object.keys(changes).length === 0) {
      setNothingChanged(true);
      return;
    }
    await recordEvent(workspaceId, { type: 'client.updated', data: { clientId: client.clientId, ...changes } });
    navigate(back);
  };

  const languageOptions = [{ value: 'da', label: t('client.lang.da') }, { value: 'en', label: t('client.lang.en') }];
  const lawOptions = [{ value: '', label: t('manage.client.jurisdictionWorkspace') }, ...jurisdictions.map((j) => ({ value: j, label: t(`manage.jurisdiction.${j}`) }))];
  return (
    <>
      <h1>{title}</h1>
      <p className="page-intro muted">{t(client ? 'manage.client.editIntro' : 'manage.client.newIntro')}</p>
      <SubmitForm send={send} today={today} submitLabel={t(client ? 'manage.save' : 'manage.client.add')} busyLabel={t('manage.saving')}
        cancel={<Link to={back}>{t('common.cancel')}</Link>}>
        <TextField name="name" label={t('manage.client.name')} required maxLength={200} defaultValue={client?.name} autoComplete="organization"
          hint={t('manage.client.nameHint')} />
        <SelectField name="locale" label={t('manage.client.locale')} required options={languageOptions} defaultValue={client?.locale ?? defaults.locale}
          hint={t('manage.client.localeHint')} />
        <TextField name="currency" label={t('manage.client.currency')} maxLength={3} className="short" defaultValue={client?.currency ?? ''}
          hint={t('manage.client.currencyHint', { currency: defaults.currency || '—' })} />
        <SelectField name="jurisdiction" label={t('manage.client.jurisdiction')} options={lawOptions} defaultValue={client?.jurisdiction ?? ''}
          hint={t('manage.client.jurisdictionHint')} />
        <fieldset>
          <legend>{t('manage.client.contacts')}</legend>
          <p className="hint">{t('manage.client.contactsHint')}</p>
          {Array.from({ length: contactRows }, (_, i) => (
            <div key={i} className="money-fields">
              <TextField name={`contactName${i}`} label={t('manage.client.contactName', { n: i + 1 })} maxLength={200} defaultValue={client?.contacts[i]?.name} autoComplete="off" />
              <TextField name={`contactEmail${i}`} label={t('manage.client.contactEmail', { n: i + 1 })} maxLength={320} defaultValue={client?.contacts[i]?.email} autoComplete="off" />
            </div>
          ))}
          {contactRows < 50 ? <button type="button" className="button-secondary" onClick={() => setContactRows((n) => n + 1)}>{t('manage.client.addContact')}</button> : null}
        </fieldset>
        <TextField name="registrationNumber" label={t('manage.client.registrationNumber')} maxLength={50} defaultValue={client?.registrationNumber ?? ''}
          hint={t('manage.client.registrationNumberHint')} />
        <TextField name="vatNumber" label={t('manage.client.vatNumber')} maxLength={50} defaultValue={client?.vatNumber ?? ''} />
        <TextArea name="postalAddress" label={t('manage.client.postalAddress')} maxLength={500} defaultValue={client?.postalAddress ?? ''} />
        {nothingChanged ? <p className="notice notice-info" role="status">{t('manage.client.nothingChanged')}</p> : null}
      </SubmitForm>
    </>
  );
}
