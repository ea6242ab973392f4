/**
 * Field bindings of e-forms to the national databases, as data: a field of a form schema names its
 * national source with the annotation `x-national` (`population.fullName`,
 * `business.enterpriseName`). This file knows which bindings exist, finds them in a schema, and
 * turns a national record into the value the field takes (a code of the shared code list for
 * `x-catalog` fields, "Nam"/"Nữ" for sex, an address on one line).
 *
 * A group of fields that describes the person looked up only in some cases carries a condition,
 * `x-national-if: { binding, equals }` on its object: its bindings apply when the record's value
 * for `binding` is `equals`. The marriage declaration's "Bên nữ" binds when the signed-in
 * person's sex is "Nữ", "Bên nam" when it is "Nam"; the other party's fields stay empty.
 *
 * A field under such a condition may name a second binding, `x-national-otherwise`, read when the
 * condition does not hold: the birth declaration's "father" group is the signed-in person when their
 * sex is "Nam", and otherwise the father's name and id are their spouse's (`population.spouseName`).
 */

export const NATIONAL_SOURCES = ['population', 'business'] as const;
export type NationalSource = (typeof NATIONAL_SOURCES)[number];

/** The national population database's citizen record, as the lookup through LGSP answers it. */
export interface CitizenRecord {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
  birthRegistrationPlace: string;
  homeTown: string;
  ethnicity: string;
  religion: string;
  nationality: string;
  maritalStatus: string;
  permanentResidence: { text: string };
  currentResidence: { text: string };
  /** Asked for with `include` (Luật Căn cước 2023 art. 9(1)); absent from an answer that did not include them. */
  father?: Relative;
  mother?: Relative;
  spouse?: Relative | null;
  temporaryResidence?: { text: string } | null;
  phoneNumber?: string | null;
  email?: string | null;
  idCard?: { issuedOn: string; issuedBy: string } | null;
  placeOfBirth?: string;
}

export interface Relative { fullName: string; personalId: string }

/** A part of the citizen record beyond the core, answered only when the lookup asks for it (`include`). */
export type PopulationPart = 'relatives' | 'temporaryResidence' | 'contact' | 'idCard' | 'placeOfBirth';

/** The business-registration database's enterprise record (the fields forms use). */
export interface EnterpriseRecord {
  code: string;
  name: string;
  internationalName: string | null;
  shortName: string | null;
  typeName: string;
  address: { text: string };
  phone: string;
  email: string | null;
  charterCapitalVnd: number;
  legalRepresentative: { personalId: string; fullName: string; title: string };
  businessLines: { code: string; name: string; main: boolean }[];
  registeredOn: string;
}

type Reader<R> = (record: R) => string | number | null;
const SEX: Record<CitizenRecord['sex'], string> = { male: 'Nam', female: 'Nữ' };
/**
 * The marital status as the declaration states it (Thông tư 04/2020/TT-BTP art. 33): only "never
 * married" is complete from the record; a current or past marriage must be stated with the spouse's
 * name and the certificate, judgment or death record, which the population record does not hold.
 */
const MARITAL_STATUS: Record<string, string> = { single: 'Hiện tại chưa đăng ký kết hôn với ai' };

/** What each binding reads from its record. The ethnicity is a name here; the code list turns it into a code. */
export const POPULATION_FIELDS: Readonly<Record<string, Reader<CitizenRecord>>> = {
  personalId: (r) => r.personalId,
  fullName: (r) => r.fullName,
  dateOfBirth: (r) => r.dateOfBirth,
  sex: (r) => SEX[r.sex],
  ethnicity: (r) => r.ethnicity,
  religion: (r) => r.religion,
  nationality: (r) => r.nationality,
  maritalStatus: (r) => MARITAL_STATUS[r.maritalStatus] ?? null,
  homeTown: (r) => r.homeTown,
  birthRegistrationPlace: (r) => r.birthRegistrationPlace,
  permanentAddress: (r) => r.permanentResidence.text,
  currentAddress: (r) => r.currentResidence.text,
  placeOfBirth: (r) => r.placeOfBirth ?? null,
  temporaryAddress: (r) => r.temporaryResidence?.text ?? null,
  idIssuedOn: (r) => r.idCard?.issuedOn ?? null,
  idIssuedBy: (r) => r.idCard?.issuedBy ?? null,
  fatherName: (r) => r.father?.fullName ?? null,
  fatherPersonalId: (r) => r.father?.personalId ?? null,
  motherName: (r) => r.mother?.fullName ?? null,
  motherPersonalId: (r) => r.mother?.personalId ?? null,
  spouseName: (r) => r.spouse?.fullName ?? null,
  spousePersonalId: (r) => r.spouse?.personalId ?? null,
  phone: (r) => r.phoneNumber ?? null,
  email: (r) => r.email ?? null,
};

