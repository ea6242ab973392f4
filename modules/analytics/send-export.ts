import type { FastifyReply, FastifyRequest } from 'fastify';

/** The content types of the module's downloads. */
export const EXPORT_CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
} as const;
export type ExportFormat = keyof typeof EXPORT_CONTENT_TYPES;

/**
 * `attachment` with an ASCII file name for old clients and the UTF-8 original as `filename*`
 * (RFC 6266 with the RFC 5987 encoding), so a Vietnamese name survives the download.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

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
  return reply.header('content-type', EXPORT_CONTENT_TYPES[file.format]).header('content-disposition', attachmentDisposition(file.fileName)).send(file.body);
}
