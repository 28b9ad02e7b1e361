import { useState, type FormEvent } from 'react';
import { api, workspacePath } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { fromShown, ruleGroups, toShown, type RuleField } from './rule-fields.ts';
import type { RuleOverrides, RuleValues } from './types.ts';

const keyOf = (f: RuleField) => `${f.group}.${f.name}`;

/**
 * The thresholds the assessment uses, as numbers. A value that differs from Firmly's default
 * is the workspace's own and is highlighted; saving sends exactly those (the rest stay default).
 */
export function RulesSection({ rules, owner, onSaved }: {
  readonly rules: { readonly effective: RuleValues; readonly overrides: RuleOverrides };
  readonly owner: boolean;
  readonly onSaved: () => void;
}) {
  const { t, number } = useI18n();
  const { workspace } = useSession();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(ruleGroups.flatMap((g) => g.fields.map((f) => {
    const value = rules.effective[f.group]?.[f.name] ?? rules.overrides[f.group]?.[f.name] ?? f.fallback;
    return [keyOf(f), String(toShown(f, value))];
  }))));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const isOwn = (f: RuleField): boolean => {
    const shown = Number(values[keyOf(f)]);
    return values[keyOf(f)] !== '' && Number.isFinite(shown) && shown !== toShown(f, f.fallback);
  };
  const set = (f: RuleField, text: string) => {
    setValues({ ...values, [keyOf(f)]: text });
    setSaved(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const overrides: Record<string, Record<string, number>> = {};
    for (const group of ruleGroups) {
      for (const f of group.fields) {
        if (!isOwn(f)) continue;
        (overrides[f.group] ??= {})[f.name] = fromShown(f, Number(values[keyOf(f)]));
      }
    }
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await api.put(workspacePath(workspace.id, 'settings', 'rules'), { rules: overrides });
      setSaved(true);
      onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card settings-section" id="settings-rules" aria-labelledby="settings-rules-heading">
      <h2 id="settings-rules-heading">{t('settings.rules.title')}</h2>
      <p>{t('settings.rules.intro')}</p>
      <form onSubmit={(e) => void submit(e)}>
        {ruleGroups.map((group) => (
          <fieldset key={group.group} className="rules-fieldset">
            <legend>{t(`settings.rules.group.${group.group}`)}</legend>
            <p className="muted">{t(`settings.rules.group.${group.group}.intro`)}</p>
            <div className="rule-grid">
              {group.fields.map((f) => {
                const own = isOwn(f);
                const inputId = `rule-${f.group}-${f.name}`;
                const hintId = `${inputId}-hint`;
                const label = t(`settings.rule.${f.group}.${f.name}`);
                const fallback = number(toShown(f, f.fallback), 2);
                return (
                  <div key={f.name} className={own ? 'rule-field overridden' : 'rule-field'}>
                    <label>
                      {label}{f.percent ? ' (%)' : ''}
                      <input id={inputId} type="number" inputMode="decimal" min={f.min} max={f.max} step={f.step} required readOnly={!owner}
                        value={values[keyOf(f)] ?? ''} aria-describedby={hintId} onChange={(e) => set(f, e.target.value)} />
                    </label>
                    <p className="hint" id={hintId}>
                      {own ? <><strong>{t('settings.rules.own')}</strong> {t('settings.rules.default', { value: fallback })}</> : t('settings.rules.isDefault')}
                    </p>
                    {own && owner ? (
                      <button type="button" className="button-link" onClick={() => {
                        set(f, String(toShown(f, f.fallback)));
                        document.getElementById(inputId)?.focus(); // the button goes away with the override
                      }}>
                        {t('settings.rules.useDefault')}<span className="visually-hidden"> – {label}</span>
                      </button>
                    ) : null}
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
        {error ? <ErrorNotice error={error} /> : null}
        {owner ? (
          <div className="actions-row">
            <button type="submit" disabled={busy}>{t('settings.rules.save')}</button>
            <span role="status">{saved ? t('common.saved') : ''}</span>
          </div>
        ) : null}
      </form>
    </section>
  );
}
