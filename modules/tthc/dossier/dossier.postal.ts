import { actorOf, conflict, type Principal } from '../../../packages/platform/index.ts';
import { PARCELS, type ChoiceInput, type PostalChoice, type PostalOrderView, type PostalServiceApi, type Tracking } from '../../postal/index.ts';
import type { PaymentRequest } from '../../payment/index.ts';
import type { DossierDeps } from './dossier.deps.ts';
import { dossierOwner } from './dossier.payment.ts';
import { DOSSIER_PERMISSIONS as P, isApplicantOf, requirePermission } from './dossier.policies.ts';
import { STATUS_INFO, type DossierStatus } from './dossier.status.ts';
import type { Dossier } from './dossier.types.ts';

/**
 * Postal service for dossiers through the postal module's door (modules/postal): the applicant
 * chooses how the papers come (online, at the desk, by a VNPost pickup) and how the result goes
 * back (desk, online, by post); the desk places the pickup and delivery orders; the postage of
 * the legs by post is added to the dossier's fee request (or collected by the postman when no fee
 * was asked for); applicant and officials read the tracking.
 */
export type PostalDoor = Pick<PostalServiceApi, 'setChoice' | 'choiceOf' | 'postage' | 'placeOrder' | 'tracking' | 'ordersOf'>;

/** While the papers may still come by post. */
const PICKUP_STATUSES: readonly DossierStatus[] = ['submitted', 'supplement_requested', 'awaiting_payment'];

const unavailable = () => conflict('dossier.postal_unavailable', 'Chưa kết nối dịch vụ bưu chính / Postal service is not available');

/** The desk at the dossier's end of an order: its name and the ward, commune or province it serves. */
async function deskOf(deps: DossierDeps, dossier: Dossier) {
  const desk = await deps.catalog.getAgency(dossier.deskAgencyId);
  const unit = await deps.catalog.administrativeUnitOf(dossier.deskAgencyId);
  return { name: desk.name, commune: unit?.name ?? desk.name };
}

/** Postage lines to add to a fee request: the legs by post, unless an earlier request already carries them. */
export async function postageToAdd(deps: DossierDeps, dossier: Dossier, earlier: PaymentRequest[]): Promise<{ code: string; name: string; amount: number; kind: 'fee' }[]> {
  if (!deps.postal) return [];
  const carried = new Set(earlier.filter((r) => r.status !== 'cancelled').flatMap((r) => r.lines.map((l) => l.code)));
  const lines = await deps.postal.postage(dossierOwner(dossier.id), await deskOf(deps, dossier));
  return lines.filter((line) => !carried.has(line.code));
}

/** A return by post needs the delivery order placed (where postal service is wired): its tracking number joins the history. */
export async function postalReturn(deps: DossierDeps, dossier: Dossier, method: string): Promise<{ trackingNumber?: string }> {
  if (method !== 'post' || !deps.postal) return {};
  const delivery = (await deps.postal.ordersOf(dossierOwner(dossier.id))).find((o) => o.kind === 'delivery');
  if (!delivery) throw conflict('dossier.postal_order_missing', 'Cần tạo đơn gửi kết quả qua bưu chính trước / Place the postal delivery order first');
  return { trackingNumber: delivery.trackingNumber };
}

export function createDossierPostal(deps: DossierDeps, dossiers: { get(principal: Principal, id: string): Promise<Dossier> }) {
  const door = (): PostalDoor => deps.postal ?? (() => { throw unavailable(); })();

  return {
    /** The choice and the orders with their tracking, for whoever may read the dossier. */
    async tracking(principal: Principal, id: string): Promise<Tracking> {
      const dossier = await dossiers.get(principal, id);
      return door().tracking(dossierOwner(dossier.id));
    },

    /** The applicant (or the desk) says how the papers come and the result goes; a pickup by post is ordered at once. */
    async choose(principal: Principal, id: string, input: ChoiceInput): Promise<Tracking> {
      const dossier = await dossiers.get(principal, id);
      if (!isApplicantOf(principal, dossier)) await requirePermission(deps.catalog, principal, P.receive, dossier.deskAgencyId);
      if (STATUS_INFO[dossier.status].final) {
        throw conflict('dossier.action_not_allowed', 'Hồ sơ đã kết thúc / The dossier is closed', { status: dossier.status });
      }
      const postal = door();
      const owner = dossierOwner(dossier.id);
      const choice: PostalChoice = await postal.setChoice(owner, input, actorOf(principal));
      if (choice.submit === 'post' && PICKUP_STATUSES.includes(dossier.status)) {
        await postal.placeOrder(owner, 'pickup', { referenceCode: dossier.code, desk: await deskOf(deps, dossier), collectOnDelivery: false, actor: actorOf(principal) });
      }
      return postal.tracking(owner);
    },

    /**
     * The desk places an order: the pickup while the papers are awaited, the delivery once the
     * result is ready to return. The postman collects the delivery's postage when it was not paid
     * with a fee request.
     */
    async placeOrder(principal: Principal, id: string, kind: 'pickup' | 'delivery'): Promise<PostalOrderView> {
      const dossier = await dossiers.get(principal, id);
      await requirePermission(deps.catalog, principal, P.receive, dossier.deskAgencyId);
      const allowed = kind === 'pickup' ? PICKUP_STATUSES.includes(dossier.status) : dossier.status === 'ready_to_return';
      if (!allowed) throw conflict('dossier.action_not_allowed', 'Chưa đến lúc tạo đơn bưu chính này / Not the time for this postal order', { status: dossier.status, kind });
      const paid = deps.payments ? await deps.payments.forOwner(dossierOwner(dossier.id)) : [];
      const postagePaid = paid.some((r) => r.status === 'paid' && r.lines.some((l) => l.code === PARCELS[kind].lineCode));
      return door().placeOrder(dossierOwner(dossier.id), kind, {
        referenceCode: dossier.code, desk: await deskOf(deps, dossier), collectOnDelivery: !postagePaid, actor: actorOf(principal),
      });
    },
  };
}

export type DossierPostal = ReturnType<typeof createDossierPostal>;
