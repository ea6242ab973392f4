import { createRequire } from 'node:module';
import { fontBytes, FONT_FILES } from './fonts.ts';

/**
 * pdfmake on the server, with its own font store: the DejaVu files are written into a virtual
 * file system that belongs to Sen (not pdfmake's shared singleton), no URL and no local file
 * may be read while a document is laid out, and the output is a Buffer.
 *
 * pdfmake 0.3 ships no type declarations; the few shapes used here are declared below.
 */
export type Content = string | ContentObject | Content[];
export interface ContentObject {
  [key: string]: unknown;
}

export interface DocDefinition {
  content: Content;
  pageSize: 'A4';
  pageOrientation?: 'portrait' | 'landscape';
  pageMargins: [number, number, number, number];
  defaultStyle: Record<string, unknown>;
  info: { title: string; author: string; subject: string; keywords: string; creator: string; creationDate: Date; modDate: Date };
  header?: (page: number, pages: number) => Content | null;
  version?: string;
  language?: string;
  displayTitle?: boolean;
}

interface PdfKitDocument extends NodeJS.EventEmitter {
  end(): void;
}
interface Printer {
  createPdfKitDocument(doc: DocDefinition, options?: Record<string, unknown>): Promise<PdfKitDocument>;
}
interface VirtualFs {
  writeFileSync(name: string, content: Buffer): void;
}

const require = createRequire(import.meta.url);
const PrinterClass = (require('pdfmake/js/Printer.js') as { default: new (fonts: unknown, vfs: unknown, urls: unknown, localPolicy: (p: string) => boolean) => Printer }).default;
const UrlResolver = (require('pdfmake/js/URLResolver.js') as { default: new (vfs: unknown) => { setUrlAccessPolicy(policy: (url: string) => boolean): void } }).default;
const sharedVfs = (require('pdfmake/js/virtual-fs.js') as { default: VirtualFs }).default;

export const FONT = 'DejaVuSerifCondensed';

let vfs: VirtualFs | undefined;
function fontStore(): VirtualFs {
  if (!vfs) {
    const store = new (sharedVfs.constructor as new () => VirtualFs)();
    for (const name of Object.keys(FONT_FILES) as (keyof typeof FONT_FILES)[]) store.writeFileSync(FONT_FILES[name], fontBytes(name));
    vfs = store;
  }
  return vfs;
}

/** Renders a document definition to PDF bytes; nothing outside the font store is read. */
export async function renderPdf(doc: DocDefinition): Promise<Buffer> {
  const store = fontStore();
  const urls = new UrlResolver(store);
  urls.setUrlAccessPolicy(() => false);
  // The descriptor is rebuilt for every document: pdfmake rewrites it while resolving.
  const fonts = {
    [FONT]: { normal: FONT_FILES.regular, bold: FONT_FILES.bold, italics: FONT_FILES.italic, bolditalics: FONT_FILES.boldItalic },
  };
  const printer = new PrinterClass(fonts, store, urls, () => false);
  const pdf = await printer.createPdfKitDocument(doc);
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}
