import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { renderOdt } from './odt-renderer';
import { renderPdf } from './pdf-renderer';
import type { Printable } from './printable';

const TYPES = {
  odt: 'application/vnd.oasis.opendocument.text',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
} as const;

/** Renders a printable (or sends bytes already made) as a download with its content type and file name. */
export async function sendDocument(response: Response, document: Printable | Buffer, format: keyof typeof TYPES, name: string): Promise<StreamableFile> {
  const bytes = Buffer.isBuffer(document) ? document : format === 'odt' ? await renderOdt(document) : await renderPdf(document);
  response.setHeader('Content-Type', TYPES[format]);
  response.setHeader('Content-Disposition', `attachment; filename="${name}.${format}"`);
  return new StreamableFile(bytes);
}
