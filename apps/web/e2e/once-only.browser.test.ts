// The journey that closes issue 11 (once-only data, the e-data store, signed results): a citizen
// signs in with VNeID; the desk has digitised a paper of an earlier dossier of theirs into their
// store; the citizen files "Đăng ký thành lập hộ kinh doanh" (1.001612) online: the owner's five
// fields arrive from the national population database through LGSP, marked with the source and
// time, and a file part is taken from the store instead of uploaded. The desk sees which value came
// from which source; the specialist attaches the result and the leader approves, which signs it;
// the citizen downloads the signed PDF from their store (pdfsig validates it), verifies it on the
// public page by its code, and sees in "Ai đã xem dữ liệu của tôi" the officials' reads with purposes.
// Run: npm test -- once-only.browser
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkA11y, journey, setUpHarness, signInOfficial, signInWithVneid, type Harness } from './harness.ts';
import { COMMUNE_NAME, COMMUNE_UNIT, DESK, LEADER, SPECIALIST, acceptAndSendForReview, attachResultForLeader, digitisePart, expectStatus, fileAtCounter, openFromQueue, startOnlineFiling, transition } from './tthc-steps.ts';

const HOUSEHOLD_BUSINESS = 'Đăng ký thành lập hộ kinh doanh';
const FORM = '#part-giay-de-nghi';
const SCAN = 'giay-chung-sinh-ban-quet.pdf';
const PURPOSE = 'Giải quyết hồ sơ thủ tục hành chính';
/** "Lấy từ CSDL quốc gia về dân cư, 14:05 06/12/2026" under each field the population database filled. */
const POPULATION_MARK = /^Lấy từ CSDL quốc gia về dân cư, \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/;

const harness: Harness = setUpHarness();

