// Catalog module API: agencies (organisation chart), shared code lists, working calendar.
// Typed by hand from modules/catalog (schemas/types) until openapi.json describes /api/catalog.
import { api, rawRequest } from './client.ts';

export type AgencyKind = 'province' | 'department' | 'board' | 'central' | 'commune' | 'other';

export interface Agency {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: AgencyKind;
  parentId: string | null;
  /** Code and/or name are provisional until the official list is imported. */
  placeholder: boolean;
  active: boolean;
  sortOrder: number;
  version: number;
  /** In the tree listing: depth below the root. */
  depth?: number;
}

export interface CodeListVersion {
  listCode: string;
  version: number;
  status: 'draft' | 'published';
  effectiveFrom: string;
  effectiveTo: string | null;
  publishedAt: string | null;
  note: string | null;
  itemCount: number;
}

export interface CodeList {
  code: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  extendable: boolean;
  /** The version in force today, if any. */
  current?: CodeListVersion | null;
}

export interface CodeListItem {
  code: string;
  name: string;
  nameEn: string | null;
  parentCode: string | null;
  sortOrder: number;
}

export interface CodeListView {
  list: CodeList;
  version: CodeListVersion;
  items: CodeListItem[];
  total: number;
}

export interface ItemInput {
  code: string;
  name: string;
  nameEn?: string | null;
  parentCode?: string | null;
}

export type ExceptionKind = 'day_off' | 'working_day';

export interface DayOff {
  date: string;
  kind: 'weekend' | 'holiday' | 'compensatory' | 'day_off';
  name: string;
  nameEn: string | null;
  source: 'law' | 'exception';
  exceptionId?: string;
}

export interface YearCalendar {
  year: number;
  daysOff: DayOff[];
  /** Days that would be off but are worked (make-up Saturdays). */
  workingDays: { date: string; name: string; nameEn: string | null; exceptionId: string }[];
}

export interface CalendarException {
  id: string;
  date: string;
  kind: ExceptionKind;
  name: string;
  nameEn: string | null;
  agencyId: string | null;
}

const enc = encodeURIComponent;

export const catalogApi = {
  /** The whole organisation chart, pre-order, each agency with its depth. */
  agencies: () => api.get<{ items: Agency[] }>('/api/catalog/agencies/tree'),
  updateAgency: (id: string, body: { name?: string; nameEn?: string | null; version: number }) =>
    api.patch<Agency>(`/api/catalog/agencies/${enc(id)}`, body),

  codeLists: () => api.get<{ items: CodeList[] }>('/api/catalog/code-lists'),
  versions: (code: string) => api.get<{ items: CodeListVersion[] }>(`/api/catalog/code-lists/${enc(code)}/versions`),
  read: (code: string, query: { version?: number; q?: string; limit: number; offset: number }) =>
    api.get<CodeListView>(`/api/catalog/code-lists/${enc(code)}`, query),
  /** A new version from CSV text or JSON items; published at once or kept as a draft. */
  importVersion: (code: string, body: { csv?: string; items?: ItemInput[]; effectiveFrom: string; publish: boolean; note?: string }) =>
    api.post<CodeListVersion>(`/api/catalog/code-lists/${enc(code)}/versions`, body),
  publishVersion: (code: string, version: number) =>
    api.post<CodeListVersion>(`/api/catalog/code-lists/${enc(code)}/versions/${version}/publish`),
  exportFile: (code: string, version: number | undefined, format: 'csv' | 'json') =>
    rawRequest('GET', `/api/catalog/code-lists/${enc(code)}/export`, { query: { version, format } }),

  calendar: (year: number) => api.get<YearCalendar>(`/api/catalog/calendar/years/${year}`),
  exceptions: (year: number) => api.get<{ items: CalendarException[] }>('/api/catalog/calendar/exceptions', { year }),
  addException: (body: { date: string; kind: ExceptionKind; name: string }) => api.post<CalendarException>('/api/catalog/calendar/exceptions', body),
  removeException: (id: string) => api.delete(`/api/catalog/calendar/exceptions/${enc(id)}`),
};

/** Builds the agency forest from the flat list, keeping the server's order. */
export interface AgencyNode extends Agency {
  children: AgencyNode[];
}

export function agencyTree(agencies: Agency[]): AgencyNode[] {
  const nodes = new Map<string, AgencyNode>(agencies.map((a) => [a.id, { ...a, children: [] }]));
  const roots: AgencyNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
