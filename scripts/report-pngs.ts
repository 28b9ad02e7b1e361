// Renders the first page of each report for two demo clients to PNG under docs/reports/, for
// the README: harbourfinch (English) and lykke (Danish). Run: npx tsx scripts/report-pngs.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { appContext } from '../src/app/context.ts';
import { fixedClock } from '../src/app/clock.ts';
import { loadDemo } from '../src/app/demo.ts';
import { gatherReport } from '../src/app/reports/gather-report.ts';
import { renderReport, reportKinds } from '../src/app/reports/generate-report.ts';
import { openStore } from '../src/store/database.ts';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'docs', 'reports');
const work = mkdtempSync(join(tmpdir(), 'firmly-report-pngs-'));
mkdirSync(out, { recursive: true });
// A fixed day, so the pictures change only when the reports do.
const ctx = appContext(await openStore({ kind: 'sqlite', file: join(work, 'firmly.db') }), fixedClock('2026-11-27T10:00:00Z'));
try {
  await loadDemo(ctx, 'demo');
  for (const clientId of ['harbourfinch', 'lykke']) {
    const data = await gatherReport(ctx, 'demo', {
      clientId,
      highlights: clientId === 'lykke'
        ? ['Ny kampagne for sæsonen: flere bookinger via Instagram', 'Fælles billedbank med fotografen']
        : ['Spring launch campaign reached 48,000 people', 'A shared content calendar with the team'],
    });
    for (const kind of reportKinds) {
      const bytes = await renderReport(kind, data);
      const pdf = kind === 'dossier' ? (unzipSync(bytes)['dossier.pdf'] as Uint8Array) : bytes;
      const file = join(work, `${clientId}-${kind}.pdf`);
      writeFileSync(file, pdf);
      const prefix = join(work, `${clientId}-${kind}`);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
      renameSync(`${prefix}.png`, join(out, `${kind}-${clientId}.png`));
      console.log(`docs/reports/${kind}-${clientId}.png`);
    }
  }
} finally {
  await ctx.store.close();
  rmSync(work, { recursive: true, force: true });
}
