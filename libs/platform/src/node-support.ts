/** When each Node LTS line stops receiving security fixes (nodejs.org's release schedule). */
const END_OF_LIFE: Record<number, string> = { 18: '2025-04-30', 20: '2026-04-30', 22: '2027-04-30', 24: '2028-04-30' };

/**
 * What to warn an operator at start when the running Node no longer receives security fixes; null while it does.
 * An odd (non-LTS) line is never supported for long, so it is warned about too.
 */
export function nodeEndOfLifeWarning(version: string, now: Date): string | null {
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  const until = END_OF_LIFE[major];
  if (major % 2 === 1) return `Node ${version} is not a long-term support line: run Node 22 or 24 (LTS)`;
  if (until === undefined || now.toISOString().slice(0, 10) <= until) return null;
  return `Node ${version} reached its end of life on ${until} and receives no security fixes: run Node 22 or 24 (LTS)`;
}
