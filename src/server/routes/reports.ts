import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { optionalDate } from '../../contract/dates.ts';
import { generateReport, reportKinds, type ReportKind } from '../../app/reports/generate-report.ts';
import type { IsoDate } from '../../core/dates.ts';
import type { ServerDeps, TypedServer } from '../app.ts';
import { requireRole, workspaceOf } from '../auth/guards.ts';
import { ProblemView } from './problem-schema.ts';
import { ClientParams, signedIn } from './security.ts';

// The reports of #7 as downloads: the same bytes `firmly report` writes. A GET, so a plain link
// (<a download>) fetches it with the session cookie; members only, for a dossier is evidence.

const ReportParams = ClientParams.extend({
  kind: z.enum(reportKinds).describe('final (PDF for the client), waiting, approvals (PDFs), dossier (ZIP: evidence PDF, events, proof)'),
});

const DateQuery = optionalDate;

const Highlight = z.string().trim().min(1).max(500);
const ReportQuery = z.object({
  from: DateQuery('first day of the period, YYYY-MM-DD; default the start of the engagement'),
  to: DateQuery('last day of the period and the day of the statement, YYYY-MM-DD; default today in the workspace\'s time zone'),
  highlight: z.union([Highlight, z.array(Highlight).max(20)]).optional()
    .describe('a line under Highlights in the final report; repeat the parameter for more (at most 20)'),
});

const fileBase: Record<ReportKind, string> = {
  final: 'final-report', waiting: 'waiting-report', approvals: 'approvals-report', dossier: 'evidence-dossier',
};

/** `attachment` with the UTF-8 name, and a plain-ASCII `filename` for clients that ignore `filename*`. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const Binary = z.string().meta({ format: 'binary' });

export function reportRoutes(app: TypedServer, { ctx }: ServerDeps): void {
  app.get('/api/workspaces/:workspaceId/clients/:clientId/reports/:kind', {
    onRequest: requireRole('member'),
    schema: {
      tags: ['reports'],
      summary: 'Downloads a report about one client: the final, waiting or approval-load report (PDF) or the evidence dossier (ZIP)',
      description: 'Needs the member role (the dossier holds evidence). The same bytes as `firmly report KIND --client ID`. '
        + 'Answers the file as an attachment (Content-Disposition, a name like final-report-CLIENT-TO.pdf) with cache-control no-store. '
        + 'Downloading the final report records nothing: sending it to the client is a person\'s act.',
      ...signedIn,
      params: ReportParams,
      querystring: ReportQuery,
      response: {
        200: {
          description: 'the report: a PDF, or for dossier a ZIP',
          content: { 'application/pdf': { schema: Binary }, 'application/zip': { schema: Binary } },
        },
        400: ProblemView, 401: ProblemView, 403: ProblemView, 404: ProblemView,
      },
    },
  }, async (request, reply) => {
    const { clientId, kind } = request.params;
    const { from, to, highlight } = request.query;
    const highlights = highlight === undefined ? undefined : typeof highlight === 'string' ? [highlight] : highlight;
    const report = await generateReport(ctx, workspaceOf(request), kind, {
      clientId, from: from as IsoDate | undefined, to: to as IsoDate | undefined, highlights,
    });
    const name = `${fileBase[kind]}-${report.data.client.id}-${report.data.scope.period.to}.${kind === 'dossier' ? 'zip' : 'pdf'}`;
    // The schema documents the bytes as a binary string; the typed reply only knows JSON shapes.
    return (reply as FastifyReply)
      .type(kind === 'dossier' ? 'application/zip' : 'application/pdf')
      .header('content-disposition', attachment(name))
      .header('cache-control', 'no-store')
      .send(Buffer.from(report.bytes.buffer, report.bytes.byteOffset, report.bytes.byteLength));
  });
}
