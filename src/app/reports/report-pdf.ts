import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { IsoDate } from '../../core/dates.ts';
import type { Locale } from '../../core/ledger/wire.ts';
import { formatDate } from '../../core/letters/format.ts';
import { reportTexts } from '../../core/reports/texts.ts';

// The layout every report shares: a title block, headings, paragraphs, ruled tables with
// amounts right-aligned, and a footer with the page number. DejaVu Sans is embedded (and
// subset) so Danish letters survive in any viewer and in archives (PDF/A needs embedded fonts).

const require = createRequire(import.meta.url);
// Fonts are named by path, never by a registered name: pdfkit's tables restore the font after
// each cell by its source, and a source it has not cached under that key is parsed again from
// the file (750 kB) — a table row took 70 ms that way.
const SANS = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const SANS_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = 56;
const INK = '#1a1a1a';
const MUTED = '#666666';
const RULE = '#bbbbbb';
const HEADER_FILL = '#eeeeee';

export interface Column {
  readonly header: string;
  /** Points, or '*' to share what is left. */
  readonly width: number | '*';
  readonly align?: 'left' | 'right';
}

export interface ReportHeader {
  readonly title: string;
  readonly locale: Locale;
  /** Label and value lines under the title: client, period, prepared by. */
  readonly facts: readonly (readonly [string, string])[];
  /** The day the report is made: the footer's date and the PDF's CreationDate. */
  readonly generatedOn: IsoDate;
}

/** One report being written; `finish` returns its bytes. Same content and date give the same bytes. */
export class ReportPdf {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<Buffer>;

  constructor(private readonly header: ReportHeader) {
    // CreationDate from the report's date, not the clock: pdfkit also derives the file ID
    // from it, so this is what makes the output byte-for-byte reproducible.
    this.doc = new PDFDocument({
      size: 'A4', margin: MARGIN, bufferPages: true, lang: header.locale === 'da' ? 'da-DK' : 'en-GB',
      info: { Title: header.title, Author: 'Firmly', Creator: 'Firmly', Producer: 'Firmly', CreationDate: new Date(`${header.generatedOn}T00:00:00Z`) },
    });
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.ended = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.titleBlock();
  }

  private get contentWidth(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  private titleBlock(): void {
    const doc = this.doc;
    doc.font(SANS_BOLD).fontSize(20).fillColor(INK).text(this.header.title);
    doc.moveDown(0.4);
    for (const [label, value] of this.header.facts) {
      doc.font(SANS_BOLD).fontSize(10).text(`${label}: `, { continued: true }).font(SANS).text(value);
    }
    doc.moveDown(0.6);
    doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + this.contentWidth, doc.y).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.moveDown(0.6);
  }

  heading(text: string): this {
    const doc = this.doc;
    // Keep a heading with the first lines after it.
    if (doc.y > doc.page.maxY() - 90) doc.addPage();
    doc.moveDown(0.6).font(SANS_BOLD).fontSize(13).fillColor(INK).text(text, MARGIN, doc.y);
    doc.moveDown(0.3);
    return this;
  }

  paragraph(text: string): this {
    this.doc.font(SANS).fontSize(10).fillColor(INK).text(text, MARGIN, this.doc.y, { width: this.contentWidth });
    this.doc.moveDown(0.4);
    return this;
  }

  bullets(items: readonly string[]): this {
    this.doc.font(SANS).fontSize(10).fillColor(INK).list([...items], MARGIN + 10, this.doc.y, { width: this.contentWidth - 10, bulletRadius: 1.5 });
    this.doc.moveDown(0.4);
    return this;
  }

  /** A ruled table with a shaded header row; `totalRow` sets the last row in bold. */
  table(columns: readonly Column[], rows: readonly (readonly string[])[], options: { totalRow?: boolean } = {}): this {
    const doc = this.doc;
    const cell = (text: string, column: Column) => ({ text, align: { x: column.align ?? 'left', y: 'top' as const } });
    doc.font(SANS).fontSize(9).fillColor(INK);
    doc.table({
      position: { x: MARGIN, y: doc.y },
      maxWidth: this.contentWidth,
      columnStyles: columns.map((c) => c.width),
      defaultStyle: { border: 0.5, borderColor: RULE, padding: [3, 4, 3, 4] },
      rowStyles: (row) => (row === 0 ? { backgroundColor: HEADER_FILL, font: { src: SANS_BOLD } }
        : options.totalRow && row === rows.length ? { font: { src: SANS_BOLD } } : undefined),
      data: [columns.map((c) => cell(c.header, c)), ...rows.map((row) => row.map((text, i) => cell(text, columns[i] as Column)))],
    });
    doc.x = MARGIN;
    doc.moveDown(0.6);
    return this;
  }

  /** Draws the footers and returns the PDF. */
  async finish(): Promise<Buffer> {
    const doc = this.doc;
    const texts = reportTexts(this.header.locale);
    const footer = texts.generated(formatDate(this.header.generatedOn, this.header.locale));
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      doc.switchToPage(i);
      // Writing below the bottom margin would start a new page: lift the margin while drawing.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = doc.page.height - MARGIN + 20;
      doc.font(SANS).fontSize(8).fillColor(MUTED);
      doc.text(footer, MARGIN, y, { lineBreak: false });
      doc.text(texts.page(i - range.start + 1, range.count), MARGIN, y, { width: this.contentWidth, align: 'right', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
    return this.ended;
  }
}
