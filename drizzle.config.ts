import { defineConfig } from 'drizzle-kit';

// One migration history for the whole platform; each module's tables live in its own Postgres schema.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./packages/platform/db/schema.ts', './modules/*/db/schema.ts'],
  out: './migrations',
});
