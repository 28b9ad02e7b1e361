import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import type { PortalRequest } from './types.ts';

/**
 * "Approve all" asks first, in a modal dialog that lists every post it approves (title,
 * network, planned day). Only Confirm approves; Cancel, Escape or closing the dialog approve
 * nothing. A native <dialog> shown with showModal(): the browser keeps focus inside and the
 * rest of the page inert while it is open, and gives focus back when it closes.
 */
export function ApproveAllDialog({ approvals, open, busy, onConfirm, onCancel }: {
  readonly approvals: readonly PortalRequest[];
  readonly open: boolean;
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  const { t, date } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const listId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // Cancel first, so Enter alone approves nothing. (React's autoFocus acts at mount, when
      // the dialog is still closed, and renders no attribute for showModal to honour.)
      cancelRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    // onCancel: the Escape key. The dialog closes itself; the page is told so it stays in step.
    <dialog ref={ref} className="portal-dialog" aria-labelledby={titleId} aria-describedby={listId}
      onCancel={(event) => { event.preventDefault(); onCancel(); }}>
      <h2 id={titleId}>{t('portal.approveAllQuestion', { count: approvals.length })}</h2>
      <ul id={listId} className="portal-dialog-list">
        {approvals.map((r) => {
          const d = r.deliverable;
          const details = [d?.network, d?.plannedFor ? t('portal.item.plannedOn', { date: date(d.plannedFor) }) : null].filter(Boolean).join(' · ');
          return (
            <li key={r.requestId}>
              <strong>{d?.title ?? r.subject}</strong>
              {details ? <> — <span>{details}</span></> : null}
            </li>
          );
        })}
      </ul>
      <div className="actions-row">
        <button type="button" disabled={busy} onClick={onConfirm}>{t('portal.approveAllConfirm')}</button>
        <button type="button" ref={cancelRef} className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </dialog>
  );
}
