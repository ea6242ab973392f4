// The sandbox app's single export surface: the server, the synthetic data and each sandbox.
export { DEFAULT_ADMIN_TOKEN, defaultSandboxes, startSandbox, type SandboxOptions, type RunningSandbox } from './server.ts';
export { NORMAL_FAULTS, type FaultSettings } from './faults.ts';
export { setSandboxFaults } from './faults-admin.ts';
export type { Sandbox, SandboxContext, SandboxFactory } from './sandbox.ts';
export { DEFAULT_VNEID_CLIENT, VNEID_SCOPES, type VneidClient } from './vneid/provider.ts';
export {
  DEFAULT_SEED, REFERENCE_DATE, SEARCH_SPACE, citizens, citizenById, generateCitizen, listCitizens, personalIdForIndex, searchCitizens,
  type Citizen, type CitizenDirectory, type MaritalStatus,
} from './citizens/generator.ts';
export { BIRTH_PROVINCES, isValidPersonalId, parsePersonalId, type PersonalIdParts, type Sex } from './citizens/personal-id.ts';
export { enterpriseCheckDigit, generateEnterpriseCode, isValidEnterpriseCode } from './citizens/enterprise-code.ts';
export type { Address } from './citizens/places.ts';
export type { Ethnicity } from './citizens/names.ts';
export { ENTERPRISE_COUNT, enterprises, type Enterprise, type EnterpriseDirectory } from './enterprises/generator.ts';

// Each sandbox's factory and default credentials (Sen's configuration mirrors these), and the
// signature checks Sen's receivers share with the sandboxes that sign.
export { DEFAULT_POPULATION_CLIENTS, populationSandbox } from './population/sandbox.ts';
export { DEFAULT_BUSINESS_CLIENTS, businessRegistrySandbox } from './business/sandbox.ts';
export { DEFAULT_NDXP_MEMBERS, DEFAULT_NDXP_SERVICES, NDXP_PROVINCE_LGSP_ID, ndxpSandbox, type NdxpMember, type NdxpService } from './ndxp/sandbox.ts';
export { DEFAULT_DVCQG_CLIENTS, type DvcqgClient } from './dvcqg/clients.ts';
export { DVCQG_DOSSIER_STATUSES } from './dvcqg/statuses.ts';
export { signDvcqgPayload, verifyDvcqgSignature } from './dvcqg/signature.ts';
export { dvcqgSandbox, type DvcqgOptions } from './dvcqg/sandbox.ts';
export {
  DEFAULT_PAYMENT_MERCHANTS, paymentRequestHeaders, paymentSandbox, signPaymentRequest, verifyPaymentNotification, verifyPaymentReturn,
  verifyReconciliationFile, type PaymentMerchant, type PaymentOptions,
} from './payment/sandbox.ts';
export { DEFAULT_VNPOST_CLIENTS, isValidS10, verifyVnpostSignature, vnpostSandbox, type VnpostClient, type VnpostOptions } from './vnpost/sandbox.ts';
export { DEFAULT_MAIL_USERS, mailSandbox, type MailMessage } from './mail/sandbox.ts';
export { DEFAULT_SMS_CLIENTS, smsSandbox, type SmsClient } from './sms/sandbox.ts';
export { DEFAULT_VAPEX_CLIENTS, vapexSandbox, type VapexClient } from './vapex/sandbox.ts';
export { CIVIL_NAMESPACE, CIVIL_OPERATIONS, civilSoapSandbox, civilWsdl } from './civil/sandbox.ts';
export { CA_POLICY_OID, DEFAULT_CA_CLIENTS, TSA_POLICY_OID, caSandbox, type CaOptions } from './ca/sandbox.ts';
// Helpers for tests that sign with the CA sandbox's certificates (real HTTP to a started CA).
export {
  caCertificate, issue as issueCaCertificate, revoke as revokeCaCertificate, startCa, type Issued as IssuedCaCertificate, type StartedCa,
} from './ca/test-support.ts';
