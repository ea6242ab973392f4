import { unprocessable } from '../../packages/platform/index.ts';
import type { CommuneRef } from './dashboards.measures.ts';

/** A province has about a hundred communes: more features than this is not a commune map. */
export const MAX_FEATURES = 500;
/** The feature property naming the commune: its 5-digit administrative-unit code (or, failing that, its agency code). */
export const CODE_PROPERTIES = ['code', 'ma_xa', 'maXa'] as const;

const invalid = (message: string, details?: unknown) =>
  unprocessable('analytics.geojson_invalid', `Tệp bản đồ không hợp lệ: ${message} / The map file is not valid: ${message}`, details);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks an imported commune map: a FeatureCollection of Polygon or MultiPolygon features, each
 * naming a catalogue commune by its code. Unknown codes are refused all at once (422
 * `analytics.geojson_unknown_communes` listing them). Each kept feature's `name` becomes the
 * commune's key (its unit code, else its agency code), which the panels' data rows carry.
 */
export function validateCommuneMap(input: unknown, communes: readonly CommuneRef[]): { geojson: Record<string, unknown>; features: number } {
  if (!isRecord(input) || input['type'] !== 'FeatureCollection' || !Array.isArray(input['features'])) throw invalid('not a FeatureCollection');
  const features = input['features'] as unknown[];
  if (features.length === 0) throw invalid('no features');
  if (features.length > MAX_FEATURES) throw invalid(`more than ${MAX_FEATURES} features`, { features: features.length });
  const byCode = new Map<string, CommuneRef>();
  for (const c of communes) {
    byCode.set(c.agencyCode, c);
    if (c.unitCode) byCode.set(c.unitCode, c);
  }
  const unknown: string[] = [];
  const kept = features.map((f, i) => {
    if (!isRecord(f) || f['type'] !== 'Feature' || !isRecord(f['geometry']) || !isRecord(f['properties'])) throw invalid(`feature ${i} is not a Feature with geometry and properties`, { feature: i });
    const geometry = f['geometry'];
    if ((geometry['type'] !== 'Polygon' && geometry['type'] !== 'MultiPolygon') || !Array.isArray(geometry['coordinates'])) {
      throw invalid(`feature ${i} is not a Polygon or MultiPolygon`, { feature: i });
    }
    const properties = f['properties'];
    const raw = CODE_PROPERTIES.map((p) => properties[p]).find((v) => typeof v === 'string' || typeof v === 'number');
    if (raw === undefined) throw invalid(`feature ${i} has no commune code (properties.code)`, { feature: i });
    const code = String(raw).trim();
    const commune = byCode.get(code);
    if (!commune) {
      unknown.push(code.slice(0, 32));
      return null;
    }
    const key = commune.unitCode ?? commune.agencyCode;
    return { type: 'Feature', geometry: { type: geometry['type'], coordinates: geometry['coordinates'] }, properties: { name: key, code: key, commune: commune.name } };
  });
  if (unknown.length > 0) {
    throw unprocessable('analytics.geojson_unknown_communes', 'Tệp bản đồ có mã xã, phường không có trong danh mục / The map names communes that are not in the catalogue', { codes: [...new Set(unknown)].slice(0, 200) });
  }
  return { geojson: { type: 'FeatureCollection', features: kept }, features: kept.length };
}
