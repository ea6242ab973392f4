// A dossier's postal service (GET/PUT /api/tthc/dossiers/:id/postal, POST …/postal/orders).
// Written by hand after modules/postal/postal.schemas.ts until the generated schema
// (openapi.json) includes them.
import { api } from './client.ts';

export type SubmitMethod = 'online' | 'desk' | 'post';
export type ReceiveMethod = 'desk' | 'online' | 'post';
export type PostalStatus = 'created' | 'accepted' | 'picked_up' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'delivery_failed' | 'returned' | 'cancelled';

export interface PostalChoiceInput {
  submit: SubmitMethod;
  receive: ReceiveMethod;
  recipient?: { name: string; phone: string; address: { line: string; communeCode: string } };
}

export interface PostalChoice {
  submit: SubmitMethod;
  receive: ReceiveMethod;
  recipient: { name: string; phone: string; address: { line: string; communeCode: string; commune: string; province: string } } | null;
  updatedAt: string;
}

export interface PostalOrder {
  id: string;
  kind: 'pickup' | 'delivery';
  referenceCode: string;
  trackingNumber: string;
  serviceCode: 'EMS' | 'BK';
  feeVnd: number;
  codVnd: number;
  status: PostalStatus;
  statusAt: string;
  estimatedDeliveryAt: string | null;
  createdAt: string;
  events: { status: PostalStatus; at: string; location: string; note: string; receivedBy: string | null }[];
}

export interface PostalTracking {
  choice: PostalChoice | null;
  orders: PostalOrder[];
}

export const postalApi = {
  tracking: (dossierId: string) => api.get<PostalTracking>(`/api/tthc/dossiers/${dossierId}/postal`),
  choose: (dossierId: string, choice: PostalChoiceInput) => api.put<PostalTracking>(`/api/tthc/dossiers/${dossierId}/postal`, choice),
  placeOrder: (dossierId: string, kind: 'pickup' | 'delivery') => api.post<PostalOrder>(`/api/tthc/dossiers/${dossierId}/postal/orders`, { kind }),
};
