import { useEffect, useState } from 'react';

const ANNOUNCED = 'integrity-announce';

/** Says that something succeeded, visibly and to screen readers (the page's one status region). */
export function announce(text: string): void {
  window.dispatchEvent(new CustomEvent(ANNOUNCED, { detail: text }));
}

/** The live region every screen shares: what the last action did, on the screen it was said on only. */
export function StatusRegion({ path }: { path: string }) {
  const [said, setSaid] = useState({ text: '', on: '' });
  useEffect(() => {
    const show = (event: Event) => setSaid({ text: (event as CustomEvent<string>).detail, on: window.location.pathname });
    window.addEventListener(ANNOUNCED, show);
    return () => window.removeEventListener(ANNOUNCED, show);
  }, []);
  const text = said.on === path ? said.text : '';
  return (
    <p role="status" className={text ? 'status shown' : 'status'}>
      {text}
    </p>
  );
}