/** The part of the record each non-core binding reads: the lookup asks for only the parts a form binds (data minimisation). */
const POPULATION_PARTS: Readonly<Record<string, PopulationPart>> = {
  placeOfBirth: 'placeOfBirth', temporaryAddress: 'temporaryResidence', idIssuedOn: 'idCard', idIssuedBy: 'idCard',
  fatherName: 'relatives', fatherPersonalId: 'relatives', motherName: 'relatives', motherPersonalId: 'relatives',
  spouseName: 'relatives', spousePersonalId: 'relatives', phone: 'contact', email: 'contact',
};

/** The parts of the citizen record that these bindings read (conditions included), sorted. */
export function populationParts(bindings: readonly Binding[]): PopulationPart[] {
  const fields = bindings.flatMap((b) => [
    ...(b.source === 'population' ? [b.field] : []),
    ...(b.otherwise ? [b.otherwise] : []),
    ...(b.when?.binding.startsWith('population.') ? [b.when.binding.slice('population.'.length)] : []),
  ]);
  return [...new Set(fields.flatMap((f) => (POPULATION_PARTS[f] ? [POPULATION_PARTS[f]] : [])))].sort();
}

export const BUSINESS_FIELDS: Readonly<Record<string, Reader<EnterpriseRecord>>> = {
  enterpriseCode: (r) => r.code,
  enterpriseName: (r) => r.name,
  internationalName: (r) => r.internationalName,
  shortName: (r) => r.shortName,
  enterpriseType: (r) => r.typeName,
  headOfficeAddress: (r) => r.address.text,
  phone: (r) => r.phone,
  email: (r) => r.email,
  charterCapital: (r) => r.charterCapitalVnd,
  legalRepresentative: (r) => r.legalRepresentative.fullName,
  legalRepresentativeTitle: (r) => r.legalRepresentative.title,
  legalRepresentativeId: (r) => r.legalRepresentative.personalId,
  mainBusinessLine: (r) => r.businessLines.find((l) => l.main)?.code ?? null,
  registeredOn: (r) => r.registeredOn,
};

/** Every binding name, `source.field`. */
export const NATIONAL_BINDINGS: readonly string[] = [
  ...Object.keys(POPULATION_FIELDS).map((f) => `population.${f}`),
  ...Object.keys(BUSINESS_FIELDS).map((f) => `business.${f}`),
];

export interface Binding {
  /** JSON Pointer of the field, e.g. `/owner/fullName`. */
  pointer: string;
  path: string[];
  source: NationalSource;
  field: string;
  /** The field's shared code list (`x-catalog`), when its value is a code. */
  catalog?: string;
  /** The binding applies only when the record's value for `when.binding` is `when.equals` (`x-national-if` on an enclosing object). */
  when?: Condition;
  /** With `when`: the population field read when the condition does not hold (`x-national-otherwise`). */
  otherwise?: string;
}

/** `x-national-if`: a binding name and the value (as the field would take it) that makes the group the person looked up. */
export interface Condition { binding: string; equals: string }

type Node = {
  properties?: Record<string, unknown>; type?: unknown; 'x-national'?: unknown; 'x-catalog'?: unknown; 'x-national-if'?: unknown; 'x-national-otherwise'?: unknown;
};
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

const isCondition = (value: unknown): value is Condition => isNode(value) && Object.keys(value).length === 2
  && typeof (value as Record<string, unknown>).binding === 'string' && NATIONAL_BINDINGS.includes((value as Record<string, unknown>).binding as string)
  && typeof (value as Record<string, unknown>).equals === 'string';

/** `x-national-otherwise` names a population binding (the same person's record is the only one looked up). */
const isOtherwise = (value: unknown): value is string => typeof value === 'string' && value.startsWith('population.') && NATIONAL_BINDINGS.includes(value);

