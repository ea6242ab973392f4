import type { Config } from './config.ts';
import type { Db } from './db/connection.ts';
import type { App } from './http.ts';
import type { Listen } from './notify.ts';

/** What the composition root hands every module. */
export interface ModuleContext {
  db: Db;
  config: Config;
  /** LISTEN/NOTIFY on the module's database (signals between replicas), for modules that need it. */
  listen?: Listen;
}

/** A module's routes, mounted by the composition root under the module's prefix. */
export type ModuleRoutes = (app: App) => Promise<void>;
