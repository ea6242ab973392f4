import type { PublicStatus, TthcModule } from '../../../modules/tthc/index.ts';
import { AppError, type PageRenderer } from '../../../packages/platform/index.ts';
import { e, layout } from './layout.ts';
import { t } from './messages.ts';

const CODE_MIN = 5;
const CODE_MAX = 80;
const SECRET_MIN = 6;
const SECRET_MAX = 40;

const vietnamTime = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });
const vietnamDate = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short' });

/**
 * /tra-cuu: the dossier look-up as a plain GET form and a server-rendered answer, the same on a
 * feature phone without JavaScript as on a smartphone (the page loads no script at all). The QR
 * code on every receipt lands here with `?ma=`; the answer is what the public look-up API gives.
 */
export function lookupPage(tthc: TthcModule): PageRenderer {
  return {
    path: '/tra-cuu',
    async render(request) {
      const query = request.query as Record<string, string | undefined>;
      const code = (query.ma ?? '').trim().slice(0, CODE_MAX);
      const secret = (query.secret ?? '').trim().slice(0, SECRET_MAX);
      const asked = query.secret !== undefined;
      const errors = {
        code: asked && code.length < CODE_MIN ? t('tthc.lookup.codeRequired') : undefined,
        secret: asked && secret.length < SECRET_MIN ? t('tthc.lookup.secretRequired') : undefined,
      };
      let answer = '';
      let status = 200;
      if (asked && !errors.code && !errors.secret) {
        try {
          answer = result(await tthc.lookUp(request.ip, code, secret));
        } catch (error) {
          if (!(error instanceof AppError) || (error.status !== 404 && error.status !== 429 && error.status !== 400)) throw error;
          status = error.status;
          answer = `<div class="sr-error" role="alert">${e(error.status === 429 ? t('tthc.errors.lookupRateLimited') : t('tthc.errors.lookupFailed'))}</div>`;
        }
      } else if (errors.code || errors.secret) {
        status = 400;
      }
      return layout({ path: '/tra-cuu', title: `${t('tthc.lookup.title')} — Sen`, main: `<h1>${e(t('tthc.lookup.title'))}</h1><p>${e(t('tthc.lookup.description'))}</p>${form(code, errors)}${answer}`, status, standalone: true });
    },
  };
}

function field(id: string, name: string, label: string, value: string, max: number, error: string | undefined, hint?: string): string {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return `<label for="${id}">${e(label)} <span aria-hidden="true">*</span></label>`
    + `<input id="${id}" name="${name}" value="${e(value)}" required maxlength="${max}" autocomplete="off"${described ? ` aria-describedby="${described}"` : ''}${error ? ' aria-invalid="true"' : ''}>`
    + (hint ? `<p class="sr-muted" id="${id}-hint">${e(hint)}</p>` : '')
    + (error ? `<p class="sr-error" id="${id}-error">${e(error)}</p>` : '');
}

function form(code: string, errors: { code?: string; secret?: string }): string {
  return `<form class="sr-card" action="/tra-cuu" method="get" novalidate>`
    + field('lookup-code', 'ma', t('tthc.lookup.code'), code, CODE_MAX, errors.code)
    + field('lookup-secret', 'secret', t('tthc.lookup.secret'), '', SECRET_MAX, errors.secret, t('tthc.lookup.secretHint'))
    + `<button type="submit">${e(t('tthc.lookup.submit'))}</button></form>`;
}

function result(s: PublicStatus): string {
  const fact = (label: string, value: string | null) => (value ? `<dt>${e(label)}</dt><dd>${e(value)}</dd>` : '');
  const history = s.history
    .map((h) => `<li>${e(vietnamTime.format(new Date(h.at)))}: ${e(t(`tthc.actions.${h.action}`))} → ${e(t(`tthc.status.${h.toStatus}`))}${h.note ? ` (${e(h.note)})` : ''}</li>`)
    .join('');
  return `<section class="sr-card" role="region" aria-labelledby="lookup-result"><h2 id="lookup-result">${e(t('tthc.lookup.result', { code: s.code }))}</h2>`
    + `<p>${e(s.procedureName)}</p><dl>`
    + fact(t('tthc.detail.status'), t(`tthc.status.${s.status}`))
    + fact(t('tthc.detail.submittedAt'), vietnamTime.format(new Date(s.submittedAt)))
    + fact(t('tthc.detail.receivedAt'), s.receivedAt && vietnamTime.format(new Date(s.receivedAt)))
    + fact(t('tthc.detail.dueDate'), s.dueDate && vietnamDate.format(new Date(s.dueDate)))
    + fact(t('tthc.detail.result'), s.result && t(`tthc.result.${s.result}`))
    + `</dl><h3>${e(t('tthc.history.title'))}</h3><ol>${history}</ol></section>`;
}
