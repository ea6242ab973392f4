import type { Citizen } from '../citizens/generator.ts';
import { html, page, type Html } from '../html.ts';

export interface SignInView {
  /** `<basePath>/interaction/<uid>`: the page and the prefix of its form actions. */
  action: string;
  clientName: string;
  scopes: string[];
  query: string;
  citizens: Citizen[];
  /** Values echoed back after a refused submission. */
  chosenId?: string;
  typedId?: string;
  asEnterprise?: boolean;
  enterpriseCode?: string;
  errors?: { personalId?: string; enterpriseCode?: string };
}

const SEX_LABELS = { male: 'Nam', female: 'Nữ' } as const;

function citizenOption(citizen: Citizen, chosenId: string | undefined): Html {
  const id = `citizen-${citizen.personalId}`;
  return html`<li><input type="radio" name="citizen" id="${id}" value="${citizen.personalId}"${citizen.personalId === chosenId ? html` checked` : ''}>
<label for="${id}">${citizen.fullName} <span class="meta">— ${citizen.personalId} · ${SEX_LABELS[citizen.sex]} · ${citizen.dateOfBirth} · ${citizen.currentAddress.commune}</span></label></li>`;
}

function fieldError(id: string, message: string | undefined): Html {
  return message ? html`<p class="field-error" id="${id}">${message}</p>` : html``;
}

export function renderSignIn(view: SignInView): string {
  const errors = view.errors ?? {};
  const summary = errors.personalId || errors.enterpriseCode
    ? html`<div class="error" role="alert" id="form-error" tabindex="-1"><p>Chưa thể đăng nhập. / Could not sign in.</p>
<ul>${[errors.personalId, errors.enterpriseCode].filter(Boolean).map((m) => html`<li>${m}</li>`)}</ul></div>`
    : html``;
  const list = view.citizens.length > 0
    ? html`<ul class="citizens">${view.citizens.map((c) => citizenOption(c, view.chosenId))}</ul>`
    : html`<p>Không tìm thấy công dân phù hợp. / No matching citizen.</p>`;
  const body = html`${summary}
<p>Ứng dụng <strong>${view.clientName}</strong> yêu cầu đăng nhập bằng VNeID (quyền: ${view.scopes.join(', ')}).
<span class="en" lang="en">The application asks you to sign in with VNeID. Choose a synthetic citizen.</span></p>

<form method="get" action="${view.action}" role="search" class="search">
<div><label for="citizen-search">Tìm công dân theo tên hoặc số định danh<span class="en" lang="en">Search citizens by name or id</span></label>
<input type="search" id="citizen-search" name="q" value="${view.query}" autocomplete="off"></div>
<button type="submit" id="search" class="secondary">Tìm / Search</button>
</form>

<form method="post" action="${view.action}/login" id="sign-in-form" novalidate>
<fieldset><legend>Chọn công dân / Choose a citizen</legend>${list}</fieldset>
<div class="field">
<label for="personal-id">Hoặc nhập số định danh cá nhân (12 chữ số)<span class="en" lang="en">Or type a personal id number (12 digits)</span></label>
<p class="hint" id="personal-id-hint">Số hợp lệ chưa có trong danh sách sẽ được sinh công dân giả lập tương ứng. / A valid id not listed gets a synthetic citizen derived from it.</p>
${fieldError('personal-id-error', errors.personalId)}
<input type="text" id="personal-id" name="personalId" inputmode="numeric" maxlength="12" autocomplete="off" value="${view.typedId ?? ''}"
 aria-describedby="personal-id-hint${errors.personalId ? ' personal-id-error' : ''}"${errors.personalId ? html` aria-invalid="true" autofocus` : ''}>
</div>
<fieldset><legend>Người đại diện doanh nghiệp / Enterprise representative</legend>
<input type="checkbox" id="as-enterprise" name="asEnterprise" value="1"${view.asEnterprise ? html` checked` : ''}>
<label for="as-enterprise">Đăng nhập với tư cách người đại diện theo pháp luật của doanh nghiệp<span class="en" lang="en">Sign in as the legal representative of an enterprise</span></label>
<div class="field">
<label for="enterprise-code">Mã số doanh nghiệp (10 chữ số, để trống để sinh tự động)<span class="en" lang="en">Enterprise code (10 digits; leave blank to generate one)</span></label>
${fieldError('enterprise-code-error', errors.enterpriseCode)}
<input type="text" id="enterprise-code" name="enterpriseCode" inputmode="numeric" maxlength="10" autocomplete="off" value="${view.enterpriseCode ?? ''}"
${errors.enterpriseCode ? html` aria-invalid="true" aria-describedby="enterprise-code-error"${errors.personalId ? '' : html` autofocus`}` : ''}>
</div>
</fieldset>
<div class="actions"><button type="submit" id="sign-in">Đăng nhập / Sign in</button></div>
</form>
<form method="post" action="${view.action}/abort" class="actions">
<button type="submit" id="cancel" class="secondary">Hủy / Cancel</button>
</form>`;
  return page({ title: 'Đăng nhập bằng tài khoản định danh điện tử VNeID', subtitle: 'Sign in with VNeID (sandbox)', body });
}
