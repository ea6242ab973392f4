/**
 * The postal orders a one-stop desk places with Vietnam Post under Decision 45/2016/QĐ-TTg:
 * `pickup` brings an applicant's documents to the desk, `delivery` takes a result back to
 * the applicant. The lifecycle below is what both kinds go through.
 */
export const ORDER_KINDS = ['pickup', 'delivery'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

/** EMS: express mail; BK (bưu kiện): standard parcel. */
export const SERVICE_CODES = ['EMS', 'BK'] as const;
export type ServiceCode = (typeof SERVICE_CODES)[number];

export const ORDER_STATUSES = [
  'created', 'accepted', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'delivery_failed', 'returned', 'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  created: ['accepted', 'cancelled'],
  accepted: ['picked_up', 'cancelled'],
  picked_up: ['in_transit'],
  in_transit: ['out_for_delivery'],
  out_for_delivery: ['delivered', 'delivery_failed'],
  delivery_failed: ['out_for_delivery', 'returned'],
  delivered: [],
  returned: [],
  cancelled: [],
};

/** Once the postman has the documents, the order can no longer be called off. */
export const CANCELLABLE_STATUSES: readonly OrderStatus[] = ['created', 'accepted'];

/** Like the real service, three failed delivery attempts send the item back to the sender. */
export const MAX_DELIVERY_ATTEMPTS = 3;

export const STATUS_LABELS: Readonly<Record<OrderStatus, { vi: string; en: string }>> = {
  created: { vi: 'Đã tạo đơn', en: 'Order created' },
  accepted: { vi: 'Bưu cục đã tiếp nhận', en: 'Accepted by the post office' },
  picked_up: { vi: 'Đã nhận hàng từ người gửi', en: 'Picked up from the sender' },
  in_transit: { vi: 'Đang vận chuyển', en: 'In transit' },
  out_for_delivery: { vi: 'Bưu tá đang đi phát', en: 'Out for delivery' },
  delivered: { vi: 'Phát thành công', en: 'Delivered' },
  delivery_failed: { vi: 'Phát không thành công', en: 'Delivery failed' },
  returned: { vi: 'Đã chuyển hoàn cho người gửi', en: 'Returned to the sender' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
};

export const DEFAULT_NOTES: Readonly<Record<OrderStatus, string>> = {
  created: 'Đơn hàng đã được tạo trên hệ thống',
  accepted: 'Bưu cục đã tiếp nhận yêu cầu và phân công bưu tá',
  picked_up: 'Bưu tá đã nhận hồ sơ, giấy tờ từ người gửi',
  in_transit: 'Đang chuyển tiếp qua trung tâm khai thác',
  out_for_delivery: 'Bưu tá đang đi phát',
  delivered: 'Đã phát thành công cho người nhận',
  delivery_failed: 'Phát không thành công: không liên lạc được người nhận',
  returned: 'Đã chuyển hoàn cho người gửi',
  cancelled: 'Đơn hàng đã bị hủy',
};

export interface PostalAddress {
  line: string;
  commune: string;
  province: string;
}

export interface Party {
  name: string;
  phone: string;
  address: PostalAddress;
}

export interface Parcel {
  contents: string;
  documentCount: number;
  weightGrams: number;
}

/** What a client sends to place an order. */
export interface OrderRequest {
  kind: OrderKind;
  referenceCode: string;
  sender: Party;
  receiver: Party;
  parcel: Parcel;
  serviceCode: ServiceCode;
  codAmountVnd?: number;
  note?: string;
  callbackUrl?: string;
}

export type DistanceClass = 'same_commune' | 'same_province' | 'other_province';

export interface Order extends OrderRequest {
  orderId: string;
  trackingNumber: string;
  customerCode: string;
  status: OrderStatus;
  codAmountVnd: number;
  distanceClass: DistanceClass;
  feeVnd: number;
  createdAt: string;
  updatedAt: string;
  estimatedDeliveryAt: string;
  deliveryAttempts: number;
  deliveredAt?: string;
  receivedBy?: string;
  cancelReason?: string;
}

/** One entry of the tracking history, also the webhook payload. */
export interface TrackingEvent {
  eventId: string;
  orderId: string;
  trackingNumber: string;
  referenceCode: string;
  status: OrderStatus;
  at: string;
  location: string;
  note: string;
  receivedBy?: string;
}

/** Where an order may go from here, given how many delivery attempts it has used. */
export function allowedTransitions(order: Pick<Order, 'status' | 'deliveryAttempts'>): OrderStatus[] {
  const next = TRANSITIONS[order.status];
  if (order.status === 'delivery_failed' && order.deliveryAttempts >= MAX_DELIVERY_ATTEMPTS) return next.filter((s) => s !== 'out_for_delivery');
  return [...next];
}

/** The step an order takes when nobody says otherwise: the happy path, or another attempt. */
export function nextStatus(order: Pick<Order, 'status' | 'deliveryAttempts'>): OrderStatus | undefined {
  return allowedTransitions(order)[0];
}

export const isTerminal = (status: OrderStatus): boolean => TRANSITIONS[status].length === 0;
