import JSZip from 'jszip';
import { XMLParser } from 'fast-xml-parser';
import type { Response } from 'superagent';

/** Every text node of an ODT's content.xml, read with an independent unzip and XML parser. */
export async function odtText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  expect(await zip.file('mimetype')!.async('string')).toBe('application/vnd.oasis.opendocument.text');
  const xml = await zip.file('content.xml')!.async('string');
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string' || typeof node === 'number') texts.push(String(node));
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.entries(node).forEach(([key, value]) => !key.startsWith('@_') && walk(value));
  };
  walk(new XMLParser({ ignoreAttributes: false }).parse(xml));
  return texts.join('\n');
}

/** Reads a download through supertest as bytes. */
export const binary = (res: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};
