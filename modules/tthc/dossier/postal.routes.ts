import { errorResponses, type App } from '../../../packages/platform/index.ts';
import { ChoiceBody, OrderBody, PostalOrderSchema, TrackingSchema } from '../../postal/index.ts';
import type { DossierPostal } from './dossier.postal.ts';
import { IdParams } from './dossier.schemas.ts';

const tags = ['tthc'];
const PURPOSE = 'handling an administrative-procedure dossier';

/** A dossier's postal service: the applicant's choice, the desk's orders, the tracking both see. */
export function dossierPostalRoutes(postal: DossierPostal) {
  return async function routes(app: App): Promise<void> {
    app.get('/dossiers/:id/postal', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'getDossierPostal', tags, summary: 'How the papers come and the result goes (online, desk, post), with the postal orders and their tracking',
        params: IdParams, response: { 200: TrackingSchema, ...errorResponses(404) },
      },
    }, async (request) => postal.tracking(request.principal, request.params.id));

    app.put('/dossiers/:id/postal', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'chooseDossierPostal', tags,
        summary: 'The applicant (or the desk) chooses how to submit the papers and receive the result; a pickup by post is ordered from VNPost at once',
        params: IdParams, body: ChoiceBody, response: { 200: TrackingSchema, ...errorResponses(404, 409, 422, 502) },
      },
    }, async (request) => {
      const tracking = await postal.choose(request.principal, request.params.id, request.body);
      await request.audit({
        action: 'tthc.dossier.postal_choice', target: `/api/tthc/dossiers/${request.params.id}/postal`, purpose: PURPOSE,
        details: { submit: request.body.submit, receive: request.body.receive },
      });
      return tracking;
    });

    app.post('/dossiers/:id/postal/orders', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'placeDossierPostalOrder', tags,
        summary: 'The desk places the pickup (papers awaited) or the delivery (result ready) with VNPost; repeating answers the order placed',
        params: IdParams, body: OrderBody, response: { 201: PostalOrderSchema, ...errorResponses(404, 409, 502) },
      },
    }, async (request, reply) => {
      const order = await postal.placeOrder(request.principal, request.params.id, request.body.kind);
      await request.audit({
        action: 'tthc.dossier.postal_order', target: `/api/tthc/dossiers/${request.params.id}/postal`, purpose: PURPOSE,
        details: { kind: order.kind, trackingNumber: order.trackingNumber },
      });
      return reply.code(201).send(order);
    });
  };
}
