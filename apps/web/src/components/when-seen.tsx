import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

/**
 * Its children once scrolled near the screen, the map's empty place until then: a map below the first screen costs
 * a phone nothing (no code, no shapes, no drawing) while the page loads.
 */
export function WhenSeen({ children }: { children: ReactNode }) {
  const [seen, setSeen] = useState(() => !('IntersectionObserver' in window));
  const held = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (seen || !held.current) return;
    const watching = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && setSeen(true), { rootMargin: '200px' });
    watching.observe(held.current);
    return () => watching.disconnect();
  }, [seen]);
  return seen ? children : <MapSpace refTo={held} />;
}

/** Where a map will be, the size it will take, so nothing below moves when it is drawn. */
export function MapSpace({ refTo }: { refTo?: RefObject<HTMLDivElement | null> }) {
  return (
    <div className="place-map map-space" ref={refTo} aria-busy="true">
      地圖載入中…
    </div>
  );
}
