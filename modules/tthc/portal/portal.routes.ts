import { Type } from 'typebox';
import { errorResponses, type App } from '../../../packages/platform/index.ts';
import type { PortalService } from './portal.service.ts';
import { TAGS as tags } from '../tthc.schemas.ts';

const Name = Type.Object({ name: Type.String(), nameEn: Type.Union([Type.String(), Type.Null()]) });
export const PortalHomeSchema = Type.Object(
  {
    popular: Type.Array(Type.Object({ id: Type.String({ format: 'uuid' }), nationalCode: Type.String(), name: Type.String() })),
    owner: Name,
    serviceCentre: Type.Union([Name, Type.Null()]),
    hotline: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'PortalHome' },
);

/** /portal: what the citizens' home page shows (reference data: cached and revalidated by ETag). */
export function portalRoutes(portal: PortalService) {
  return async (app: App): Promise<void> => {
    app.get(
      '/portal/home',
      {
        config: { access: 'public', cache: 'reference' },
        schema: { operationId: 'getPortalHome', tags, summary: 'The home page: most used procedures, the owning agency and the help line', response: { 200: PortalHomeSchema, ...errorResponses() } },
      },
      async () => portal.home(),
    );
  };
}
