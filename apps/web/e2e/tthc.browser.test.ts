// Browser journeys of the procedure module (tthc): a citizen files a birth registration online
// and follows it to the result through the one-stop desk, the specialist and the leader;
// counter intake with its printed receipt; a dossier pushed by the national portal (DVCQG
// sandbox) accepted at the desk. Run: node --test apps/web/e2e/tthc.browser.test.ts
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, journey, setUpHarness, signInOfficial, signInWithVneid, type Harness } from './harness.ts';
import { BIRTH, COMMUNE, COMMUNE_NAME, COMMUNE_UNIT, DESK, LEADER, PDF, SANDBOX_ADMIN_TOKEN, SPECIALIST, acceptAndSendForReview, attach, expectStatus, fileAtCounter, fillBirthForm, openFromQueue, startOnlineFiling, transition } from './tthc-steps.ts';

const MARITAL = 'Cấp Giấy xác nhận tình trạng hôn nhân';
const DECLARATION = '#part-to-khai';

const harness: Harness = setUpHarness();

// The citizen's journey (filing, supplement, three officials, return, rating, summary) takes minutes on a shared CI machine.

describe('tthc browser journeys', { timeout: 1_200_000 }, () => {
  test('a citizen files a birth registration online, answers a supplement request and receives the result through desk, specialist and leader', async () => {
    let code = '';
    await journey(harness, 'tthc-online-citizen', async (citizen) => {
      const citizenName = await signInWithVneid(harness, citizen);
      // Searched without diacritics.
      await startOnlineFiling(citizen, 'dang ky khai sinh', BIRTH, '1.001193');

      // Step 1: contact details; name, personal id and date of birth from VNeID, read-only; the residence prefilled.
      assert.equal(await citizen.locator('#applicant-fullName').inputValue(), citizenName);
      assert.match(await citizen.locator('#applicant-dateOfBirth').inputValue(), /^\d{2}\/\d{2}\/\d{4}$/);
      assert.notEqual(await citizen.locator('#applicant-line').inputValue(), '', 'the address VNeID holds');
      await checkA11y(citizen);
      await citizen.locator('#applicant-phone').fill('0912345678');
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

      // Step 2: the e-form. Empty, the server's field errors come back under their fields.
      await citizen.getByRole('heading', { level: 2, name: 'Tờ khai đăng ký khai sinh' }).waitFor();
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
      const childName = citizen.getByRole('group', { name: 'Người được khai sinh' }).getByLabel('Họ, chữ đệm và tên');
      await citizen.waitForFunction(() => document.querySelector('#part-to-khai-child-fullName')?.getAttribute('aria-invalid') === 'true');
      assert.equal(await childName.getAttribute('aria-invalid'), 'true');
      // With the field errors shown (their red text is what failed contrast before).
      await checkA11y(citizen);
      await fillBirthForm(citizen, { fullName: citizenName });
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

      // Step 3: attachments. A text file named .pdf is refused; a real PDF is kept.
      await citizen.getByRole('heading', { level: 2, name: 'Giấy tờ đính kèm' }).waitFor();
      await attach(citizen, 'giay-chung-sinh', { name: 'gia-mao.pdf', mimeType: 'application/pdf', buffer: Buffer.from('không phải PDF') });
      await citizen.getByRole('alert').filter({ hasText: 'Nội dung tệp không khớp' }).waitFor();
      await checkA11y(citizen);
      await attach(citizen, 'giay-chung-sinh', { name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
      await citizen.getByTestId('attached-file').filter({ hasText: 'giay-chung-sinh.pdf' }).waitFor();
      await citizen.getByRole('button', { name: 'Lưu nháp' }).click();
      await citizen.getByText(/Đã lưu nháp lúc/).waitFor();
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

      // Step 4: how the papers come and the result goes; the defaults (all online, the result at the desk) need no address.
      await citizen.getByRole('heading', { level: 2, name: 'Hình thức nộp và nhận kết quả' }).waitFor();
      assert.equal(await citizen.getByRole('radio', { name: 'Nhận trực tiếp tại Bộ phận Một cửa' }).isChecked(), true);
      assert.equal(await citizen.locator('#postal-commune').count(), 0, 'no postal address asked for');
      await checkA11y(citizen);
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

      // Step 5: review and submit.
      await citizen.getByRole('heading', { level: 2, name: 'Kiểm tra và nộp' }).waitFor();
      await checkA11y(citizen);
      await citizen.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
      await citizen.getByRole('heading', { name: 'Hồ sơ đã được gửi, đang chờ tiếp nhận' }).waitFor();
      code = ((await citizen.getByTestId('dossier-code').textContent()) ?? '').trim();
      const secret = ((await citizen.getByTestId('lookup-secret').textContent()) ?? '').trim();
      assert.match(code, new RegExp(`^${COMMUNE_UNIT}-\\d{6}-\\d{4}$`));
      assert.match(secret, /^[0-9A-Z]{10}$/);
      await checkA11y(citizen);

      await journey(harness, 'tthc-online-desk-accept', async (desk) => {
        await signInOfficial(harness, desk, DESK, '/workspace');
        await desk.getByRole('heading', { level: 1, name: 'Hồ sơ một cửa' }).waitFor();
        // A province-wide demo grant starts at the commune that offers the procedure.
        await desk.waitForFunction((code) => (document.querySelector<HTMLInputElement>('#queue-agency')?.value ?? '') === code, COMMUNE_NAME);
        await openFromQueue(desk, /Chờ tiếp nhận/, code);

        // The intake check finds the birth certificate unreadable: a supplement request, per part.
        await desk.getByRole('button', { name: 'Yêu cầu bổ sung' }).click();
        const request = desk.getByRole('dialog', { name: 'Yêu cầu bổ sung' });
        await request.waitFor();
        await checkA11y(desk);
        await request.getByRole('checkbox', { name: 'Giấy chứng sinh hoặc giấy tờ thay thế Giấy chứng sinh' }).check();
        await request.getByLabel(/Lý do cần bổ sung/).fill('Bản chụp bị mờ, không đọc được số giấy chứng sinh.');
        await request.getByRole('button', { name: 'Yêu cầu bổ sung' }).click();
        await request.waitFor({ state: 'detached' });
        await expectStatus(desk, 'Yêu cầu bổ sung hồ sơ');
        await checkA11y(desk);

        // The citizen answers it from "my dossiers" with a new file.
        await citizen.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hồ sơ của tôi' }).click();
        await citizen.locator(`tr[data-code="${code}"]`).waitFor();
        await checkA11y(citizen);
        await citizen.locator(`tr[data-code="${code}"]`).getByRole('link', { name: code }).click();
        await citizen.getByRole('heading', { name: 'Cần bổ sung hồ sơ' }).waitFor();
        await citizen.getByText('Lý do: Bản chụp bị mờ, không đọc được số giấy chứng sinh.').waitFor();
        await checkA11y(citizen);
        await attach(citizen, 'giay-chung-sinh', { name: 'giay-chung-sinh-ro.pdf', mimeType: 'application/pdf', buffer: PDF });
        await citizen.getByTestId('attached-file').filter({ hasText: 'giay-chung-sinh-ro.pdf' }).waitFor();
        await citizen.getByRole('button', { name: 'Gửi bổ sung' }).click();
        await expectStatus(citizen, 'Chờ tiếp nhận');

        await desk.reload();
        // The checklist: both parts are there (the e-form, the new scan), so nothing to override.
        await acceptAndSendForReview(desk, async (intake) => {
          assert.equal(await intake.getByLabel('Lý do vẫn tiếp nhận khi hồ sơ chưa đủ').count(), 0, 'no override asked for a complete dossier');
        });
        // Now with the specialists: the review step is active and the desk's transition is gone.
        await desk.locator('tr[data-step="tham_dinh"]').waitFor();
        assert.equal(await desk.getByRole('button', { name: 'Chuyển thẩm định' }).count(), 0);
      });
      await journey(harness, 'tthc-online-specialist', async (specialist) => {
        await signInOfficial(harness, specialist, SPECIALIST, '/workspace');
        await openFromQueue(specialist, /Cần xử lý/, code);
        // The applicant's e-form, read-only, as filed.
        await specialist.getByText('Nguyễn Thị Bé').first().waitFor();
        await transition(specialist, 'Trình lãnh đạo');
      });
      await journey(harness, 'tthc-online-leader', async (leader) => {
        await signInOfficial(harness, leader, LEADER, '/workspace');
        await openFromQueue(leader, /Cần xử lý/, code);
        await transition(leader, 'Phê duyệt');
        await expectStatus(leader, 'Đã có kết quả, chờ trả');
      });
      await journey(harness, 'tthc-online-desk-return', async (desk) => {
        await signInOfficial(harness, desk, DESK, '/workspace');
        await openFromQueue(desk, /Chờ trả kết quả/, code);
        await desk.getByRole('button', { name: 'Trả kết quả', exact: true }).click();
        const dialog = desk.getByRole('dialog', { name: 'Trả kết quả' });
        await dialog.waitFor();
        await checkA11y(desk);
        await dialog.getByRole('radio', { name: 'Trực tuyến' }).check();
        await dialog.getByRole('button', { name: 'Xác nhận đã trả kết quả' }).click();
        await expectStatus(desk, 'Đã trả kết quả');
        // The control sheet lists every hand-over.
        await desk.getByRole('tab', { name: 'Phiếu kiểm soát quá trình' }).click();
        await desk.getByRole('table', { name: 'Phiếu kiểm soát quá trình' }).getByText('Phê duyệt kết quả').waitFor();
        await checkA11y(desk);
      });

      // Back to the citizen, still signed in: the dossier is closed with its result.
      await citizen.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hồ sơ của tôi' }).click();
      const row = citizen.locator(`tr[data-code="${code}"]`);
      await row.getByText('Đã trả kết quả').waitFor();
      await checkA11y(citizen);
      await row.getByRole('link', { name: code }).click();
      await expectStatus(citizen, 'Đã trả kết quả');
      await citizen.getByRole('button', { name: 'Giấy tiếp nhận và hẹn trả kết quả' }).waitFor();
      await checkA11y(citizen);

      // The "result returned" notice invites a rating: its link lands on the rating page, which
      // sends the signed-in applicant to the form on their dossier.
      await citizen.goto(`${harness.platform.url}/danh-gia?ma=${encodeURIComponent(code)}`);
      await citizen.getByRole('heading', { level: 1, name: 'Đánh giá mức độ hài lòng' }).waitFor();
      await checkA11y(citizen);
      await citizen.getByRole('link', { name: 'Mở hồ sơ để đánh giá' }).click();
      const rating = citizen.getByRole('region', { name: 'Đánh giá mức độ hài lòng' });
      await rating.getByRole('radiogroup').waitFor();
      await checkA11y(citizen);
      // Sent without a level: the group says what is missing.
      await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await rating.getByText('Vui lòng chọn một mức đánh giá.').waitFor();
      await checkA11y(citizen);
      await rating.getByRole('radio', { name: 'Hài lòng', exact: true }).check();
      await rating.getByLabel('Góp ý (không bắt buộc)').fill('Cán bộ hướng dẫn rõ ràng, trả kết quả đúng hẹn.');
      await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await rating.getByText('Cảm ơn Ông/Bà đã đánh giá').waitFor();
      await rating.getByText('Mức đánh giá: Hài lòng', { exact: false }).waitFor();
      await checkA11y(citizen);
      await citizen.reload();
      await citizen.getByRole('region', { name: 'Đánh giá mức độ hài lòng' }).getByText('Cảm ơn Ông/Bà đã đánh giá').waitFor();
      assert.equal(await citizen.getByRole('button', { name: 'Gửi đánh giá' }).count(), 0, 'one rating per dossier: the form is gone');

      // The public look-up with the code and the secret.
      await citizen.goto(`${harness.platform.url}/tra-cuu?ma=${encodeURIComponent(code)}`);
      assert.equal(await citizen.locator('#lookup-code').inputValue(), code);
      await checkA11y(citizen);
      await citizen.locator('#lookup-secret').fill(secret);
      await citizen.getByRole('button', { name: 'Tra cứu', exact: true }).click();
      await citizen.getByRole('region', { name: `Hồ sơ ${code}` }).getByText('Đã trả kết quả').first().waitFor();
      await checkA11y(citizen);
    });
    // The leader reads the satisfaction summary: the rating counts for the commune and the procedure.
    await journey(harness, 'tthc-ratings-summary', async (leader) => {
      await signInOfficial(harness, leader, LEADER, '/workspace/ratings');
      await leader.getByRole('heading', { level: 1, name: 'Mức độ hài lòng của người dân, doanh nghiệp' }).waitFor();
      const byAgency = leader.getByRole('table', { name: 'Mức độ hài lòng theo cơ quan' });
      await byAgency.getByRole('row').filter({ hasText: 'Tân Hồng' }).getByRole('cell', { name: '100,0 %' }).waitFor();
      await checkA11y(leader);
      await leader.getByText('Theo thủ tục', { exact: true }).click();
      await leader.getByRole('table', { name: 'Mức độ hài lòng theo thủ tục' }).getByRole('row').filter({ hasText: '1.001193' }).waitFor();
      await checkA11y(leader);
    });
  });

  test('a citizen pays a fee online, has the result sent by post, the leader extends once, the national portal sees every status in order, and the citizen rates', async () => {
    const sandbox = harness.platform.sandboxUrl;
    assert.ok(sandbox, 'the sandboxes run with the ephemeral platform');
    const admin = { authorization: `Bearer ${SANDBOX_ADMIN_TOKEN}`, 'content-type': 'application/json' };
    let code = '';
    let trackingNumber = '';
    await journey(harness, 'tthc-postal-citizen', async (citizen) => {
      const citizenName = await signInWithVneid(harness, citizen);
      await startOnlineFiling(citizen, 'xac nhan tinh trang hon nhan', MARITAL);
      await citizen.locator('#applicant-phone').fill('0912345678');
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
      // The declaration is an e-form: the person's own data arrives from the population database (issue 11); the rest is typed.
      await citizen.getByRole('heading', { level: 2, name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân' }).waitFor();
      await citizen.waitForFunction((id) => ((document.querySelector(id) as HTMLInputElement | null)?.value ?? '') !== '', `${DECLARATION}-subject-fullName`);
      assert.equal(await citizen.locator(`${DECLARATION}-subject-fullName`).inputValue(), citizenName);
      assert.equal(await citizen.locator(`${DECLARATION}-requester-fullName`).inputValue(), citizenName);
      await citizen.locator(`${DECLARATION}-requester-relationship`).fill('Bản thân');
      const status = citizen.locator(`${DECLARATION}-subject-maritalStatus`);
      if ((await status.inputValue()) === '') await status.fill('Hiện tại chưa đăng ký kết hôn với ai');
      await citizen.locator(`${DECLARATION}-purpose`).fill('Để đăng ký kết hôn');
      await checkA11y(citizen);
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
      await citizen.getByRole('heading', { level: 2, name: 'Giấy tờ đính kèm' }).waitFor();
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

      // How the papers come and the result goes: the result by post, to a commune picked from the catalogue.
      await citizen.getByRole('heading', { level: 2, name: 'Hình thức nộp và nhận kết quả' }).waitFor();
      await checkA11y(citizen);
      await citizen.getByRole('radio', { name: 'Qua dịch vụ bưu chính (gửi về địa chỉ)' }).check();
      assert.equal(await citizen.locator('#postal-name').inputValue(), citizenName, 'the recipient is the applicant unless changed');
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
      await citizen.getByText('Vui lòng chọn xã, phường.').waitFor();
      await checkA11y(citizen);
      await citizen.locator('#postal-line').fill('Số 5, ấp Tân Thành');
      await citizen.locator('#postal-commune').fill('tan hong');
      await citizen.getByRole('option', { name: 'Xã Tân Hồng', exact: true }).click();
      await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
      await citizen.getByRole('heading', { level: 2, name: 'Kiểm tra và nộp' }).waitFor();
      await citizen.getByText(/^Gửi đến: .*, Số 5, ấp Tân Thành, Xã Tân Hồng$/).waitFor();
      await checkA11y(citizen);
      await citizen.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
      await citizen.getByRole('heading', { name: 'Hồ sơ đã được gửi, đang chờ tiếp nhận' }).waitFor();
      code = ((await citizen.getByTestId('dossier-code').textContent()) ?? '').trim();
      assert.match(code, new RegExp(`^${COMMUNE_UNIT}-\\d{6}-\\d{4}$`));

      // The desk asks for the charge at intake; the postage of the return joins it.
      await journey(harness, 'tthc-postal-desk-fee', async (desk) => {
        await signInOfficial(harness, desk, DESK, '/workspace');
        await desk.waitForFunction((name) => (document.querySelector<HTMLInputElement>('#queue-agency')?.value ?? '') === name, COMMUNE_NAME);
        await openFromQueue(desk, /Chờ tiếp nhận/, code);
        await desk.getByTestId('postal-address').filter({ hasText: 'Xã Tân Hồng, Tỉnh Đồng Tháp' }).waitFor();
        await desk.getByRole('button', { name: 'Yêu cầu nộp phí, lệ phí' }).click();
        await expectStatus(desk, 'Chờ thực hiện nghĩa vụ tài chính');
        await desk.getByText('Cước dịch vụ bưu chính công ích: trả kết quả').first().waitFor();
        await checkA11y(desk);
      });

      // The citizen pays online: the platform's page, then the signed return checked by the server.
      await citizen.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hồ sơ của tôi' }).click();
      await citizen.locator(`tr[data-code="${code}"]`).waitFor();
      await checkA11y(citizen);
      await citizen.locator(`tr[data-code="${code}"]`).getByRole('link', { name: code }).click();
      await expectStatus(citizen, 'Chờ thực hiện nghĩa vụ tài chính');
      await citizen.getByText(/30\.000/).first().waitFor();
      await checkA11y(citizen);
      await citizen.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
      await citizen.waitForURL((url) => url.origin !== harness.origin());
      await citizen.locator('input[name="bankCode"]').first().check();
      await checkA11y(citizen);
      await citizen.locator('#pay').click();
      await citizen.waitForURL(/\/payments\/return/);
      await citizen.getByText('Thanh toán thành công').waitFor();
      await checkA11y(citizen);
      await citizen.getByRole('link', { name: 'Quay lại hồ sơ' }).click();
      // The paid event reaches the dossier through the job queue.
      for (let i = 0; i < 40 && !(await citizen.getByTestId('dossier-code').locator('xpath=..').getByText('Chờ tiếp nhận', { exact: true }).count()); i++) {
        await citizen.waitForTimeout(500);
        await citizen.reload();
      }
      await expectStatus(citizen, 'Chờ tiếp nhận');

      await journey(harness, 'tthc-postal-desk-accept', async (desk) => {
        await signInOfficial(harness, desk, DESK, '/workspace');
        await openFromQueue(desk, /Chờ tiếp nhận/, code);
        await acceptAndSendForReview(desk);
      });
      await journey(harness, 'tthc-postal-specialist', async (specialist) => {
        await signInOfficial(harness, specialist, SPECIALIST, '/workspace');
        await openFromQueue(specialist, /Cần xử lý/, code);
        await transition(specialist, 'Trình lãnh đạo');
      });
      await journey(harness, 'tthc-postal-leader', async (leader) => {
        await signInOfficial(harness, leader, LEADER, '/workspace');
        await openFromQueue(leader, /Cần xử lý/, code);
        // The leader extends the time limit once, with the apology (Form 04).
        await leader.getByRole('button', { name: 'Gia hạn thời gian giải quyết' }).click();
        const dialog = leader.getByRole('dialog', { name: 'Gia hạn thời gian giải quyết' });
        await dialog.waitFor();
        const later = new Date(Date.now() + 40 * 86_400_000);
        await dialog.getByLabel('Ngày hẹn trả mới').fill(`${String(later.getUTCDate()).padStart(2, '0')}/${String(later.getUTCMonth() + 1).padStart(2, '0')}/${later.getUTCFullYear()}`);
        await dialog.getByLabel('Lý do chậm trả kết quả').fill('Cần xác minh tình trạng hôn nhân tại nơi cư trú trước đây.');
        await checkA11y(leader);
        await dialog.getByRole('button', { name: 'Gia hạn thời gian giải quyết' }).click();
        await dialog.waitFor({ state: 'detached' });
        await leader.getByRole('button', { name: 'Văn bản xin lỗi và gia hạn (Mẫu số 04)' }).waitFor();
        assert.equal(await leader.getByRole('button', { name: 'Gia hạn thời gian giải quyết' }).count(), 0, 'the time limit is extended once');
        await checkA11y(leader);
        await transition(leader, 'Phê duyệt');
        await expectStatus(leader, 'Đã có kết quả, chờ trả');
      });
      // The result goes out by post: the desk places the delivery order from the dossier page.
      await journey(harness, 'tthc-postal-desk-delivery', async (desk) => {
        await signInOfficial(harness, desk, DESK, '/workspace');
        await openFromQueue(desk, /Chờ trả kết quả/, code);
        await desk.getByRole('button', { name: 'Tạo đơn gửi kết quả qua bưu chính' }).click();
        const order = desk.locator('[data-postal-order="delivery"]');
        await order.getByTestId('tracking-number').waitFor();
        trackingNumber = ((await order.getByTestId('tracking-number').textContent()) ?? '').trim();
        assert.match(trackingNumber, /^EB\d{9}VN$/, 'an S10 tracking number');
        await checkA11y(desk);

        // The post office carries it (the sandbox's tester API), its signed webhooks bring each step.
        const listed = await fetch(`${sandbox}/vnpost/_admin/orders?referenceCode=${encodeURIComponent(code)}`, { headers: admin });
        const [placed] = ((await listed.json()) as { items: { orderId: string; codAmountVnd: number; kind: string }[] }).items;
        assert.deepEqual([placed?.kind, placed?.codAmountVnd], ['delivery', 0], 'the postage was paid with the charge');
        for (let step = 0; step < 5; step++) {
          const advanced: Response = await fetch(`${sandbox}/vnpost/_admin/orders/${placed!.orderId}/advance`, { method: 'POST', headers: admin, body: '{}' });
          assert.equal(advanced.status, 200);
        }
        for (let i = 0; i < 40 && !(await order.getByTestId('postal-status').filter({ hasText: 'Phát thành công' }).count()); i++) {
          await desk.waitForTimeout(500);
          await desk.reload();
        }
        await order.getByTestId('postal-status').filter({ hasText: 'Phát thành công' }).waitFor();
        await checkA11y(desk);
        await desk.getByRole('button', { name: 'Trả kết quả', exact: true }).click();
        const dialog = desk.getByRole('dialog', { name: 'Trả kết quả' });
        await dialog.waitFor();
        await checkA11y(desk);
        await dialog.getByRole('radio', { name: 'Qua dịch vụ bưu chính' }).check();
        await dialog.getByRole('button', { name: 'Xác nhận đã trả kết quả' }).click();
        await expectStatus(desk, 'Đã trả kết quả');
      });

      // The citizen sees the tracking of the parcel, then rates.
      await citizen.reload();
      await expectStatus(citizen, 'Đã trả kết quả');
      const parcel = citizen.locator('[data-postal-order="delivery"]');
      assert.equal(((await parcel.getByTestId('tracking-number').textContent()) ?? '').trim(), trackingNumber);
      const tracking = citizen.getByRole('region', { name: `Hành trình Đơn gửi trả kết quả ${trackingNumber}` });
      await tracking.getByRole('cell', { name: 'Phát thành công', exact: true }).waitFor();
      // Every step of the parcel, once each and in order (the status column).
      const steps = await tracking.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.children[1]?.textContent ?? ''));
      assert.deepEqual(steps, ['Đã tạo đơn', 'Bưu cục đã tiếp nhận', 'Đã nhận hàng từ người gửi', 'Đang vận chuyển', 'Bưu tá đang đi phát', 'Phát thành công']);
      await checkA11y(citizen);
      const rating = citizen.getByRole('region', { name: 'Đánh giá mức độ hài lòng' });
      await rating.getByRole('radio', { name: 'Rất hài lòng', exact: true }).check();
      await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await rating.getByText('Cảm ơn Ông/Bà đã đánh giá').waitFor();
      await checkA11y(citizen);
    });

    // The national portal holds every status of the dossier, in order.
    const expected = [1, 6, 1, 2, 4, 9, 10];
    let statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const answer = await fetch(`${sandbox}/dvcqg/_admin/dossiers/${encodeURIComponent(code)}`, { headers: admin });
      if (answer.status === 200) statuses = ((await answer.json()) as { history: { status: number }[] }).history.map((entry) => entry.status);
      if (statuses.at(-1) === 10) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.deepEqual(statuses, expected);
  });

  test('the desk files a dossier at the counter and prints its receipt', async () => {
    await journey(harness, 'tthc-counter', async (desk) => {
      await signInOfficial(harness, desk, DESK, '/workspace/counter');
      await fileAtCounter(desk);
      // The receipt opens in a new tab from the PDF the API answers.
      const pdf = desk.waitForResponse((response) => response.url().includes('/documents/receipt'));
      const tab = desk.context().waitForEvent('page');
      await desk.getByRole('button', { name: 'Giấy tiếp nhận và hẹn trả kết quả' }).click();
      const response = await pdf;
      assert.equal(response.status(), 200);
      assert.equal(response.headers()['content-type'], 'application/pdf');
      // The new tab shows that PDF (as a blob: the API needs the bearer token, a plain link would not carry it).
      const opened = await tab;
      await opened.waitForURL(/^blob:/);
      await opened.close();
    });
  });

  test('a dossier filed on the national portal reaches the desk queue and is accepted', async () => {
    const sandbox = harness.platform.sandboxUrl;
    assert.ok(sandbox, 'the sandboxes run with the ephemeral platform');
    const pushed = await fetch(`${sandbox}/dvcqg/_admin/pushes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SANDBOX_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ procedureCode: '1.001193', agencyCode: COMMUNE }),
    });
    assert.equal(pushed.status, 201);
    const push = (await pushed.json()) as { nationalDossierCode: string; attempts: { status: number | null; error?: string }[] };
    assert.ok([200, 201].includes(push.attempts[0]?.status ?? 0), `delivered to the platform: ${JSON.stringify(push.attempts)}`);

    await journey(harness, 'tthc-dvcqg', async (desk) => {
      await signInOfficial(harness, desk, DESK, '/workspace');
      await desk.getByRole('tab', { name: /Chờ tiếp nhận/ }).click();
      const row = desk.locator('tr[data-channel="dvcqg"]').first();
      await row.getByText('Cổng DVCQG').waitFor();
      await checkA11y(desk);
      await row.getByRole('link').click();
      await desk.getByText(push.nationalDossierCode).waitFor();
      await checkA11y(desk);
      // Pushed with no parts and no e-form: accepting needs an explicit override with its reason.
      await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
      const intake = desk.getByRole('dialog', { name: 'Tiếp nhận hồ sơ' });
      await intake.getByText(/còn thiếu 2 thành phần bắt buộc/).waitFor();
      await intake.getByRole('radiogroup', { name: 'Tờ khai đăng ký khai sinh: có hay thiếu' }).getByRole('radio', { name: 'Có' }).check();
      await intake.getByText(/còn thiếu 1 thành phần bắt buộc/).waitFor();
      await checkA11y(desk);
      await intake.getByRole('button', { name: 'Vẫn tiếp nhận' }).click();
      await intake.getByText('Lý do cần có ít nhất 10 ký tự.').waitFor();
      await intake.getByLabel('Lý do vẫn tiếp nhận khi hồ sơ chưa đủ').fill('Người nộp cam kết nộp bản chính Giấy chứng sinh khi nhận kết quả.');
      await intake.getByRole('button', { name: 'Vẫn tiếp nhận' }).click();
      await intake.waitFor({ state: 'detached' });
      await expectStatus(desk, 'Đang giải quyết');
      await desk.getByRole('tab', { name: 'Quá trình xử lý' }).click();
      await desk.getByText(/Tiếp nhận khi hồ sơ chưa đủ: Người nộp cam kết/).waitFor();
    });
  });

  test('the leader stops a dossier with its notice (Form 05); the desk downloads the tracking register (Form 07)', async () => {
    let code = '';
    await journey(harness, 'tthc-register', async (desk) => {
      await signInOfficial(harness, desk, DESK, '/workspace/counter');
      code = await fileAtCounter(desk);
      await desk.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Sổ theo dõi hồ sơ' }).click();
      await desk.getByRole('heading', { level: 1, name: 'Sổ theo dõi hồ sơ (Mẫu số 07)' }).waitFor();
      await checkA11y(desk);
      for (const [button, type] of [['Tải tệp Excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], ['Tải bản in (PDF)', 'application/pdf']] as const) {
        const answer = desk.waitForResponse((response) => response.url().includes('/register?'));
        await desk.getByRole('button', { name: button }).click();
        const response = await answer;
        assert.equal(response.status(), 200);
        assert.equal(response.headers()['content-type'], type);
        assert.match(response.headers()['content-disposition'] ?? '', /so-theo-doi-ho-so-.*\.(pdf|xlsx)"/);
      }
    });
    await journey(harness, 'tthc-stop', async (leader) => {
      await signInOfficial(harness, leader, LEADER, '/workspace');
      await openFromQueue(leader, /Tất cả/, code);
      await leader.getByRole('button', { name: 'Dừng giải quyết', exact: true }).click();
      const dialog = leader.getByRole('dialog', { name: 'Dừng giải quyết' });
      await dialog.waitFor();
      await dialog.getByRole('textbox').fill('Người nộp đề nghị dừng giải quyết hồ sơ bằng văn bản');
      await checkA11y(leader);
      await dialog.getByRole('button', { name: 'Dừng giải quyết', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await expectStatus(leader, 'Dừng giải quyết');
      await leader.getByRole('button', { name: 'Thông báo dừng giải quyết (Mẫu số 05)' }).waitFor();
      await checkA11y(leader);
    });
  });
});
