import type { SigningModule, Verification } from '../../../modules/signing/index.ts';
import { AppError, anonymous, type PageRenderer } from '../../../packages/platform/index.ts';
import { e, layout } from './layout.ts';
import { t } from './messages.ts';

const CODE = /^KQ-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;
const vietnamTime = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'medium' });
const vietnamDate = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short' });

/**
 * /xac-minh: anyone verifies a result by the code printed on it (the stamp's QR lands here with `?ma=`),
 * as a plain GET form and a server-rendered answer without JavaScript: the registry entry and,
 * for each signature, whether it is intact, chains to the root CA, is time-stamped and not
 * revoked (the CA's OCSP answer), and whether the document was changed after the last one. The
 * verification of an uploaded file is the API's (`POST /api/results/verify`).
 */
export const VERIFY_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

const page = (main: string, status: number) => layout({ path: '/xac-minh', title: `${t('results.title')} — Sen`, main: `<h1>${e(t('results.title'))}</h1><p>${e(t('results.description'))}</p>${main}`, status, standalone: true });

export function verificationPage(signing: SigningModule): PageRenderer {
  return {
    path: '/xac-minh',
    upload: {
      maxBytes: VERIFY_UPLOAD_MAX_BYTES,
      async render(request, file) {
        const problem = file.tooLarge ? t('results.fileTooLarge') : file.bytes?.length ? undefined : t('results.fileRequired');
        if (problem) return page(`${form('', false)}${uploadForm(problem)}`, file.tooLarge ? 413 : 400);
        const verification = await signing.service.verifyFile(request.principal ?? anonymous, file.bytes!);
        request.log[verification.report.valid ? 'info' : 'warn']({ valid: verification.report.valid, sha256: verification.report.sha256 }, 'result verification (page)');
        return page(`${form('', false)}${uploadForm()}${verification.report.signed ? report(verification) : `<div class="sr-error" role="alert">${e(t('results.unsigned'))}</div>`}`, 200);
      },
    },
    async render(request) {
      const code = String((request.query as Record<string, unknown>).ma ?? '').trim().toUpperCase().slice(0, 40);
      const asked = code.length > 0;
      const invalid = asked && !CODE.test(code);
      let answer = '';
      let status = invalid ? 400 : 200;
      if (asked && !invalid) {
        try {
          answer = report(await signing.service.verifyRegistered(request.principal ?? anonymous, code));
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 404) throw error;
          status = 404;
          answer = `<div class="sr-error" role="alert">${e(t('results.notFound'))}</div>`;
        }
      }
      return page(`${form(code, invalid)}${uploadForm()}${answer}`, status);
    },
  };
}

function form(code: string, invalid: boolean): string {
  const described = `verify-code-hint${invalid ? ' verify-code-error' : ''}`;
  return `<form class="sr-card" action="/xac-minh" method="get" novalidate>`
    + `<label for="verify-code">${e(t('results.code'))} <span aria-hidden="true">*</span></label>`
    + `<input id="verify-code" name="ma" value="${e(code)}" required maxlength="40" autocomplete="off" aria-describedby="${described}"${invalid ? ' aria-invalid="true"' : ''}>`
    + `<p class="sr-muted" id="verify-code-hint">${e(t('results.codeHint'))}</p>`
    + (invalid ? `<p class="sr-error" id="verify-code-error">${e(t('results.codeInvalid'))}</p>` : '')
    + `<button type="submit">${e(t('results.submit'))}</button></form>`;
}

function uploadForm(error?: string): string {
  return `<form class="sr-card" action="/xac-minh" method="post" enctype="multipart/form-data" novalidate>`
    + `<label for="verify-file">${e(t('results.file'))}</label>`
    + `<input id="verify-file" name="file" type="file" accept="application/pdf" aria-describedby="verify-file-hint${error ? ' verify-file-error' : ''}"${error ? ' aria-invalid="true"' : ''}>`
    + `<p class="sr-muted" id="verify-file-hint">${e(t('results.fileHint'))}</p>`
    + (error ? `<p class="sr-error" id="verify-file-error">${e(error)}</p>` : '')
    + `<button type="submit">${e(t('results.verifyFile'))}</button></form>`;
}

const yesNo = (value: boolean) => t(value ? 'results.yes' : 'results.no');
const fact = (label: string, value: string) => `<dt>${e(label)}</dt><dd>${e(value)}</dd>`;

function report({ result, report: r }: Verification): string {
  const verdict = r.valid
    ? `<p class="sr-card" role="status"><strong>✔ ${e(t('results.valid'))}</strong></p>`
    : `<div class="sr-error" role="alert"><strong>✘ ${e(t('results.invalid'))}</strong></div>`;
  const entry = result
    ? `<section class="sr-card" aria-labelledby="verify-registry"><h2 id="verify-registry">${e(t('results.registry'))}</h2><p>${e(result.title)}</p><dl>`
      + fact(t('results.number'), result.number)
      + fact(t('results.holder'), result.holderName)
      + fact(t('results.agency'), result.agencyName)
      + fact(t('results.issuedAt'), vietnamDate.format(new Date(result.issuedAt)))
      + fact(t('results.validity'), `${result.validFrom} → ${result.validUntil ?? t('results.validUntilNone')}`)
      + fact(t('results.status'), t(`results.statuses.${result.status}`))
      + `</dl></section>`
    : '';
  const signatures = r.signatures.map((s, i) => `<section class="sr-card" aria-labelledby="verify-signature-${i}"><h2 id="verify-signature-${i}">${e(t('results.signature', { n: i + 1 }))}</h2><dl>`
    + fact(t('results.signer'), [s.signer, s.organization].filter(Boolean).join(' — '))
    + fact(t('results.intact'), yesNo(s.intact))
    + fact(t('results.chain'), s.chainTrusted ? s.chain.join(' → ') : t('results.no'))
    + fact(t('results.timeStamp'), s.timeStamp.valid && s.timeStamp.time ? `${vietnamTime.format(new Date(s.timeStamp.time))} (${s.timeStamp.authority ?? ''})` : t('results.no'))
    + fact(t('results.revocation'), t(`results.revocationStatus.${s.revocation.status}`) + (s.revocation.revokedAt ? ` (${vietnamTime.format(new Date(s.revocation.revokedAt))})` : ''))
    + `</dl>${s.problems.length ? `<p>${e(t('results.problems'))}: ${e(s.problems.join('; '))}</p>` : ''}</section>`).join('');
  return `${verdict}<dl class="sr-card">${fact(t('results.unchanged'), yesNo(r.unchanged))}</dl>${entry}${signatures}`;
}
