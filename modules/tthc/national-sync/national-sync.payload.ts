import type { DvcqgDossier } from '../../../packages/national/index.ts';
import { endOfVietnamDay } from '../../../packages/platform/index.ts';
import type { Dossier } from '../dossier/dossier.types.ts';

/**
 * The portal's view of a dossier at one synced status (field map: docs/dvcqg-sync.md). Times
 * after the status's own time are left out, so an early status sent late still describes the
 * dossier as it was then. Result links (always the current ones) point at Sen's authenticated
 * download (`PUBLIC_URL`).
 */
export interface SyncPoint {
  nationalStatus: number;
  statusAt: Date;
}

/** At least four digits hidden: `087******234`; the full id never leaves Sen. */
export function maskPersonalId(id: string): string {
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 6)}${id.slice(-3)}`;
}

function applicantOf(dossier: Dossier): DvcqgDossier['applicant'] {
  const a = dossier.applicant;
  if (a.kind === 'organisation') {
    return { type: 'enterprise', name: a.organisationName ?? a.fullName, ...(a.enterpriseCode ? { enterpriseCode: a.enterpriseCode } : {}) };
  }
  return { type: 'citizen', name: a.fullName, ...(a.personalId ? { personalIdMasked: maskPersonalId(a.personalId) } : {}) };
}

/** The code the portal knows the dossier by: its own for dossiers it pushed here, else Sen's. */
export const portalDossierCode = (dossier: Pick<Dossier, 'channel' | 'externalCode' | 'code'>): string =>
  dossier.channel === 'dvcqg' && dossier.externalCode ? dossier.externalCode : dossier.code;

export function portalDossier(dossier: Dossier, agency: { code: string; name: string }, point: SyncPoint, publicUrl: string): DvcqgDossier {
  const until = point.statusAt.getTime();
  const known = (time: string | null): string | undefined => (time && Date.parse(time) <= until ? time : undefined);
  const receivedAt = known(dossier.receivedAt);
  const completedAt = known(dossier.finishedAt);
  const results = dossier.files.filter((f) => f.kind === 'result')
    .map((f) => ({ name: f.fileName, url: `${publicUrl}/api/tthc/dossiers/${dossier.id}/files/${f.id}` }));
  return {
    procedureCode: dossier.procedureCode,
    procedureName: dossier.procedureName,
    agencyCode: agency.code,
    agencyName: agency.name,
    applicant: applicantOf(dossier),
    channel: dossier.channel,
    submittedAt: dossier.submittedAt,
    ...(receivedAt ? { receivedAt } : {}),
    ...(receivedAt && dossier.dueDate ? { dueAt: endOfVietnamDay(dossier.dueDate).toISOString() } : {}),
    ...(completedAt ? { completedAt } : {}),
    status: point.nationalStatus,
    statusAt: point.statusAt.toISOString(),
    ...(results.length > 0 ? { results } : {}),
  };
}
