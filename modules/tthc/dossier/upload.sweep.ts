import { sql } from 'drizzle-orm';
import { queryRows, type BlobStore, type Db, type JobHandler, type RecurringJob } from '../../../packages/platform/index.ts';

/**
 * Uploads nobody attached: a file uploaded for a filing that was never completed stays in the
 * holding table. Once older than the retention (default 24 h) and not kept by a saved draft,
 * the row goes, and its blob too unless another upload or a dossier file has the same content
 * (blobs are content-addressed) or an e-data store document holds it. Runs hourly through the recurring-job scheduler.
 */
export const UPLOAD_SWEEP_QUEUE = 'tthc.upload-sweep';
export const UPLOAD_SWEEP: RecurringJob = { name: 'tthc.upload-sweep', queue: UPLOAD_SWEEP_QUEUE, everySeconds: 3600 };

export function uploadSweeper(db: Db, blobs: BlobStore, options: { retentionHours?: number } = {}): JobHandler {
  const hours = options.retentionHours ?? 24;
  return async () => {
    const swept = await queryRows<{ blob_key: string }>(db, sql`
      delete from tthc.uploads u
      where u.created_at < now() - make_interval(hours => ${hours})
        and not exists (select 1 from tthc.drafts d, jsonb_array_elements(d.files) f where f->>'uploadId' = u.id::text)
      returning u.blob_key`);
    const keys = [...new Set(swept.map((r) => r.blob_key))];
    if (keys.length === 0) return;
    const kept = await queryRows<{ blob_key: string }>(db, sql`
      select blob_key from tthc.uploads where blob_key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})
      union select blob_key from tthc.dossier_files where blob_key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})
      union select file_sha256 from tthc.store_documents where file_sha256 in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`);
    const keep = new Set(kept.map((r) => r.blob_key));
    for (const key of keys) if (!keep.has(key)) await blobs.delete(key);
  };
}
