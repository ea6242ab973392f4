/** Server-rendered sign-in pages: Vietnamese first, English beneath, accessible, no scripts. */

export type Lang = 'vi' | 'en';

export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f6f9;color:#1a1b1e;margin:0}
main{max-width:440px;margin:48px auto;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15);padding:32px}
h1{font-size:1.4rem;margin:0 0 4px}h2{font-size:1.1rem;margin:24px 0 8px}.en{color:#5c5f66;font-size:.9rem;margin:0 0 16px}
label{display:block;font-weight:600;margin:16px 0 4px}input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:10px;border:1px solid #868e96;border-radius:4px;font-size:1rem}
button,.button{display:inline-block;margin-top:20px;padding:10px 18px;border:0;border-radius:4px;background:#0b5cab;color:#fff;font-size:1rem;cursor:pointer;text-decoration:none}
.secondary{background:#e9ecef;color:#1a1b1e}.error{background:#fff0f0;border-left:4px solid #c92a2a;padding:10px;margin:12px 0}
:focus-visible{outline:3px solid #f08c00;outline-offset:2px}.brand{color:#0b5cab;font-weight:700;margin-bottom:16px}
hr{border:0;border-top:1px solid #dee2e6;margin:28px 0}.hint{font-size:.85rem;color:#5c5f66}code{font-size:1rem;word-break:break-all}`;

export function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} — Sen</title><style>${STYLE}</style></head><body><main>
<div class="brand">Sen · Chính quyền số Đồng Tháp</div>${body}</main></body></html>`;
}

const t = (lang: Lang, vi: string, en: string) => (lang === 'vi' ? vi : en);
const bilingual = (lang: Lang, vi: string, en: string) => `${escapeHtml(t(lang, vi, en))}<span class="en" lang="${lang === 'vi' ? 'en' : 'vi'}"> / ${escapeHtml(t(lang, en, vi))}</span>`;

function errorBox(error?: string): string {
  return error ? `<div class="error" role="alert" id="form-error">${escapeHtml(error)}</div>` : '';
}

export function loginPage(lang: Lang, uid: string, opts: { error?: string; username?: string; vneid: boolean }): string {
  const describedBy = opts.error ? ' aria-describedby="form-error" aria-invalid="true"' : '';
  const vneid = opts.vneid
    ? `<hr><h2>${bilingual(lang, 'Người dân, doanh nghiệp', 'Citizens and businesses')}</h2>
<a class="button" id="sign-in-vneid" href="/oidc/interaction/${uid}/vneid">${escapeHtml(t(lang, 'Đăng nhập bằng VNeID', 'Sign in with VNeID'))}</a>`
    : '';
  return page(
    lang,
    t(lang, 'Đăng nhập', 'Sign in'),
    `<h1>${escapeHtml(t(lang, 'Đăng nhập', 'Sign in'))}</h1><p class="en">${escapeHtml(t(lang, 'Sign in', 'Đăng nhập'))}</p>
${errorBox(opts.error)}
<h2>${bilingual(lang, 'Cán bộ, công chức', 'Officials')}</h2>
<form method="post" action="/oidc/interaction/${uid}/login" novalidate>
<label for="username">${escapeHtml(t(lang, 'Tên đăng nhập', 'Username'))}</label>
<input type="text" id="username" name="username" autocomplete="username" required maxlength="64" value="${escapeHtml(opts.username ?? '')}"${describedBy} autofocus>
<label for="password">${escapeHtml(t(lang, 'Mật khẩu', 'Password'))}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required maxlength="256"${describedBy}>
<button type="submit" id="sign-in-official">${escapeHtml(t(lang, 'Đăng nhập', 'Sign in'))}</button>
</form>${vneid}
<form method="post" action="/oidc/interaction/${uid}/abort"><button type="submit" class="secondary">${escapeHtml(t(lang, 'Hủy', 'Cancel'))}</button></form>`,
  );
}

export function totpPage(lang: Lang, uid: string, opts: { error?: string; enrol?: { secret: string; qrDataUrl: string } }): string {
  const enrol = opts.enrol
    ? `<p>${escapeHtml(
        t(lang, 'Tài khoản quản trị bắt buộc xác thực hai lớp. Quét mã QR bằng ứng dụng xác thực (Google Authenticator, Microsoft Authenticator…) rồi nhập mã 6 số.', 'Administrator accounts must use two-factor authentication. Scan the QR code with an authenticator app, then enter the 6-digit code.'),
      )}</p>
<img src="${opts.enrol.qrDataUrl}" width="200" height="200" alt="${escapeHtml(t(lang, 'Mã QR để đăng ký xác thực hai lớp', 'QR code for two-factor enrolment'))}">
<p class="hint">${escapeHtml(t(lang, 'Hoặc nhập khóa', 'Or enter the key'))}: <code id="totp-secret">${escapeHtml(opts.enrol.secret)}</code></p>`
    : `<p>${escapeHtml(t(lang, 'Nhập mã 6 số từ ứng dụng xác thực của bạn.', 'Enter the 6-digit code from your authenticator app.'))}</p>`;
  return page(
    lang,
    t(lang, 'Xác thực hai lớp', 'Two-factor authentication'),
    `<h1>${escapeHtml(t(lang, 'Xác thực hai lớp', 'Two-factor authentication'))}</h1>${errorBox(opts.error)}${enrol}
<form method="post" action="/oidc/interaction/${uid}/totp" novalidate>
<label for="totp">${escapeHtml(t(lang, 'Mã xác thực (6 số)', 'Authentication code (6 digits)'))}</label>
<input type="text" id="totp" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required autofocus${opts.error ? ' aria-describedby="form-error" aria-invalid="true"' : ''}>
<button type="submit" id="verify-totp">${escapeHtml(t(lang, 'Xác nhận', 'Verify'))}</button>
</form>`,
  );
}

export function messagePage(lang: Lang, titleVi: string, titleEn: string, message: string): string {
  return page(lang, t(lang, titleVi, titleEn), `<h1>${escapeHtml(t(lang, titleVi, titleEn))}</h1><p class="en">${escapeHtml(t(lang, titleEn, titleVi))}</p><p>${escapeHtml(message)}</p><a class="button" href="/">${escapeHtml(t(lang, 'Về trang chủ', 'Home'))}</a>`);
}

export const langOf = (uiLocales: unknown): Lang => (typeof uiLocales === 'string' && uiLocales.trim().startsWith('en') ? 'en' : 'vi');
