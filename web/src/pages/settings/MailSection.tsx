import { useState } from 'react';
import { api, workspacePath } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MailStatus } from './types.ts';

type Which = 'smtp' | 'imap';

/** The mail servers as the environment configures them (never a password), with a connection test. */
export function MailSection({ mail, owner }: { readonly mail: MailStatus; readonly owner: boolean }) {
  const { t } = useI18n();
  return (
    <section className="card settings-section" id="settings-mail" aria-labelledby="settings-mail-heading">
      <h2 id="settings-mail-heading">{t('settings.mail.title')}</h2>
      <p>{t('settings.mail.intro')}</p>
      <div className="grid">
        <MailServer which="smtp" configured={mail.smtp.configured} host={mail.smtp.host} owner={owner}
          extra={{ label: t('settings.mail.from'), value: mail.smtp.from }} />
        <MailServer which="imap" configured={mail.imap.configured} host={mail.imap.host} owner={owner}
          extra={{ label: t('settings.mail.folder'), value: mail.imap.folder }} />
      </div>
    </section>
  );
}

function MailServer({ which, configured, host, extra, owner }: {
  readonly which: Which;
  readonly configured: boolean;
  readonly host: string | null;
  readonly extra: { readonly label: string; readonly value: string | null };
  readonly owner: boolean;
}) {
  const { t } = useI18n();
  const { workspace } = useSession();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; detail: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const headingId = `mail-${which}-heading`;

  const test = async () => {
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      setResult(await api.post<{ ok: boolean; detail: string }>(workspacePath(workspace.id, 'settings', 'mail', 'test'), { which }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card" role="group" aria-labelledby={headingId}>
      <h3 id={headingId}>{t(`settings.mail.${which}`)}</h3>
      <dl className="settings-dl">
        <dt>{t('settings.mail.configured')}</dt>
        <dd><span className={configured ? 'badge badge-ok' : 'badge badge-warn'}>{t(configured ? 'settings.mail.yes' : 'settings.mail.no')}</span></dd>
        <dt>{t('settings.mail.host')}</dt><dd>{host ?? '—'}</dd>
        <dt>{extra.label}</dt><dd>{extra.value ?? '—'}</dd>
      </dl>
      {!configured ? <p className="hint">{t(`settings.mail.${which}Missing`)}</p> : null}
      {owner ? (
        <button type="button" className="button-secondary" disabled={busy} aria-describedby={headingId} onClick={() => void test()}>
          {t('settings.mail.test')}
        </button>
      ) : null}
      <p role="status" className={result ? (result.ok ? 'good' : 'bad') : undefined}>
        {busy ? t('settings.mail.testing') : result ? `${t(result.ok ? 'settings.mail.ok' : 'settings.mail.failed')} ${result.detail}` : ''}
      </p>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
