import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { loadFullFontWhenNeeded } from './full-font-on-demand';
import './generated/ui-font.css';
import './styles.css';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

loadFullFontWhenNeeded(document.body);

// Installed, the application opens without a connection (offlineApplication in vite.config.mts makes sw.js at build).
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
