// The server-rendered citizen pages speak Vietnamese, from the web app's own catalogue: one
// source for every label a citizen reads, whichever side renders it.
import vi from '../../web/src/i18n/vi.json' with { type: 'json' };

type Tree = { [key: string]: string | Tree };

/** The Vietnamese message at a dotted key, with {{name}} placeholders filled; the key itself when missing. */
export function t(key: string, values: Record<string, string | number> = {}): string {
  let node: string | Tree | undefined = vi as Tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node === 'object' && typeof node.other === 'string') node = node.other;
  const text = typeof node === 'string' ? node : key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}
