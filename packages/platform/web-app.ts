import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './http.ts';

/** Files whose names carry their content hash (Vite's assets/): they never change, keep them a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages and un-hashed files: the browser may keep them but asks first (ETag / Last-Modified → 304). */
export const REVALIDATE = 'no-cache';

/** What a server-rendered page puts into the web app's HTML before any JavaScript runs. */
export interface RenderedPage {
  /** The document title. */
  title: string;
  /** HTML inside `<div id="root">`: the page's content, shown until the web app takes over. */
  body: string;
  /** Extra elements for `<head>` (e.g. the page's own small stylesheet). */
  head?: string;
  status?: number;
  /** The page as it is, without the web app's scripts and styles (a page that needs no JavaScript). */
  standalone?: boolean;
  /** API answers the page was rendered from, by GET URL: the web app starts from them (api/prefetched.ts). */
  data?: Record<string, unknown>;
}

/** A page the server renders itself (for a fast first paint, and for browsers without JavaScript). */
export interface PageRenderer {
  /** Fastify route path, e.g. `/services/:id`. */
  path: string;
  /** The rendered page, or undefined to serve the web app as it is. */
  render(request: FastifyRequest): Promise<RenderedPage | undefined>;
  /**
   * A plain HTML form on the page that POSTs one file (multipart/form-data, field `file`): the
   * page rendered with the answer, without JavaScript. Undefined bytes: no file was sent.
   */
  upload?: { maxBytes: number; render(request: FastifyRequest, file: { bytes: Buffer | undefined; tooLarge: boolean }): Promise<RenderedPage> };
}

/** The one file of a page's upload form, or why there is none. */
async function uploadedFile(request: FastifyRequest): Promise<{ bytes: Buffer | undefined; tooLarge: boolean }> {
  try {
    const file = await request.file();
    return { bytes: file ? await file.toBuffer() : undefined, tooLarge: false };
  } catch (error) {
    return { bytes: undefined, tooLarge: (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' };
  }
}

export interface WebAppOptions {
  /** The web app's build directory (index.html, assets/). */
  root: string;
  /** Paths that are never pages of the web app (the API, the OpenID provider…): a real 404 there. */
  notSpa: RegExp;
  pages?: readonly PageRenderer[];
}

/**
 * Serves the built web app: its files (precompressed .br/.gz chosen by Accept-Encoding, written at
 * build time), hashed assets cached for a year, index.html for every other path (client-side
 * routes) revalidated on each visit, and the pages the server renders itself inside index.html.
 */
export async function serveWebApp(app: App, options: WebAppOptions): Promise<void> {
  const { root } = options;
  await app.register(fastifyStatic, {
    root,
    serve: false,
    preCompressed: true,
    setHeaders: (reply, file) => reply.header('cache-control', file.startsWith(path.join(root, 'assets') + path.sep) ? IMMUTABLE : REVALIDATE),
  });
  const template = readFileSync(path.join(root, 'index.html'), 'utf8');

  const send = (reply: FastifyReply, rendered: RenderedPage) => reply
    .code(rendered.status ?? 200)
    .header('cache-control', REVALIDATE)
    .type('text/html; charset=utf-8')
    .send(fillTemplate(template, rendered));
  for (const page of options.pages ?? []) {
    const upload = page.upload;
    if (upload) {
      await app.register(async (scope) => {
        await scope.register(multipart, { limits: { fileSize: upload.maxBytes, files: 1, fields: 0, parts: 1 } });
        scope.post(page.path, { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => send(reply, await upload.render(request, await uploadedFile(request))));
      });
    }
    app.get(page.path, { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const rendered = await page.render(request);
      if (!rendered) return reply.sendFile('index.html');
      return send(reply, rendered);
    });
  }

  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const pathname = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (options.notSpa.test(pathname)) return reply.callNotFound();
    const file = path.join(root, path.normalize(pathname));
    if (pathname !== '/' && file.startsWith(root) && existsSync(file) && statSync(file).isFile()) return reply.sendFile(path.relative(root, file));
    return reply.sendFile('index.html');
  });
}

/** index.html with the rendered page's title, head elements and content. */
export function fillTemplate(template: string, page: RenderedPage): string {
  const html = template
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(page.title)}</title>`)
    .replace('</head>', `${page.head ?? ''}</head>`)
    .replace(/<noscript>[\s\S]*?<\/noscript>/, '')
    .replace('<div id="root"></div>', `<div id="root">${page.body}</div>${page.data ? dataBlock(page.data) : ''}`);
  return page.standalone ? html.replace(/\s*<script\b[^>]*><\/script>|\s*<link rel="(?:modulepreload|stylesheet)"[^>]*>/g, '') : html;
}

/** JSON in a data block (not executed, so the Content-Security-Policy allows it); `<` escaped so no `</script>` can end it early. */
function dataBlock(data: Record<string, unknown>): string {
  return `<script type="application/json" id="sen-prefetched">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}

/** Text for HTML content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
