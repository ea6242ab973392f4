import { VnpostError, type PostalParty, type PostalService, type VnpostClient } from '../../packages/national/index.ts';
import { AppError, conflict, newId, unprocessable, type Db } from '../../packages/platform/index.ts';
import { postalRepository as repo } from './postal.repository.ts';
import type { ChoiceInput, DeskParty, OrderKind, PostageLine, PostalChoice, PostalOrderView, Recipient, Tracking, WebhookOutcome } from './postal.types.ts';

/** A commune of the province by its administrative-unit code (the shared catalogue), with its province. */
export type CommuneLookup = (code: string) => Promise<{ name: string; province: string } | undefined>;

export interface PostalServiceDeps {
  db: Db;
  client: VnpostClient;
  communes: CommuneLookup;
  /** Where VNPost pushes tracking events: `$PUBLIC_URL/api/postal/webhooks`. */
  webhookUrl: string;
  /** The one-stop desks' contact phone on orders. */
  deskPhone: string;
  now: () => Date;
}

/**
 * What travels: papers are light, so every leg is priced at one weight step of express mail
 * (EMS, 500 g for a pickup of a dossier's papers, 250 g for a result), the same in the quote
 * added to the payment and in the order placed later, so the amount paid is the amount charged.
 */
export const PARCELS: Readonly<Record<OrderKind, { contents: string; weightGrams: number; serviceCode: PostalService; lineCode: string; lineName: string }>> = {
  pickup: {
    contents: 'Hồ sơ thủ tục hành chính', weightGrams: 500, serviceCode: 'EMS',
    lineCode: 'CUOC-BCCI-THU-GOM', lineName: 'Cước dịch vụ bưu chính công ích: thu gom hồ sơ',
  },
  delivery: {
    contents: 'Kết quả giải quyết thủ tục hành chính', weightGrams: 250, serviceCode: 'EMS',
    lineCode: 'CUOC-BCCI-TRA-KQ', lineName: 'Cước dịch vụ bưu chính công ích: trả kết quả',
  },
};

export const POSTAGE_CODES: readonly string[] = [PARCELS.pickup.lineCode, PARCELS.delivery.lineCode];

/** VNPost slow, down or refusing: a 502 with its code, never a 500 with a driver message. */
async function atVnpost<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof VnpostError)) throw error;
    throw new AppError(502, 'postal.provider_error', 'Dịch vụ bưu chính chưa phản hồi, vui lòng thử lại / VNPost did not answer, please try again', { provider: error.code });
  }
}

const legOf = (choice: PostalChoice, kind: OrderKind): boolean => (kind === 'pickup' ? choice.submit === 'post' : choice.receive === 'post');

