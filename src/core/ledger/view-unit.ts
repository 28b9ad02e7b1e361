import type { ClientId } from '../brand.ts';
import { viewKey, viewNames, type InvoiceView, type ViewName, type Views, type WorkspaceView } from './read-model.ts';

/** What the projection of a batch of events must see: keys per view, and whole sets per client. */
export interface ViewNeeds {
  readonly keys: { [K in ViewName]: Set<string> };
  /** Clients whose open invoices a payment may settle. */
  readonly openInvoicesOf: Set<string>;
  /** Whether the workspace's settings are read (workspace.* events build on them). */
  workspace: boolean;
}

export function emptyNeeds(): ViewNeeds {
  const keys = Object.fromEntries(viewNames.map((name) => [name, new Set<string>()])) as ViewNeeds['keys'];
  return { keys, openInvoicesOf: new Set(), workspace: false };
}

export type ViewChanges = { [K in ViewName]: Views[K][] };

/**
 * The slice of the read models one batch of events works on: records loaded from the
 * database plus records the batch created or changed. The projection reads and writes
 * only this, synchronously; the store loads it before and writes the changes after.
 */
export class ViewUnit {
  workspace: WorkspaceView | undefined = undefined;
  workspaceChanged = false;
  private readonly rows = Object.fromEntries(viewNames.map((name) => [name, new Map()])) as { [K in ViewName]: Map<string, Views[K]> };
  private readonly changed = Object.fromEntries(viewNames.map((name) => [name, new Set<string>()])) as { [K in ViewName]: Set<string> };
  private readonly removed = Object.fromEntries(viewNames.map((name) => [name, new Map()])) as { [K in ViewName]: Map<string, Views[K]> };
  private readonly invoicesByClient = new Map<string, Set<string>>();

  get<K extends ViewName>(view: K, key: string): Views[K] | undefined {
    return this.rows[view].get(key);
  }

  /** Records a new or changed record; it will be written when the batch is flushed. */
  put<K extends ViewName>(view: K, row: Views[K]): void {
    const key = viewKey[view](row);
    this.rows[view].set(key, row);
    this.changed[view].add(key);
    this.removed[view].delete(key);
    if (view === 'invoice') this.indexInvoice(row as InvoiceView);
  }

  /** Removes a record (a contact no longer listed); it will be deleted when the batch is flushed. Not for invoices. */
  remove<K extends Exclude<ViewName, 'invoice'>>(view: K, row: Views[K]): void {
    const key = viewKey[view](row);
    this.rows[view].delete(key);
    this.changed[view].delete(key);
    this.removed[view].set(key, row);
  }

  /** The client's contacts held in the unit, by position; complete only if the client's contacts were loaded. */
  contactsOf(clientId: ClientId): Views['contact'][] {
    return this.all('contact').filter((c) => c.clientId === clientId).sort((a, b) => a.position - b.position);
  }

  /** Adds records as read from the database; records already in the unit are newer and win. */
  load<K extends ViewName>(view: K, rows: readonly Views[K][]): void {
    for (const row of rows) {
      const key = viewKey[view](row);
      if (this.rows[view].has(key) || this.removed[view].has(key)) continue;
      this.rows[view].set(key, row);
      if (view === 'invoice') this.indexInvoice(row as InvoiceView);
    }
  }

  /** The workspace's settings as read from the database; settings set in this unit win. */
  loadWorkspace(workspace: WorkspaceView): void {
    if (!this.workspaceChanged) this.workspace = workspace;
  }

  setWorkspace(workspace: WorkspaceView): void {
    this.workspace = workspace;
    this.workspaceChanged = true;
  }

  /** Every record of a view held in the unit, in the order first seen. */
  all<K extends ViewName>(view: K): Views[K][] {
    return [...this.rows[view].values()];
  }

  /** The client's invoices with something still to pay; complete only if `openInvoicesOf` was loaded. */
  openInvoicesOf(clientId: ClientId): InvoiceView[] {
    const ids = this.invoicesByClient.get(clientId) ?? new Set<string>();
    return [...ids].map((id) => this.rows.invoice.get(id) as InvoiceView).filter((invoice) => invoice.openMinor > 0);
  }

  /** The records this batch removed, per view (as they were, so the store can find them by their key columns). */
  removals(): ViewChanges {
    return Object.fromEntries(viewNames.map((name) => [name, [...this.removed[name].values()]])) as ViewChanges;
  }

  /** The records this batch created or changed, per view, parents before children. */
  changes(): ViewChanges {
    return Object.fromEntries(
      viewNames.map((name) => [name, [...this.changed[name]].map((key) => this.rows[name].get(key))]),
    ) as ViewChanges;
  }

  private indexInvoice(invoice: InvoiceView): void {
    let ids = this.invoicesByClient.get(invoice.clientId);
    if (!ids) this.invoicesByClient.set(invoice.clientId, (ids = new Set()));
    ids.add(invoice.invoiceId);
  }
}
