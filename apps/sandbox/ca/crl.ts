import type { Signer } from './hierarchy.ts';
import { OID, RSA_SHA256, addDays, asn1js, wholeSeconds, x509 } from './pki.ts';

export interface RevokedEntry {
  serialNumber: string;
  revokedAt: Date;
  /** RFC 5280 reason code; 0 (unspecified) is left out of the entry, as RFC 5280 5.3.1 asks. */
  reasonCode: number;
}

/** A CRL is re-signed when half its validity has passed, so a fetched one is never stale. */
const REFRESH_AFTER_MS = 12 * 3_600_000;

/**
 * One CA's CRL: re-signed on every revocation (and when it ages) with thisUpdate, nextUpdate
 * one day later and a CRL number that only grows. Generations run one after another so the
 * newest CRL always holds every revocation made before it.
 */
export class CrlPublisher {
  readonly #signer: Signer;
  readonly #entries: () => RevokedEntry[];
  #number = 0;
  #latest: Promise<x509.X509Crl> | undefined;

  constructor(signer: Signer, entries: () => RevokedEntry[]) {
    this.#signer = signer;
    this.#entries = entries;
  }

  /** Signs a new CRL after any generation already under way. */
  publish(): Promise<x509.X509Crl> {
    const previous = this.#latest ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(() => this.#generate());
    this.#latest = next;
    return next;
  }

  async current(now = new Date()): Promise<x509.X509Crl> {
    const crl = await (this.#latest ?? this.publish());
    if (now.getTime() - crl.thisUpdate.getTime() < REFRESH_AFTER_MS) return crl;
    return this.publish();
  }

  async #generate(): Promise<x509.X509Crl> {
    this.#number += 1;
    const thisUpdate = wholeSeconds(new Date());
    const issuer = this.#signer.certificate;
    return x509.X509CrlGenerator.create({
      issuer: issuer.subjectName,
      thisUpdate,
      nextUpdate: addDays(thisUpdate, 1),
      signingKey: this.#signer.privateKey,
      signingAlgorithm: RSA_SHA256,
      extensions: [
        await x509.AuthorityKeyIdentifierExtension.create(issuer.publicKey),
        new x509.Extension(OID.crlNumber, false, new asn1js.Integer({ value: this.#number }).toBER(false)),
      ],
      entries: this.#entries().map((entry) => ({
        serialNumber: entry.serialNumber,
        revocationDate: entry.revokedAt,
        ...(entry.reasonCode === 0 ? {} : { reason: entry.reasonCode }),
      })),
    });
  }
}
