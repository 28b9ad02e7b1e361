import { useId, useState } from 'react';
import { workspacePath } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import './offboarding/offboarding.css';

const kinds = ['final', 'waiting', 'approvals', 'dossier'] as const;
type Kind = (typeof kinds)[number];

/** The URL of one report: a GET, so a plain link carries the session cookie and needs no CSRF token. */
export function reportUrl(workspaceId: string, clientId: string, kind: Kind, options: { from: string; to: string; highlights: readonly string[] }): string {
  const query = new URLSearchParams();
  if (options.from) query.set('from', options.from);
  if (options.to) query.set('to', options.to);
  if (kind === 'final') for (const line of options.highlights) query.append('highlight', line);
  const path = workspacePath(workspaceId, 'clients', clientId, 'reports', kind);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** Download links for the reports of #7, with an optional period and the final report's highlights. Members only (the API's rule). */
export function Reports({ workspaceId, clientId }: { readonly workspaceId: string; readonly clientId: string }) {
  const { t } = useI18n();
  const id = useId();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [highlights, setHighlights] = useState('');
  const lines = highlights.split('\n').map((l) => l.trim()).filter((l) => l !== '').slice(0, 20).map((l) => l.slice(0, 500));
  const badPeriod = from !== '' && to !== '' && from > to;

  return (
    <>
      <p>{t('client.reports.intro')}</p>
      <div className="form-stack report-options">
        <div className="report-dates">
          <label>
            {t('client.reports.from')}
            <input type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} aria-invalid={badPeriod || undefined} />
          </label>
          <label>
            {t('client.reports.to')}
            <input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} aria-invalid={badPeriod || undefined} />
          </label>
        </div>
        <label>
          {t('client.reports.highlights')}
          <textarea rows={3} value={highlights} onChange={(e) => setHighlights(e.target.value)} aria-describedby={`${id}-highlights`} />
        </label>
        <p id={`${id}-highlights`} className="hint">{t('client.reports.highlightsHint')}</p>
      </div>
      {badPeriod ? <p className="notice notice-error" role="alert">{t('client.reports.badPeriod')}</p> : null}
      <h3>{t('client.reports.downloads')}</h3>
      <ul className="report-list">
        {kinds.map((kind) => (
          <li key={kind}>
            {badPeriod ? <span className="muted">{t(`client.reports.${kind}`)}</span> : (
              <a href={reportUrl(workspaceId, clientId, kind, { from, to, highlights: lines })} download aria-describedby={`${id}-${kind}`}>
                {t(`client.reports.${kind}`)}
              </a>
            )}
            <span id={`${id}-${kind}`} className="hint">{t(`client.reports.${kind}.hint`)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
