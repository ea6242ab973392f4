import type { FastifyCompressOptions } from '@fastify/compress';
import { constants } from 'node:zlib';

/**
 * Types worth compressing on the fly: text, JSON, XML, JavaScript, SVG. Not event streams (the
 * compressor would hold events back), not octet-stream (uploaded files, usually compressed already),
 * and never PDF, images, ZIP or XLSX, which are compressed formats.
 */
export const COMPRESSIBLE = /^text\/(?!event-stream)|^application\/(?:[\w.+-]+\+)?(?:json|xml)(?:;|$)|^application\/javascript|^image\/svg\+xml/;

/**
 * Response compression for dynamic answers (the API, server-rendered pages): brotli or gzip by the
 * request's Accept-Encoding, above 1 KB only (below that the headers cost more than they save).
 * Brotli at quality 4: close to gzip's speed with a better ratio; the web app's files are
 * compressed once, at build time, at the highest quality (apps/web/precompress.ts).
 */
export function compressionOptions(): FastifyCompressOptions {
  return {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    customTypes: COMPRESSIBLE,
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  };
}
