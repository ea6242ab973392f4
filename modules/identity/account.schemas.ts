import { Type, type Static } from 'typebox';
import { RESOURCE_SCOPES } from './oidc/resources.ts';

const Uuid = Type.String({ format: 'uuid' });
const strict = { additionalProperties: false } as const;

export const IdParams = Type.Object({ id: Uuid }, strict);
export const AssignmentParams = Type.Object({ id: Uuid, assignmentId: Uuid }, strict);

export const ListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  strict,
);

export const RoleAssignment = Type.Object({
  assignmentId: Uuid,
  roleId: Uuid,
  roleCode: Type.String(),
  roleName: Type.String(),
  agencyId: Uuid,
  agencyName: Type.String(),
  scope: Type.Union([Type.Literal('agency'), Type.Literal('subtree')]),
}, { $id: 'RoleAssignment' });

export const Official = Type.Object({
  id: Uuid,
  username: Type.String(),
  fullName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  agencyId: Type.Union([Uuid, Type.Null()]),
  active: Type.Boolean(),
  locked: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  version: Type.Integer(),
  roles: Type.Array(RoleAssignment),
}, { $id: 'Official' });

export const OfficialPage = Type.Object({ items: Type.Array(Official), total: Type.Integer() }, { $id: 'OfficialPage' });

export const CreateOfficial = Type.Object(
  {
    username: Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-zA-Z0-9._-]+$' }),
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    agencyId: Uuid,
  },
  { ...strict, $id: 'CreateOfficial' },
);
export type CreateOfficial = Static<typeof CreateOfficial>;

export const UpdateOfficial = Type.Object(
  {
    fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    active: Type.Optional(Type.Boolean()),
    version: Type.Integer({ minimum: 1 }),
  },
  { ...strict, $id: 'UpdateOfficial' },
);

export const AssignRole = Type.Object(
  { roleId: Uuid, agencyId: Uuid, scope: Type.Union([Type.Literal('agency'), Type.Literal('subtree')]) },
  { ...strict, $id: 'AssignRole' },
);

const PermissionList = Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 });

export const Role = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  permissions: Type.Array(Type.String()),
  builtIn: Type.Boolean(),
  version: Type.Integer(),
}, { $id: 'Role' });
export const RoleList = Type.Object({ items: Type.Array(Role) }, { $id: 'RoleList' });
export const CreateRole = Type.Object(
  { code: Type.String({ minLength: 2, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' }), name: Type.String({ minLength: 1, maxLength: 200 }), permissions: PermissionList },
  { ...strict, $id: 'CreateRole' },
);
export const UpdateRole = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), permissions: Type.Optional(PermissionList), version: Type.Integer({ minimum: 1 }) },
  { ...strict, $id: 'UpdateRole' },
);

export const PermissionListResponse = Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), description: Type.String() })) }, { $id: 'PermissionList' });

export const Me = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('official'), Type.Literal('citizen')]),
  displayName: Type.String(),
  username: Type.Optional(Type.String()),
  personalIdMasked: Type.Optional(Type.String()),
  enterpriseCode: Type.Optional(Type.String()),
  totpEnabled: Type.Boolean(),
  grants: Type.Array(
    Type.Object({ agencyId: Uuid, agencyName: Type.String(), scope: Type.String(), roleCode: Type.String(), roleName: Type.String(), permissions: Type.Array(Type.String()) }),
  ),
  permissions: Type.Array(Type.String()),
}, { $id: 'Me' });

export const TotpEnrolment = Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrDataUrl: Type.String() }, { $id: 'TotpEnrolment' });
export const TotpCode = Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }, { ...strict, $id: 'TotpCode' });

export const CreateServiceClient = Type.Object(
  {
    clientId: Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    agencyId: Uuid,
    permissions: PermissionList,
    scopes: Type.Optional(Type.Array(Type.Union(RESOURCE_SCOPES.map((scope) => Type.Literal(scope))), {
      minItems: 1, uniqueItems: true,
      description: 'OAuth 2 scopes the client may obtain: `api` (the Sen API, resource …/api) and/or `lgsp` (the LGSP gateway, resource …/lgsp). Default `api`.',
    })),
  },
  { ...strict, $id: 'CreateServiceClient' },
);
export const ServiceClientCreated = Type.Object({
  clientId: Type.String(),
  name: Type.String(),
  agencyId: Uuid,
  permissions: Type.Array(Type.String()),
  scopes: Type.Array(Type.String()),
  clientSecret: Type.String({ description: 'Shown once; store it in the calling system.' }),
}, { $id: 'ServiceClientCreated' });

export const KeyRotated = Type.Object({ kid: Type.String() }, { $id: 'KeyRotated' });
