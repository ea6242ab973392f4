/**
 * modules/signing — digital signatures of results (PAdES B-T with a visible stamp), their
 * verification for everyone, and the results registry. This file is the module's only door.
 */
import { createSecretBox, type BlobStore, type ModuleContext, type ModuleRoutes } from '../../packages/platform/index.ts';
import { createAgencyKeys, type AgencyKeys } from './agency-keys.ts';
import { createResultRegistry, type ResultRegistry } from './registry.service.ts';
import { createSigningService, trustedRootsFrom, type SigningService } from './signing.service.ts';
import { signingRoutes } from './signing.routes.ts';
import { tsaClient as tsa } from './sign-pdf.ts';
export { signPdf, localSigner, tsaClient } from './sign-pdf.ts';
export type { DocumentSigner, TimeStamper } from './cms.ts';
export { verifyPdf, type SignatureCheck, type VerificationReport, type VerifyOptions } from './verify-pdf.ts';
export type { RevocationCheck } from './ocsp.ts';
export { certificateStatus } from './ocsp.ts';
export { UnsupportedPdfError } from './pdf/pdf-file.ts';
export { MalformedPdfError } from './pdf/pdf-values.ts';
export { stampLines, type StampText } from './pdf/stamp.ts';
export type { PlaceholderOptions as SignOptions } from './pdf/signature-field.ts';

export type { AgencyIdentity, AgencyKeys } from './agency-keys.ts';
export type { NewResult, ResultKind, ResultQuery, ResultRegistry, ResultStatus, ResultView } from './registry.service.ts';
export { MANAGE_PERMISSION as RESULT_MANAGE_PERMISSION, RESULT_KINDS } from './registry.service.ts';
export type { SignedFile, SigningService, SignRequest, Verification } from './signing.service.ts';
export { stampTime } from './signing.service.ts';

export interface SigningDependencies {
  blobs: BlobStore;
  agencies: { agencyAncestors(id: string): Promise<string[]> };
  now?: () => Date;
}

export interface SigningModule {
  service: SigningService;
  registry: ResultRegistry;
  keys: AgencyKeys;
  routes: ModuleRoutes;
}

export function createSigningModule(ctx: ModuleContext, deps: SigningDependencies): SigningModule {
  const { db, config } = ctx;
  const now = deps.now ?? (() => new Date());
  const settings = config.signing;
  const trustedRoots = trustedRootsFrom(settings.trustedRootUrl);
  const keys = createAgencyKeys(db, createSecretBox(config.masterKey), { apiUrl: settings.caApiUrl, clientId: settings.caClientId, apiKey: settings.caApiKey }, trustedRoots, now);
  const registry = createResultRegistry(db, deps.blobs, (id) => deps.agencies.agencyAncestors(id), now);
  const verificationUrl = (code: string) => `${config.publicUrl}/xac-minh?ma=${encodeURIComponent(code)}`;
  const service = createSigningService({ keys, registry, blobs: deps.blobs, timeStamp: tsa(settings.tsaUrl), trustedRoots, now, verificationUrl });
  return { service, registry, keys, routes: signingRoutes(service, registry) };
}
