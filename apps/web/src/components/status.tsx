import { useEffect, useState } from 'react';

const ANNOUNCED = 'integrity-announce';

/** Says that something succeeded, visibly and to screen readers (the page's one status region). */
export function announce(text: string): void {
  window.dispatchEvent(new CustomEvent(ANNOUNCED, { detail: text }));
}

/** The live region every screen shares: what the last action did. */
export function StatusRegion() {
  const [text, setText] = useState('');
  useEffect(() => {
    const show = (event: Event) => setText((event as CustomEvent<string>).detail);
    window.addEventListener(ANNOUNCED, show);
    return () => window.removeEventListener(ANNOUNCED, show);
  }, []);
  return (
    <p role="status" className={text ? 'status shown' : 'status'}>
      {text}
    </p>
  );
}
