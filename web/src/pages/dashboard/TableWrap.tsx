import type { ReactNode } from 'react';

/**
 * A table's scrolling frame. It can take focus and carries a name, so that keyboard users can
 * scroll a table wider than the screen (axe: scrollable-region-focusable).
 */
export function TableWrap({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
