import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from '../../packages/platform/index.ts';

/** The content types of the module's downloads. */
export const EXPORT_CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
} as const;
export type ExportFormat = keyof typeof EXPORT_CONTENT_TYPES;

export interface Export {
  format: ExportFormat;
  fileName: string;
  body: Buffer | string;
  /** Every download of figures is audited (issue 12: exports are audited). */
  audit: { action: string; target: string; purpose: string; details?: Record<string, unknown> };
}

/** One way out for the module's files (statistics workbook/PDF, periodic report, a panel's data): audited, typed, named. */
export async function sendExport(request: FastifyRequest, reply: FastifyReply, file: Export): Promise<FastifyReply> {
  await request.audit(file.audit);
  return reply.header('content-type', EXPORT_CONTENT_TYPES[file.format]).header('content-disposition', contentDisposition(file.fileName)).send(file.body);
}