/** What `pdfsig` (poppler, a verifier nobody here wrote) says of a PDF. */
async function pdfsig(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sen-once-only-'));
  try {
    const file = path.join(dir, 'result.pdf');
    await writeFile(file, pdf);
    return await promisify(execFile)('pdfsig', [file]).then((r) => r.stdout, (error: { stdout?: string }) => error.stdout ?? '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('once-only browser journey', { timeout: 600_000 }, () => {
  test('prefilled from the population database and a document reused from the store, the dossier is signed by the leader; the citizen verifies the result and sees who read their data', async () => {
    await journey(harness, 'once-only-citizen', async (citizen) => {
      const chosen: { personalId?: string } = {};
      const citizenName = await signInWithVneid(harness, citizen, '/', chosen);
      const personalId = chosen.personalId ?? '';
      assert.match(personalId, /^\d{12}$/);

      // 1. An earlier dossier of this citizen, filed at the counter: the desk digitises its paper part into the citizen's store.
      let deskName = '';
      await journey(harness, 'once-only-desk-digitise', async (desk) => {
        deskName = await signInOfficial(harness, desk, DESK, '/workspace/counter');
        const earlier = await fileAtCounter(desk, personalId);
        await desk.getByRole('link', { name: 'Mở hồ sơ', exact: true }).click();
        await desk.getByTestId('dossier-code').filter({ hasText: earlier }).waitFor();
        await digitisePart(desk, 'Giấy chứng sinh', SCAN);
      });

      // 2. The citizen files a household business online (the catalogue searched without diacritics).
      await startOnlineFiling(citizen, 'thanh lap ho kinh doanh', HOUSEHOLD_BUSINESS, '1.001612');
      const vneidBirthDate = await citizen.locator('#applicant-dateOfBirth').inputValue();
      assert.match(vneidBirthDate, /^\d{2}\/\d{2}\/\d{4}$/);
      await checkA11y(citizen);
      await citizen.locator('#applicant-phone').fill('0912345678');
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

      // The e-form: the owner's five bound fields arrive from the population database, each marked with its source and time.
      await citizen.getByRole('heading', { level: 2, name: 'Giấy đề nghị đăng ký hộ kinh doanh' }).waitFor();
      const marks = citizen.getByText(POPULATION_MARK);
      await citizen.waitForFunction(
        (source) => [...document.querySelectorAll('p, div')].filter((n) => n.children.length === 0 && new RegExp(source).test((n.textContent ?? '').trim())).length >= 5,
        POPULATION_MARK.source,
      );
      assert.equal(await marks.count(), 5, 'one mark per bound field, none elsewhere');
      const described = async (selector: string) => {
        const ids = (await citizen.locator(selector).getAttribute('aria-describedby')) ?? '';
        const texts = await Promise.all(ids.split(/\s+/).filter(Boolean).map((id) => citizen.locator(`[id="${id}"]`).textContent()));
        return texts.some((text) => POPULATION_MARK.test((text ?? '').trim()));
      };
      const prefilled = {
        fullName: await citizen.locator(`${FORM}-owner-fullName`).inputValue(),
        dateOfBirth: await citizen.locator(`${FORM}-owner-dateOfBirth`).inputValue(),
        idNumber: await citizen.locator(`${FORM}-owner-idNumber`).inputValue(),
        residence: await citizen.locator(`${FORM}-owner-residence`).inputValue(),
      };
      assert.equal(prefilled.fullName, citizenName);
      assert.equal(prefilled.idNumber, personalId);
      assert.equal(prefilled.dateOfBirth, vneidBirthDate, 'the population database agrees with VNeID');
      assert.ok(prefilled.residence.length > 10, 'the permanent address on one line');
      for (const key of ['fullName', 'dateOfBirth', 'idNumber', 'residence']) assert.ok(await described(`${FORM}-owner-${key}`), `${key} is marked with its source`);
      const sex = await citizen.getByRole('radio', { name: 'Nam', exact: true }).isChecked() ? 'Nam' : 'Nữ';
      assert.equal(await citizen.getByRole('radio', { name: sex, exact: true }).isChecked(), true, 'the sex is chosen');
      await checkA11y(citizen);

      // What the population database does not hold, the citizen types.
      await citizen.locator(`${FORM}-businessName`).fill('HỘ KINH DOANH TẠP HÓA TÂN HỒNG');
      await citizen.locator(`${FORM}-address-line`).fill('Số 12, ấp Tân Thành');
      await citizen.locator(`${FORM}-address-commune`).fill('Xã Tân Hồng');
      await citizen.locator(`${FORM}-phone`).fill('0912345678');
      await citizen.getByRole('button', { name: 'Thêm Ngành, nghề' }).click();
      await citizen.locator(`${FORM}-businessLines-0-code`).fill('4711');
      await citizen.locator(`${FORM}-businessLines-0-name`).fill('Bán lẻ lương thực, thực phẩm trong cửa hàng kinh doanh tổng hợp');
      await citizen.locator(`${FORM}-capitalVnd`).fill('50000000');
      await checkA11y(citizen);
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

      // Attachments: the digitised paper is taken from the store, nothing uploaded.
      await citizen.getByRole('heading', { level: 2, name: 'Giấy tờ đính kèm' }).waitFor();
      const part = citizen.locator('[data-part="bien-ban-hop"]');
      await part.getByRole('button', { name: 'Chọn từ kho dữ liệu' }).click();
      const picker = citizen.getByRole('dialog');
      const stored = picker.locator('[data-store-document]').filter({ hasText: SCAN });
      await stored.getByText('Bản sao điện tử hợp lệ').waitFor();
      await checkA11y(citizen);
      await stored.getByRole('button').click();
      await picker.waitFor({ state: 'detached' });
      await part.getByTestId('attached-file').filter({ hasText: SCAN }).filter({ hasText: 'kho dữ liệu' }).waitFor();
      await checkA11y(citizen);
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
      await citizen.getByRole('heading', { level: 2, name: 'Hình thức nộp và nhận kết quả' }).waitFor();
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
      await citizen.getByRole('heading', { level: 2, name: 'Kiểm tra và nộp' }).waitFor();
      await checkA11y(citizen);
      await citizen.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
      await citizen.getByRole('heading', { name: 'Hồ sơ đã được gửi, đang chờ tiếp nhận' }).waitFor();
      const code = ((await citizen.getByTestId('dossier-code').textContent()) ?? '').trim();
      assert.match(code, new RegExp(`^${COMMUNE_UNIT}-\\d{6}-\\d{4}$`));
      await checkA11y(citizen);

      // 3. The desk receives it and sees which value came from which source.
      await journey(harness, 'once-only-desk-accept', async (desk) => {
        await signInOfficial(harness, desk, DESK, '/workspace');
        await desk.waitForFunction((name) => (document.querySelector<HTMLInputElement>('#queue-agency')?.value ?? '') === name, COMMUNE_NAME);
        await openFromQueue(desk, /Chờ tiếp nhận/, code);
        const provenance = desk.getByRole('region', { name: 'Nguồn dữ liệu điền sẵn' });
        const rows = provenance.locator('tbody tr');
        await rows.first().waitFor();
        assert.equal(await rows.count(), 5);
        const byField = async (title: string) => rows.filter({ hasText: `Chủ hộ kinh doanh › ${title}` });
        for (const [title, value] of [['Họ, chữ đệm và tên', prefilled.fullName], ['Ngày sinh', prefilled.dateOfBirth], ['Giới tính', sex], ['Địa chỉ liên lạc', prefilled.residence]] as const) {
          const row = await byField(title);
          assert.equal(await row.count(), 1, title);
          const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
          assert.equal(cells[1], value, `${title}: the value fetched`);
          assert.equal(cells[2], 'CSDL quốc gia về dân cư');
          assert.match(cells[3] ?? '', /^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
          assert.match(cells[4] ?? '', /^[0-9a-f-]{36}$/, 'the X-Road message id');
          assert.equal(cells[5], 'Giữ nguyên');
        }
        await checkA11y(desk);
        await acceptAndSendForReview(desk);
      });

      // 4. The specialist attaches the result; the leader's approval signs it.
      let specialistName = '';
      await journey(harness, 'once-only-specialist', async (specialist) => {
        specialistName = await signInOfficial(harness, specialist, SPECIALIST, '/workspace');
        await openFromQueue(specialist, /Cần xử lý/, code);
        await attachResultForLeader(specialist, 'giay-chung-nhan-dang-ky-ho-kinh-doanh.pdf');
      });
      let leaderName = '';
      await journey(harness, 'once-only-leader', async (leader) => {
        leaderName = await signInOfficial(harness, leader, LEADER, '/workspace');
        await openFromQueue(leader, /Cần xử lý/, code);
        await transition(leader, 'Phê duyệt');
        await expectStatus(leader, 'Đã có kết quả, chờ trả');
        await checkA11y(leader);
      });

      // 5. The citizen finds the signed result in their store, downloads it, and verifies it on the public page.
      await citizen.goto(`${harness.platform.url}/kho-du-lieu`);
      await citizen.getByRole('heading', { level: 1, name: 'Kho dữ liệu của tôi' }).waitFor();
      const result = citizen.locator('tr[data-document^="KQ-"]').filter({ hasText: code });
      await result.getByText('Kết quả giải quyết', { exact: true }).waitFor();
      await result.getByText(`Số ${code}, ${COMMUNE_NAME} — Còn hiệu lực`).waitFor();
      const resultCode = ((await result.getByTestId('result-code').textContent()) ?? '').trim();
      assert.equal(resultCode, await result.getAttribute('data-document'));
      assert.match(resultCode, /^KQ-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      await checkA11y(citizen);
      const downloading = citizen.waitForEvent('download');
      await result.getByRole('button', { name: /^Tải về/ }).click();
      const download = await downloading;
      assert.equal(download.suggestedFilename(), 'giay-chung-nhan-dang-ky-ho-kinh-doanh.pdf');
      const chunks: Buffer[] = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
      const pdf = Buffer.concat(chunks);
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const report = await pdfsig(pdf);
      assert.match(report, /Signature Validation: Signature is Valid\./);
      assert.match(report, /Total document signed/);
      assert.match(report, /Signer Certificate Common Name: /);

      await result.getByRole('link', { name: /^Xác minh chữ ký số/ }).click();
      await citizen.waitForURL((url) => url.pathname === '/xac-minh' && url.searchParams.get('ma') === resultCode);
      await citizen.getByRole('heading', { level: 1, name: 'Xác minh kết quả giải quyết thủ tục hành chính' }).waitFor();
      await citizen.getByRole('status').getByText('Văn bản hợp lệ', { exact: false }).waitFor();
      await citizen.getByText('Còn hiệu lực', { exact: true }).waitFor();
      await citizen.getByText(code, { exact: true }).waitFor();
      await checkA11y(citizen);

      // 6. Who read my data: each official who opened the dossier, with the purpose.
      await citizen.goto(`${harness.platform.url}/kho-du-lieu`);
      await citizen.getByRole('tab', { name: 'Ai đã xem dữ liệu của tôi' }).click();
      for (const official of [deskName, specialistName, leaderName]) {
        await citizen.locator('tr').filter({ hasText: official }).filter({ hasText: `Hồ sơ ${code}` }).filter({ hasText: PURPOSE }).first().waitFor();
      }
      await checkA11y(citizen);
    });
  });
});
