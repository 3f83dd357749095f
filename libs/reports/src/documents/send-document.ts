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

/**
 * A download's name as a civil servant files it: the unit, the form's name and its ROC date or case number, e.g.
 * 臺中市政府政風處-工作成果彙報表-115年11月23日. Characters a file system refuses become a full-width space.
 */
export function documentName(...parts: string[]): string {
  return parts
    .filter((part) => part !== '')
    .join('-')
    .replace(/[\\/:*?"<>|]|\p{Cc}/gu, '　');
}

/**
 * Renders a printable (or sends bytes already made) as a download with its content type and file name: the name in
 * UTF-8 (RFC 6266 `filename*`), and an ASCII one for clients that read no other.
 */
export async function sendDocument(response: Response, document: Printable | Buffer, format: keyof typeof TYPES, name: string, asciiName: string): Promise<StreamableFile> {
  const bytes = Buffer.isBuffer(document) ? document : format === 'odt' ? await renderOdt(document) : await renderPdf(document);
  response.setHeader('Content-Type', TYPES[format]);
  response.setHeader('Content-Disposition', `attachment; filename="${asciiName}.${format}"; filename*=UTF-8''${encodeURIComponent(`${name}.${format}`)}`);
  return new StreamableFile(bytes);
}
