import { UI_CHARACTERS } from 'virtual:ui-characters';

const printedByTheScreens = new Set(UI_CHARACTERS);
const beyondTheScreens = (text: string | null | undefined) => [...(text ?? '')].some((c) => c.codePointAt(0)! > 0x7f && !printedByTheScreens.has(c));

/**
 * The screens' own characters come with the small font subset. Text people typed or the API sent (names,
 * summaries) may need any character: the first time one appears on the page or in a field, the full font's
 * stylesheet loads, and the browser then fetches only the slices that text needs. A page without such text
 * (the sign-in page) never loads it.
 */
export function loadFullFontWhenNeeded(root: HTMLElement): void {
  let loaded = false;
  const load = () => {
    if (loaded) return;
    loaded = true;
    observer.disconnect();
    root.removeEventListener('input', typed);
    void import('./full-font');
  };
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (beyondTheScreens(mutation.type === 'characterData' ? mutation.target.textContent : [...mutation.addedNodes].map((node) => node.textContent).join(''))) return load();
    }
  });
  const typed = (event: Event) => {
    if (beyondTheScreens((event.target as HTMLInputElement | null)?.value)) load();
  };
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  root.addEventListener('input', typed);
  if (beyondTheScreens(root.textContent)) load();
}
