import type { AppContext } from '../context.ts';
import { requireVerifiedEvents, verifiedClientEvents } from '../maintain-ledger.ts';
import { chainHead } from '../../store/ledger-store.ts';
import { dossierZip } from './dossier-zip.ts';
import { gatherReport, type ReportData, type ReportRequest } from './gather-report.ts';
import { renderApprovalsReport, renderDossierReport, renderFinalReport, renderWaitingReport, type ReportKind } from './render-reports.ts';

export { reportKinds, type ReportKind } from './render-reports.ts';

export interface GeneratedReport {
  readonly kind: ReportKind;
  /** A PDF, or for `dossier` a ZIP holding the PDF and the proof. */
  readonly bytes: Uint8Array;
  readonly data: ReportData;
}

/** Writes one report about one client over a period. The same ledger and day give the same bytes. */
export async function generateReport(ctx: AppContext, workspaceId: string, kind: ReportKind, request: ReportRequest): Promise<GeneratedReport> {
  if (kind !== 'dossier') {
    // These read the client's events through client_id unchecked: a full verify per PDF is a
    // cost we did not want there (yet). `firmly verify` checks that column.
    const data = await gatherReport(ctx, workspaceId, request);
    return { kind, data, bytes: await renderReport(kind, data) };
  }
  // Evidence for a dispute is made from verified rows only, verified before anything is read
  // through client_id (a NULLed one on `client.added` would otherwise read as an unknown client).
  const head = await chainHead(ctx.store.db, workspaceId);
  const verified = await verifiedClientEvents(ctx, workspaceId, request.clientId, head);
  const data = await gatherReport(ctx, workspaceId, request, head);
  requireVerifiedEvents(request.clientId, verified, data.events);
  return { kind, data, bytes: await renderReport(kind, data) };
}

export async function renderReport(kind: ReportKind, data: ReportData): Promise<Uint8Array> {
  switch (kind) {
    case 'final': return renderFinalReport(data);
    case 'waiting': return renderWaitingReport(data);
    case 'approvals': return renderApprovalsReport(data);
    case 'dossier': return dossierZip(data, await renderDossierReport(data));
  }
}
