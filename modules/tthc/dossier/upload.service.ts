import { fileTypeFromBuffer } from 'file-type';
import { actorOf, forbidden, holdsPermission, newId, unauthorized, unprocessable, type BlobStore, type Db, type Principal } from '../../../packages/platform/index.ts';
import { uploadRepository } from './upload.repository.ts';

/**
 * Attachments arrive here first: refused when too large, of a type the one-stop desk does not
 * take, or when the bytes are not what the declared type says (a renamed executable is not a
 * PDF). Accepted bytes go to the content-addressed blob store.
 */
export const ACCEPTED_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
};

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface UploadView {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}

/**
 * Who may upload: an applicant (a citizen files and supplements their own dossiers), or an
 * official or system that files at the counter or handles dossiers. Holding some unrelated
 * permission (a reporting client) is not enough.
 */
export const UPLOAD_PERMISSIONS = ['dossier.receive', 'dossier.process'] as const;

function mayUpload(principal: Principal): boolean {
  if (principal.kind === 'user' && principal.userType === 'citizen') return true;
  return UPLOAD_PERMISSIONS.some((p) => holdsPermission(principal, p));
}

export function createUploadService(db: Db, blobs: BlobStore) {
  return {
    async accept(principal: Principal, file: { fileName: string; declaredType: string; bytes: Buffer }): Promise<UploadView> {
      if (principal.kind === 'anonymous') throw unauthorized();
      if (!mayUpload(principal)) throw forbidden('upload.forbidden', `Tải tệp lên cần quyền ${UPLOAD_PERMISSIONS.join(' hoặc ')} / Uploading needs ${UPLOAD_PERMISSIONS.join(' or ')}`);
      const declared = file.declaredType.split(';')[0]!.trim().toLowerCase();
      if (!(declared in ACCEPTED_TYPES)) {
        throw unprocessable('upload.type_not_accepted', `Chỉ nhận tệp ${Object.values(ACCEPTED_TYPES).join(', ')} / File type not accepted`, { declaredType: declared });
      }
      if (file.bytes.byteLength === 0) throw unprocessable('upload.empty', 'Tệp rỗng / The file is empty');
      if (file.bytes.byteLength > MAX_UPLOAD_BYTES) {
        throw unprocessable('upload.too_large', `Tệp vượt quá ${MAX_UPLOAD_BYTES / 1024 / 1024} MB / File too large`, { maxBytes: MAX_UPLOAD_BYTES });
      }
      const detected = await fileTypeFromBuffer(file.bytes);
      if (detected?.mime !== declared) {
        throw unprocessable('upload.content_mismatch', 'Nội dung tệp không đúng với loại tệp khai báo / The content does not match the declared type', {
          declaredType: declared, detectedType: detected?.mime ?? null,
        });
      }
      // Path separators and control characters never reach a stored name (or a download header).
      const fileName = [...file.fileName].map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch)).join('').slice(0, 200) || 'tep-dinh-kem';
      const stored = await blobs.put(file.bytes);
      const id = newId();
      await uploadRepository.insert(db, { id, owner: actorOf(principal), blobKey: stored.sha256, fileName, contentType: declared, size: stored.size });
      return { id, fileName, contentType: declared, size: stored.size };
    },
  };
}

export type UploadService = ReturnType<typeof createUploadService>;
