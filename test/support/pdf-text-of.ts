import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The text an independent PDF reader (pdf.js, in test/support/pdf-text.mjs) finds in a PDF, written first to `dir`. */
export async function pdfTextOf(bytes: Buffer, dir: string): Promise<string> {
  if (bytes.subarray(0, 5).toString() !== '%PDF-') throw new Error('not a PDF');
  const file = join(dir, `export-${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'pdf-text.mjs'), file]);
  return stdout;
}
