import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_MESSAGES_ZH_TW } from '@integrity/domain';
import { runCommand } from './run-command';

// The repository: three folders up from the sources, four from their build in dist/.
const ROOT = [join(__dirname, '../../..'), join(__dirname, '../../../..')].find((dir) => existsSync(join(dir, 'docs/api.md'))) as string;
const CATALOGUE = 'libs/domain/src/vocabulary/error-messages.zh-tw.ts';
const START = '<!-- error codes: made by `npm run docs:errors` from the catalogue; do not edit -->';
const END = '<!-- end of error codes -->';

/**
 * The error codes as docs/api.md lists them: the catalogue's sections (its `// Input (400)` comments) in its order,
 * each code with the zh-TW message a user reads (「欄位」 where the field's name goes).
 */
export function errorCodesMarkdown(source = readFileSync(join(ROOT, CATALOGUE), 'utf8')): string {
  const body = source.slice(source.indexOf('export const ERROR_MESSAGES_ZH_TW'));
  const lines: string[] = [START];
  for (const [, section, code] of body.matchAll(/^ {2}(?:\/\/ (.+)|([A-Z][A-Z0-9_]+):)/gm)) {
    if (section) lines.push('', `### ${section}`, '', '| code | message |', '| --- | --- |');
    else lines.push(`| \`${code}\` | ${ERROR_MESSAGES_ZH_TW[code]('「欄位」', {}).replace(/\|/g, '\\|')} |`);
  }
  return [...lines, '', END].join('\n');
}

/** `npm run docs:errors`: writes the error codes into docs/api.md, between its markers. */
async function main(): Promise<number> {
  const path = join(ROOT, 'docs/api.md');
  const doc = readFileSync(path, 'utf8');
  const [before, rest] = doc.split(START);
  writeFileSync(path, `${before}${errorCodesMarkdown()}${rest === undefined ? '\n' : rest.slice(rest.indexOf(END) + END.length)}`);
  return 0;
}

if (require.main === module) runCommand(main);
