import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The rules axe-core finds broken on the page as it stands (ids and the elements concerned); none is the aim. */
export async function axeViolations(page: Page): Promise<{ id: string; targets: string[] }[]> {
  // Evaluated through the debugging protocol, which the page's Content-Security-Policy does not govern.
  return page.evaluate<{ id: string; targets: string[] }[]>(
    `${AXE_SOURCE};\naxe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => String(n.target)) })))`,
  );
}