/** The fields of a form schema bound to a national source, through nested objects (not inside arrays). */
export function bindingsOf(schema: unknown, path: string[] = [], inherited?: Condition): Binding[] {
  if (!isNode(schema)) return [];
  const condition = isCondition(schema['x-national-if']) ? schema['x-national-if'] : inherited;
  const name = schema['x-national'];
  const here: Binding[] = [];
  if (typeof name === 'string' && NATIONAL_BINDINGS.includes(name)) {
    const [source, field] = name.split('.') as [NationalSource, string];
    here.push({
      pointer: pointerOf(path), path, source, field,
      ...(typeof schema['x-catalog'] === 'string' ? { catalog: schema['x-catalog'] } : {}),
      ...(condition ? { when: { binding: condition.binding, equals: condition.equals } } : {}),
      ...(condition && isOtherwise(schema['x-national-otherwise']) ? { otherwise: schema['x-national-otherwise'].slice('population.'.length) } : {}),
    });
  }
  const children = Object.entries(schema.properties ?? {}).flatMap(([key, child]) => bindingsOf(child, [...path, key], condition));
  return [...here, ...children];
}

/**
 * `x-national` values that are not known bindings, malformed `x-national-if` conditions, and
 * `x-national-otherwise` that is not a population binding or stands without a field binding under a
 * condition (the form editor refuses all three).
 */
export function unknownBindings(schema: unknown, path: string[] = [], conditioned = false): { pointer: string; value: unknown; keyword: 'x-national' | 'x-national-if' | 'x-national-otherwise' }[] {
  if (!isNode(schema)) return [];
  const name = schema['x-national'];
  const condition = schema['x-national-if'];
  const otherwise = schema['x-national-otherwise'];
  const under = conditioned || isCondition(condition);
  const here = [
    ...(name !== undefined && (typeof name !== 'string' || !NATIONAL_BINDINGS.includes(name)) ? [{ pointer: pointerOf(path), value: name, keyword: 'x-national' as const }] : []),
    ...(condition !== undefined && !isCondition(condition) ? [{ pointer: pointerOf(path), value: condition, keyword: 'x-national-if' as const }] : []),
    ...(otherwise !== undefined && !(isOtherwise(otherwise) && under && typeof name === 'string')
      ? [{ pointer: pointerOf(path), value: otherwise, keyword: 'x-national-otherwise' as const }] : []),
  ];
  return [...here, ...Object.entries(schema.properties ?? {}).flatMap(([key, child]) => unknownBindings(child, [...path, key], under))];
}

/**
 * The fields a person fills in, for the share report: every leaf of the schema (a string, number,
 * boolean or enum field; an array counts as one field), through nested objects.
 */
export function leafFields(schema: unknown, path: string[] = []): string[] {
  if (!isNode(schema)) return [];
  if (schema.type === 'object' && schema.properties) {
    return Object.entries(schema.properties).flatMap(([key, child]) => leafFields(child, [...path, key]));
  }
  return path.length === 0 ? [] : [pointerOf(path)];
}

export const pointerOf = (path: string[]): string => path.map((p) => `/${p.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/** The value at a path of a form's data (undefined when absent). */
export function valueAt(data: unknown, path: string[]): unknown {
  let value: unknown = data;
  for (const key of path) value = isNode(value) ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/**
 * The value a bound field takes from a record; null when the record has nothing for it, or (for a
 * code-list field) when the name is not an item of the list.
 */
export function readBinding(binding: Binding, records: { population?: CitizenRecord; business?: EnterpriseRecord }, codeOf: (list: string, name: string) => string | undefined): string | number | null {
  if (binding.when && !conditionHolds(binding.when, records)) {
    if (!binding.otherwise) return null;
    return readBinding({ ...binding, source: 'population', field: binding.otherwise, when: undefined, otherwise: undefined } as Binding, records, codeOf);
  }
  const raw = binding.source === 'population'
    ? (records.population ? POPULATION_FIELDS[binding.field]?.(records.population) : null)
    : (records.business ? BUSINESS_FIELDS[binding.field]?.(records.business) : null);
  if (raw === null || raw === undefined || raw === '') return null;
  if (!binding.catalog || typeof raw !== 'string') return raw;
  return codeOf(binding.catalog, raw) ?? null;
}

/**
 * Whether a conditional binding's group describes the person looked up: the record's value for the
 * condition's binding, as a field would take it, equals the condition's value. False without the record.
 */
export function conditionHolds(condition: Condition, records: { population?: CitizenRecord; business?: EnterpriseRecord }): boolean {
  const [source, field] = condition.binding.split('.') as [NationalSource, string];
  const value = source === 'population'
    ? (records.population ? POPULATION_FIELDS[field]?.(records.population) : null)
    : (records.business ? BUSINESS_FIELDS[field]?.(records.business) : null);
  return value !== null && value !== undefined && String(value) === condition.equals;
}
