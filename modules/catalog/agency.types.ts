/**
 * `service_centre`: a Public Administration Service Centre (provincial or commune, Decree
 * 118/2025/NĐ-CP), which receives dossiers of any procedure in the province and returns results.
 */
export const AGENCY_KINDS = ['province', 'department', 'board', 'central', 'commune', 'service_centre', 'other'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface Agency {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: AgencyKind;
  parentId: string | null;
  placeholder: boolean;
  active: boolean;
  sortOrder: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AgencyListQuery {
  q?: string | undefined;
  kind?: AgencyKind | undefined;
  parentId?: string | undefined;
  active?: boolean | undefined;
  limit: number;
  offset: number;
}

export interface AgencyPage {
  items: Agency[];
  total: number;
  limit: number;
  offset: number;
}

export interface NewAgency {
  code: string;
  name: string;
  nameEn?: string | null | undefined;
  kind: AgencyKind;
  parentId: string;
  placeholder?: boolean | undefined;
  active?: boolean | undefined;
  sortOrder?: number | undefined;
}

export interface AgencyPatch {
  code?: string | undefined;
  name?: string | undefined;
  nameEn?: string | null | undefined;
  kind?: AgencyKind | undefined;
  parentId?: string | undefined;
  placeholder?: boolean | undefined;
  active?: boolean | undefined;
  sortOrder?: number | undefined;
}

/** One row of the official list, as imported from CSV or JSON. */
export interface AgencyImportRow {
  code: string;
  name: string;
  nameEn?: string | null | undefined;
  kind: string;
  parentCode?: string | null | undefined;
  /** The provisional code of the seeded row this official row replaces. */
  replacesCode?: string | null | undefined;
}

export interface ImportRowError {
  row: number;
  field?: string;
  message: string;
}

export interface AgencyImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** An agency in the tree listing: pre-order, with its depth below the root (root = 0). */
export interface AgencyTreeNode extends Agency {
  depth: number;
}
