import { Type } from 'typebox';

/** Route schemas of the postal module; tthc's dossier routes reuse the choice and tracking shapes. */
export const TAGS = ['postal'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const oneOf = <const T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

export const SUBMIT_METHODS = ['online', 'desk', 'post'] as const;
export const RECEIVE_METHODS = ['desk', 'online', 'post'] as const;
const STATUSES = ['created', 'accepted', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'delivery_failed', 'returned', 'cancelled'] as const;

/** Same pattern as VNPost's: mobile 03x–09x or landline 02xx, national or +84 form. */
const Phone = Type.String({ maxLength: 15, pattern: '^(?:\\+84|84|0)(?:[35789][0-9]{8}|2[0-9]{9})$', description: 'Vietnamese phone number, e.g. 0912345678' });

export const ChoiceBody = Type.Object({
  submit: oneOf(SUBMIT_METHODS),
  receive: oneOf(RECEIVE_METHODS),
  recipient: Type.Optional(Type.Object({
    name: Text(150),
    phone: Phone,
    address: Type.Object({
      line: Text(255),
      communeCode: Type.String({ pattern: '^\\d{5}$', description: "Code of the ward or commune in the shared catalogue 'administrative-units'" }),
    }, { additionalProperties: false }),
  }, { additionalProperties: false, description: 'Required when either way is by post' })),
}, { $id: 'PostalChoiceInput', additionalProperties: false });

const RecipientSchema = Type.Object({
  name: Type.String(), phone: Type.String(),
  address: Type.Object({ line: Type.String(), communeCode: Type.String(), commune: Type.String(), province: Type.String() }),
});

export const ChoiceSchema = Type.Object({
  submit: oneOf(SUBMIT_METHODS), receive: oneOf(RECEIVE_METHODS), recipient: Nullable(RecipientSchema), updatedAt: Type.String(),
}, { $id: 'PostalChoice' });

const EventSchema = Type.Object({ status: oneOf(STATUSES), at: Type.String(), location: Type.String(), note: Type.String(), receivedBy: Nullable(Type.String()) });

export const PostalOrderSchema = Type.Object({
  id: Type.String(), kind: oneOf(['pickup', 'delivery'] as const), referenceCode: Type.String(), trackingNumber: Type.String({ description: 'UPU S10, e.g. EB123456785VN' }),
  serviceCode: oneOf(['EMS', 'BK'] as const), feeVnd: Type.Integer(), codVnd: Type.Integer({ description: 'Collected by the postman (postage not paid with the fee)' }),
  status: oneOf(STATUSES), statusAt: Type.String(), estimatedDeliveryAt: Nullable(Type.String()), createdAt: Type.String(),
  events: Type.Array(EventSchema, { description: 'Oldest first' }),
}, { $id: 'PostalOrder' });

export const TrackingSchema = Type.Object({ choice: Nullable(ChoiceSchema), orders: Type.Array(PostalOrderSchema) }, { $id: 'PostalTracking' });

export const OrderBody = Type.Object({ kind: oneOf(['pickup', 'delivery'] as const) }, { $id: 'PostalOrderInput', additionalProperties: false });

export const WebhookAckSchema = Type.Object({ outcome: oneOf(['applied', 'out_of_order', 'duplicate'] as const) }, { $id: 'PostalWebhookAck' });
