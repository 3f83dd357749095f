import type { Page } from 'playwright-core';

/* The check runs inside the page: these are the browser's globals, which Node's type library lacks. */
type DomNode = { tagName: string; id: string; textContent: string | null; parentElement: DomNode | null; closest(selector: string): DomNode | null; getAttribute(name: string): string | null; labels?: unknown[]; type?: string };
declare const document: { querySelectorAll(selector: string): Iterable<DomNode>; body: unknown; createTreeWalker(root: unknown, what: number): { nextNode(): DomNode | null } };
declare const getComputedStyle: (el: DomNode) => { backgroundColor: string; color: string; visibility: string; display: string };
declare const NodeFilter: { SHOW_TEXT: number };

export interface AccessibilityProblems {
  unlabelled: string[];
  lowContrast: string[];
}

/**
 * Lighthouse-style basics, checked in the page itself: every form control has a label, and every piece of
 * text has a contrast ratio of at least 4.5:1 against the background it is drawn on (WCAG AA).
 */
export function accessibilityBasics(page: Page): Promise<AccessibilityProblems> {
  return page.evaluate(() => {
    const describe = (el: DomNode) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 20)}"`;
    const unlabelled = [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => el.type !== 'hidden')
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
      .map(describe);

    const rgb = (value: string) => (value.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const background = (el: DomNode | null): number[] => {
      for (let node = el; node; node = node.parentElement) {
        const color = rgb(getComputedStyle(node).backgroundColor);
        if (color.length >= 3 && (color.length < 4 || color[3] > 0)) return color.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const lowContrast: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const el = text.parentElement;
      if (!el || !text.textContent?.trim() || el.closest('svg')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const [a, b] = [luminance(rgb(style.color)), luminance(background(el))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 4.5) lowContrast.push(`${describe(el)} ${ratio.toFixed(2)}:1`);
    }
    return { unlabelled, lowContrast };
  });
}
