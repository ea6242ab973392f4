// Steps shared by the browser journeys of the one-stop workspace (tthc, statistics, store, results,
// once-only): demo accounts, the seeded commune, filing a birth registration at the counter,
// digitising a paper part at the desk, accepting a dossier and sending it for review, and attaching a result for the leader to sign.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { checkA11y, type Account } from './harness.ts';

export const DESK: Account = { username: 'motcua', password: 'Motcua@2026!' };
export const SPECIALIST: Account = { username: 'chuyenvien', password: 'Chuyenvien@2026!' };
export const LEADER: Account = { username: 'lanhdao', password: 'Lanhdao@2026!' };
export const COMMUNE = 'TAM.H19.X001';
export const COMMUNE_NAME = 'UBND xã Tân Hồng';
/** Its administrative-unit code (Decision 19/2025/QĐ-TTg), which leads its dossier codes while its agency code is provisional. */
export const COMMUNE_UNIT = '29926';
export const BIRTH = 'Đăng ký khai sinh';
export const SANDBOX_ADMIN_TOKEN = 'sandbox-admin-token';

/** The smallest file the upload check recognises as a PDF. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A one-page A4 PDF with a classic cross-reference table: what an agency's result template exports (and what can be signed). */
export function resultPdf(): Buffer {
  const objects = ['<</Type /Catalog /Pages 2 0 R>>', '<</Type /Pages /Kids [3 0 R] /Count 1>>', '<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>'];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n\r\n`).join('')}`;
  return Buffer.from(`${body}trailer\n<</Size ${objects.length + 1} /Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`, 'latin1');
}


/**
 * Fills the birth-registration e-form (to-khai-dang-ky-khai-sinh) through its labels, fieldset by
 * fieldset. Online, the requester's name and personal id are VNeID's, shown read-only.
 */
export async function fillBirthForm(page: Page, prefilled?: { fullName: string }): Promise<void> {
  const requester = page.getByRole('group', { name: 'Người yêu cầu' });
  if (prefilled) {
    const name = requester.getByLabel('Họ, chữ đệm và tên');
    assert.equal(await name.inputValue(), prefilled.fullName, 'the requester is the signed-in citizen');
    assert.equal(await name.getAttribute('readonly'), '', 'VNeID\'s name is not edited');
    assert.match(await requester.getByLabel('Số định danh cá nhân').inputValue(), /^\d{12}$/);
    assert.equal(await requester.getByLabel('Số định danh cá nhân').getAttribute('readonly'), '');
  } else {
    await requester.getByLabel('Họ, chữ đệm và tên').fill('Nguyễn Văn Cha');
    await requester.getByLabel('Số định danh cá nhân').fill('087090001234');
  }
  await requester.getByLabel('Quan hệ với người được khai sinh').fill('Cha');
  const child = page.getByRole('group', { name: 'Người được khai sinh' });
  await child.getByLabel('Họ, chữ đệm và tên').fill('Nguyễn Thị Bé');
  await child.getByLabel('Ngày, tháng, năm sinh').fill('02/01/2026');
  await child.getByRole('radio', { name: 'Nữ' }).check();
  // Ethnicity is picked from the shared list, searched without diacritics.
  await child.getByLabel('Dân tộc').fill('kinh');
  await page.getByRole('option', { name: 'Kinh', exact: true }).click();
  await child.getByLabel('Nơi sinh').fill('Bệnh viện Đa khoa Đồng Tháp');
  // Online, the population record fills the signed-in parent's own side, and the other parent's name and id
  // from their spouse (x-national-otherwise): only what is still empty is typed ("Quốc tịch" keeps Việt Nam).
  const mother = page.getByRole('group', { name: 'Thông tin người mẹ' });
  await fillParent(page, mother, { fullName: 'Trần Thị Mẹ', dateOfBirth: '15/06/1995', residence: 'Ấp 1, xã Tân Hồng, tỉnh Đồng Tháp' });
  // The father's section stays blank and is not sent, unless the record named him (a married mother's husband).
  const father = page.getByRole('group', { name: 'Thông tin người cha (bỏ trống nếu chưa xác định được cha)' });
  if (await father.getByLabel('Họ, chữ đệm và tên').inputValue() !== '') {
    assert.match(await father.getByLabel('Số định danh cá nhân').inputValue(), /^\d{12}$/, 'the id came with the name');
    await fillParent(page, father, { fullName: 'Nguyễn Văn Cha', dateOfBirth: '20/03/1993', residence: 'Ấp 1, xã Tân Hồng, tỉnh Đồng Tháp' });
  }
}

