import { loadConfig, migrate, openConfiguredDatabase, type Config, type Database } from '../../packages/platform/index.ts';
import type { Platform } from './app.ts';

/** For a command that needs the whole platform: the configured database, migrated, the platform built on it; both closed afterwards. */
export async function withPlatform<T>(work: (platform: Platform, database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    const { buildApp } = await import('./app.ts');
    const platform = await buildApp(config, database);
    try {
      return await work(platform, database, config);
    } finally {
      await platform.app.close();
    }
  } finally {
    await database.close();
  }
}
