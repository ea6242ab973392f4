import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { CitizenDirectory } from './citizens/generator.ts';
import type { Faults } from './faults.ts';
import type { SecurityRequirement, SecurityScheme } from './openapi.ts';

/**
 * One national-system sandbox mounted in the sandbox server under its own base path
 * (`/<name>`). The server gives every sandbox the same machinery: fault injection on its
 * routes, the admin-token guard on any `/_admin/` route, and its own OpenAPI document at
 * `/<name>/openapi.json` built from its route schemas.
 */
export interface Sandbox {
  /** Path segment, e.g. `population` → served under `/population`. */
  name: string;
  title: string;
  /** English line for the index page. */
  titleEn: string;
  description: string;
  /** Registers routes; called with the Fastify instance already scoped to `/<name>`. */
  register(app: FastifyInstance): Promise<void>;
  /**
   * Called once the server listens, with the public base URL of this sandbox
   * (`<publicUrl>/<name>`) and the URL of the same base on the listening socket, for calls
   * between sandboxes that must not depend on the public URL being reachable from inside.
   */
  start?(baseUrl: string, localBaseUrl: string): Promise<void>;
  /** Called when the server closes (stop extra listeners such as SMTP, timers). */
  stop?(): Promise<void>;
  /** How its callers authenticate, for its OpenAPI document (the admin token is added for every sandbox). */
  securitySchemes?: Record<string, SecurityScheme>;
  /** The security of its `/api/…` routes that carry no credential header (bearer-token APIs). */
  apiSecurity?: SecurityRequirement[];
  /** Useful links for the index page, relative to the base URL. */
  links: { label: string; path: string }[];
}

/** What the server hands every sandbox factory. */
export interface SandboxContext {
  seed: string;
  /** The synthetic population (10,000 listed citizens; any valid id answers). */
  citizens: CitizenDirectory;
  /** Fault settings, for sandboxes with non-HTTP listeners (SMTP) that apply faults themselves. */
  faults: Faults;
  /** Interface the server listens on, for extra listeners. */
  host: string;
  log: FastifyBaseLogger;
}

/** A sandbox is built from the shared context; its own options are closed over by the factory. */
export type SandboxFactory = (context: SandboxContext) => Sandbox;

/**
 * Routes for testers rather than for the imitated system's clients (inbox pages, payment
 * pages a person clicks): never faulted. Mark a route with `config: TESTER_ROUTE`.
 */
export const TESTER_ROUTE = { tester: true } as const;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route for people testing (pages, inboxes): never faulted. */
    tester?: boolean;
  }
}
