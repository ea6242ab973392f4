// Catalog module API: agencies (organisation chart), shared code lists, working calendar.
import { api, rawRequest } from './client.ts';
import type { Schema } from './schemas.ts';

export type Agency = Schema<'Agency'>;
export type AgencyTreeNode = Schema<'AgencyTreeNode'>;
export type AgencyKind = Agency['kind'];
export type CodeListVersion = Schema<'CodeListVersion'>;
/** A code list with the version in force today, if any. */
export type CodeList = Schema<'CodeListWithCurrent'>;
export type CodeListItem = Schema<'CodeListItem'>;
export type CodeListView = Schema<'CodeListItems'>;
export type ItemInput = Schema<'CodeListItemInput'>;
export type DayOff = Schema<'DayOff'>;
export type YearCalendar = Schema<'YearCalendar'>;
export type CalendarException = Schema<'CalendarException'>;
export type ExceptionKind = CalendarException['kind'];

const enc = encodeURIComponent;

export const catalogApi = {
  /** The whole organisation chart, pre-order, each agency with its depth. */
  agencies: () => api.get<Schema<'AgencyTree'>>('/api/catalog/agencies/tree'),
  updateAgency: (id: string, body: Schema<'AgencyPatch'>) =>
    api.patch<Agency>(`/api/catalog/agencies/${enc(id)}`, body),

  codeLists: () => api.get<{ items: CodeList[] }>('/api/catalog/code-lists'),
  versions: (code: string) => api.get<{ items: CodeListVersion[] }>(`/api/catalog/code-lists/${enc(code)}/versions`),
  read: (code: string, query: { version?: number; q?: string; limit: number; offset: number }) =>
    api.get<CodeListView>(`/api/catalog/code-lists/${enc(code)}`, query),
  /** A new version from CSV text or JSON items; published at once or kept as a draft. */
  importVersion: (code: string, body: Schema<'CodeListImport'>) =>
    api.post<CodeListVersion>(`/api/catalog/code-lists/${enc(code)}/versions`, body),
  publishVersion: (code: string, version: number) =>
    api.post<CodeListVersion>(`/api/catalog/code-lists/${enc(code)}/versions/${version}/publish`),
  exportFile: (code: string, version: number | undefined, format: 'csv' | 'json') =>
    rawRequest('GET', `/api/catalog/code-lists/${enc(code)}/export`, { query: { version, format } }),

  calendar: (year: number) => api.get<YearCalendar>(`/api/catalog/calendar/years/${year}`),
  exceptions: (year: number) => api.get<Schema<'CalendarExceptionList'>>('/api/catalog/calendar/exceptions', { year }),
  addException: (body: Schema<'NewCalendarException'>) => api.post<CalendarException>('/api/catalog/calendar/exceptions', body),
  removeException: (id: string) => api.delete(`/api/catalog/calendar/exceptions/${enc(id)}`),
};

/** Builds the agency forest from the flat list, keeping the server's order. */
export interface AgencyNode extends AgencyTreeNode {
  children: AgencyNode[];
}

export function agencyTree(agencies: AgencyTreeNode[]): AgencyNode[] {
  const nodes = new Map<string, AgencyNode>(agencies.map((a) => [a.id, { ...a, children: [] }]));
  const roots: AgencyNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
