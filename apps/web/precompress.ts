// A Vite plugin: after the build, every text file of the web app above 1 KB gets a brotli (.br,
// highest quality) and a gzip (.gz) copy beside it. The server picks one by the request's
// Accept-Encoding (@fastify/static preCompressed) without compressing anything per request.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest)$/;
const MIN_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'sen-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    // writeBundle, not closeBundle: it sees the directory the bundle went to, even when a caller
    // (ensureWebBuilt) builds into a draft directory given as an override.
    async writeBundle(options) {
      await compressTree(options.dir ?? outDir);
    },
  };
}

async function compressTree(dir: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true });
  await Promise.all(
    entries
      .filter((name) => TEXT.test(name))
      .map(async (name) => {
        const file = path.join(dir, name);
        if ((await stat(file)).size < MIN_BYTES) return;
        const content = await readFile(file);
        const size = content.length;
        await Promise.all([
          brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: size } }).then((bytes) => writeFile(`${file}.br`, bytes)),
          gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }).then((bytes) => writeFile(`${file}.gz`, bytes)),
        ]);
      }),
  );
}
