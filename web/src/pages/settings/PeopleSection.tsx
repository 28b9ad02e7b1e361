import { useState, type FormEvent } from 'react';
import type { AddMember, Invite, Member, Members } from '../../../../src/contract/people.ts';
import { ApiError, api, workspacePath } from '../../api/client.ts';
import type { Role } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { useApi } from '../../components/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ConfirmAction } from '../outbox/ConfirmAction.tsx';

const roleList: readonly Role[] = ['viewer', 'member', 'owner'];

/**
 * The workspace's people: everyone reads the list (as every settings section reads for
 * everyone); an owner adds people, changes roles, removes them and withdraws invitations.
 */
export function PeopleSection({ owner, smtpConfigured }: { readonly owner: boolean; readonly smtpConfigured: boolean }) {
  const { t, dateTime } = useI18n();
  const { workspace, session, refresh } = useSession();
  const path = workspacePath(workspace.id, 'members');
  const loaded = useApi(path, (signal) => api.get<Members>(path, { signal }));
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);

  const act = async (work: () => Promise<unknown>, done?: string) => {
    setError(null);
    setNote(null);
    try {
      await work();
      if (done) setNote(done);
      loaded.reload();
      await refresh(); // one's own role may have changed
    } catch (caught) {
      setError(caught instanceof ApiError && caught.problem.code === 'member.last_owner' ? null : caught);
      if (caught instanceof ApiError && caught.problem.code === 'member.last_owner') setNote(t('people.lastOwner'));
    }
  };

  return (
    <section className="card settings-section" id="settings-people" aria-labelledby="settings-people-heading">
      <h2 id="settings-people-heading">{t('settings.people.title')}</h2>
      {!owner ? <p className="notice notice-info">{t('people.readOnly', { role: t(`role.${workspace.role}`) })}</p> : null}
      <p className="hint">{t('role.hint')}</p>
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'error' ? <ErrorNotice error={loaded.error} onRetry={loaded.reload} /> : null}
      {loaded.state === 'ready' ? (
        <div className="table-wrap">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">{t('people.email')}</th>
                <th scope="col" id="people-role-heading">{t('people.role')}</th>
                <th scope="col">{t('people.since')}</th>
                {owner ? <th scope="col">{t('people.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {loaded.data.members.map((m, i) => (
                <MemberRow key={m.userId} member={m} index={i} owner={owner} isYou={m.userId === session.user.id}
                  onRole={(role) => act(() => api.patch(workspacePath(workspace.id, 'members', m.userId), { role }), t('common.saved'))}
                  onRemove={() => act(() => api.del(workspacePath(workspace.id, 'members', m.userId)))} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p role="status">{note ?? ''}</p>
      {error ? <ErrorNotice error={error} /> : null}
      {loaded.state === 'ready' && loaded.data.invitations.length > 0 ? (
        <>
          <h3>{t('people.invitations')}</h3>
          <ul className="plain-list">
            {loaded.data.invitations.map((inv) => (
              <li key={inv.id}>
                {inv.email} — {t(`role.${inv.role}`)} — {t('people.expires')} {dateTime(inv.expiresAt)}{' '}
                {owner ? <button type="button" className="button-secondary" aria-label={`${t('people.withdraw')}: ${inv.email}`}
                  onClick={() => void act(() => api.del(workspacePath(workspace.id, 'members', 'invitations', inv.id)))}>{t('people.withdraw')}</button> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {owner ? <AddPersonForm smtpConfigured={smtpConfigured} onAdded={loaded.reload} /> : null}
    </section>
  );
}

function MemberRow({ member, index, owner, isYou, onRole, onRemove }: {
  readonly member: Member; readonly index: number; readonly owner: boolean; readonly isYou: boolean;
  readonly onRole: (role: Role) => Promise<void>; readonly onRemove: () => Promise<void>;
}) {
  const { t, dateTime } = useI18n();
  const [role, setRole] = useState<Role>(member.role);
  const emailId = `member-${index}-email`;
  return (
    <tr>
      <td data-label={t('people.email')} id={emailId}>{member.email}{isYou ? ` ${t('people.you')}` : ''}</td>
      <td data-label={t('people.role')}>
        {owner ? (
          <span className="field-row">
            {/* Labelled by what shows: the column's heading and the person's address. */}
            <select value={role} aria-labelledby={`people-role-heading ${emailId}`} onChange={(e) => setRole(e.target.value as Role)}>
              {roleList.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
            </select>
            <button type="button" className="button-secondary" disabled={role === member.role}
              aria-label={`${t('people.changeRole')}: ${member.email}`} onClick={() => void onRole(role)}>{t('people.changeRole')}</button>
          </span>
        ) : t(`role.${member.role}`)}
      </td>
      <td data-label={t('people.since')}>{dateTime(member.since)}</td>
      {owner ? (
        <td data-label={t('people.actions')}>
          <ConfirmAction label={t('people.remove')} danger question={t('people.removeQuestion', { email: member.email })}
            confirmLabel={t('people.removeConfirm')} onConfirm={onRemove} />
        </td>
      ) : null}
    </tr>
  );
}

function AddPersonForm({ smtpConfigured, onAdded }: { readonly smtpConfigured: boolean; readonly onAdded: () => void }) {
  const { t } = useI18n();
  const { workspace } = useSession();
  const [how, setHow] = useState<'password' | 'invite'>('password');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const role = String(data.get('role') ?? 'member') as Role;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      if (how === 'invite') {
        const body: Invite = { email, role };
        await api.post(workspacePath(workspace.id, 'members', 'invitations'), body);
        setDone(t('people.invited', { email }));
      } else {
        const password = String(data.get('password') ?? '');
        const body: AddMember = { email, role, ...(password ? { password } : {}) };
        await api.post(workspacePath(workspace.id, 'members'), body);
        setDone(t('people.added', { email }));
      }
      form.reset();
      onAdded();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form-stack card" onSubmit={(e) => void submit(e)} aria-labelledby="add-person-heading">
      <h3 id="add-person-heading">{t('people.add')}</h3>
      <div className="field-row">
        <label>
          {t('people.email')}
          <input name="email" type="email" required maxLength={254} autoComplete="off" />
        </label>
        <label>
          {t('people.role')}
          <select name="role" defaultValue="member">
            {roleList.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
        </label>
      </div>
      <fieldset className="rules-fieldset">
        <legend>{t('people.how')}</legend>
        <label className="choice">
          <input type="radio" name="how" value="password" checked={how === 'password'} onChange={() => setHow('password')} /> {t('people.howPassword')}
        </label>
        <label className="choice">
          <input type="radio" name="how" value="invite" checked={how === 'invite'} disabled={!smtpConfigured}
            aria-describedby={smtpConfigured ? undefined : 'invite-unavailable'} onChange={() => setHow('invite')} /> {t('people.howInvite')}
        </label>
        {smtpConfigured ? null : <p id="invite-unavailable" className="hint">{t('people.inviteUnavailable')}</p>}
      </fieldset>
      {how === 'password' ? (
        <>
          <label>
            {t('people.password')}
            <input name="password" type="text" minLength={12} maxLength={1024} autoComplete="new-password" spellCheck={false} aria-describedby="person-password-hint" />
          </label>
          <p id="person-password-hint" className="hint">{t('people.passwordHint')}</p>
        </>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="actions-row">
        <button type="submit" disabled={busy}>{t(how === 'invite' ? 'people.inviteSubmit' : 'people.addSubmit')}</button>
        <span role="status">{done ?? ''}</span>
      </div>
    </form>
  );
}
