// The platform's single export surface: infrastructure only, no business rules.
export * from './config.ts';
export * from './errors.ts';
export * from './ids.ts';
export * from './auth.ts';
export * from './audit.ts';
export * from './http.ts';
export * from './openapi.ts';
export * from './db/connection.ts';
export * from './db/migrate.ts';
export * as platformSchema from './db/schema.ts';
export * from './module.ts';
export * from './rate-limit.ts';
export * from './jobs.ts';
export * from './blobs.ts';
export * from './idempotency.ts';
export * from './time.ts';
export * from './memo.ts';
export * from './secrets.ts';
