/** HTTP helpers shared by the catalogue's routes: ETags and the expected version of a write. */
import { Type } from 'typebox';
import { AppError } from '../../../packages/platform/index.ts';

export const etagOf = (version: number) => `"v${version}"`;
export const IfMatchHeaders = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 100 })) });

/**
 * The version a write expects: `If-Match: "v3"` (the ETag of GET) or a bare number, or `version`
 * in the body; both must agree when both are sent. Weak validators are not accepted for writes.
 */
export function expectedVersion(header: string | undefined, bodyVersion: number | undefined): number {
  let fromHeader: number | undefined;
  if (header) {
    const m = /^\s*"v?(\d{1,9})"\s*$/.exec(header) ?? /^\s*(\d{1,9})\s*$/.exec(header);
    if (!m) throw new AppError(400, 'tthc.if_match_invalid', 'If-Match must be the ETag returned by GET (for example "v3")');
    fromHeader = Number(m[1]);
  }
  if (fromHeader !== undefined && bodyVersion !== undefined && fromHeader !== bodyVersion) throw new AppError(400, 'tthc.if_match_invalid', 'If-Match and version disagree');
  const expected = fromHeader ?? bodyVersion;
  if (expected === undefined) throw new AppError(428, 'tthc.precondition_required', 'Send If-Match (the ETag from GET) or version');
  return expected;
}
