import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows, type Principal } from '../../packages/platform/index.ts';
import {
  DEFAULT_SEED, NDXP_PROVINCE_LGSP_ID, businessRegistrySandbox, citizens, enterprises, generateCitizen, ndxpSandbox, populationSandbox,
  startSandbox, type RunningSandbox, setSandboxFaults, type FaultSettings,
} from '../sandbox/index.ts';
import { freePort } from './start.ts';
import { adminToken, createTestPlatform, officialToken, type TestPlatform } from './testing.ts';
import { NATIONAL_SERVICES, registerOnceOnly } from './once-only.ts';
import { prefillShares } from './once-only-report.ts';

/**
 * Once-only data over real HTTP: tthc calls the LGSP gateway as its own client subsystem (a
 * client-credentials token for the gateway, the purpose, the citizen's X-Road-UserId), LGSP
 * forwards through the NDXP sandbox to the population and business-registration sandboxes.
 */

const HOUSEHOLD_FORM = 'giay-de-nghi-dang-ky-ho-kinh-doanh';
const ENTERPRISE_FORM = 'thu-nghiem-thong-tin-doanh-nghiep';
interface LogRow { message_id: string; client: string | null; service: string | null; status: number; purpose: string | null; user_id: string | null }
interface Answer { id: string; formKey: string; fields: { pointer: string; value: string | number; source: string; fetchedAt: string; messageId: string }[]; missing: { pointer: string; reason: string }[] }

