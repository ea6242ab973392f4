/**
 * modules/postal — the public postal service for one-stop desks (Decision 45/2016/QĐ-TTg):
 * the applicant's choice of sending papers and receiving results by post, pickup and delivery
 * orders placed with VNPost (the sandbox on one machine) with their S10 tracking numbers, the
 * tracking history from VNPost's signed webhooks, and the postage owed. Owners (tthc dossiers)
 * are plain references `<module>:<kind>:<id>`; the owner checks who may see or act. This file
 * is the module's only door.
 */
import { createVnpostClient } from '../../packages/national/index.ts';
import type { ModuleContext, ModuleRoutes, OutboundCalls } from '../../packages/platform/index.ts';
import { postalRoutes } from './postal.routes.ts';
import { createPostalService, type CommuneLookup, type PostalServiceApi } from './postal.service.ts';

export type {
  ChoiceInput, DeskParty, OrderKind, PostageLine, PostalChoice, PostalOrderView, ReceiveMethod, Recipient, SubmitMethod, Tracking, WebhookOutcome,
} from './postal.types.ts';
export type { CommuneLookup, PostalServiceApi } from './postal.service.ts';
export { PARCELS, POSTAGE_CODES } from './postal.service.ts';
export { communesOfCatalog } from './communes.ts';
export { ChoiceBody, ChoiceSchema, OrderBody, PostalOrderSchema, TrackingSchema } from './postal.schemas.ts';

export interface PostalDependencies {
  communes: CommuneLookup;
  outbound?: OutboundCalls;
  now?: () => Date;
}

export interface PostalModule {
  /** What owners call: choices, postage, orders, tracking. */
  service: PostalServiceApi;
  routes: ModuleRoutes;
}

export function createPostalModule(ctx: ModuleContext, deps: PostalDependencies): PostalModule {
  const { vnpost } = ctx.config;
  const client = createVnpostClient({
    apiUrl: vnpost.apiUrl, clientId: vnpost.clientId, clientSecret: vnpost.clientSecret, webhookSecret: vnpost.webhookSecret, outbound: deps.outbound,
  });
  const service = createPostalService({
    db: ctx.db, client, communes: deps.communes, webhookUrl: `${ctx.config.publicUrl}/api/postal/webhooks`, deskPhone: vnpost.senderPhone,
    now: deps.now ?? (() => new Date()),
  });
  return { service, routes: postalRoutes(service) };
}
