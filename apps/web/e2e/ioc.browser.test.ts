// Browser journey of the operations centre (IOC, modules/analytics dashboards): the desk files a
// birth registration three weeks ago (the platform's clock moved back) and leaves it open, so it
// is overdue today; a leader opens the IOC, drills from the province's "overdue by agency" panel
// to the commune, its procedure and the overdue dossier, downloads the chart as a PNG image and
// its data as CSV and Excel, the monthly report (form II.06a/VPCP/KSTT) as PDF, runs the wall mode, and opens the dossier.
// Then the administrator imports a commune map (GeoJSON) and the leader sees it instead of the schematic grid.
// Run: node --test apps/web/e2e/ioc.browser.test.ts
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { checkA11y, journey, setUpHarness, signInOfficial, type Harness } from './harness.ts';
import { pdfText } from '../../../packages/platform/testing.ts';
import { BIRTH, COMMUNE_NAME, COMMUNE_UNIT, DESK, LEADER, fileAtCounter } from './tthc-steps.ts';

const DAY = 86_400_000;
const clock = { offsetMs: 0 };
const harness: Harness = setUpHarness({ now: () => new Date(Date.now() + clock.offsetMs) });
const OVERDUE_PANEL = 'Hồ sơ quá hạn theo cơ quan';
const COMMUNE_PANEL = 'Hồ sơ tiếp nhận theo xã, phường';
const ADMIN = { username: 'admin', password: 'Admin@2026!', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DP' };

/**
 * A commune map of three real communes, side by side from west to east — their 5-digit codes
 * (Decision 19/2025/QĐ-TTg) from ../shared/reference/dong-thap-communes-2025.csv, Tân Hồng,
 * Tân Thành, Tân Hộ Cơ — with SYNTHETIC geometry (three squares near Tân Hồng, not the real
 * boundaries, which Sen does not ship).
 */
const MAP_COMMUNES = [[COMMUNE_UNIT, 'Tân Hồng'], ['29938', 'Tân Thành'], ['29929', 'Tân Hộ Cơ']] as const;
const square = (west: number) => [[[west, 10.86], [west + 0.04, 10.86], [west + 0.04, 10.9], [west, 10.9], [west, 10.86]]];
const COMMUNE_MAP = {
  type: 'FeatureCollection',
  features: MAP_COMMUNES.map(([code, name], i) => ({ type: 'Feature', properties: { code, ten: name }, geometry: { type: 'Polygon', coordinates: square(105.5 + i * 0.04) } })),
};

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const event = page.waitForEvent('download');
  await click();
  const download = await event;
  return { download, bytes: await readFile((await download.path())!) };
}

