// Browser journey of the statistics (modules/analytics): the desk files a dossier at the counter;
// a leader opens the statistics, drills from the province to the commune, to its procedures, to
// the dossiers in processing and opens one; then downloads the figures as Excel.
// Run: node --test apps/web/e2e/analytics.browser.test.ts
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, journey, setUpHarness, signInOfficial, type Harness } from './harness.ts';
import { BIRTH, COMMUNE_NAME, DESK, LEADER, fileAtCounter } from './tthc-steps.ts';

const harness: Harness = setUpHarness();

describe('statistics browser journey', { timeout: 600_000 }, () => {
  test('a leader drills from the province to a commune\'s dossier in processing and downloads the Excel workbook', async () => {
    let code = '';
    await journey(harness, 'analytics-desk', async (desk) => {
      await signInOfficial(harness, desk, DESK, '/workspace/counter');
      code = await fileAtCounter(desk);
    });

    await journey(harness, 'analytics-leader', async (leader) => {
      await signInOfficial(harness, leader, LEADER, '/workspace');
      await leader.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Thống kê', exact: true }).click();
      await leader.getByRole('heading', { level: 1, name: 'Thống kê kết quả giải quyết thủ tục hành chính' }).waitFor();
      // The province, by agency: the commune that received the dossier is a row.
      const communeRow = leader.locator('tr').filter({ has: leader.getByRole('button', { name: COMMUNE_NAME, exact: true }) });
      await communeRow.waitFor();
      await checkA11y(leader);
      await communeRow.getByRole('button', { name: COMMUNE_NAME, exact: true }).click();

      // The commune, by procedure: the birth registration received today, in processing.
      await leader.getByRole('radio', { name: 'Thủ tục', checked: true }).waitFor({ state: 'attached' });
      const procedureRow = leader.locator('tr').filter({ hasText: BIRTH });
      await procedureRow.waitFor();
      await checkA11y(leader);
      await procedureRow.getByRole('button', { name: new RegExp(`^Xem \\d+ hồ sơ — Đang giải quyết: ${BIRTH}`) }).click();
      const list = leader.getByRole('region', { name: `Hồ sơ: Đang giải quyết: ${BIRTH}` });
      await list.getByRole('link', { name: code }).waitFor();
      await checkA11y(leader);

      // The Excel workbook of what is shown (commune, by procedure).
      const answer = leader.waitForResponse((response) => response.url().includes('/api/analytics/one-stop/export?'));
      await leader.getByRole('button', { name: 'Tải Excel' }).click();
      const response = await answer;
      assert.equal(response.status(), 200);
      assert.equal(response.headers()['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(response.headers()['content-disposition'] ?? '', /thong-ke-mot-cua-\d{4}-\d{2}-procedure\.xlsx/);
      assert.match(response.url(), /groupBy=procedure/);

      // The periodic report sent upward (form II.06a/VPCP/KSTT) of the same period and agency, as a PDF.
      const report = leader.waitForResponse((r) => r.url().includes('/api/analytics/one-stop/report?'));
      await leader.getByRole('button', { name: 'Báo cáo định kỳ (PDF)' }).click();
      const pdf = await report;
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.match(pdf.url(), /format=pdf/);
      assert.match(pdf.headers()['content-disposition'] ?? '', /bao-cao-ket-qua-tthc-\d{4}-\d{2}\.pdf/);

      // The dossier itself, as the leader may open it.
      await list.getByRole('link', { name: code }).click();
      await leader.waitForURL(/\/workspace\/dossiers\//);
      await leader.getByTestId('dossier-code').filter({ hasText: code }).waitFor();
      await checkA11y(leader);
    });
  });

  test('a leader opens the service-quality index and the KPIs from the statistics page', async () => {
    await journey(harness, 'analytics-indicators', async (leader) => {
      await signInOfficial(harness, leader, LEADER, '/workspace/statistics');
      await leader.getByRole('heading', { level: 1, name: 'Thống kê kết quả giải quyết thủ tục hành chính' }).waitFor();
      await leader.getByRole('link', { name: 'Chỉ số phục vụ và KPI' }).click();
      await leader.waitForURL(/\/workspace\/indicators/);
      await leader.getByRole('heading', { level: 1, name: 'Chỉ số phục vụ người dân, doanh nghiệp và KPI' }).waitFor();
      await leader.getByTestId('index-score').filter({ hasText: /điểm Sen đo được/ }).waitFor();
      await leader.getByRole('table', { name: 'Điểm theo nhóm chỉ số' }).getByText('Tiến độ, kết quả giải quyết').waitFor();
      await leader.getByRole('table', { name: /^KPI Sen đo được/ }).getByText('Tỉ lệ hồ sơ TTHC xử lý trực tuyến').waitFor();
      const unobservable = leader.getByRole('region', { name: 'Sen không đo được' });
      await unobservable.getByText('Chỉ số chuyển đổi số cấp tỉnh (DTI)').waitFor();
      await checkA11y(leader);
    });
  });

  test('the public page lists agencies\' on-time rates, online shares and ratings, to anyone', async () => {
    await journey(harness, 'analytics-public', async (visitor) => {
      await visitor.goto(`${harness.origin()}/thong-ke`);
      await visitor.getByRole('heading', { level: 1, name: 'Kết quả giải quyết thủ tục hành chính' }).waitFor();
      await visitor.getByRole('table').getByText(COMMUNE_NAME).waitFor();
      await checkA11y(visitor);
    });
  });
});
