/**
 * A small 公文 page layout over pdfkit: A4 with the margins of GB/T 9704 (top 37 mm, bottom 35 mm, left
 * 28 mm, right 26 mm), headings, indented paragraphs, tables that break across pages with their header
 * repeated, and "— 1 —" page numbers. Text is drawn with the bundled Noto Serif SC only.
 */
import PDFDocument from 'pdfkit';
import { fontBytes } from './fonts.js';

const MM = 72 / 25.4;
const MARGINS = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };

/** 公文 red (the 红头 and its rule). */
export const RED = '#d40000';
const INK = '#000000';
const GRID = '#9ca3af';
const ZEBRA = '#f3f4f6';

/** A page being written: the pdfkit document and the usable width. */
export interface Pdf {
  readonly doc: PDFKit.PDFDocument;
  readonly width: number;
  readonly left: number;
}

/** A table cell: text, optionally coloured, optionally led by a coloured dot (the 红黄绿 light). */
export type PdfCell = string | { readonly text: string; readonly color?: string; readonly dot?: string };

export interface PdfColumn {
  readonly label: string;
  /** Share of the width; shares are normalised. */
  readonly share: number;
  readonly align?: 'left' | 'center' | 'right';
}

/** A new A4 document. `date` becomes the PDF's creation date, so the same run gives the same file. */
export function newPdf(info: { title: string; author: string; date: Date }): Pdf {
  const doc = new PDFDocument({
    size: 'A4', margins: MARGINS, bufferPages: true, autoFirstPage: true,
    info: { Title: info.title, Author: info.author, Creator: '招商引资台账', CreationDate: info.date, ModDate: info.date },
  });
  doc.registerFont('regular', fontBytes('regular'));
  doc.registerFont('bold', fontBytes('bold'));
  doc.font('regular').fontSize(12).fillColor(INK);
  return { doc, width: doc.page.width - MARGINS.left - MARGINS.right, left: MARGINS.left };
}

/** Text centred across the page, shrunk to one line when it is too long (the 红头 must not wrap). */
export function centredLine(pdf: Pdf, text: string, size: number, options: { bold?: boolean; color?: string; gap?: number } = {}): void {
  const { doc } = pdf;
  doc.font(options.bold ? 'bold' : 'regular').fontSize(size);
  const fitted = Math.min(size, size * (pdf.width / Math.max(1, doc.widthOfString(text))));
  doc.fontSize(fitted).fillColor(options.color ?? INK).text(text, pdf.left, doc.y, { width: pdf.width, align: 'center', lineBreak: false });
  doc.y += fitted * 0.4 + (options.gap ?? 0);
  doc.fillColor(INK).font('regular');
}

/** A title that may wrap, centred, bold. */
export function title(pdf: Pdf, text: string, size = 20): void {
  pdf.doc.font('bold').fontSize(size).fillColor(INK).text(text, pdf.left, pdf.doc.y, { width: pdf.width, align: 'center', lineGap: 4 });
  pdf.doc.moveDown(0.6).font('regular');
}

/** The red rule under the 红头. */
export function redRule(pdf: Pdf, gapAfter = 18): void {
  const y = pdf.doc.y + 4;
  pdf.doc.save().moveTo(pdf.left, y).lineTo(pdf.left + pdf.width, y).lineWidth(2).strokeColor(RED).stroke().restore();
  pdf.doc.y = y + gapAfter;
}

/** "一、全市总体情况": a bold heading, kept with at least three lines of what follows. */
export function heading(pdf: Pdf, text: string): void {
  ensureRoom(pdf, 60);
  pdf.doc.moveDown(0.4).font('bold').fontSize(14).fillColor(INK).text(text, pdf.left, pdf.doc.y, { width: pdf.width });
  pdf.doc.moveDown(0.3).font('regular');
}

/** A body paragraph with the first line indented two characters. */
export function paragraph(pdf: Pdf, text: string, options: { size?: number; color?: string; align?: 'left' | 'right' | 'justify' } = {}): void {
  const size = options.size ?? 12;
  pdf.doc.font('regular').fontSize(size).fillColor(options.color ?? INK)
    .text(text, pdf.left, pdf.doc.y, { width: pdf.width, indent: options.align === 'right' ? 0 : size * 2, lineGap: 5, align: options.align ?? 'justify' });
  pdf.doc.moveDown(0.3).fillColor(INK);
}

/** A table with a header row repeated on every page it spans. */
export function table(pdf: Pdf, columns: readonly PdfColumn[], rows: readonly (readonly PdfCell[])[], size = 10.5): void {
  const { doc } = pdf;
  const total = columns.reduce((s, c) => s + c.share, 0);
  const widths = columns.map((c) => (c.share / total) * pdf.width);
  const pad = 4;
  const drawRow = (cells: readonly PdfCell[], header: boolean, zebra: boolean) => {
    doc.font(header ? 'bold' : 'regular').fontSize(size);
    const texts = cells.map((c) => (typeof c === 'string' ? c : c.text));
    const height = Math.max(...texts.map((t, i) => doc.heightOfString(t || ' ', { width: (widths[i] ?? 0) - 2 * pad - (dotOf(cells[i]) ? size : 0) }))) + 2 * pad;
    if (doc.y + height > doc.page.height - MARGINS.bottom) {
      doc.addPage();
      if (!header) drawRow(columns.map((c) => c.label), true, false);
      doc.font(header ? 'bold' : 'regular').fontSize(size);
    }
    const top = doc.y;
    if (header || zebra) doc.save().rect(pdf.left, top, pdf.width, height).fill(header ? '#e5e7eb' : ZEBRA).restore();
    let x = pdf.left;
    cells.forEach((cell, i) => {
      const w = widths[i] ?? 0;
      const dot = dotOf(cell);
      const color = typeof cell === 'string' ? INK : cell.color ?? INK;
      let textX = x + pad;
      let textW = w - 2 * pad;
      if (dot) {
        const r = size * 0.32;
        const textWidth = doc.widthOfString(texts[i] ?? '');
        const cx = columns[i]?.align === 'center' ? x + (w - textWidth - size) / 2 + r : x + pad + r;
        doc.save().circle(cx, top + pad + size * 0.62, r).fill(dot).restore();
        textX = cx + r + 2;
        textW = x + w - pad - textX;
      }
      doc.fillColor(color).text(texts[i] ?? '', textX, top + pad, { width: textW, align: dot ? 'left' : columns[i]?.align ?? 'left' });
      x += w;
    });
    doc.save().moveTo(pdf.left, top + height).lineTo(pdf.left + pdf.width, top + height).lineWidth(0.5).strokeColor(GRID).stroke().restore();
    doc.fillColor(INK);
    doc.x = pdf.left;
    doc.y = top + height;
  };
  drawRow(columns.map((c) => c.label), true, false);
  rows.forEach((row, i) => drawRow(row, false, i % 2 === 1));
  doc.moveDown(0.5);
}

function dotOf(cell: PdfCell | undefined): string | undefined {
  return cell !== undefined && typeof cell !== 'string' ? cell.dot : undefined;
}

/** Starts a new page unless `points` of room are left. */
export function ensureRoom(pdf: Pdf, points: number): void {
  if (pdf.doc.y + points > pdf.doc.page.height - MARGINS.bottom) pdf.doc.addPage();
}

/** Numbers every page "— n —" at the foot, ends the document and returns its bytes. */
export async function finish(pdf: Pdf): Promise<Buffer> {
  const { doc } = pdf;
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(12).fillColor(INK)
      .text(`— ${i + 1} —`, pdf.left, doc.page.height - bottom + 20, { width: pdf.width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
