/** Server-rendered pages of the sandboxes: one layout, always marked as a test environment. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    const rendered = Array.isArray(value)
      ? value.map((item) => (item instanceof Html ? item.value : escapeHtml(String(item)))).join('')
      : value instanceof Html ? value.value : value === undefined || value === null || value === false ? '' : escapeHtml(String(value));
    out += rendered + strings[i + 1]!;
  });
  return new Html(out);
}

/** Sent with every sandbox page: no scripts, no framing, nothing loaded from elsewhere. */
export const PAGE_SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f4f5f7}
.sandbox-banner{margin:0;background:#8a1c00;color:#fff;padding:.5rem 1rem;font-weight:700;text-align:center}
.sandbox-banner span{display:block;font-weight:400;font-size:.875rem}
main{max-width:52rem;margin:1.5rem auto;padding:1.5rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.5rem;margin:0}
h2{font-size:1.125rem;margin:1.5rem 0 .25rem}
.en{display:block;color:#555;font-size:.875rem;font-weight:400}
label{font-weight:600}
input[type=text],input[type=search]{font:inherit;padding:.5rem;border:1px solid #6b6b6b;border-radius:.25rem;width:100%;max-width:24rem}
input[aria-invalid=true]{border:2px solid #b00020}
button{font:inherit;padding:.5rem 1rem;border-radius:.25rem;border:1px solid #0b4f9c;background:#0b4f9c;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b4f9c}
:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
fieldset{border:1px solid #ccc;border-radius:.25rem;margin:1rem 0;padding:.75rem}
legend{font-weight:600;padding:0 .25rem}
.citizens{list-style:none;margin:0;padding:0;max-height:26rem;overflow:auto}
.citizens li{padding:.375rem .25rem;border-bottom:1px solid #eee}
.citizens label{font-weight:400}
.meta{color:#555;font-size:.875rem}
.field{margin:1rem 0}
.hint{color:#555;font-size:.875rem;margin:.125rem 0 .375rem}
.error{border-left:4px solid #b00020;background:#fdecee;padding:.5rem 1rem;margin:1rem 0}
.field-error{color:#b00020;font-weight:600;margin:.25rem 0}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;margin-top:1rem}
.search{display:flex;gap:.5rem;align-items:flex-end;flex-wrap:wrap}
table{border-collapse:collapse}td,th{padding:.25rem .75rem .25rem 0;text-align:left;vertical-align:top}
`;

export interface PageOptions {
  title: string;
  /** English line shown under the Vietnamese title. */
  subtitle: string;
  body: Html | string;
}

export function page(options: PageOptions): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)} — MÔI TRƯỜNG THỬ NGHIỆM</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="sandbox-banner" role="note">MÔI TRƯỜNG THỬ NGHIỆM — dữ liệu giả lập<span lang="en">Sandbox — synthetic data, not a national system</span></p>
</header>
<main>
<h1>${escapeHtml(options.title)}<span class="en" lang="en">${escapeHtml(options.subtitle)}</span></h1>
${String(options.body)}
</main>
</body>
</html>`;
}
