// Extracts a PDF's text with pdf-parse (PDF.js) in a plain Node process: PDF.js loads itself through dynamic
// import, which jest's module sandbox does not allow.
import { readFileSync } from 'node:fs';
import { PDFParse } from 'pdf-parse';

const parser = new PDFParse({ data: readFileSync(process.argv[2]) });
const { text } = await parser.getText();
process.stdout.write(text);
await parser.destroy();
