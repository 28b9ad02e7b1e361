import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { demoStory, loadDemo } from '../../src/app/demo.ts';
import type { IsoInstant } from '../../src/core/dates.ts';
import { chainHead } from '../../src/store/ledger-store.ts';
import { buildServer, type TypedServer } from '../../src/server/app.ts';
import { attachment } from '../../src/server/routes/reports.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { dossierPdf, pdfText } from '../reports/pdf-text.ts';
import { signedInRoles, type Client } from './helpers.ts';

// The reports of #7 as downloads, on the demo agency as of 27 November 2026.

const ws = 'demo';
const now = '2026-11-27T10:00:00Z' as IsoInstant;
const url = (clientId: string, kind: string, query = '') => `/api/workspaces/${ws}/clients/${encodeURIComponent(clientId)}/reports/${kind}${query}`;
const body = (res: { rawPayload: Buffer }) => new Uint8Array(res.rawPayload);

describe('the Content-Disposition of a download', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachment('final-report-hf-2026-11-27.pdf')).toBe('attachment; filename="final-report-hf-2026-11-27.pdf"; filename*=UTF-8\'\'final-report-hf-2026-11-27.pdf');
    expect(attachment('rapport-ø\'1.pdf')).toBe('attachment; filename="rapport-__1.pdf"; filename*=UTF-8\'\'rapport-%C3%B8%271.pdf');
  });
});

describe.each(testDatabases())('the report downloads on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let app: TypedServer;
  let member: Client;
  let viewer: Client;

  beforeAll(async () => {
    store = await open();
    ctx = appContext(store, fixedClock(now));
    await loadDemo(ctx, ws, { at: demoStory().end }); // the dates it was written with
    app = await buildServer({ ctx, workspaceId: ws }, { logLevel: 'silent' });
    ({ member, viewer } = await signedInRoles(app, ctx, ws, ['member', 'viewer']));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('gives a member the final report as a PDF attachment naming the client and the highlights, and records nothing', async () => {
    const before = (await chainHead(store.db, ws)).seq;
    const res = await member.get(url('harbourfinch', 'final', '?highlight=Grew%20Instagram%20by%20a%20third&highlight=Launched%20the%20spring%20campaign'));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="final-report-harbourfinch-2026-11-27.pdf"; filename*=UTF-8\'\'final-report-harbourfinch-2026-11-27.pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Buffer.from(body(res).slice(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(body(res));
    expect(text).toContain('Harbour & Finch Ltd');
    expect(text).toContain('Grew Instagram by a third');
    expect(text).toContain('Launched the spring campaign');
    expect((await chainHead(store.db, ws)).seq).toBe(before);
  });

  it('takes the period from the query: the file is named by its last day', async () => {
    const res = await member.get(url('harbourfinch', 'waiting', '?from=2026-09-01&to=2026-10-31'));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-disposition']).toContain('filename="waiting-report-harbourfinch-2026-10-31.pdf"');
    expect(await pdfText(body(res))).toContain('Harbour & Finch Ltd');
    const approvals = await member.get(url('harbourfinch', 'approvals', '?to=2026-10-31'));
    expect(approvals.statusCode).toBe(200);
    expect(Buffer.from(body(approvals).slice(0, 5)).toString('latin1')).toBe('%PDF-');
  });

  it('gives the evidence dossier as a ZIP holding the dossier PDF', async () => {
    const res = await member.get(url('harbourfinch', 'dossier'));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain('filename="evidence-dossier-harbourfinch-2026-11-27.zip"');
    expect(Buffer.from(body(res).slice(0, 2)).toString('latin1')).toBe('PK');
    expect(Object.keys(unzipSync(body(res)))).toContain('dossier.pdf');
    expect(await pdfText(dossierPdf(body(res)))).toContain('Harbour & Finch Ltd');
  });

  it('refuses a viewer with 403: a dossier is evidence', async () => {
    for (const kind of ['final', 'dossier']) {
      const res = await viewer.get(url('harbourfinch', kind));
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'auth.forbidden' });
    }
  });

  it('answers 404 for an unknown client, 400 for an unknown kind or a bad date', async () => {
    const unknown = await member.get(url('no-such-client', 'final'));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.json()).toMatchObject({ code: 'client.not_found' });

    const kind = await member.get(url('harbourfinch', 'invoice'));
    expect(kind.statusCode).toBe(400);
    expect(kind.json()).toMatchObject({ code: 'input.invalid', detail: expect.stringMatching(/kind/) });

    const date = await member.get(url('harbourfinch', 'final', '?from=27-11-2026'));
    expect(date.statusCode).toBe(400);
    expect(date.json()).toMatchObject({ code: 'input.invalid', detail: expect.stringMatching(/from/) });

    const backwards = await member.get(url('harbourfinch', 'final', '?from=2026-11-01&to=2026-10-01'));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ code: 'input.invalid' });
  });
});
