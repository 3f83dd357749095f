import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { FiguresFile, RunOfFigures } from './figures-table';

/** One figure as `npm run bench -- --json <file>` writes it: its value, unit, and what it is read against. */
export interface Figure {
  value: number;
  unit: string;
  /** The figure measured beside it in the same run, when the value is read against one. */
  baseline?: number;
  target?: string;
  [detail: string]: unknown;
}

const recorded: Record<string, Figure> = {};

export function figure(name: string, value: number, unit: string, details: Omit<Figure, 'value' | 'unit'> = {}): void {
  recorded[name] = { value: Number(value.toFixed(4)), unit, ...details };
}

/** The p-th percentile of latency samples, in their unit. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The middle value (the upper of the two middle ones for an even count). */
export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Rates measured side by side in short rounds, the order within a round alternating so that neither side always
 * goes first: each side's rate per round, in the order the sides were given.
 */
export async function alternatingRounds(rounds: number, sides: ((round: number) => Promise<number> | number)[]): Promise<number[][]> {
  const rates = sides.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    const order = sides.map((_, side) => side);
    for (const side of round % 2 === 0 ? order : order.reverse()) rates[side].push(await sides[side](round));
  }
  return rates;
}

/** Each round's ratio of one side's rate to the other's. */
export const ratiosPerRound = (rates: number[], baselines: number[]): number[] => rates.map((rate, i) => rate / baselines[i]);

/** Figures measured elsewhere (the web pages' script), added as they were written. */
export function addFigures(figures: Record<string, Figure>): void {
  Object.assign(recorded, figures);
}

const failed: Record<string, string> = {};

/** A part that failed, kept with the figures so a run that wrote them says what it lacks. */
export function failedPart(part: string, message: string): void {
  failed[part] = message;
}

/**
 * The figures as JSON, with what the run was: its commit, Node, machine, and the parts that failed. A run of some
 * parts (`parts`) over a file of an earlier run keeps the earlier run's other figures, and says which run they are from.
 */
export function writeFigures(file: string, parts: string[] = []): void {
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout?.trim() || null;
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).stdout?.trim() ? true : false;
  const run: RunOfFigures = { finishedAt: new Date().toISOString(), commit, uncommittedChanges: dirty, node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryGb: Math.round(totalmem() / 2 ** 30), failed };
  const earlier = parts.length > 0 && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FiguresFile) : null;
  if (!earlier) {
    writeFileSync(file, `${JSON.stringify({ _run: run, ...recorded }, null, 2)}\n`);
    return;
  }
  const { _run: before, ...kept } = earlier;
  const earlierFailures = Object.fromEntries(Object.entries(before.failed).filter(([part]) => !parts.includes(part)));
  const merged: RunOfFigures = { ...run, failed: { ...earlierFailures, ...failed }, parts, otherFiguresFrom: before.otherFiguresFrom ?? { finishedAt: before.finishedAt, commit: before.commit } };
  writeFileSync(file, `${JSON.stringify({ _run: merged, ...kept, ...recorded }, null, 2)}\n`);
}
