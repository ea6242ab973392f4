// The ECharts option of a panel, from its data: a pure function (no ECharts import), so the
// page decides alone when the library is loaded.
import type { CommuneLayer, PanelData } from '../../../api/ioc.ts';

export const COMMUNE_MAP_NAME = 'sen-communes';
/** Columns of the schematic commune grid (102 communes: 9 rows). */
export const GRID_COLUMNS = 12;
const PALETTE = ['#e8f1fb', '#1c7ed6'];
const NO_DATA = '#f1f3f5';
/** Below every scale: the tile is drawn (with its name) in the no-data colour. */
const NO_VALUE = -1;

/** "UBND xã Tân Hồng" → "Tân Hồng": the tile shows the place's name, the tooltip the full one. */
export const shortName = (name: string): string => name.replace(/^UBND\s+(xã|phường|thị trấn)\s+/i, '');

const unitSuffix = (unit: PanelData['unit']) => (unit === '%' ? ' %' : '');

export interface OptionLabels { value: string; previous: string; target: string; noData: string }

/** Undefined for the panels drawn without ECharts (a number, a table). */
export function chartOption(data: PanelData, labels: OptionLabels, layer?: CommuneLayer): Record<string, unknown> | undefined {
  // Nothing measured (no rows, or none with a value: no rating yet) draws no chart rather than a zero.
  if (data.rows.every((r) => r.value === null)) return undefined;
  const values = data.rows.map((r) => r.value);
  const highest = Math.max(1, ...values.map((v) => v ?? 0));
  const common = { animation: false, tooltip: { trigger: 'item' } };
  switch (data.chart) {
    case 'gauge': {
      const value = data.rows[0]?.value ?? 0;
      return {
        ...common,
        series: [{ type: 'gauge', min: 0, max: data.max ?? 100, progress: { show: true }, detail: { formatter: `{value}${unitSuffix(data.unit)}`, fontSize: 22 }, data: [{ value, name: data.rows[0]?.label ?? '' }] }],
      };
    }
    case 'bar': {
      const hasTarget = data.rows.some((r) => r.target !== null);
      const hasPrevious = data.rows.some((r) => r.previous !== null);
      const legend = [labels.value, ...(hasPrevious ? [labels.previous] : []), ...(hasTarget ? [labels.target] : [])];
      return {
        ...common,
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 24, top: legend.length > 1 ? 28 : 8, bottom: 8, containLabel: true },
        ...(legend.length > 1 ? { legend: { data: legend } } : {}),
        yAxis: { type: 'category', inverse: true, data: data.rows.map((r) => r.label), axisLabel: { width: 220, overflow: 'truncate' } },
        xAxis: { type: 'value', ...(data.unit === '%' ? { max: 100 } : {}) },
        series: [
          { type: 'bar', name: labels.value, data: values, label: { show: true, position: 'right' } },
          ...(hasPrevious ? [{ type: 'bar', name: labels.previous, data: data.rows.map((r) => r.previous) }] : []),
          ...(hasTarget ? [{ type: 'bar', name: labels.target, data: data.rows.map((r) => r.target) }] : []),
        ],
      };
    }
    case 'line': {
      // A time series (months or days in order) beside the same slots a year before, dashed.
      const hasPrevious = data.rows.some((r) => r.previous !== null);
      return {
        ...common,
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0, data: [labels.value, ...(hasPrevious ? [labels.previous] : [])] },
        grid: { left: 8, right: 24, top: 16, bottom: 32, containLabel: true },
        xAxis: { type: 'category', data: data.rows.map((r) => r.label) },
        yAxis: { type: 'value', ...(data.unit === '%' ? { max: 100 } : {}), minInterval: data.unit === 'count' ? 1 : 0 },
        series: [
          { type: 'line', name: labels.value, data: values },
          ...(hasPrevious ? [{ type: 'line', name: labels.previous, data: data.rows.map((r) => r.previous), lineStyle: { type: 'dashed' } }] : []),
        ],
      };
    }
    case 'pie':
      return {
        ...common,
        legend: { bottom: 0, type: 'scroll' },
        series: [{ type: 'pie', radius: ['35%', '65%'], data: data.rows.map((r) => ({ name: r.label, value: r.value ?? 0 })), label: { formatter: '{b}: {c}' } }],
      };
    case 'commune-map': {
      // A commune without figures (none yet, or outside the caller's scope) is a grey tile: below the scale, never a zero.
      const visualMap = { min: 0, max: data.unit === '%' ? 100 : highest, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: PALETTE }, outOfRange: { color: NO_DATA } };
      const byKey = new Map(data.rows.map((r) => [r.key, r]));
      if (layer?.map) {
        return {
          ...common,
          tooltip: { trigger: 'item', formatter: (p: { name: string }) => `${byKey.get(p.name)?.label ?? p.name}: ${byKey.get(p.name)?.value ?? labels.noData}` },
          visualMap,
          series: [{ type: 'map', map: COMMUNE_MAP_NAME, roam: true, data: data.rows.map((r) => ({ name: r.key, value: r.value ?? undefined })) }],
        };
      }
      // No map imported yet: the schematic grid, one tile per commune, named from the catalogue.
      const rows = Math.ceil(data.rows.length / GRID_COLUMNS);
      return {
        ...common,
        tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => `${data.rows[p.dataIndex]?.label ?? ''}: ${data.rows[p.dataIndex]?.value ?? labels.noData}` },
        grid: { left: 4, right: 4, top: 4, bottom: 56 },
        xAxis: { type: 'category', show: false, data: Array.from({ length: GRID_COLUMNS }, (_, i) => i) },
        yAxis: { type: 'category', show: false, inverse: true, data: Array.from({ length: rows }, (_, i) => i) },
        visualMap,
        series: [{
          type: 'heatmap',
          data: data.rows.map((r, i) => [i % GRID_COLUMNS, Math.floor(i / GRID_COLUMNS), r.value ?? NO_VALUE]),
          label: { show: true, fontSize: 9, overflow: 'truncate', width: 64, formatter: (p: { dataIndex: number }) => shortName(data.rows[p.dataIndex]?.label ?? '') },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
        }],
      };
    }
    default:
      return undefined;
  }
}
