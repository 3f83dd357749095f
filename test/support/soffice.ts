import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as XLSX from '@e965/xlsx';

/** LibreOffice, as Debian installs it (`apt-get install libreoffice-calc-nogui`; `.ci/run` does). */
const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';

/**
 * A spreadsheet opened by LibreOffice headless and saved as CSV (UTF-8), as a clerk's office suite reads it: its
 * text. Fails, saying how to install it, when LibreOffice is not on the machine.
 */
export async function sofficeCsv(file: string, outDir: string): Promise<string> {
  return (await sofficeConverted(file, 'csv:Text - txt - csv (StarCalc):44,34,76,1', outDir)).toString('utf8');
}

/** A file opened by LibreOffice headless and saved in another format (`xlsx`, `ods`, a CSV filter): its bytes. */
export function sofficeConverted(file: string, format: string, outDir: string): Promise<Buffer> {
  if (!existsSync(SOFFICE)) throw new Error(`LibreOffice is needed for this test: apt-get install libreoffice-calc-nogui (or set SOFFICE_PATH); ${SOFFICE} is not there`);
  return new Promise((resolve, reject) => {
    // Its own profile directory: a second LibreOffice on the machine does not lock this one out.
    const args = [`-env:UserInstallation=file://${outDir}/profile`, '--headless', '--convert-to', format, '--outdir', outDir, file];
    execFile(SOFFICE, args, { timeout: 180_000 }, (error, _stdout, stderr) => {
      const converted = join(outDir, basename(file).replace(/\.[^.]+$/, `.${format.split(':')[0]}`));
      if (error || !existsSync(converted)) return reject(new Error(`soffice failed: ${error?.message ?? ''} ${stderr}`));
      resolve(readFileSync(converted));
    });
  });
}

/** The rows LibreOffice reads in a spreadsheet, each a list of the cells' text. */
export async function sofficeRows(file: string, outDir: string): Promise<string[][]> {
  const book = XLSX.read(await sofficeCsv(file, outDir), { type: 'string', raw: true });
  return XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]], { header: 1, raw: false, defval: '' });
}
