import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from 'typebox';
import { createHttpApp, migrationsApplied, ping, type App, type Config, type Database } from '../../packages/platform/index.ts';
import { anonymous } from '../../packages/platform/index.ts';

export interface BuiltApp {
  app: App;
}

export const API_INFO = {
  title: 'Sen API',
  version: '0.1.0',
  description: 'Sen — the provincial digital-government platform of Dong Thap. Errors share one body: {code, message, details?, requestId}.',
};

/** The composition root: builds the whole platform from its modules. */
export async function buildApp(config: Config, database: Database): Promise<BuiltApp> {
  const { db } = database;
  const app = createHttpApp({
    db,
    logLevel: config.logLevel,
    bodyLimitBytes: config.bodyLimitBytes,
    authenticate: async () => anonymous,
    publicPrefixes: ['/api/docs'],
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: API_INFO,
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/health',
    { config: { access: 'public' }, schema: { tags: ['platform'], summary: 'Liveness', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Readiness: database reachable and migrations applied',
        response: {
          200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }),
          503: Type.Object({ status: Type.Literal('not_ready'), database: Type.Boolean(), migrations: Type.Boolean() }),
        },
      },
    },
    async (_request, reply) => {
      const reachable = await ping(db);
      const migrated = reachable && (await migrationsApplied(db));
      if (reachable && migrated) return { status: 'ready' as const, database: database.kind };
      return reply.status(503).send({ status: 'not_ready' as const, database: reachable, migrations: migrated });
    },
  );

  return { app };
}
