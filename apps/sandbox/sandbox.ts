import type { FastifyInstance } from 'fastify';

/**
 * One national-system sandbox mounted in the sandbox server under its own base path.
 * Later sandboxes (population, business registry, DVCQG, payments, ...) implement the same shape.
 */
export interface Sandbox {
  /** Path segment, e.g. `vneid` → served under `/vneid`. */
  name: string;
  title: string;
  /** English line for the index page. */
  titleEn: string;
  description: string;
  /** Registers routes; called with the Fastify instance already scoped to `/<name>`. */
  register(app: FastifyInstance): Promise<void>;
  /** Called once the server listens, with the public base URL of this sandbox (`<publicUrl>/<name>`). */
  start(baseUrl: string): Promise<void>;
  /** Useful links for the index page, relative to the base URL. */
  links: { label: string; path: string }[];
}
