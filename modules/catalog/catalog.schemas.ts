import { Type, type Static, type TSchema } from 'typebox';
import { ErrorSchema } from '../../packages/platform/index.ts';
import { AGENCY_KINDS } from './agency.types.ts';

export const TAGS = ['catalog'];

/** Error responses by status, so that each route documents what it can refuse with. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorSchema]));
}

export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10, description: 'Date YYYY-MM-DD (Vietnam)' });
export const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
export const AgencyKindSchema = Type.Union([
  Type.Literal('province'),
  Type.Literal('department'),
  Type.Literal('board'),
  Type.Literal('central'),
  Type.Literal('commune'),
  Type.Literal('service_centre'),
  Type.Literal('other'),
]);
// Keep the schema and the type's list in step.
void (AGENCY_KINDS satisfies readonly Static<typeof AgencyKindSchema>[]);
const Name = Type.String({ minLength: 1, maxLength: 300 });
const NameEn = Type.Union([Type.String({ maxLength: 300 }), Type.Null()]);
const AgencyCode = Type.String({ minLength: 1, maxLength: 64 });

const agencyProperties = {
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  kind: AgencyKindSchema,
  parentId: Type.Union([Type.String(), Type.Null()]),
  placeholder: Type.Boolean({ description: 'Code and/or name are provisional until the official list is imported' }),
  active: Type.Boolean(),
  sortOrder: Type.Integer(),
  version: Type.Integer({ description: 'Send back (or as If-Match) when updating' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};

export const AgencySchema = Type.Object(agencyProperties, { $id: 'Agency' });
export const AgencyTreeNodeSchema = Type.Object({ ...agencyProperties, depth: Type.Integer({ minimum: 0 }) }, { $id: 'AgencyTreeNode' });

export const AgencyListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Search code and names, with or without diacritics' })),
    kind: Type.Optional(AgencyKindSchema),
    parentId: Type.Optional(Uuid),
    active: Type.Optional(Type.Boolean()),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);

export const NewAgencyBody = Type.Object(
  {
    code: AgencyCode,
    name: Name,
    nameEn: Type.Optional(NameEn),
    kind: AgencyKindSchema,
    parentId: Uuid,
    placeholder: Type.Optional(Type.Boolean()),
    active: Type.Optional(Type.Boolean()),
    sortOrder: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 })),
  },
  { $id: 'NewAgency', additionalProperties: false },
);

export const AgencyPatchBody = Type.Object(
  {
    code: Type.Optional(AgencyCode),
    name: Type.Optional(Name),
    nameEn: Type.Optional(NameEn),
    kind: Type.Optional(AgencyKindSchema),
    parentId: Type.Optional(Uuid),
    placeholder: Type.Optional(Type.Boolean()),
    active: Type.Optional(Type.Boolean()),
    sortOrder: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 })),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'Expected current version (alternative to If-Match)' })),
  },
  { $id: 'AgencyPatch', additionalProperties: false, minProperties: 1 },
);

export const AgencyImportBody = Type.Object(
  {
    csv: Type.Optional(Type.String({ maxLength: 900_000, description: 'CSV with header code,name,nameEn,kind,parentCode[,replacesCode]' })),
    rows: Type.Optional(
      Type.Array(
        Type.Object(
          {
            code: AgencyCode,
            name: Type.String({ maxLength: 300 }),
            nameEn: Type.Optional(NameEn),
            kind: Type.String({ maxLength: 20 }),
            parentCode: Type.Optional(Type.Union([AgencyCode, Type.Null()])),
            replacesCode: Type.Optional(Type.Union([AgencyCode, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        { maxItems: 5000 },
      ),
    ),
  },
  { $id: 'AgencyImport', additionalProperties: false },
);

export const ImportResultSchema = Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() }, { $id: 'ImportResult' });

export const FormatQuery = Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('json')], { default: 'json' }) }, { additionalProperties: false });

export const TextDocument = Type.String({ description: 'CSV (text/csv, UTF-8 with BOM) or JSON document' });
