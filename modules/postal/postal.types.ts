import type { PostalService, PostalStatus } from '../../packages/national/index.ts';
import type { RecipientRow } from './db/schema.ts';

export type SubmitMethod = 'online' | 'desk' | 'post';
export type ReceiveMethod = 'desk' | 'online' | 'post';
export type OrderKind = 'pickup' | 'delivery';
export type Recipient = RecipientRow;

/** What the applicant chose; the recipient (name, phone, address) is required when either way is by post. */
export interface PostalChoice {
  submit: SubmitMethod;
  receive: ReceiveMethod;
  recipient: Recipient | null;
  updatedAt: string;
}

export interface ChoiceInput {
  submit: SubmitMethod;
  receive: ReceiveMethod;
  recipient?: { name: string; phone: string; address: { line: string; communeCode: string } };
}

/** The one-stop desk at the other end of an order. */
export interface DeskParty {
  name: string;
  /** The ward or commune the desk is in ("Xã Tân Hồng"), or the province for provincial desks. */
  commune: string;
}

export interface TrackingEntry {
  status: PostalStatus;
  at: string;
  location: string;
  note: string;
  receivedBy: string | null;
}

export interface PostalOrderView {
  id: string;
  kind: OrderKind;
  referenceCode: string;
  trackingNumber: string;
  serviceCode: PostalService;
  feeVnd: number;
  codVnd: number;
  status: PostalStatus;
  statusAt: string;
  estimatedDeliveryAt: string | null;
  createdAt: string;
  /** Oldest first, by when it happened at VNPost. */
  events: TrackingEntry[];
}

export interface Tracking {
  choice: PostalChoice | null;
  orders: PostalOrderView[];
}

/** A postage line to add to the owner's payment (code, name, amount in VND). */
export interface PostageLine {
  code: string;
  name: string;
  amount: number;
  kind: 'fee';
}

export type WebhookOutcome = 'applied' | 'out_of_order' | 'duplicate';
