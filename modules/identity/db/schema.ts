import { bigint, boolean, date, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const identity = pgSchema('identity');

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

/** Officials, citizens and business representatives: everyone who signs in as a person. */
export const users = identity.table(
  'users',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: ['official', 'citizen'] }).notNull(),
    /** Officials sign in with a username; citizens have none. */
    username: text('username'),
    fullName: text('full_name').notNull(),
    /** The official's home agency (catalog module id); it scopes who may manage the account. */
    agencyId: uuid('agency_id'),
    email: text('email'),
    /** Citizens (and business representatives) are linked by their 12-digit personal id number. */
    personalId: text('personal_id'),
    /** Set when the person signed in as the legal representative of an enterprise. */
    enterpriseCode: text('enterprise_code'),
    /** What VNeID said at the last sign-in, to prefill applications: date of birth, phone, residence. */
    birthDate: date('birth_date', { mode: 'string' }),
    phone: text('phone'),
    residence: jsonb('residence').$type<{ line: string; commune?: string | undefined; province?: string | undefined }>(),
    passwordHash: text('password_hash'),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    /** Sealed with the master key (`identity.totp:<user id>`); see account.service.ts. */
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** Last TOTP time step accepted, so a code cannot be replayed. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username), uniqueIndex('users_personal_id_uq').on(t.personalId), index('users_kind_idx').on(t.kind)],
);

/** A role bundles permissions (codes from permissions.ts). */
export const roles = identity.table('roles', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  permissions: jsonb('permissions').$type<string[]>().notNull(),
  builtIn: boolean('built_in').notNull().default(false),
  version: integer('version').notNull().default(1),
  ...timestamps,
});

/** An official holds a role within an agency: that agency only, or that agency and its children. */
export const roleAssignments = identity.table(
  'role_assignments',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'restrict' }),
    /** An agency of the catalog module (plain id, no cross-schema foreign key). */
    agencyId: uuid('agency_id').notNull(),
    scope: text('scope', { enum: ['agency', 'subtree'] }).notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex('role_assignments_uq').on(t.userId, t.roleId, t.agencyId), index('role_assignments_user_idx').on(t.userId)],
);

/** Information systems that call Sen with client credentials; the secret is shown once. */
export const serviceClients = identity.table('service_clients', {
  clientId: text('client_id').primaryKey(),
  name: text('name').notNull(),
  /** `sha256:<hex>` of the client secret (oidc/client-secrets.ts); the secret itself is never stored. */
  secretHash: text('secret').notNull(),
  agencyId: uuid('agency_id').notNull(),
  permissions: jsonb('permissions').$type<string[]>().notNull(),
  /** OAuth 2 scopes the client may obtain (oidc/resources.ts). */
  scopes: jsonb('scopes').$type<string[]>().notNull().default(['api']),
  /** A resource server (the LGSP gateway) may introspect tokens issued to other clients. */
  resourceServer: boolean('resource_server').notNull().default(false),
  active: boolean('active').notNull().default(true),
  ...timestamps,
});

/** Everything the OIDC provider persists (sessions, grants, codes, tokens), shared by replicas. */
export const oidcPayloads = identity.table(
  'oidc_payloads',
  {
    id: text('id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    grantId: text('grant_id'),
    userCode: text('user_code'),
    uid: text('uid'),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    consumedAt: timestamp('consumed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.type, t.id] }),
    index('oidc_payloads_grant_idx').on(t.grantId),
    index('oidc_payloads_uid_idx').on(t.uid),
    index('oidc_payloads_expires_idx').on(t.expiresAt),
  ],
);

/** Signing keys of the provider (private JWKs) and other generated secrets; rotated, never deleted while in use. */
export const keys = identity.table('keys', {
  kid: text('kid').primaryKey(),
  use: text('use', { enum: ['sig', 'cookie'] }).notNull(),
  material: jsonb('material').notNull(),
  createdAt: timestamps.createdAt,
  /** A retired key no longer signs; it stays published until `removeAfter` so tokens it signed verify. */
  retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
});
