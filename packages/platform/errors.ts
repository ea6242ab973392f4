import { Type } from 'typebox';

/**
 * Domain code throws `AppError`s with a stable dotted code; one Fastify error handler maps
 * them (and framework errors) to the single error body `{ code, message, details?, requestId }`.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const unauthorized = (code = 'auth.required', message = 'Authentication required') => new AppError(401, code, message);
export const forbidden = (code = 'auth.forbidden', message = 'You do not have permission for this action') =>
  new AppError(403, code, message);
export const notFound = (code: string, message: string) => new AppError(404, code, message);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) => new AppError(422, code, message, details);

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
  requestId: string;
}

export const ErrorSchema = Type.Object(
  { code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()), requestId: Type.String() },
  { $id: 'Error', description: 'The one error body of every Sen API' },
);

/** Response schemas for the error statuses a route can return, for the OpenAPI document. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorSchema> {
  return Object.fromEntries([400, 401, 403, ...statuses].map((s) => [s, ErrorSchema]));
}
