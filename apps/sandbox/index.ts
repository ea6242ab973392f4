// The sandbox app's single export surface: the server and the synthetic-citizen generator.
export { DEFAULT_ADMIN_TOKEN, defaultSandboxes, startSandbox, type SandboxOptions, type RunningSandbox } from './server.ts';
export { NORMAL_FAULTS, type FaultSettings } from './faults.ts';
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
