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

  test('the public page lists agencies\' on-time rates, online shares and ratings, to anyone, and its charts show the same figures', async () => {
    await journey(harness, 'analytics-public', async (visitor) => {
      await visitor.goto(`${harness.origin()}/thong-ke`);
      await visitor.getByRole('heading', { level: 1, name: 'Kết quả giải quyết thủ tục hành chính' }).waitFor();
      const agencyRow = visitor.getByRole('row').filter({ hasText: COMMUNE_NAME });
      await agencyRow.waitFor();
      await checkA11y(visitor);
      // The commune's online share in the table (a counter dossier: 0 %), read again on the public dashboard.
      const headers = (await visitor.getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
      const onlineShare = (await agencyRow.getByRole('cell').nth(headers.indexOf('Trực tuyến')).innerText()).trim();
      assert.match(onlineShare, /^\d+(,\d+)? %$/);

      // The public dashboard (seeded on a fresh install), anonymous: charts over the province's aggregates.
      const dashboardData = visitor.waitForResponse((r) => /\/api\/analytics\/public\/dashboards\/[^/]+\/panels\/[^/]+\/data/.test(r.url()));
      await visitor.getByRole('link', { name: 'Xem biểu đồ toàn tỉnh' }).click();
      await visitor.waitForURL(/\/thong-ke\/bang-dieu-khien$/);
      await visitor.getByRole('heading', { level: 1, name: 'Kết quả giải quyết thủ tục hành chính toàn tỉnh' }).waitFor();
      const answer = await dashboardData;
      assert.equal(answer.status(), 200);
      assert.match(answer.headers()['cache-control'] ?? '', /^public, max-age=60/);
      const panel = visitor.getByRole('region', { name: 'Tỉ lệ hồ sơ trực tuyến theo cơ quan' });
      await panel.getByRole('img', { name: new RegExp(`^Biểu đồ Tỉ lệ hồ sơ trực tuyến theo cơ quan: .*${COMMUNE_NAME}: ${onlineShare}`) }).waitFor();
      // No dossier has been finished yet: the on-time panels say so rather than draw a zero.
      await visitor.getByRole('region', { name: 'Tỉ lệ giải quyết đúng hạn theo xã, phường' }).getByText('Chưa có số liệu trong kỳ').waitFor();
      // No download of data and no way down to dossiers on the public page.
      assert.equal(await panel.getByRole('button', { name: /Tải CSV|Tải Excel/ }).count(), 0);
      assert.equal(await panel.getByRole('button', { name: COMMUNE_NAME }).count(), 0);

      // The figure in the chart's data table.
      await panel.getByText('Bảng số liệu').click();
      const table = panel.getByRole('table', { name: /^Tỉ lệ hồ sơ trực tuyến theo cơ quan — kỳ \d{4}$/ });
      const row = table.getByRole('row').filter({ hasText: COMMUNE_NAME });
      assert.equal((await row.getByRole('cell').nth(1).innerText()).trim(), onlineShare);
      await checkA11y(visitor);
    });
  });
});
