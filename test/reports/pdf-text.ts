import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { expect } from 'vitest';
import type { Statement } from '../../src/core/accounts/statement.ts';
import type { Locale } from '../../src/core/ledger/wire.ts';
import { formatMoney } from '../../src/core/letters/format.ts';

const run = promisify(execFile);

/** The text poppler's pdftotext reads from a PDF, laid out as on the page; no-break spaces as spaces. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'firmly-pdf-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    return stdout.replace(/\u00a0/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const dossierPdf = (zip: Uint8Array): Uint8Array => {
  const pdf = unzipSync(zip)['dossier.pdf'];
  if (!pdf) throw new Error('dossier.pdf is missing from the dossier');
  return pdf;
};

/**
 * Asserts that the text shows every invoice of the statement on one row, with its total and,
 * last on the row, its days late — the figures `firmly statement` gives.
 */
export function expectInvoiceRows(text: string, statement: Statement, locale: Locale): void {
  const lines = text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
  for (const invoice of statement.invoices) {
    const total = formatMoney(invoice.total, locale).replace(/\u00a0/g, ' ');
    const row = lines.find((l) => l.startsWith(`${invoice.number} `) && l.includes(total) && l.endsWith(` ${invoice.daysLate}`));
    expect(row, `a row for invoice ${invoice.number}: ${total}, ${invoice.daysLate} days late`).toBeDefined();
  }
}
