// A dossier's postal service (GET/PUT /api/tthc/dossiers/:id/postal, POST …/postal/orders); the
// types come from the generated schema.
import { api } from './client.ts';
import type { Schema } from './schemas.ts';

export type PostalChoiceInput = Schema<'PostalChoiceInput'>;
export type PostalChoice = Schema<'PostalChoice'>;
export type PostalOrder = Schema<'PostalOrder'>;
export type PostalTracking = Schema<'PostalTracking'>;
export type SubmitMethod = PostalChoice['submit'];
export type ReceiveMethod = PostalChoice['receive'];
export type PostalStatus = PostalOrder['status'];

export const postalApi = {
  tracking: (dossierId: string) => api.get<PostalTracking>(`/api/tthc/dossiers/${dossierId}/postal`),
  choose: (dossierId: string, choice: PostalChoiceInput) => api.put<PostalTracking>(`/api/tthc/dossiers/${dossierId}/postal`, choice),
  placeOrder: (dossierId: string, kind: Schema<'PostalOrderInput'>['kind']) => api.post<PostalOrder>(`/api/tthc/dossiers/${dossierId}/postal/orders`, { kind }),
};