export function createPostalService(deps: PostalServiceDeps) {
  const { db } = deps;

  const deskParty = (desk: DeskParty, province: string): PostalParty => ({
    name: desk.name.slice(0, 150), phone: deps.deskPhone,
    address: { line: `Bộ phận Một cửa, ${desk.name}`.slice(0, 255), commune: desk.commune.slice(0, 100), province },
  });
  const applicantParty = (recipient: Recipient): PostalParty => ({
    name: recipient.name, phone: recipient.phone, address: { line: recipient.address.line, commune: recipient.address.commune, province: recipient.address.province },
  });
  /** Sender and receiver of a leg: pickup goes from the applicant to the desk, delivery back. */
  const parties = (kind: OrderKind, recipient: Recipient, desk: DeskParty) => {
    const applicant = applicantParty(recipient);
    const office = deskParty(desk, recipient.address.province);
    return kind === 'pickup' ? { sender: applicant, receiver: office } : { sender: office, receiver: applicant };
  };

  async function requireChoice(owner: string, kind: OrderKind): Promise<PostalChoice & { recipient: Recipient }> {
    const choice = await repo.choice(db, owner);
    if (!choice || !legOf(choice, kind) || !choice.recipient) {
      throw conflict('postal.not_chosen', kind === 'pickup'
        ? 'Người nộp không chọn gửi hồ sơ qua bưu chính / The applicant did not choose to send the papers by post'
        : 'Người nộp không chọn nhận kết quả qua bưu chính / The applicant did not choose to receive the result by post', { kind });
    }
    return choice as PostalChoice & { recipient: Recipient };
  }

  return {
    /** Records (or changes) how the applicant sends and receives; a postal way needs a name, a phone and a commune of the catalogue. */
    async setChoice(owner: string, input: ChoiceInput, actor: string): Promise<PostalChoice> {
      const byPost = input.submit === 'post' || input.receive === 'post';
      if (byPost && !input.recipient) throw unprocessable('postal.recipient_required', 'Cần họ tên, số điện thoại và địa chỉ nhận / A name, phone and address are needed for postal service');
      let recipient: Recipient | null = null;
      if (byPost && input.recipient) {
        const commune = await deps.communes(input.recipient.address.communeCode);
        if (!commune) {
          throw unprocessable('postal.unknown_commune', 'Xã, phường không có trong danh mục đơn vị hành chính / The commune is not in the catalogue of administrative units', {
            communeCode: input.recipient.address.communeCode,
          });
        }
        recipient = {
          name: input.recipient.name, phone: input.recipient.phone,
          address: { line: input.recipient.address.line, communeCode: input.recipient.address.communeCode, commune: commune.name, province: commune.province },
        };
      }
      for (const kind of ['pickup', 'delivery'] as const) {
        const placed = await repo.orderRow(db, owner, kind);
        const wanted = kind === 'pickup' ? input.submit === 'post' : input.receive === 'post';
        if (placed && !wanted) throw conflict('postal.order_placed', 'Đã tạo đơn bưu chính, không thể đổi hình thức / A postal order is already placed', { kind });
      }
      return repo.saveChoice(db, { owner, submit: input.submit, receive: input.receive, recipient, updatedBy: actor });
    },

    async choiceOf(owner: string): Promise<PostalChoice | undefined> {
      return repo.choice(db, owner);
    },

    /**
     * Postage to collect with the owner's payment for the legs chosen by post: the pickup's
     * actual fee once placed, otherwise VNPost's quote for the parcel the order will carry.
     * Empty when nothing goes by post.
     */
    async postage(owner: string, desk: DeskParty): Promise<PostageLine[]> {
      const choice = await repo.choice(db, owner);
      const recipient = choice?.recipient;
      if (!choice || !recipient) return [];
      const lines: PostageLine[] = [];
      for (const kind of ['pickup', 'delivery'] as const) {
        if (!legOf(choice, kind)) continue;
        const parcel = PARCELS[kind];
        const placed = await repo.orderRow(db, owner, kind);
        const amount = placed?.feeVnd
          ?? (await atVnpost(() => deps.client.quote({ ...parties(kind, recipient, desk), weightGrams: parcel.weightGrams, serviceCode: parcel.serviceCode }))).feeVnd;
        if (placed?.codVnd) continue; // the postman collects it
        lines.push({ code: parcel.lineCode, name: parcel.lineName, amount, kind: 'fee' });
      }
      return lines;
    },

    /**
     * Places the pickup or delivery order with VNPost (once per owner and kind: a repeat answers
     * the order placed). `collectOnDelivery`: the postage was not paid with the fee, so the
     * postman collects it from the applicant (delivery orders only).
     */
    async placeOrder(owner: string, kind: OrderKind, input: { referenceCode: string; desk: DeskParty; collectOnDelivery: boolean; actor: string }): Promise<PostalOrderView> {
      const existing = (await repo.ordersOf(db, owner)).find((o) => o.kind === kind);
      if (existing) return existing;
      const choice = await requireChoice(owner, kind);
      const parcel = PARCELS[kind];
      const route = parties(kind, choice.recipient, input.desk);
      const collect = kind === 'delivery' && input.collectOnDelivery;
      const quoted = collect ? (await atVnpost(() => deps.client.quote({ ...route, weightGrams: parcel.weightGrams, serviceCode: parcel.serviceCode }))).feeVnd : 0;
      const placed = await atVnpost(() => deps.client.createOrder({
        kind, referenceCode: input.referenceCode, ...route, serviceCode: parcel.serviceCode, callbackUrl: deps.webhookUrl,
        parcel: { contents: parcel.contents, documentCount: 1, weightGrams: parcel.weightGrams }, ...(collect ? { codAmountVnd: quoted } : {}),
      }));
      await repo.insertOrder(db, {
        id: newId(), owner, kind, referenceCode: input.referenceCode, providerOrderId: placed.orderId, trackingNumber: placed.trackingNumber,
        serviceCode: placed.serviceCode, feeVnd: placed.feeVnd, codVnd: placed.codAmountVnd, status: placed.status, statusAt: new Date(placed.createdAt),
        estimatedDeliveryAt: new Date(placed.estimatedDeliveryAt), createdBy: input.actor,
      });
      return (await repo.ordersOf(db, owner)).find((o) => o.kind === kind)!;
    },

    async tracking(owner: string): Promise<Tracking> {
      return { choice: (await repo.choice(db, owner)) ?? null, orders: await repo.ordersOf(db, owner) };
    },

    async ordersOf(owner: string): Promise<PostalOrderView[]> {
      return repo.ordersOf(db, owner);
    },

    /**
     * A tracking webhook: the signature over the raw bytes first (nothing is read before), then
     * the order. Each event is recorded once; one older than the order's current status joins the
     * history without moving the status back.
     */
    async receiveWebhook(rawBody: Buffer, signature: string | undefined): Promise<{ outcome: WebhookOutcome }> {
      const event = deps.client.verifyWebhook(rawBody, signature);
      if (!event) throw new AppError(401, 'postal.bad_signature', 'Chữ ký webhook bưu chính không hợp lệ / Invalid postal webhook signature');
      return db.transaction(async (tx) => {
        const order = await repo.byProviderOrder(tx, event.orderId, true);
        if (!order || order.trackingNumber !== event.trackingNumber) {
          throw unprocessable('postal.unknown_order', 'Sự kiện không thuộc đơn bưu chính nào của Sen / The event names no Sen postal order', { orderId: event.orderId });
        }
        const at = new Date(event.at);
        const inOrder = order.statusAt.getTime() <= at.getTime();
        const recorded = await repo.appendEvent(tx, {
          orderId: order.id, providerEventId: event.eventId, status: event.status, at, location: event.location, note: event.note,
          receivedBy: event.receivedBy ?? null, applied: inOrder,
        });
        if (!recorded) return { outcome: 'duplicate' as const };
        if (inOrder && (await repo.advance(tx, order.id, event.status, at))) return { outcome: 'applied' as const };
        return { outcome: 'out_of_order' as const };
      });
    },
  };
}

export type PostalServiceApi = ReturnType<typeof createPostalService>;