/** Types a parent's fields that are still empty (the ethnicity picked from the shared list). */
async function fillParent(page: Page, group: Locator, values: { fullName: string; dateOfBirth: string; residence: string }): Promise<void> {
  for (const [label, value] of [['Họ, chữ đệm và tên', values.fullName], ['Ngày, tháng, năm sinh', values.dateOfBirth], ['Nơi cư trú', values.residence]] as const) {
    if (await group.getByLabel(label).inputValue() === '') await group.getByLabel(label).fill(value);
  }
  if (await group.getByLabel('Dân tộc').inputValue() === '') {
    await group.getByLabel('Dân tộc').fill('kinh');
    await page.getByRole('option', { name: 'Kinh', exact: true }).click();
  }
}

/**
 * A signed-in citizen finds a procedure in the catalogue (searched without diacritics), opens it
 * (its national `code` shown, when given), picks the seeded commune and starts filing online: the
 * wizard's first step.
 */
export async function startOnlineFiling(page: Page, search: string, procedure: string, code?: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Dịch vụ công trực tuyến' }).click();
  await page.waitForURL(/\/services$/);
  await page.locator('#procedure-search').waitFor();
  await checkA11y(page);
  await page.locator('#procedure-search').fill(search);
  await page.getByRole('link', { name: procedure, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: procedure }).waitFor();
  if (code) await page.getByText(code).first().waitFor();
  await checkA11y(page);
  await page.locator('#offering-select').selectOption({ label: COMMUNE_NAME });
  await page.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await page.getByRole('heading', { level: 2, name: 'Người nộp hồ sơ' }).waitFor();
}

/** Uploads a file for one dossier part through the file chooser, as a person would. */
export async function attach(page: Page, partCode: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const part = page.locator(`[data-part="${partCode}"]`);
  const chooser = page.waitForEvent('filechooser');
  await part.getByRole('button', { name: /Chọn tệp|Thêm tệp/ }).click();
  await (await chooser).setFiles(file);
}

