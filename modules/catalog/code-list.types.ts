export interface CodeList {
  code: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  extendable: boolean;
  createdAt: string;
  updatedAt: string;
}

export type VersionStatus = 'draft' | 'published';

export interface CodeListVersion {
  listCode: string;
  version: number;
  status: VersionStatus;
  /** First day the version applies (Vietnam date). */
  effectiveFrom: string;
  /** First day it no longer applies (the next version's effectiveFrom); null while current. */
  effectiveTo: string | null;
  publishedAt: string | null;
  note: string | null;
  itemCount: number;
}

export interface CodeListItem {
  code: string;
  name: string;
  nameEn: string | null;
  parentCode: string | null;
  sortOrder: number;
  extra: Record<string, unknown>;
}

export interface CodeListSummary extends CodeList {
  /** The version in force on the requested date, if any. */
  current: CodeListVersion | null;
}

export interface CodeListView {
  list: CodeList;
  version: CodeListVersion;
  items: CodeListItem[];
  total: number;
  /** Strong entity tag of this exact response content. */
  etag: string;
}

export interface CodeListReadQuery {
  at?: string | undefined;
  version?: number | undefined;
  q?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface ItemInput {
  code: string;
  name: string;
  nameEn?: string | null | undefined;
  parentCode?: string | null | undefined;
  sortOrder?: number | undefined;
  extra?: Record<string, unknown> | undefined;
}

export interface VersionImport {
  csv?: string | undefined;
  items?: ItemInput[] | undefined;
  effectiveFrom: string;
  publish: boolean;
  note?: string | undefined;
}

export interface NewCodeList {
  code: string;
  name: string;
  nameEn?: string | null | undefined;
  description?: string | null | undefined;
  extendable?: boolean | undefined;
}

/** An entry of the `administrative-units` list: "Xã Tân Hồng" (code 29926), "Tỉnh Đồng Tháp" (82). */
export interface AdministrativeUnit {
  code: string;
  name: string;
  level: 'province' | 'commune';
}
