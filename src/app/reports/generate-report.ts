import type { AppContext } from '../context.ts';
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
  const data = await gatherReport(ctx, workspaceId, request);
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