/** The desk files and accepts a birth registration at the counter (for the person with `personalId`); returns the dossier code. */
export async function fileAtCounter(desk: Page, personalId = '087090001234'): Promise<string> {
  await desk.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ tại quầy' }).waitFor();
  await checkA11y(desk);
  await desk.locator('#counter-procedure').fill('khai sinh');
  await desk.getByRole('option', { name: `${BIRTH} (1.001193)` }).waitFor();
  await checkA11y(desk);
  await desk.getByRole('option', { name: `${BIRTH} (1.001193)` }).click();
  await desk.locator('#counter-offering').selectOption({ label: COMMUNE_NAME });
  await desk.locator('#applicant-fullName').fill('Nguyễn Văn Cha');
  await desk.locator('#applicant-personalId').fill(personalId);
  await desk.locator('#applicant-phone').fill('0987654321');
  await fillBirthForm(desk);
  await attach(desk, 'giay-chung-sinh', { name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
  await desk.getByTestId('attached-file').filter({ hasText: 'giay-chung-sinh.pdf' }).waitFor();
  await checkA11y(desk);
  await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();

  await desk.getByRole('heading', { name: 'Hồ sơ đã được tiếp nhận' }).waitFor();
  const code = ((await desk.getByTestId('dossier-code').textContent()) ?? '').trim();
  assert.match(code, /^29926-\d{6}-\d{4}$/);
  await checkA11y(desk);
  return code;
}

/** From the queue page, opens a dossier by its code. */
export async function openFromQueue(page: Page, queueTab: RegExp, code: string): Promise<void> {
  await page.getByRole('tab', { name: queueTab }).click();
  await page.locator(`tr[data-code="${code}"]`).getByRole('link', { name: code }).waitFor();
  await checkA11y(page);
  await page.locator(`tr[data-code="${code}"]`).getByRole('link', { name: code }).click();
  await page.waitForURL(/\/workspace\/dossiers\//);
  await page.getByTestId('dossier-code').filter({ hasText: code }).waitFor();
  await checkA11y(page);
}

/** Takes a step's transition: the button from `allowed`, then the confirmation dialog. */
export async function transition(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await checkA11y(page);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

export async function expectStatus(page: Page, status: string): Promise<void> {
  await page.getByTestId('dossier-code').locator('xpath=..').getByText(status, { exact: true }).waitFor();
}

/**
 * On a dossier waiting at the desk: opens the intake dialog with its checklist (axe-checked),
 * lets the caller look at it (`inspect`), accepts the dossier and sends it to the specialists.
 */
export async function acceptAndSendForReview(desk: Page, inspect?: (intake: Locator) => Promise<void>): Promise<void> {
  await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
  const intake = desk.getByRole('dialog', { name: 'Tiếp nhận hồ sơ' });
  await intake.getByRole('table', { name: 'Danh mục kiểm tra thành phần hồ sơ' }).waitFor();
  await checkA11y(desk);
  await inspect?.(intake);
  await intake.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
  await intake.waitFor({ state: 'detached' });
  await expectStatus(desk, 'Đang giải quyết');
  await transition(desk, 'Chuyển thẩm định');
}

/**
 * On the dossier page, the desk digitises a paper part (the option whose name starts with
 * `partName`) from a scan and certifies it as a true copy; the mark shows valid.
 */
export async function digitisePart(desk: Page, partName: string, fileName: string): Promise<void> {
  const panel = desk.getByRole('region', { name: 'Số hóa giấy tờ nộp tại quầy' });
  await panel.getByText('Hồ sơ chưa có bản số hóa.').waitFor();
  await panel.getByLabel('Thành phần hồ sơ').click();
  await desk.getByRole('option', { name: partName, exact: false }).first().click();
  const chooser = desk.waitForEvent('filechooser');
  await panel.getByRole('button', { name: 'Chọn tệp bản quét' }).click();
  await (await chooser).setFiles({ name: fileName, mimeType: 'application/pdf', buffer: PDF });
  await panel.getByText(fileName).waitFor();
  await panel.getByRole('checkbox', { name: 'Tôi đã đối chiếu với bản chính và chứng thực bản sao điện tử này' }).check();
  await panel.getByRole('button', { name: 'Số hóa và chứng thực' }).click();
  await panel.getByRole('status').getByText('Đã số hóa và chứng thực.').waitFor();
  await panel.locator('[data-testid="true-copy-mark"][data-valid="true"]').getByText('Bản sao điện tử hợp lệ').waitFor();
  await checkA11y(desk);
}

/** The specialist, on the dossier page, attaches the result (a PDF the leader's approval will sign) and submits it to the leader. */
export async function attachResultForLeader(specialist: Page, fileName: string): Promise<void> {
  await specialist.getByRole('button', { name: 'Đính kèm kết quả', exact: true }).click();
  const dialog = specialist.getByRole('dialog', { name: 'Đính kèm kết quả' });
  await dialog.waitFor();
  await attach(specialist, 'result', { name: fileName, mimeType: 'application/pdf', buffer: resultPdf() });
  await dialog.getByTestId('attached-file').filter({ hasText: fileName }).waitFor();
  await checkA11y(specialist);
  await dialog.getByRole('button', { name: 'Đính kèm kết quả', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await transition(specialist, 'Trình lãnh đạo');
}
