import JSZip from 'jszip';
import type { Printable } from './printable';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Text with its line breaks kept, as ODF wants them. */
const lines = (text: string, style: string) => `<text:p text:style-name="${style}">${escape(text).split('\n').join('<text:line-break/>')}</text:p>`;

const MIMETYPE = 'application/vnd.oasis.opendocument.text';
const FONT = 'Noto Sans TC';

function content(printable: Printable): string {
  const total = printable.table.widths.reduce((a, b) => a + b, 0);
  const columns = printable.table.widths
    .map((width, i) => `<style:style style:name="col${i}" style:family="table-column"><style:table-column-properties style:rel-column-width="${Math.round((width / total) * 65535)}*"/></style:style>`)
    .join('');
  const cell = (text: string, style: string) => `<table:table-cell table:style-name="cell" office:value-type="string">${lines(text, style)}</table:table-cell>`;
  const header = printable.table.header ? `<table:table-header-rows><table:table-row>${printable.table.header.map((h) => cell(h, 'Head')).join('')}</table:table-row></table:table-header-rows>` : '';
  const rows = printable.table.rows.map((row) => `<table:table-row>${row.map((c) => cell(c, 'Body')).join('')}</table:table-row>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3">
<office:font-face-decls><style:font-face style:name="${FONT}" svg:font-family="'${FONT}'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:automatic-styles>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.2cm"/><style:text-properties style:font-name="${FONT}" style:font-name-asian="${FONT}" fo:font-size="16pt" style:font-size-asian="16pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="Subtitle" style:family="paragraph"><style:paragraph-properties fo:text-align="end" fo:margin-bottom="0.2cm"/><style:text-properties style:font-name="${FONT}" style:font-name-asian="${FONT}" fo:font-size="11pt" style:font-size-asian="11pt"/></style:style>
<style:style style:name="Head" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties style:font-name="${FONT}" style:font-name-asian="${FONT}" fo:font-size="11pt" style:font-size-asian="11pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="Body" style:family="paragraph"><style:text-properties style:font-name="${FONT}" style:font-name-asian="${FONT}" fo:font-size="11pt" style:font-size-asian="11pt"/></style:style>
<style:style style:name="Note" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.2cm"/><style:text-properties style:font-name="${FONT}" style:font-name-asian="${FONT}" fo:font-size="10pt" style:font-size-asian="10pt"/></style:style>
<style:style style:name="table" style:family="table"><style:table-properties style:width="17cm" table:align="center"/></style:style>
<style:style style:name="cell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.1cm"/></style:style>
${columns}
</office:automatic-styles>
<office:body><office:text>
${lines(printable.title, 'Title')}
${printable.subtitle ? lines(printable.subtitle, 'Subtitle') : ''}
<table:table table:name="form" table:style-name="table">${printable.table.widths.map((_, i) => `<table:table-column table:style-name="col${i}"/>`).join('')}${header}${rows}</table:table>
${printable.notes.map((note) => lines(note, 'Note')).join('')}
</office:text></office:body>
</office:document-content>`;
}

const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="${MIMETYPE}" manifest:version="1.3"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;

/** An OpenDocument text file (ODF 1.3, the Taiwanese government's document standard). */
export async function renderOdt(printable: Printable): Promise<Buffer> {
  const zip = new JSZip();
  // The mimetype entry comes first and uncompressed, so tools can recognise the package.
  zip.file('mimetype', MIMETYPE, { compression: 'STORE' });
  zip.file('META-INF/manifest.xml', MANIFEST);
  zip.file('content.xml', content(printable));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', mimeType: MIMETYPE });
}
