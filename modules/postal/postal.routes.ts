import { AppError, errorResponses, keepRawJsonBody, rawBodyOf, type App } from '../../packages/platform/index.ts';
import { TAGS, WebhookAckSchema } from './postal.schemas.ts';
import type { PostalServiceApi } from './postal.service.ts';

/** VNPost's tracking webhook: signed over the exact bytes, so they are kept. */
export function postalRoutes(postal: PostalServiceApi) {
  return async function routes(app: App): Promise<void> {
    await app.register(async (scope) => {
      keepRawJsonBody(scope, 64 * 1024);
      (scope as App).post('/webhooks', {
        config: { access: 'public' },
        schema: {
          operationId: 'receivePostalWebhook', tags: TAGS,
          summary: 'Tracking event from VNPost (X-VNPost-Signature = HMAC-SHA256 of the raw body); each event once, an older one never moves the status back',
          response: { 200: WebhookAckSchema, ...errorResponses(422) },
        },
      }, async (request) => {
        const signature = request.headers['x-vnpost-signature'];
        try {
          return await postal.receiveWebhook(rawBodyOf(request), typeof signature === 'string' ? signature : undefined);
        } catch (error) {
          const eventId = request.headers['x-vnpost-event-id'];
          if (error instanceof AppError) request.log.warn({ code: error.code, eventId: typeof eventId === 'string' ? eventId.slice(0, 64) : undefined }, 'postal webhook refused');
          throw error;
        }
      });
    });
  };
}
