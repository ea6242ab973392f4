import { escapeHtml as e, type RenderedPage } from '../../../packages/platform/index.ts';
import { t } from './messages.ts';

/**
 * The first paint of a citizen page, before (or without) JavaScript: a small inline stylesheet in
 * the web app's colours and system fonts, the header, and the page's content. Element ids differ
 * from the web app's, so nothing confuses the two while the web app takes over.
 */
const CSS = `
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;color:#212529;line-height:1.55;font-size:16px;background:#fff}
.sr-header{height:64px;box-sizing:border-box;border-bottom:1px solid #dee2e6;display:flex;align-items:center;justify-content:space-between;padding:0 16px;gap:8px}
.sr-brand{display:flex;align-items:center;gap:10px;text-decoration:none;color:#085c42}
.sr-brand b{font-size:18px;font-weight:800;line-height:1.1;display:block}.sr-brand small{font-size:12px;color:#5c636a;display:block}
.sr-main{padding:20px;max-width:1100px;margin:0 auto}
.sr-nav{display:flex;flex-wrap:wrap;gap:4px 16px;padding:8px 16px;border-bottom:1px solid #dee2e6;font-size:14px}
a{color:#0b6e4f}h1{font-size:34px;line-height:1.3;margin:0 0 16px}h2{font-size:22px;line-height:1.4;margin:24px 0 8px}
.sr-card{border:1px solid #dee2e6;border-radius:8px;padding:16px;margin:0 0 12px}
.sr-lead{font-size:18px;margin:0 0 12px}.sr-muted{color:#5c636a;font-size:14px}
.sr-list{list-style:none;padding:0;margin:0}.sr-list li{border:1px solid #dee2e6;border-radius:8px;padding:12px 16px;margin:0 0 8px}
label{display:block;font-weight:600;margin:8px 0 4px;font-size:14px}
input{font:inherit;box-sizing:border-box;width:100%;max-width:420px;height:42px;padding:0 12px;border:1px solid #adb5bd;border-radius:8px}
button,.sr-button{font:inherit;font-weight:600;display:inline-block;margin-top:12px;height:42px;padding:0 18px;border:0;border-radius:8px;background:#0b6e4f;color:#fff;text-decoration:none;line-height:42px;cursor:pointer}
dl{margin:0}dt{font-weight:600;font-size:14px}dd{margin:0 0 8px;font-size:14px}
.sr-error{border:1px solid #b62f2f;color:#a42222;border-radius:8px;padding:12px 16px;margin:0 0 12px}
.sr-header .sr-small{margin:0;height:36px;line-height:36px;padding:0 14px;font-size:14px}
:focus-visible{outline:3px solid #de5285;outline-offset:2px}
`;

export interface Layout {
  title: string;
  /** The page's path: where signing in comes back to. */
  path: string;
  /** The page's main content (HTML). */
  main: string;
  status?: number;
  /** Serve the page alone, without the web app's scripts (the no-JavaScript look-up). */
  standalone?: boolean;
  /** The API answers the content came from, by GET URL, for the web app to start from. */
  data?: Record<string, unknown>;
}

export function layout(page: Layout): RenderedPage {
  // Signing in needs the web app (PKCE in the browser): the link opens its page that starts it.
  const signIn = `<a class="sr-button sr-small" id="header-sign-in" href="/auth/sign-in?${new URLSearchParams({ returnTo: page.path })}">${e(t('auth.signIn'))}</a>`;
  const header = `<header class="sr-header"><a class="sr-brand" href="/"><img src="/favicon.svg" alt="" width="32" height="32"><span><b>Sen</b><small>${e(t('app.tagline'))}</small></span></a>${signIn}</header>`;
  const nav = `<nav class="sr-nav" aria-label="${e(t('shell.mainNav'))}"><a href="/services">${e(t('nav.services'))}</a><a href="/tra-cuu">${e(t('tthc.nav.lookup'))}</a><a href="/xac-minh">${e(t('results.nav'))}</a><a href="/my-dossiers">${e(t('tthc.nav.mine'))}</a></nav>`;
  return {
    title: page.title,
    head: `<style>${CSS}</style>`,
    body: `${header}${nav}<main class="sr-main" id="sr-main">${page.main}</main>`,
    status: page.status,
    standalone: page.standalone,
    data: page.data,
  };
}

export { e };
