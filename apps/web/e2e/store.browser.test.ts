// Browser journey of the e-data store (modules/tthc/store): a citizen signs in with VNeID and finds
// an empty store; the desk files their birth registration at the counter and digitises a paper
// part, certifying it as a true copy (the mark shows valid); the citizen finds it in their store,
// shares it with the commune by a time-limited link, and sees in "Ai đã xem dữ liệu của tôi" that
// the desk official read their dossier, with the purpose.
// Run: node --test apps/web/e2e/store.browser.test.ts
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, journey, setUpHarness, signInOfficial, signInWithVneid, type Harness } from './harness.ts';
import { COMMUNE, DESK, digitisePart, fileAtCounter } from './tthc-steps.ts';

const harness: Harness = setUpHarness();

describe('e-data store browser journey', { timeout: 900_000 }, () => {
  test('the desk digitises a paper part; the citizen finds it certified in their store, shares it, and sees who read their data', async () => {
    const chosen: { personalId?: string } = {};
    await journey(harness, 'store-citizen-empty', async (citizen) => {
      await signInWithVneid(harness, citizen, '/', chosen);
      await citizen.goto(`${harness.platform.url}/kho-du-lieu`);
      await citizen.getByRole('heading', { level: 1, name: 'Kho dữ liệu của tôi' }).waitFor();
      await citizen.getByText('Kho của bạn chưa có tài liệu.', { exact: false }).waitFor();
      await checkA11y(citizen);
    });
    assert.match(chosen.personalId ?? '', /^\d{12}$/);

    let deskName = '';
    await journey(harness, 'store-desk', async (desk) => {
      deskName = await signInOfficial(harness, desk, DESK, '/workspace/counter');
      const code = await fileAtCounter(desk, chosen.personalId);
      await desk.getByRole('link', { name: 'Mở hồ sơ', exact: true }).click();
      await desk.getByTestId('dossier-code').filter({ hasText: code }).waitFor();
      await digitisePart(desk, 'Giấy chứng sinh', 'giay-chung-sinh-ban-quet.pdf');
    });

    await journey(harness, 'store-citizen', async (citizen) => {
      await signInWithVneid(harness, citizen, '/');
      await citizen.goto(`${harness.platform.url}/kho-du-lieu`);
      await citizen.getByRole('heading', { level: 1, name: 'Kho dữ liệu của tôi' }).waitFor();
      const row = citizen.locator('tr[data-document]').filter({ hasText: 'giay-chung-sinh-ban-quet.pdf' });
      await row.getByText('Bản sao điện tử hợp lệ').waitFor();
      await row.getByText(`Chứng thực bởi ${deskName}`, { exact: false }).waitFor();
      await checkA11y(citizen);

      await row.getByRole('button', { name: /^Chia sẻ/ }).click();
      const dialog = citizen.getByRole('dialog');
      await dialog.waitFor();
      await dialog.getByRole('textbox', { name: 'Mã định danh của cơ quan nhận' }).fill(COMMUNE);
      await checkA11y(citizen);
      await dialog.getByRole('button', { name: 'Tạo liên kết' }).click();
      const link = dialog.getByRole('textbox', { name: 'Liên kết chia sẻ' });
      await link.waitFor();
      assert.match(await link.inputValue(), /\/kho-du-lieu\/chia-se\/[A-Za-z0-9_-]{43}$/);
      await checkA11y(citizen);
      await dialog.getByRole('button', { name: 'Đóng', exact: true }).last().click();
      await dialog.waitFor({ state: 'detached' });

      await citizen.getByRole('tab', { name: 'Đã chia sẻ' }).click();
      await citizen.getByText('Còn hiệu lực', { exact: true }).waitFor();
      await checkA11y(citizen);

      await citizen.getByRole('tab', { name: 'Ai đã xem dữ liệu của tôi' }).click();
      const read = citizen.locator('tr').filter({ hasText: deskName }).filter({ hasText: 'Giải quyết hồ sơ thủ tục hành chính' }).first();
      await read.waitFor();
      await checkA11y(citizen);
    });
  });
});
