import { X509Certificate, randomUUID } from 'node:crypto';
import { actorOf, badRequest, conflict, notFound, type Principal } from '../../packages/platform/index.ts';
import type { subsystemCertificates } from './db/schema.ts';
import type { LgspRepository } from './lgsp.repository.ts';
import type { RegistryService } from './registry.service.ts';

/**
 * The client certificates that authenticate a subsystem over the gateway's mutual TLS (decision
 * 0035): its administrator registers the certificate the CA issued (never its key); the gateway
 * finds the subsystem by the certificate's SHA-256 fingerprint and asks the CA whether it is revoked.
 */

export interface SubsystemCertificate {
  id: string;
  subsystemId: string;
  fingerprint: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  registeredBy: string;
  createdAt: string;
}

/** SHA-256 of the DER certificate, lowercase hex without colons (Node prints `AB:CD:…`). */
export const certificateFingerprint = (certificate: X509Certificate): string => certificate.fingerprint256.replaceAll(':', '').toLowerCase();

const toCertificate = (row: typeof subsystemCertificates.$inferSelect): SubsystemCertificate => ({
  id: row.id, subsystemId: row.subsystemId, fingerprint: row.fingerprint, subject: row.subject, issuer: row.issuer, serialNumber: row.serialNumber,
  notBefore: row.notBefore.toISOString(), notAfter: row.notAfter.toISOString(), registeredBy: row.registeredBy, createdAt: row.createdAt.toISOString(),
});

/** One PEM certificate of an end entity, nothing else (a private key pasted by mistake is refused, not stored). */
function parseCertificate(pem: string): X509Certificate {
  const blocks = pem.match(/-----BEGIN [A-Z0-9 ]+-----/g) ?? [];
  if (blocks.length !== 1 || blocks[0] !== '-----BEGIN CERTIFICATE-----') {
    throw badRequest('lgsp.invalid_certificate', 'Give exactly one PEM certificate (BEGIN CERTIFICATE), without a key or chain', { field: 'certificatePem' });
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    throw badRequest('lgsp.invalid_certificate', 'The certificate could not be read', { field: 'certificatePem' });
  }
  if (certificate.ca) throw badRequest('lgsp.invalid_certificate', 'A CA certificate cannot authenticate a subsystem', { field: 'certificatePem' });
  return certificate;
}

export function createCertificateService(repo: LgspRepository, registry: RegistryService, now: () => Date) {
  async function managed(principal: Principal, subsystemId: string) {
    const subsystem = await repo.subsystem(subsystemId);
    if (!subsystem) throw notFound('lgsp.subsystem_not_found', 'No such subsystem');
    const member = await repo.member(subsystem.memberId);
    if (!member) throw notFound('lgsp.member_not_found', 'No such member');
    await registry.requireManage(principal, member.agencyId);
    return subsystem;
  }
  return {
    async register(principal: Principal, subsystemId: string, pem: string): Promise<SubsystemCertificate> {
      await managed(principal, subsystemId);
      const certificate = parseCertificate(pem);
      if (new Date(certificate.validTo) <= now()) throw badRequest('lgsp.certificate_expired', `The certificate expired on ${new Date(certificate.validTo).toISOString()}`, { field: 'certificatePem' });
      const created = await repo.insertCertificate({
        id: randomUUID(), subsystemId, fingerprint: certificateFingerprint(certificate), subject: certificate.subject.replaceAll('\n', ', '), issuer: certificate.issuer.replaceAll('\n', ', '),
        serialNumber: certificate.serialNumber.toLowerCase(), notBefore: new Date(certificate.validFrom), notAfter: new Date(certificate.validTo),
        certificatePem: certificate.toString(), registeredBy: actorOf(principal),
      });
      if (!created) throw conflict('lgsp.certificate_taken', 'This certificate is already registered for a subsystem');
      return toCertificate(created);
    },
    async list(principal: Principal, subsystemId: string): Promise<SubsystemCertificate[]> {
      await managed(principal, subsystemId);
      return (await repo.certificatesOf(subsystemId)).map(toCertificate);
    },
    async remove(principal: Principal, subsystemId: string, certificateId: string): Promise<void> {
      await managed(principal, subsystemId);
      if (!(await repo.deleteCertificate(subsystemId, certificateId))) throw notFound('lgsp.certificate_not_found', 'No such certificate on this subsystem');
    },
  };
}

export type CertificateService = ReturnType<typeof createCertificateService>;