describe('IOC browser journey', { timeout: 600_000 }, () => {
  test('a leader opens the IOC, drills from the province to an overdue dossier and exports a chart and its data', async () => {
    let code = '';
    await journey(harness, 'ioc-desk', async (desk) => {
      await signInOfficial(harness, desk, DESK, '/workspace/counter');
      clock.offsetMs = -21 * DAY;
      try {
        code = await fileAtCounter(desk);
      } finally {
        clock.offsetMs = 0;
      }
    });

    await journey(harness, 'ioc-leader', async (leader) => {
      await signInOfficial(harness, leader, LEADER, '/workspace');
      await leader.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Trung tâm điều hành', exact: true }).click();
      await leader.getByRole('heading', { level: 1, name: 'Trung tâm điều hành (IOC)' }).waitFor();
      await leader.getByTestId('ioc-updated').filter({ hasText: /^Cập nhật lúc \d{2}:\d{2}$/ }).waitFor();
      const panel = leader.getByRole('region', { name: OVERDUE_PANEL });
      await panel.getByRole('img', { name: new RegExp(`^Biểu đồ ${OVERDUE_PANEL}: .*${COMMUNE_NAME}: 1`) }).waitFor();
      await leader.getByRole('region', { name: 'Hồ sơ tiếp nhận theo xã, phường' }).getByRole('img', { name: /Biểu đồ Hồ sơ tiếp nhận theo xã, phường: / }).waitFor();
      await checkA11y(leader);

      // The auto-refresh pauses and resumes.
      await leader.getByRole('button', { name: 'Tạm dừng tự cập nhật' }).click();
      await leader.getByText('Đã tạm dừng tự cập nhật').waitFor();
      await leader.getByRole('button', { name: 'Tiếp tục tự cập nhật' }).click();

      // The chart as an image: a PNG drawn by ECharts.
      const image = await downloaded(leader, () => panel.getByRole('button', { name: `Tải ảnh: ${OVERDUE_PANEL}` }).click());
      assert.match(image.download.suggestedFilename(), /^ioc-toan-tinh-overdue_by_agency\.png$/);
      assert.deepEqual([...image.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
      assert.ok(image.bytes.length > 2_000, 'a drawn chart, not an empty canvas');

      // Its data, from the server (audited there): CSV and Excel.
      const csv = await downloaded(leader, () => panel.getByRole('button', { name: `Tải CSV: ${OVERDUE_PANEL}` }).click());
      const text = csv.bytes.toString('utf8');
      assert.match(text, /Mã,Tên,Giá trị,Cùng kỳ năm trước,Mục tiêu,Đơn vị/);
      assert.match(text, new RegExp(`${COMMUNE_NAME},1,0,,hồ sơ`));
      const excel = await downloaded(leader, () => panel.getByRole('button', { name: `Tải Excel: ${OVERDUE_PANEL}` }).click());
      assert.match(excel.download.suggestedFilename(), /^ioc-toan-tinh-overdue_by_agency-\d{4}-\d{2}\.xlsx$/);
      assert.equal(excel.bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx (zip) workbook');

      // The monthly report sent upward (form II.06a/VPCP/KSTT), as PDF, read back with poppler.
      const report = await downloaded(leader, () => leader.getByRole('button', { name: /^Tải báo cáo kỳ \d{4}-\d{2} \(PDF\)$/ }).click());
      assert.match(report.download.suggestedFilename(), /^bao-cao-ket-qua-tthc-\d{4}-\d{2}\.pdf$/);
      const { text: reportText } = await pdfText(report.bytes);
      assert.match(reportText, /Biểu số II\.06a\/VPCP\/KSTT/);
      assert.match(reportText, /TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH/);
      assert.match(reportText, /Kỳ báo cáo: Tháng \d{1,2} năm \d{4}/);

      // Province → the commune (from the chart's data table) → its procedures → the overdue dossiers.
      await panel.getByText('Bảng số liệu').click();
      await panel.getByRole('button', { name: `Xem chi tiết: ${COMMUNE_NAME}` }).click();
      const drill = leader.getByRole('region', { name: new RegExp(`^${COMMUNE_NAME} — kỳ \\d{4}-\\d{2}$`) });
      const procedureRow = drill.locator('tr').filter({ hasText: BIRTH });
      await procedureRow.getByRole('button', { name: `Xem 1 hồ sơ — Quá hạn: ${BIRTH}` }).click();
      const list = leader.getByRole('region', { name: `Hồ sơ: Quá hạn: ${BIRTH}` });
      await list.getByRole('link', { name: code }).waitFor();
      await checkA11y(leader);

      // The wall mode: full screen, rotating; Escape leaves it.
      await leader.getByRole('button', { name: 'Chế độ trình chiếu' }).click();
      const wall = leader.getByRole('dialog', { name: 'Toàn tỉnh — trình chiếu' });
      const position = wall.getByText(/^Biểu đồ \d+\/\d+$/);
      await position.waitFor();
      await checkA11y(leader);
      await wall.getByRole('button', { name: 'Tạm dừng xoay vòng' }).click();
      await wall.getByRole('button', { name: 'Tiếp tục xoay vòng', pressed: true }).waitFor();
      const [shown, count] = ((await position.textContent()) ?? '').replace('Biểu đồ ', '').split('/').map(Number) as [number, number];
      await wall.getByRole('button', { name: 'Biểu đồ tiếp theo' }).click();
      await wall.getByText(`Biểu đồ ${(shown % count) + 1}/${count}`, { exact: true }).waitFor();
      await leader.keyboard.press('Escape');
      await wall.waitFor({ state: 'detached' });

      // The dossier itself.
      await list.getByRole('link', { name: code }).click();
      await leader.waitForURL(/\/workspace\/dossiers\//);
      await leader.getByTestId('dossier-code').filter({ hasText: code }).waitFor();
      await checkA11y(leader);
    });
  });

  test('the administrator imports a commune map and the leader sees it instead of the schematic grid', async () => {
    await journey(harness, 'ioc-map-admin', async (admin) => {
      await signInOfficial(harness, admin, ADMIN, '/admin/ioc');
      const card = admin.getByRole('region', { name: 'Bản đồ xã, phường', exact: true });
      await card.getByText(/^Chưa nhập bản đồ: biểu đồ xã, phường hiện dạng lưới 102 ô/).waitFor();
      await checkA11y(admin);
      const file = card.locator('input[type="file"]');
      // A code outside the catalogue refuses the whole file, naming it; nothing is stored.
      const unknown = { ...COMMUNE_MAP, features: [...COMMUNE_MAP.features, { ...COMMUNE_MAP.features[0]!, properties: { code: '99999' } }] };
      await file.setInputFiles({ name: 'sai-ma.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(unknown)) });
      await card.getByRole('button', { name: 'Nhập bản đồ' }).click();
      await card.getByRole('alert').filter({ hasText: 'Các mã không có trong danh mục: 99999' }).waitFor();
      await card.getByText(/^Chưa nhập bản đồ/).waitFor();
      await file.setInputFiles({ name: 'ban-do-xa.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(COMMUNE_MAP)) });
      await card.getByRole('button', { name: 'Nhập bản đồ' }).click();
      await card.getByText(/^Đã nhập bản đồ 3 vùng lúc /).waitFor();
      await checkA11y(admin);
    });

    await journey(harness, 'ioc-map-leader', async (leader) => {
      await signInOfficial(harness, leader, LEADER, '/workspace/ioc');
      await leader.getByRole('heading', { level: 1, name: 'Trung tâm điều hành (IOC)' }).waitFor();
      const panel = leader.getByRole('region', { name: COMMUNE_PANEL });
      // The map layer's text alternative: the three communes drawn, each named from the catalogue with its figure; no grid any more.
      const map = panel.getByRole('img', { name: new RegExp(`^Bản đồ ${COMMUNE_PANEL}, 3 xã, phường: .*${COMMUNE_NAME}: \\d+.*UBND xã Tân Thành: .*UBND xã Tân Hộ Cơ: `) });
      await map.waitFor();
      assert.equal(await map.getAttribute('data-layer'), 'map');
      assert.equal(await panel.getByRole('img', { name: new RegExp(`^Biểu đồ ${COMMUNE_PANEL}:`) }).count(), 0, 'the schematic grid is gone');
      // The geometry is drawn: the middle square, under the chart's centre, is Tân Thành (its tooltip names it).
      await map.scrollIntoViewIfNeeded();
      const box = (await map.boundingBox())!;
      await map.hover({ position: { x: 4, y: 4 } });
      await map.hover({ position: { x: box.width / 2, y: box.height / 2 } });
      await panel.getByText(/^UBND xã Tân Thành: chưa có số liệu$/).waitFor();
      await checkA11y(leader);
    });
  });
});
