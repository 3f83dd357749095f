import PDFDocument from 'pdfkit';
import type { Printable } from './printable';

/** Noto Sans TC from the @expo-google-fonts/noto-sans-tc package, embedded (subset) in every PDF. */
const FONT = require.resolve('@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf');
const BOLD = require.resolve('@expo-google-fonts/noto-sans-tc/700Bold/NotoSansTC_700Bold.ttf');

const MARGIN = 50;
const PADDING = 5;

/** A PDF page set up as every form the product prints: Noto Sans TC as `body` and `bold`; `done` once it is ended. */
export function newPdf(size: 'A4' | 'A6', margin: number, title: string): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size, margin, info: { Title: title, Producer: 'integrity-platform' } });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { doc, done: new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks)))) };
}

/** A PDF with the fonts embedded, so it prints the same everywhere. */
export function renderPdf(printable: Printable): Promise<Buffer> {
  const { doc, done } = newPdf('A4', MARGIN, printable.title);

  const width = doc.page.width - 2 * MARGIN;
  doc.font('bold').fontSize(15).text(printable.title, { align: 'center' });
  doc.moveDown(0.3);
  if (printable.subtitle) doc.font('body').fontSize(10.5).text(printable.subtitle, { align: 'right' }).moveDown(0.3);

  const total = printable.table.widths.reduce((a, b) => a + b, 0);
  const columns = printable.table.widths.map((w) => (w / total) * width);
  const drawRow = (cells: string[], font: 'body' | 'bold') => {
    doc.font(font).fontSize(10.5);
    const height = Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: columns[i] - 2 * PADDING }))) + 2 * PADDING;
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((text, i) => {
      doc.rect(x, top, columns[i], height).stroke();
      doc.text(text, x + PADDING, top + PADDING, { width: columns[i] - 2 * PADDING, align: font === 'bold' ? 'center' : 'left' });
      x += columns[i];
    });
    doc.x = MARGIN;
    doc.y = top + height;
  };
  if (printable.table.header) drawRow(printable.table.header, 'bold');
  for (const row of printable.table.rows) drawRow(row, 'body');
  doc.moveDown(0.5);
  for (const note of printable.notes) doc.font('body').fontSize(9.5).text(note, MARGIN, doc.y, { width });
  doc.end();
  return done;
}