describe('once-only data: e-form prefill through LGSP → NDXP', () => {
  let sandbox: RunningSandbox;
  let t: TestPlatform;
  let citizen: Principal;
  let representative: Principal;
  let desk: string;
  const person = generateCitizen(DEFAULT_SEED, 3);
  const stranger = generateCitizen(DEFAULT_SEED, 5);
  const enterprise = enterprises(DEFAULT_SEED, citizens(DEFAULT_SEED)).list(0, 1)[0]!;

  const legs = async (messageId: string) => {
    await t.modules.lgsp.messageLog.flush();
    return queryRows<LogRow>(t.database.db, sql`select message_id, client, service, status, purpose, user_id from lgsp.message_log where message_id = ${messageId} order by seq`);
  };
  const logCount = async () => {
    await t.modules.lgsp.messageLog.flush();
    return (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from lgsp.message_log`))[0]!.n;
  };
  const prefill = (principal: Principal, formKey: string, personalId?: string) => t.modules.tthc.prefill.prefill(principal, { formKey, ...(personalId ? { personalId } : {}) });
  const faults = (settings: Partial<FaultSettings> | null) => setSandboxFaults(sandbox.url, 'ndxp', settings);

  before(async () => {
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logLevel: 'silent', sandboxes: [populationSandbox(), businessRegistrySandbox(), ndxpSandbox()] });
    const port = await freePort();
    t = await createTestPlatform({
      NDXP_URL: `${sandbox.url}/ndxp`, TTHC_LGSP_URL: `http://127.0.0.1:${port}/lgsp`, TTHC_LGSP_TOKEN_URL: `http://127.0.0.1:${port}/oidc/token`,
      POPULATION_OPENAPI_URL: `${sandbox.url}/population/openapi.json`, BUSINESS_OPENAPI_URL: `${sandbox.url}/business/openapi.json`,
    });
    await t.app.listen({ port, host: '127.0.0.1' });
    await registerOnceOnly(t, t.config);
    const identity = t.modules.identity.service;
    citizen = await identity.principalForUser((await identity.linkCitizen({ personalId: person.personalId, fullName: person.fullName })).id);
    const rep = enterprise.legalRepresentative;
    representative = await identity.principalForUser((await identity.linkCitizen({ personalId: rep.personalId, fullName: rep.fullName, enterpriseCode: enterprise.code })).id);
    desk = await officialToken(t, 'motcua', 'Motcua@2026!');

    // A form bound to the business-registration database (the seeded forms describe new businesses, not registered ones).
    const admin = await adminToken(t);
    const draft = await t.app.inject({
      method: 'PUT', url: `/api/tthc/forms/${ENTERPRISE_FORM}/draft`, headers: { authorization: `Bearer ${admin}` },
      payload: {
        title: 'Thông tin doanh nghiệp (thử nghiệm)', layout: {},
        schema: {
          type: 'object', additionalProperties: false, properties: {
            name: { type: 'string', title: 'Tên doanh nghiệp', 'x-national': 'business.enterpriseName' },
            code: { type: 'string', title: 'Mã số doanh nghiệp', 'x-national': 'business.enterpriseCode' },
            headOffice: { type: 'string', title: 'Địa chỉ trụ sở chính', 'x-national': 'business.headOfficeAddress' },
            representative: { type: 'string', title: 'Người đại diện theo pháp luật', 'x-national': 'business.legalRepresentative' },
            capital: { type: 'integer', title: 'Vốn điều lệ', 'x-national': 'business.charterCapital' },
            note: { type: 'string', title: 'Ghi chú' },
          },
        },
      },
    });
    assert.equal(draft.statusCode, 200, draft.body);
    const published = await t.app.inject({ method: 'POST', url: `/api/tthc/forms/${ENTERPRISE_FORM}/versions/${draft.json().version}/publish`, headers: { authorization: `Bearer ${admin}` } });
    assert.equal(published.statusCode, 200, published.body);
  });
  after(async () => {
    await t.close();
    await sandbox.close();
  });

  it('registers tthc at LGSP once: a second start adds nothing', async () => {
    const count = async () => ({
      subsystems: (await t.modules.lgsp.registry.listSubsystems()).length,
      services: (await t.modules.lgsp.registry.listServices()).length,
      rights: (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from lgsp.access_rights`))[0]!.n,
    });
    const first = await count();
    await registerOnceOnly(t, t.config);
    assert.deepEqual(await count(), first);
    assert.equal(first.services, NATIONAL_SERVICES.length);
    assert.equal(first.rights, NATIONAL_SERVICES.length);
  });

  it('prefills the citizen\'s own fields from the population database; both legs are in the message log with the same id and the purpose', async () => {
    const answer = await prefill(citizen, HOUSEHOLD_FORM);
    const byPointer = new Map(answer.fields.map((f) => [f.pointer, f]));
    assert.equal(byPointer.get('/owner/fullName')?.value, person.fullName);
    assert.equal(byPointer.get('/owner/idNumber')?.value, person.personalId);
    assert.equal(byPointer.get('/owner/dateOfBirth')?.value, person.dateOfBirth);
    assert.equal(byPointer.get('/owner/sex')?.value, person.sex === 'male' ? 'Nam' : 'Nữ');
    assert.equal(byPointer.get('/owner/residence')?.value, person.permanentAddress.text);
    const field = byPointer.get('/owner/fullName')!;
    assert.equal(field.source, 'population');
    assert.ok(Date.parse(field.fetchedAt) > Date.now() - 60_000);

    const rows = await legs(field.messageId);
    assert.equal(rows.length, 2, 'the national leg and the consumer leg');
    const [national, consumer] = rows;
    assert.equal(national!.client, NDXP_PROVINCE_LGSP_ID);
    assert.equal(national!.status, 200);
    assert.match(consumer!.client!, /\/TTHC$/, 'tthc called as its own subsystem');
    assert.match(consumer!.service!, /\/NDXP\/population$/);
    for (const leg of rows) {
      assert.match(leg.purpose ?? '', /^Dien san bieu mau Giay de nghi dang ky ho kinh doanh/);
      assert.ok(leg.user_id && !leg.user_id.includes(person.personalId), 'the citizen\'s id travels masked in the log');
    }
  });

  it('prefills the marital-status declaration and, of the marriage declaration, only the signed-in party\'s side (by the sex in their record)', async () => {
    const ethnicGroups = await t.modules.catalog.service.readCodeList('ethnic-groups', { limit: 1000 });
    const kinh = (ethnicGroups.notModified ? [] : ethnicGroups.items).find((i) => i.name === person.ethnicity)?.code;
    assert.ok(kinh, 'the sandbox person\'s ethnicity is in the shared list');

    const certificate = await prefill(citizen, 'to-khai-cap-giay-xac-nhan-tinh-trang-hon-nhan');
    assert.deepEqual(Object.fromEntries(certificate.fields.map((f) => [f.pointer, f.value])), {
      '/requester/fullName': person.fullName, '/requester/residence': person.permanentAddress.text, '/requester/idNumber': person.personalId,
      '/subject/fullName': person.fullName, '/subject/dateOfBirth': person.dateOfBirth, '/subject/sex': 'Nữ', '/subject/ethnicity': kinh,
      '/subject/nationality': 'VN', '/subject/residence': person.permanentAddress.text, '/subject/idNumber': person.personalId,
      '/subject/maritalStatus': 'Hiện tại chưa đăng ký kết hôn với ai',
    });
    assert.equal(person.maritalStatus, 'single');
    assert.deepEqual(certificate.missing, []);
    assert.ok(certificate.fields.every((f) => f.source === 'population' && f.messageId === certificate.fields[0]!.messageId), 'one lookup');
    const rows = await legs(certificate.fields[0]!.messageId);
    assert.deepEqual(rows.map((r) => r.status), [200, 200]);
    assert.match(rows[0]!.purpose ?? '', /^Dien san bieu mau To khai cap Giay xac nhan tinh trang hon nhan/);

    assert.equal(person.sex, 'female');
    const marriage = await prefill(citizen, 'to-khai-dang-ky-ket-hon');
    assert.deepEqual(Object.fromEntries(marriage.fields.map((f) => [f.pointer, f.value])), {
      '/bride/fullName': person.fullName, '/bride/dateOfBirth': person.dateOfBirth, '/bride/ethnicity': kinh, '/bride/nationality': 'VN',
      '/bride/idNumber': person.personalId, '/bride/residence': person.permanentAddress.text,
    });
    // (A stored schema's keys come back in jsonb's order: compare sorted.)
    assert.deepEqual(marriage.missing.map((m) => `${m.pointer} ${m.reason}`).sort(), ['dateOfBirth', 'ethnicity', 'fullName', 'idNumber', 'nationality', 'residence'].map((f) => `/groom/${f} other_party`));
    assert.deepEqual((await legs(marriage.fields[0]!.messageId)).map((r) => r.status), [200, 200]);
    const stored = await queryRows<{ form_key: string; fields: { pointer: string }[] }>(t.database.db, sql`select form_key, fields from tthc.prefills where id = ${marriage.id}`);
    assert.deepEqual(stored[0]!.fields.map((f) => f.pointer).sort(), marriage.fields.map((f) => f.pointer).sort(), 'the answer is kept as given, for the filing');
  });

  it('prefills the parents, spouse, temporary residence and card of the judicial-record declaration, and the other parent of the birth declaration from the spouse', async () => {
    // The first listed citizen whose record holds every part (Luật Căn cước 2023 art. 9(1)), as the share report's second table.
    const adult = citizens(DEFAULT_SEED).list(0, 200).find((c) => c.spouse && c.temporaryAddress && c.idCard && c.phoneNumber)!;
    const identity = t.modules.identity.service;
    const principal = await identity.principalForUser((await identity.linkCitizen({ personalId: adult.personalId, fullName: adult.fullName })).id);
    const judicial = await prefill(principal, 'to-khai-yeu-cau-cap-phieu-ly-lich-tu-phap');
    const values = Object.fromEntries(judicial.fields.map((f) => [f.pointer, f.value]));
    assert.equal(values['/person/fatherName'], adult.father.fullName);
    assert.equal(values['/person/motherName'], adult.mother.fullName);
    assert.equal(values['/person/spouseName'], adult.spouse!.fullName);
    assert.equal(values['/person/temporaryResidence'], adult.temporaryAddress!.text);
    assert.equal(values['/person/placeOfBirth'], adult.placeOfBirth);
    assert.equal(values['/person/idDocument/issuedOn'], adult.idCard!.issuedOn);
    assert.equal(values['/person/idDocument/issuedBy'], adult.idCard!.issuedBy);
    assert.equal(judicial.fields.length, 13);
    assert.deepEqual(judicial.missing, []);

    const birth = await prefill(principal, 'to-khai-dang-ky-khai-sinh');
    const parents = Object.fromEntries(birth.fields.map((f) => [f.pointer, f.value]));
    const [own, other] = adult.sex === 'female' ? ['mother', 'father'] : ['father', 'mother'];
    assert.equal(parents[`/${own}/fullName`], adult.fullName);
    assert.equal(parents[`/${own}/idNumber`], adult.personalId);
    assert.equal(parents[`/${other}/fullName`], adult.spouse!.fullName);
    assert.equal(parents[`/${other}/idNumber`], adult.spouse!.personalId);
    assert.deepEqual(birth.missing.map((m) => `${m.pointer} ${m.reason}`).sort(), ['dateOfBirth', 'ethnicity', 'nationality', 'residence'].map((f) => `/${other}/${f} other_party`));

    // Citizen no. 3 is a child: no spouse, no card; those fields stay empty, the parents' names do not.
    const child = await prefill(citizen, 'to-khai-yeu-cau-cap-phieu-ly-lich-tu-phap');
    assert.equal(child.fields.find((f) => f.pointer === '/person/fatherName')?.value, person.father.fullName);
    assert.deepEqual(child.missing.map((m) => `${m.pointer} ${m.reason}`).sort(),
      ['/person/idDocument/issuedBy', '/person/idDocument/issuedOn', '/person/spouseName', '/person/temporaryResidence'].map((p) => `${p} no_value`));
  });

  it('prefills an enterprise\'s fields from the business-registration database for its representative', async () => {
    const answer = await prefill(representative, ENTERPRISE_FORM);
    const values = Object.fromEntries(answer.fields.map((f) => [f.pointer, f.value]));
    assert.deepEqual(values, {
      '/name': enterprise.name, '/code': enterprise.code, '/headOffice': enterprise.address.text,
      '/representative': enterprise.legalRepresentative.fullName, '/capital': enterprise.charterCapitalVnd,
    });
    assert.ok(answer.fields.every((f) => f.source === 'business'));
    const rows = await legs(answer.fields[0]!.messageId);
    assert.deepEqual(rows.map((r) => r.status), [200, 200]);
    // A citizen not signed in for an enterprise gets nothing from the business database, and nothing is asked of it.
    const before = await logCount();
    const none = await prefill(citizen, ENTERPRISE_FORM);
    assert.deepEqual(none.fields, []);
    assert.ok(none.missing.every((m) => m.reason === 'no_enterprise'));
    assert.equal(await logCount(), before);
  });

  it('refuses an official a person with whom they have no dossier: 403, nothing fetched, the refusal audited', async () => {
    const before = await logCount();
    const prefillsBefore = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from tthc.prefills`))[0]!.n;
    const refused = await t.app.inject({ method: 'POST', url: '/api/tthc/prefill', headers: { authorization: `Bearer ${desk}` }, payload: { formKey: HOUSEHOLD_FORM, personalId: stranger.personalId } });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().code, 'prefill.no_dossier');
    assert.equal(await logCount(), before, 'no exchange through LGSP');
    assert.equal((await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from tthc.prefills`))[0]!.n, prefillsBefore);
    const audited = await queryRows<{ outcome: number }>(t.database.db, sql`select outcome from platform.audit_log where target = '/api/tthc/prefill' order by seq desc limit 1`);
    assert.equal(audited[0]?.outcome, 403);
    // A citizen may not ask for someone else either.
    await assert.rejects(prefill(citizen, HOUSEHOLD_FORM, stranger.personalId), { code: 'prefill.not_own' });
  });

  it('answers 503 prefill.gateway_unavailable when NDXP is down, and the form can still be filed', async () => {
    await faults({ down: true });
    try {
      const down = await t.app.inject({ method: 'POST', url: '/api/tthc/prefill', headers: { authorization: `Bearer ${desk}` }, payload: { formKey: HOUSEHOLD_FORM } });
      assert.equal(down.statusCode, 400, 'an official must name the applicant');
      await assert.rejects(prefill(citizen, HOUSEHOLD_FORM), (error: { status: number; code: string }) => error.status === 503 && error.code === 'prefill.gateway_unavailable');
      const filed = await fileHousehold(undefined, { fullName: person.fullName, idNumber: person.personalId, dateOfBirth: '1990-01-01', sex: 'Nam', residence: 'Tự nhập' });
      assert.ok(filed.code);
    } finally {
      await faults(null);
    }
  });

  async function fileHousehold(prefillId: string | undefined, owner: Record<string, unknown>) {
    const procedure = await t.modules.tthc.procedures.getByCode('1.001612');
    const agency = (await t.modules.catalog.service.findAgencyByCode('TAM.H19.X001'))!;
    const [offering] = await t.modules.tthc.procedures.listOfferings({ agencyId: agency.id, procedureId: procedure.id });
    const { dossier } = await t.modules.tthc.dossiers.submitOnline(citizen, {
      offeringId: offering!.id,
      submission: {
        applicant: { kind: 'citizen', fullName: person.fullName, phone: '0912345678' },
        formData: {
          'giay-de-nghi': {
            businessName: 'HỘ KINH DOANH SEN HỒNG', address: { line: 'Số 1, đường 30/4', commune: 'Phường Cao Lãnh' }, phone: '0912345678',
            businessLines: [{ code: '5610', name: 'Nhà hàng và các dịch vụ ăn uống phục vụ lưu động', main: true }], capitalVnd: 100_000_000, owner,
          },
        },
        files: [],
        ...(prefillId ? { prefills: { 'giay-de-nghi': prefillId } } : {}),
      },
    });
    return dossier;
  }

  it('keeps the provenance with the filed dossier, shows the official which value came from where and what the applicant changed', async () => {
    const answer = await prefill(citizen, HOUSEHOLD_FORM);
    const owner = Object.fromEntries(answer.fields.map((f) => [f.pointer.split('/')[2]!, f.value]));
    const dossier = await fileHousehold(answer.id, { ...owner, residence: 'Số 9, ấp Mỹ Hòa, xã Mỹ Thọ' });

    const shown = await t.app.inject({ url: `/api/tthc/dossiers/${dossier.id}/provenance`, headers: { authorization: `Bearer ${desk}` } });
    assert.equal(shown.statusCode, 200, shown.body);
    const [part] = shown.json().parts as { partCode: string; requestedBy: string; fields: { pointer: string; source: string; messageId: string; changed: boolean }[] }[];
    assert.equal(part!.partCode, 'giay-de-nghi');
    assert.equal(part!.requestedBy, 'applicant');
    const changed = Object.fromEntries(part!.fields.map((f) => [f.pointer, f.changed]));
    assert.equal(changed['/owner/residence'], true, 'the applicant typed another address');
    assert.equal(changed['/owner/fullName'], false);
    assert.equal(changed['/owner/sex'], false);
    assert.ok(part!.fields.every((f) => f.source === 'population' && f.messageId === answer.fields[0]!.messageId));

    // The person's read log ("who read my data") lists national lookups made for officials, never the person's own.
    const nationalReads = () => queryRows<{ what: string; purpose: string; reader_name: string }>(t.database.db,
      sql`select what, purpose, reader_name from tthc.personal_data_reads where target like 'lgsp:%' order by id`);
    assert.equal((await nationalReads()).length, 0, 'the citizen\'s own lookups are not listed');

    // Now the official has a dossier of this person: the official may prefill for them (as X-Road-UserId the official).
    const byOfficial = await t.app.inject({ method: 'POST', url: '/api/tthc/prefill', headers: { authorization: `Bearer ${desk}` }, payload: { formKey: HOUSEHOLD_FORM, personalId: person.personalId } });
    assert.equal(byOfficial.statusCode, 200, byOfficial.body);
    assert.equal((byOfficial.json() as Answer).fields.find((f) => f.pointer === '/owner/fullName')?.value, person.fullName);
    const [read, ...more] = await nationalReads();
    assert.equal(more.length, 0, 'one read of one database');
    assert.match(read!.what, /^CSDL quốc gia về dân cư: /);
    assert.match(read!.purpose, /^Điền sẵn biểu mẫu /);

    // The same answer cannot be attached twice, nor to another person's dossier.
    const again = await fileHousehold(answer.id, owner);
    const none = await t.app.inject({ url: `/api/tthc/dossiers/${again.id}/provenance`, headers: { authorization: `Bearer ${desk}` } });
    assert.deepEqual(none.json().parts, []);
  });

  it('computes the share of the household-business registration as counted by hand: 5 of its 13 fields', async () => {
    const rows = await prefillShares(t, { citizen, enterprise: representative });
    const household = rows.find((r) => r.nationalCode === '1.001612' && r.applicant === 'citizen')!;
    // By hand: businessName, address line, address commune, phone, email, businessLines (one field), capitalVnd, employees,
    // and the owner's full name, date of birth, sex, id number, residence = 13; the owner's 5 come from the population database.
    assert.deepEqual({ fields: household.fields, bound: household.bound, prefilled: household.prefilled, share: household.share }, { fields: 13, bound: 5, prefilled: 5, share: 38.5 });
    const signature = rows.find((r) => r.nationalCode === '2.000884')!;
    assert.equal(signature.share, null, 'no e-form, nothing to prefill');
    // The marital-status certificate: 11 of 16 (requester 3 of 4, the person 7 of 7 plus the never-married status; not the
    // earlier residence's 3, nor the purpose); the marriage declaration: the bride's 6 of 15 for this woman.
    const share = (code: string) => { const r = rows.find((row) => row.nationalCode === code)!; return [r.fields, r.bound, r.prefilled, r.share]; };
    assert.deepEqual(share('1.004873'), [16, 11, 11, 68.8]);
    assert.deepEqual(share('1.000894'), [15, 12, 6, 40]);
    const building = rows.filter((r) => r.nationalCode === '1.013225').map((r) => r.applicant);
    assert.deepEqual(building, ['citizen', 'enterprise'], 'organisations apply too: measured for the representative as well');
  });
});
