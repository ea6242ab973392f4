/**
 * Every procedure seeded at start-up (provenance and the unverified numbers are noted beside each
 * one in civil-procedures.ts and licensing-procedures.ts).
 */
import { CIVIL_PROCEDURES } from './civil-procedures.ts';
import type { SeedProcedure } from './common.ts';
import { LICENSING_PROCEDURES } from './licensing-procedures.ts';

export type { SeedProcedure, SeedProcessKey } from './common.ts';
export const SEED_PROCEDURES: SeedProcedure[] = [...CIVIL_PROCEDURES, ...LICENSING_PROCEDURES];
