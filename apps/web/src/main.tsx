import './app/styles/base.ts';
import { i18nReady } from './i18n/index.ts';
import './app/global.css';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { router } from './app/router.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');
// The page the server rendered (if any) stays on screen until the web app can show the same page:
// its chunk is loaded first, then React renders in a transition, in slices that leave the phone's
// main thread free between them, and replaces the server's HTML in one commit.
await Promise.all([i18nReady, router.load()]).catch(() => undefined);
startTransition(() => {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
