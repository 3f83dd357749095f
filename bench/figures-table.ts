import { readFileSync, writeFileSync } from 'node:fs';
import type { Figure } from './figures';

/** What `npm run bench -- --json` writes: the run, then each figure by name. */
export type FiguresFile = { _run: RunOfFigures } & Record<string, Figure | RunOfFigures>;

export interface RunOfFigures {
  finishedAt: string;
  commit: string | null;
  uncommittedChanges: boolean;
  node: string;
  cpus: number;
  cpuModel: string | null;
  memoryGb: number;
  /** The parts that failed, with why. */
  failed: Record<string, string>;
  /** The parts this run measured, when it measured only some. */
  parts?: string[];
  /** The run that measured the other figures, when this one measured only some parts. */
  otherFiguresFrom?: { finishedAt: string; commit: string | null };
}

export const TABLE_START = '<!-- figures of the latest run: made by `npm run bench -- --docs`, not by hand -->';
export const TABLE_END = '<!-- end of the figures -->';

const number = (value: number) => (Number.isInteger(value) ? value.toLocaleString('en') : Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en') : String(Number(value.toPrecision(3))));

/** The figures as one Markdown table, after a line that says which run measured them and on what. */
export function figuresTable(file: FiguresFile): string {
  const { _run: run, ...figures } = file;
  const when = run.finishedAt.slice(0, 10);
  const which = run.parts ? `The parts ${run.parts.join(', ')} measured` : 'Measured';
  const others = run.otherFiguresFrom ? ` The other figures are from the run of ${run.otherFiguresFrom.finishedAt.slice(0, 10)} at commit ${run.otherFiguresFrom.commit ?? 'unknown'}.` : '';
  const lines = [
    `${which} ${when} at commit ${run.commit ?? 'unknown'}${run.uncommittedChanges ? ' (with uncommitted changes)' : ''}, Node ${run.node}, ${run.cpus} CPUs${run.cpuModel ? ` (${run.cpuModel.trim()})` : ''}, ${run.memoryGb} GB of memory.${others}`,
    '',
  ];
  const failed = Object.entries(run.failed);
  if (failed.length > 0) lines.push(`Parts that failed in this run (their figures are missing): ${failed.map(([part, why]) => `${part} (${why.replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 200)})`).join('; ')}.`, '');
  lines.push('| figure | value | unit | baseline in the same run | target |', '| --- | ---: | --- | ---: | --- |');
  for (const [name, figure] of Object.entries(figures) as [string, Figure][]) {
    lines.push(`| \`${name}\` | ${number(figure.value)} | ${figure.unit} | ${figure.baseline === undefined ? '' : number(figure.baseline)} | ${figure.target ?? ''} |`);
  }
  return lines.join('\n');
}

/** The document with its table of figures made again from `file`. */
export function withFiguresTable(document: string, file: FiguresFile): string {
  const start = document.indexOf(TABLE_START);
  const end = document.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`The document has no place for the figures (${TABLE_START} … ${TABLE_END})`);
  return `${document.slice(0, start + TABLE_START.length)}\n${figuresTable(file)}\n${document.slice(end)}`;
}

/** docs/benchmarks.json written with the run's figures, and docs/benchmarks.md's table made from it. */
export function writeDocsFigures(figuresFile: string, documentFile: string): void {
  const file = JSON.parse(readFileSync(figuresFile, 'utf8')) as FiguresFile;
  writeFileSync(documentFile, withFiguresTable(readFileSync(documentFile, 'utf8'), file));
}
