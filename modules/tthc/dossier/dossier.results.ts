import { vietnamDate, type Principal, type Tx } from '../../../packages/platform/index.ts';
import type { NewResult, SigningModule } from '../../signing/index.ts';
import type { DossierDeps } from './dossier.deps.ts';
import { dossierRepository } from './dossier.repository.ts';
import type { Dossier } from './dossier.types.ts';

/**
 * "Approves and signs in one action": when a leader's transition ends processing with the
 * result approved, each PDF result file attached to the dossier is signed (PAdES B-T, the
 * approving agency's key, the leader's name on the stamp) before anything is written, and the
 * signed results are recorded in the results registry in the same transaction as the approval.
 * A signature that cannot be made (CA or TSA down, a PDF that cannot be signed) refuses the
 * approval: nothing is half done. tthc reaches signing only through its door.
 */
export type ResultSigningDoor = Pick<SigningModule, 'service' | 'registry'>;

export interface SignedResult {
  fileId: string;
  blobKey: string;
  size: number;
  entry: NewResult;
}

const PDF = 'application/pdf';

export async function signApprovedResults(deps: DossierDeps, principal: Principal, dossier: Dossier, agencyId: string, now: Date): Promise<SignedResult[]> {
  const results = deps.results;
  const files = dossier.files.filter((f) => f.kind === 'result' && f.contentType === PDF);
  if (!results || files.length === 0) return [];
  const agency = await deps.catalog.getAgency(agencyId);
  const context = await deps.procedures.offeringContext(dossier.offeringId);
  const signerName = principal.kind === 'user' ? principal.displayName : agency.name;
  const signed: SignedResult[] = [];
  for (const [index, file] of files.entries()) {
    const stored = await dossierRepository.fileBlob(deps.db, dossier.id, file.id);
    const pdf = stored && (await deps.blobs.get(stored.blobKey));
    if (!pdf) continue;
    const code = results.registry.newCode();
    const done = await results.service.signForAgency({
      pdf, agency: { id: agency.id, code: agency.code, name: agency.name }, signerName, reason: `Phê duyệt kết quả giải quyết hồ sơ ${dossier.code}`, resultCode: code,
    });
    signed.push({
      fileId: file.id, blobKey: done.sha256, size: done.bytes.length,
      entry: {
        code,
        number: files.length > 1 ? `${dossier.code}/${index + 1}` : dossier.code,
        kind: 'decision',
        title: context?.procedure.name ?? file.fileName,
        holderName: dossier.applicant.kind === 'organisation' ? dossier.applicant.organisationName ?? dossier.applicant.fullName : dossier.applicant.fullName,
        holderId: (dossier.applicant.kind === 'organisation' ? dossier.applicant.enterpriseCode : dossier.applicant.personalId) ?? null,
        agencyId: agency.id, agencyName: agency.name,
        // An unconfirmed national code never reaches a registry that citizens read.
        procedureCode: context && !context.procedure.verification?.unverified.includes('nationalCode') ? context.procedure.nationalCode : null,
        source: `tthc:dossier:${dossier.id}`,
        issuedAt: now, validFrom: vietnamDate(now), validUntil: null,
        public: false,
        fileSha256: done.sha256, fileName: file.fileName, signatures: 1,
      },
    });
  }
  return signed;
}

/** Inside the approval's transaction: the result files point at their signed versions, and the registry has them. */
export async function recordSignedResults(deps: DossierDeps, tx: Tx, dossierId: string, signed: SignedResult[]): Promise<string[]> {
  const codes: string[] = [];
  for (const result of signed) {
    await dossierRepository.replaceFileBlob(tx, dossierId, result.fileId, { blobKey: result.blobKey, size: result.size });
    codes.push((await deps.results!.registry.record(tx, result.entry)).code);
  }
  return codes;
}
