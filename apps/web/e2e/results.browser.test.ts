// Browser journey of signed results and their registry (modules/signing): the desk files a birth
// registration at the counter; the specialist attaches the result (a PDF); the leader approves,
// which signs it, then finds it in the results registry, verifies its signatures and revokes it
// with a reason; anyone who enters its code on the public page /xac-minh sees it revoked.
// Run: node --test apps/web/e2e/results.browser.test.ts
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, journey, setUpHarness, signInOfficial, type Harness } from './harness.ts';
import { DESK, LEADER, SPECIALIST, attachResultForLeader, expectStatus, fileAtCounter, openFromQueue, transition } from './tthc-steps.ts';

const harness: Harness = setUpHarness();

describe('results registry browser journey', { timeout: 900_000 }, () => {
  test('the leader\'s approval signs the result; the leader verifies and revokes it in the registry; the public page shows it revoked', async () => {
    let dossierCode = '';
    await journey(harness, 'results-desk', async (desk) => {
      await signInOfficial(harness, desk, DESK, '/workspace/counter');
      dossierCode = await fileAtCounter(desk);
      await desk.getByRole('link', { name: 'Mở hồ sơ', exact: true }).click();
      await desk.getByTestId('dossier-code').filter({ hasText: dossierCode }).waitFor();
      await expectStatus(desk, 'Đang giải quyết');
      await checkA11y(desk);
      await transition(desk, 'Chuyển thẩm định');
    });

    await journey(harness, 'results-specialist', async (specialist) => {
      await signInOfficial(harness, specialist, SPECIALIST, '/workspace');
      await openFromQueue(specialist, /Cần xử lý/, dossierCode);
      await attachResultForLeader(specialist, 'trich-luc-khai-sinh.pdf');
    });

    let resultCode = '';
    await journey(harness, 'results-leader', async (leader) => {
      await signInOfficial(harness, leader, LEADER, '/workspace');
      await openFromQueue(leader, /Cần xử lý/, dossierCode);
      await transition(leader, 'Phê duyệt');
      await expectStatus(leader, 'Đã có kết quả, chờ trả');

      // The registry has the signed result, under the dossier's code as its number.
      await leader.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Sổ kết quả', exact: true }).click();
      await leader.getByRole('heading', { level: 1, name: 'Sổ đăng ký kết quả giải quyết TTHC' }).waitFor();
      await leader.getByLabel('Từ khóa').fill(dossierCode);
      await leader.getByRole('button', { name: 'Tìm kiếm', exact: true }).click();
      const row = leader.locator('tr[data-code]').filter({ hasText: dossierCode });
      await row.getByText('Còn hiệu lực', { exact: true }).waitFor();
      assert.equal(await leader.locator('tr[data-code]').count(), 1);
      resultCode = (await row.getAttribute('data-code')) ?? '';
      assert.match(resultCode, /^KQ-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      await checkA11y(leader);

      await row.getByRole('button', { name: `Xem kết quả số ${dossierCode}` }).click();
      const detail = leader.getByRole('region', { name: new RegExp(`^${dossierCode} — `) });
      await detail.getByRole('button', { name: 'Xác minh chữ ký số' }).click();
      await detail.getByRole('status').getByText('Văn bản hợp lệ', { exact: false }).waitFor();
      await checkA11y(leader);

      await detail.getByLabel('Tình trạng mới').click();
      await leader.getByRole('option', { name: 'Đã thu hồi', exact: true }).click();
      await detail.getByRole('textbox', { name: 'Lý do' }).fill('Cấp sai đối tượng');
      await detail.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
      await row.getByText('Đã thu hồi', { exact: true }).waitFor();
      await detail.getByText(/Đã thu hồi — Cấp sai đối tượng/).waitFor();
      await checkA11y(leader);
    });

    await journey(harness, 'results-public', async (visitor) => {
      await visitor.goto(`${harness.origin()}/xac-minh?ma=${resultCode}`);
      await visitor.getByRole('heading', { level: 1, name: 'Xác minh kết quả giải quyết thủ tục hành chính' }).waitFor();
      await visitor.getByText('Đã thu hồi', { exact: true }).first().waitFor();
      await checkA11y(visitor);
    });
  });
});
