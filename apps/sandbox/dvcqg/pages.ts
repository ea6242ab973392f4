import type { Citizen } from '../citizens/generator.ts';
import { html, page, type Html } from '../html.ts';
import { DVCQG_DOSSIER_STATUSES } from './statuses.ts';

/** Pages of the DVCQG sandbox: the national SSO sign-in and the tester overview. */

export interface SignInView {
  /** Path of the pending request's page; form actions hang below it. */
  action: string;
  clientName: string;
  query: string;
  citizens: Citizen[];
  chosenId?: string;
  typedId?: string;
  error?: string;
}

const maskId = (personalId: string): string => `${personalId.slice(0, 3)}******${personalId.slice(-3)}`;

function citizenOption(citizen: Citizen, chosenId: string | undefined): Html {
  const id = `citizen-${citizen.personalId}`;
  return html`<li><input type="radio" name="citizen" id="${id}" value="${citizen.personalId}"${citizen.personalId === chosenId ? html` checked` : ''}>
<label for="${id}">${citizen.fullName} <span class="meta">— ${citizen.personalId} · ${citizen.dateOfBirth} · ${citizen.currentAddress.commune}</span></label></li>`;
}

export function renderSignIn(view: SignInView): string {
  const list = view.citizens.length > 0
    ? html`<ul class="citizens">${view.citizens.map((c) => citizenOption(c, view.chosenId))}</ul>`
    : html`<p>Không tìm thấy công dân phù hợp. / No matching citizen.</p>`;
  const body = html`${view.error ? html`<div class="error" role="alert" id="form-error"><p>${view.error}</p></div>` : ''}
<p>Hệ thống <strong>${view.clientName}</strong> yêu cầu đăng nhập bằng tài khoản Cổng Dịch vụ công quốc gia.
<span class="en" lang="en">The system asks you to sign in with a National Public Service Portal account. Choose a synthetic citizen.</span></p>

<form method="get" action="${view.action}" role="search" class="search">
<div><label for="citizen-search">Tìm công dân theo tên (không cần dấu) hoặc số định danh<span class="en" lang="en">Search citizens by name (accents optional) or id</span></label>
<input type="search" id="citizen-search" name="q" value="${view.query}" autocomplete="off"></div>
<button type="submit" id="search" class="secondary">Tìm / Search</button>
</form>

<form method="post" action="${view.action}/login" id="sign-in-form" novalidate>
<fieldset><legend>Chọn công dân / Choose a citizen</legend>${list}</fieldset>
<div class="field">
<label for="personal-id">Hoặc nhập số định danh cá nhân (12 chữ số)<span class="en" lang="en">Or type a personal id number (12 digits)</span></label>
<input type="text" id="personal-id" name="personalId" inputmode="numeric" maxlength="12" autocomplete="off" value="${view.typedId ?? ''}"${view.error ? html` aria-invalid="true" aria-describedby="form-error"` : ''}>
</div>
<div class="actions"><button type="submit" id="sign-in">Đăng nhập / Sign in</button></div>
</form>
<form method="post" action="${view.action}/cancel" class="actions">
<button type="submit" id="cancel" class="secondary">Hủy / Cancel</button>
</form>`;
  return page({ title: 'Đăng nhập Cổng Dịch vụ công quốc gia', subtitle: 'Sign in to the National Public Service Portal (sandbox)', body });
}

export function renderSsoError(message: string, messageEn: string): string {
  return page({
    title: 'Không thể đăng nhập',
    subtitle: 'The sign-in request was refused',
    body: html`<div class="error" role="alert"><p>${message}</p><p lang="en">${messageEn}</p></div>
<p>Không chuyển hướng về ứng dụng vì địa chỉ trả về không được tin cậy. / Not redirected: the return address is not trusted.</p>`,
  });
}

export interface OverviewView {
  basePath: string;
  dossiers: { dossierCode: string; procedureCode: string; agencyCode: string; status: number; statusLabel: string; lastSyncedAt: string }[];
  pushes: { id: string; nationalDossierCode: string; receiverUrl: string; state: string; attempts: number; lastStatus: number | null; applicantId: string; createdAt: string }[];
}

export function renderOverview(view: OverviewView): string {
  const dossiers = view.dossiers.length === 0
    ? html`<p>Chưa nhận hồ sơ nào. / No dossier received yet.</p>`
    : html`<table><thead><tr><th>Mã hồ sơ</th><th>Thủ tục</th><th>Cơ quan</th><th>Trạng thái</th><th>Đồng bộ lần cuối</th></tr></thead><tbody>
${view.dossiers.map((d) => html`<tr><td><code>${d.dossierCode}</code></td><td>${d.procedureCode}</td><td>${d.agencyCode}</td><td>${d.status} — ${d.statusLabel}</td><td>${d.lastSyncedAt}</td></tr>`)}
</tbody></table>`;
  const pushes = view.pushes.length === 0
    ? html`<p>Chưa đẩy hồ sơ nào. / No push yet.</p>`
    : html`<table><thead><tr><th>Mã hồ sơ quốc gia</th><th>Người nộp</th><th>Nơi nhận</th><th>Tình trạng</th><th>Lần gửi</th></tr></thead><tbody>
${view.pushes.map((p) => html`<tr><td><code>${p.nationalDossierCode}</code><span class="meta"> ${p.createdAt}</span></td><td>${maskId(p.applicantId)}</td><td>${p.receiverUrl}</td><td>${p.state} (${p.lastStatus ?? 'no response'})</td><td>${p.attempts}</td></tr>`)}
</tbody></table>`;
  const body = html`<p>Mô phỏng Cổng Dịch vụ công quốc gia: nhận đồng bộ hồ sơ và trạng thái từ hệ thống cấp tỉnh, đẩy hồ sơ nộp tập trung về tỉnh, đăng nhập một lần.
<span class="en" lang="en">Imitates the National Public Service Portal: receives dossier and status synchronisation, pushes centrally filed dossiers, national SSO.</span></p>
<h2>Hồ sơ đã nhận<span class="en" lang="en">Received dossiers (latest 50)</span></h2>
${dossiers}
<h2>Hồ sơ đẩy về tỉnh<span class="en" lang="en">Pushes to provincial systems (latest 50)</span></h2>
${pushes}
<p class="meta">Đẩy hồ sơ mới / New push: <code>POST ${view.basePath}/_admin/pushes</code> với mã thông báo quản trị (admin token), ví dụ <code>{"procedureCode":"1.001612","agencyCode":"000.00.00.H19"}</code>.</p>
<h2>Mã trạng thái hồ sơ<span class="en" lang="en">National dossier status codes (to be verified against the official specification)</span></h2>
<table><tbody>${DVCQG_DOSSIER_STATUSES.map((s) => html`<tr><td>${s.code}</td><td>${s.vi}</td><td lang="en">${s.en}</td></tr>`)}</tbody></table>
<p><a href="${view.basePath}/openapi.json">OpenAPI</a></p>`;
  return page({ title: 'Cổng Dịch vụ công quốc gia', subtitle: 'National Public Service Portal (sandbox)', body });
}
