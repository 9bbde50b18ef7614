import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, codesOf, type GraphQLResponse, type TestServer } from '../support/api.js';
import { asClub, demoIds, openTestDatabase, sqlStateOf, type TestDatabase } from '../support/database.js';
import { formatVnd } from '../../server/src/money/format-vnd.js';
import { sampleSchemeTitle } from '../../server/seed/demo-schemes.js';

let database: TestDatabase;
let server: TestServer;
let kienGiang: string;
let thaiNguyen: string;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  kienGiang = await server.signIn('kiengiang');
  thaiNguyen = await server.signIn('thainguyen');
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const SCHEME_FIELDS = `
  id version status totalBudget totalBudgetInWords firstYear lastYear
  budgetCheck { linesTotal statedTotal difference balanced passes perClubMismatches { budgetLineId plannedClubs clubsInPlan year } }
  budgetLines { id source purpose year amount perClubAmount plannedClubs spent remaining }
  budgetBySource { source amount spent remaining }
  targets { indicator { code } value note milestones { year value } breakdown { unit { name } value } }
  clubPlan { id commune { name } plannedYear status }
  revisions { number reason }
`;

interface SchemeShape {
  id: string;
  title: string;
  version: number;
  firstYear: number;
  lastYear: number;
  status: string;
  totalBudget: number;
  totalBudgetInWords: string;
  budgetCheck: { linesTotal: number; statedTotal: number; difference: number; balanced: boolean; passes: boolean; perClubMismatches: unknown[] };
  budgetLines: Array<{ id: string; source: string; purpose: string; year: number | null; amount: number; perClubAmount: number | null; plannedClubs: number | null; spent: number; remaining: number }>;
  budgetBySource: Array<{ source: string; amount: number; spent: number; remaining: number }>;
  targets: Array<{ indicator: { code: string }; value: string; note: string | null; milestones: unknown[]; breakdown: unknown[] }>;
  clubPlan: Array<{ id: string; commune: { name: string }; plannedYear: number; status: string }>;
  revisions: Array<{ number: number; reason: string }>;
}

async function schemes(token: string): Promise<SchemeShape[]> {
  const result = await server.gql<{ schemes: { edges: Array<{ node: SchemeShape }> } }>(
    `{ schemes(first: 20) { edges { node { title ${SCHEME_FIELDS} } } } }`,
    {},
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.schemes.edges.map((edge) => edge.node);
}

/** The demo scheme of a province (the tests add drafts of later periods beside it). */
/** An Giang's 2026–2030 scheme of the demo: approved, nothing paid from its province budget yet. */
async function currentScheme(): Promise<SchemeShape> {
  const found = (await schemes(kienGiang)).find((candidate) => candidate.title === sampleSchemeTitle('An Giang'));
  if (!found) throw new Error('no 2026–2030 scheme in An Giang');
  return found;
}

async function seededScheme(token: string, firstYear: number): Promise<SchemeShape> {
  const found = (await schemes(token)).find((candidate) => candidate.firstYear === firstYear);
  if (!found) throw new Error(`no scheme starting in ${firstYear}`);
  return found;
}

async function scheme(id: string, token = kienGiang): Promise<SchemeShape> {
  const result = await server.gql<{ scheme: SchemeShape }>(`query ($id: ID!) { scheme(id: $id) { ${SCHEME_FIELDS} } }`, { id }, token);
  expect(result.errors).toBeUndefined();
  return result.data!.scheme;
}

async function indicatorIds(): Promise<Record<string, string>> {
  const result = await server.gql<{ indicators: Array<{ id: string; code: string }> }>('{ indicators { id code } }', {}, kienGiang);
  return Object.fromEntries(result.data!.indicators.map((indicator) => [indicator.code, indicator.id]));
}

async function auditCount(): Promise<number> {
  const [row] = await database.owner.query(`select count(*)::int as count from audit_event where entity_type = 'scheme'`);
  return row.count;
}

function fieldsOf(response: GraphQLResponse): Array<{ field: string; message: string }> {
  return (response.errors?.[0]?.extensions?.fields ?? []) as Array<{ field: string; message: string }>;
}

async function createDraft(title: string, firstYear = 2026, lastYear = 2030): Promise<SchemeShape> {
  const result = await server.gql<{ createScheme: SchemeShape }>(
    `mutation ($input: CreateSchemeInput!) { createScheme(input: $input) { ${SCHEME_FIELDS} } }`,
    { input: { title, firstYear, lastYear, decisionBody: 'Ủy ban nhân dân tỉnh Kiên Giang' } },
    kienGiang,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createScheme;
}

const SAVE_BUDGET = `mutation ($input: SaveBudgetInput!) { saveSchemeBudget(input: $input) { ${SCHEME_FIELDS} } }`;
const SAVE_TARGETS = `mutation ($input: SaveTargetsInput!) { saveSchemeTargets(input: $input) { ${SCHEME_FIELDS} } }`;
const APPROVE = `mutation ($input: ApproveSchemeInput!) { approveScheme(input: $input) { ${SCHEME_FIELDS} } }`;
const PAY = `mutation ($input: RecordDisbursementInput!) { recordDisbursement(input: $input) { id amount paidOn } }`;

describe('the seeded schemes', () => {
  it('holds Kiên Giang’s 2021–2025 scheme exactly as the decision states it', async () => {
    const kg = await seededScheme(kienGiang, 2021);
    expect(kg).toMatchObject({ status: 'APPROVED', firstYear: 2021, lastYear: 2025, totalBudget: 1_855_000_000 });
    expect(kg.totalBudgetInWords).toBe('Một tỷ tám trăm năm mươi lăm triệu đồng');
    expect(kg.budgetCheck).toMatchObject({ linesTotal: 1_855_000_000, difference: 0, balanced: true, passes: true });
    expect(kg.budgetLines.map(({ source, purpose, amount, perClubAmount, plannedClubs }) => ({ source, purpose, amount, perClubAmount, plannedClubs }))).toEqual([
      { source: 'PROVINCE_BUDGET', purpose: 'OTHER', amount: 1_155_000_000, perClubAmount: null, plannedClubs: null },
      { source: 'MOBILISED', purpose: 'SEED_CAPITAL', amount: 700_000_000, perClubAmount: 20_000_000, plannedClubs: 35 },
    ]);
    expect(kg.clubPlan).toHaveLength(35);
    expect(new Set(kg.clubPlan.map((entry) => entry.commune.name)).size).toBe(35);
    expect(kg.clubPlan.map((entry) => entry.commune.name)).toContain('Kiên Lương');
    expect(Object.fromEntries(kg.targets.map((target) => [target.indicator.code, target.value]))).toEqual({
      CLUBS_MAINTAINED: '35',
      NEW_CLUBS: '35',
      FUNDS_MOBILISED: '700000000',
    });
  });

  it('holds Thái Nguyên’s 2017–2020 scheme with its targets and the survey of its 9 districts', async () => {
    const tn = await seededScheme(thaiNguyen, 2017);
    expect(tn).toMatchObject({ status: 'DRAFT', firstYear: 2017, lastYear: 2020 });
    expect(Object.fromEntries(tn.targets.map((target) => [target.indicator.code, target.value]))).toEqual({
      CLUBS_RUNNING: '400',
      OLDER_MEMBERS: '15000',
      FUNDS_MOBILISED: '2000000000',
    });
    const surveys = await server.gql<{ surveys: { edges: Array<{ node: { startedOn: string; endedOn: string; visits: Array<{ unit: { name: string; level: number } }> } }> } }>(
      '{ surveys { edges { node { startedOn endedOn visits { unit { name level } } } } } }',
      {},
      thaiNguyen,
    );
    const [survey] = surveys.data!.surveys.edges.map((edge) => edge.node);
    expect(survey).toMatchObject({ startedOn: '2017-07-24', endedOn: '2017-08-31' });
    expect(survey.visits.filter((visit) => visit.unit.level === 2)).toHaveLength(9);
    expect(survey.visits.map((visit) => visit.unit.name)).toContain('Túc Duyên');
  });

  it('offers the national phases with their targets', async () => {
    const result = await server.gql<{ nationalPhases: Array<{ decisionNumber: string; decisionDate: string | null; targets: Array<{ targetValue: string | null; indicator: { code: string } | null }> }> }>(
      '{ nationalPhases { decisionNumber decisionDate targets { targetValue indicator { code } } } }',
      {},
      kienGiang,
    );
    const phases = result.data!.nationalPhases;
    expect(phases.map((phase) => phase.decisionNumber)).toEqual(['1533/QĐ-TTg', '1336/QĐ-TTg', '1648/QĐ-TTg']);
    expect(phases[1].decisionDate).toBe('2020-08-31');
    expect(phases[1].targets.find((target) => target.indicator?.code === 'NEW_CLUBS')?.targetValue).toBe('3000');
    expect(phases[2].targets.find((target) => target.indicator?.code === 'NEW_CLUBS')?.targetValue).toBe('12000');
  });
});

describe('a scheme’s budget', () => {
  it('is refused approval while the lines do not add up, saying by how much, and writes nothing', async () => {
    const draft = await createDraft('Đề án thử: tổng chưa khớp');
    const ids = await indicatorIds();
    const withTargets = await server.gql<{ saveSchemeTargets: SchemeShape }>(
      SAVE_TARGETS,
      { input: { schemeId: draft.id, version: draft.version, targets: [{ indicatorId: ids.NEW_CLUBS, value: '10' }] } },
      kienGiang,
    );
    const saved = await server.gql<{ saveSchemeBudget: SchemeShape }>(
      SAVE_BUDGET,
      {
        input: {
          schemeId: draft.id,
          version: withTargets.data!.saveSchemeTargets.version,
          totalBudget: 1_855_000_000,
          lines: [{ source: 'PROVINCE_BUDGET', purpose: 'OTHER', amount: 1_100_000_000 }, { source: 'MOBILISED', purpose: 'TRAINING', amount: 700_000_000 }],
        },
      },
      kienGiang,
    );
    const budget = saved.data!.saveSchemeBudget;
    expect(budget.budgetCheck).toMatchObject({ linesTotal: 1_800_000_000, difference: -55_000_000, balanced: false, passes: false });

    const before = await auditCount();
    const refused = await server.gql(APPROVE, { input: { id: draft.id, version: budget.version, decisionBody: 'UBND tỉnh' } }, kienGiang);
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(refused)).toContainEqual({
      field: 'totalBudget',
      message: 'the budget lines add up to 1,800,000,000 VND, 55,000,000 VND less than the stated total 1,855,000,000 VND',
    });
    expect((await scheme(draft.id)).status).toBe('DRAFT');
    expect(await auditCount()).toBe(before);
  });

  it('requires lines stated per club to agree with the club plan', async () => {
    const draft = await createDraft('Đề án thử: vốn ban đầu theo kế hoạch', 2026, 2027);
    const ids = await indicatorIds();
    const communes: Array<{ id: string }> = await database.owner.query(
      `select id from admin_unit where tenant_id = (select id from tenant where code = '91' and status = 'ACTIVE') and level = 3 order by sort_key limit 3`,
    );
    for (const commune of communes) {
      const entry = await server.gql(
        'mutation ($input: SaveClubPlanEntryInput!) { saveClubPlanEntry(input: $input) { id } }',
        { input: { schemeId: draft.id, communeId: commune.id, plannedYear: 2026 } },
        kienGiang,
      );
      expect(entry.errors).toBeUndefined();
    }
    const duplicate = await server.gql(
      'mutation ($input: SaveClubPlanEntryInput!) { saveClubPlanEntry(input: $input) { id } }',
      { input: { schemeId: draft.id, communeId: communes[0].id, plannedYear: 2027 } },
      kienGiang,
    );
    expect(fieldsOf(duplicate)).toEqual([{ field: 'communeId', message: 'is in the plan already: one club per commune' }]);

    const targets = await server.gql<{ saveSchemeTargets: SchemeShape }>(
      SAVE_TARGETS,
      { input: { schemeId: draft.id, version: draft.version, targets: [{ indicatorId: ids.NEW_CLUBS, value: '3' }] } },
      kienGiang,
    );
    const budget = await server.gql<{ saveSchemeBudget: SchemeShape }>(
      SAVE_BUDGET,
      {
        input: {
          schemeId: draft.id,
          version: targets.data!.saveSchemeTargets.version,
          totalBudget: 80_000_000,
          lines: [{ source: 'MOBILISED', purpose: 'SEED_CAPITAL', perClubAmount: 20_000_000, plannedClubs: 4 }],
        },
      },
      kienGiang,
    );
    const saved = budget.data!.saveSchemeBudget;
    expect(saved.budgetLines[0].amount).toBe(80_000_000);
    expect(saved.budgetCheck).toMatchObject({ balanced: true, passes: false, perClubMismatches: [{ plannedClubs: 4, clubsInPlan: 3, year: null }] });

    const refused = await server.gql(APPROVE, { input: { id: draft.id, version: saved.version, decisionBody: 'UBND tỉnh' } }, kienGiang);
    expect(fieldsOf(refused)).toEqual([{ field: 'lines[0].plannedClubs', message: 'pays for 4 clubs but the club plan has 3' }]);

    const fixed = await server.gql<{ saveSchemeBudget: SchemeShape }>(
      SAVE_BUDGET,
      {
        input: {
          schemeId: draft.id,
          version: saved.version,
          totalBudget: 60_000_000,
          lines: [{ id: saved.budgetLines[0].id, source: 'MOBILISED', purpose: 'SEED_CAPITAL', perClubAmount: 20_000_000, plannedClubs: 3 }],
        },
      },
      kienGiang,
    );
    expect(fixed.data!.saveSchemeBudget.budgetCheck.passes).toBe(true);
    const approved = await server.gql<{ approveScheme: SchemeShape }>(
      APPROVE,
      { input: { id: draft.id, version: fixed.data!.saveSchemeBudget.version, decisionBody: 'Ủy ban nhân dân tỉnh Kiên Giang' } },
      kienGiang,
    );
    expect(approved.data!.approveScheme.status).toBe('APPROVED');
  });

  it('refuses a per-club line whose amount is not the product, and a line outside the period, naming each field', async () => {
    const draft = await createDraft('Đề án thử: dòng sai');
    const result = await server.gql(
      SAVE_BUDGET,
      {
        input: {
          schemeId: draft.id,
          version: draft.version,
          totalBudget: 100,
          lines: [
            { source: 'MOBILISED', purpose: 'SEED_CAPITAL', perClubAmount: 20_000_000, plannedClubs: 35, amount: 700_000_001 },
            { source: 'PROVINCE_BUDGET', purpose: 'TRAINING', amount: 5, year: 2019 },
            { source: 'OTHER', purpose: 'OTHER', perClubAmount: 10 },
          ],
        },
      },
      kienGiang,
    );
    expect(fieldsOf(result).map((problem) => problem.field)).toEqual(['lines[0].amount', 'lines[1].year', 'lines[2].plannedClubs', 'lines[2].amount']);
    expect((await scheme(draft.id)).budgetLines).toEqual([]);
  });

  it('takes a VND amount only as whole đồng', async () => {
    const draft = await createDraft('Đề án thử: số lẻ');
    const result = await server.gql(
      SAVE_BUDGET,
      { input: { schemeId: draft.id, version: draft.version, totalBudget: 1000.5, lines: [] } },
      kienGiang,
    );
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('an approved scheme', () => {
  it('changes only through a revision with a reason, keeps adding up, and shows who changed what in its history', async () => {
    const kg = await seededScheme(kienGiang, 2021);
    const lines = kg.budgetLines.map(({ id, source, purpose, year, amount, perClubAmount, plannedClubs }) =>
      perClubAmount ? { id, source, purpose, year, perClubAmount, plannedClubs } : { id, source, purpose, year, amount },
    );
    const raised = lines.map((line, index) => (index === 0 ? { ...line, amount: 1_200_000_000 } : line));

    const noReason = await server.gql(SAVE_BUDGET, { input: { schemeId: kg.id, version: kg.version, totalBudget: 1_900_000_000, lines: raised } }, kienGiang);
    expect(fieldsOf(noReason)).toEqual([{ field: 'reason', message: 'an approved scheme changes only through a revision: give the reason' }]);

    const unbalanced = await server.gql(
      SAVE_BUDGET,
      { input: { schemeId: kg.id, version: kg.version, reason: 'Bổ sung kinh phí năm 2024', totalBudget: 1_855_000_000, lines: raised } },
      kienGiang,
    );
    expect(fieldsOf(unbalanced)[0].message).toBe(
      'the budget lines add up to 1,900,000,000 VND, 45,000,000 VND more than the stated total 1,855,000,000 VND',
    );

    const revised = await server.gql<{ saveSchemeBudget: SchemeShape }>(
      SAVE_BUDGET,
      { input: { schemeId: kg.id, version: kg.version, reason: 'Bổ sung kinh phí năm 2024', totalBudget: 1_900_000_000, lines: raised } },
      kienGiang,
    );
    expect(revised.errors).toBeUndefined();
    expect(revised.data!.saveSchemeBudget.revisions).toEqual([{ number: 1, reason: 'Bổ sung kinh phí năm 2024' }]);
    expect(revised.data!.saveSchemeBudget.totalBudgetInWords).toBe('Một tỷ chín trăm triệu đồng');

    const history = await server.gql<{ scheme: { history: { edges: Array<{ node: { actorName: string; action: string; reason: string; revision: number; changes: Array<{ subject: string; subjectKey: string | null; field: string; before: string | null; after: string | null }> } }> } } }>(
      'query ($id: ID!) { scheme(id: $id) { history(first: 1) { edges { node { actorName action reason revision changes { subject subjectKey field before after } } } } } }',
      { id: kg.id },
      kienGiang,
    );
    const [latest] = history.data!.scheme.history.edges.map((edge) => edge.node);
    expect(latest).toMatchObject({ action: 'scheme.budget.save', reason: 'Bổ sung kinh phí năm 2024', revision: 1 });
    expect(latest.actorName).toBeTruthy();
    expect(latest.changes).toContainEqual({ subject: 'scheme', subjectKey: null, field: 'totalBudget', before: '1855000000', after: '1900000000' });
    expect(latest.changes).toContainEqual({ subject: 'budgetLine', subjectKey: 'PROVINCE_BUDGET·OTHER·', field: 'amount', before: '1155000000', after: '1200000000' });

    // Put the seed's figures back for the other tests.
    const restored = await server.gql(
      SAVE_BUDGET,
      { input: { schemeId: kg.id, version: revised.data!.saveSchemeBudget.version, reason: 'Trở lại số liệu của Đề án', totalBudget: 1_855_000_000, lines } },
      kienGiang,
    );
    expect(restored.errors).toBeUndefined();
  });

  it('gives CONFLICT to a stale version and overwrites nothing', async () => {
    const kg = await seededScheme(kienGiang, 2021);
    const ids = await indicatorIds();
    const stale = await server.gql(
      SAVE_TARGETS,
      { input: { schemeId: kg.id, version: kg.version - 1, reason: 'Sửa chỉ tiêu', targets: [{ indicatorId: ids.NEW_CLUBS, value: '99' }] } },
      kienGiang,
    );
    expect(codesOf(stale)).toEqual(['CONFLICT']);
    expect((await scheme(kg.id)).targets).toHaveLength(3);
  });

  it('refuses a breakdown larger than an additive target and a percentage over 100', async () => {
    const kg = await seededScheme(kienGiang, 2021);
    const ids = await indicatorIds();
    const [district] = await database.owner.query(`select id from admin_unit where code = '902'`);
    const [city] = await database.owner.query(`select id from admin_unit where code = '899'`);
    const result = await server.gql(
      SAVE_TARGETS,
      {
        input: {
          schemeId: kg.id,
          version: kg.version,
          reason: 'Phân bổ chỉ tiêu',
          targets: [
            { indicatorId: ids.NEW_CLUBS, value: '35', breakdown: [{ unitId: district.id, value: '20' }, { unitId: city.id, value: '16' }] },
            { indicatorId: ids.CLUBS_MEETING_STANDARD_PCT, value: '120' },
          ],
        },
      },
      kienGiang,
    );
    expect(fieldsOf(result)).toEqual([
      { field: 'targets[0].breakdown', message: 'the units’ parts add up to 36, more than the target 35' },
      { field: 'targets[1].value', message: 'a percentage must be at most 100' },
    ]);
    const after = await scheme(kg.id);
    expect(after.revisions.length).toBe(kg.revisions.length);
    expect(after.version).toBe(kg.version);
  });
});

describe('the club plan', () => {
  const SAVE_ENTRY = `mutation ($input: SaveClubPlanEntryInput!) {
    saveClubPlanEntry(input: $input) { id version plannedYear hamletName note status hamlet { id name } commune { id } }
  }`;
  interface Entry { id: string; version: number; plannedYear: number; hamletName: string | null; note: string | null; status: string; hamlet: { id: string; name: string } | null; commune: { id: string } }

  it('changes an entry’s hamlet, year and note with the version read, refuses a stale one, and records the change', async () => {
    const draft = await createDraft('Đề án thử: sửa kế hoạch thành lập', 2026, 2028);
    const communes: Array<{ id: string }> = await database.owner.query(
      `select id from admin_unit where tenant_id = (select id from tenant where code = '91' and status = 'ACTIVE') and level = 3 order by sort_key limit 2`,
    );
    const hamlet = await server.gql<{ createAdminUnit: { id: string } }>(
      'mutation ($input: NewAdminUnitInput!) { createAdminUnit(input: $input) { id } }',
      { input: { name: 'Ba Hòn', kind: 'HAMLET', parentId: communes[0].id } },
      kienGiang,
    );
    const added = await server.gql<{ saveClubPlanEntry: Entry }>(
      SAVE_ENTRY,
      { input: { schemeId: draft.id, communeId: communes[0].id, plannedYear: 2026, hamletName: 'Ấp chưa rõ' } },
      kienGiang,
    );
    const entry = added.data!.saveClubPlanEntry;
    const other = await server.gql<{ saveClubPlanEntry: Entry }>(SAVE_ENTRY, { input: { schemeId: draft.id, communeId: communes[1].id, plannedYear: 2026 } }, kienGiang);
    expect(other.errors).toBeUndefined();

    const edit = { id: entry.id, schemeId: draft.id, communeId: communes[0].id, status: 'PLANNED' };
    const changed = await server.gql<{ saveClubPlanEntry: Entry }>(
      SAVE_ENTRY,
      { input: { ...edit, version: entry.version, hamletId: hamlet.data!.createAdminUnit.id, plannedYear: 2027, note: 'Ấp có nhiều người cao tuổi neo đơn' } },
      kienGiang,
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.saveClubPlanEntry).toMatchObject({
      version: entry.version + 1, plannedYear: 2027, hamletName: null, hamlet: { name: 'Ba Hòn' }, note: 'Ấp có nhiều người cao tuổi neo đơn',
    });

    const stale = await server.gql(SAVE_ENTRY, { input: { ...edit, version: entry.version, plannedYear: 2028, hamletName: 'Khác' } }, kienGiang);
    expect(codesOf(stale)).toEqual(['CONFLICT']);
    const outside = await server.gql(SAVE_ENTRY, { input: { ...edit, version: entry.version + 1, plannedYear: 2030 } }, kienGiang);
    expect(fieldsOf(outside)).toEqual([{ field: 'plannedYear', message: 'must be within the scheme’s period 2026–2028' }]);
    const onto = await server.gql(SAVE_ENTRY, { input: { ...edit, version: entry.version + 1, communeId: communes[1].id, plannedYear: 2027 } }, kienGiang);
    expect(fieldsOf(onto)).toEqual([{ field: 'communeId', message: 'is in the plan already: one club per commune' }]);
    const [row] = await database.owner.query('select planned_year, hamlet_name, version from club_plan_entry where id = $1', [entry.id]);
    expect(row).toEqual({ planned_year: 2027, hamlet_name: null, version: entry.version + 1 });

    const history = await server.gql<{ scheme: { history: { edges: Array<{ node: { action: string; changes: Array<{ field: string; before: string | null; after: string | null }> } }> } } }>(
      'query ($id: ID!) { scheme(id: $id) { history(first: 5) { edges { node { action changes { field before after } } } } } }',
      { id: draft.id },
      kienGiang,
    );
    const latest = history.data!.scheme.history.edges[0].node;
    expect(latest.action).toBe('scheme.club-plan.update');
    expect(latest.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'plannedYear', before: '2026', after: '2027' }),
        expect.objectContaining({ field: 'hamletName', before: 'Ấp chưa rõ', after: 'Ba Hòn' }),
        expect.objectContaining({ field: 'note', before: null, after: 'Ấp có nhiều người cao tuổi neo đơn' }),
      ]),
    );
  });
});

describe('spending', () => {
  it('pays within what remains, refuses beyond it, and counts a retried payment once', async () => {
    // The current scheme's province budget: the demo has paid nothing from it yet.
    const current = await currentScheme();
    const provinceLine = current.budgetLines.find((line) => line.source === 'PROVINCE_BUDGET')!;
    expect(provinceLine).toMatchObject({ spent: 0, remaining: provinceLine.amount });
    const [club] = await database.owner.query(`select id from club where name like '%Kiên Lương'`);
    const payment = {
      budgetLineId: provinceLine.id,
      paidOn: '2026-03-25',
      amount: 20_000_000,
      description: 'Hỗ trợ câu lạc bộ thị trấn Kiên Lương',
      recipientClubId: club.id,
      idempotencyKey: 'pay-kienluong-2026-03',
    };
    const first = await server.gql<{ recordDisbursement: { id: string } }>(PAY, { input: payment }, kienGiang);
    const retry = await server.gql<{ recordDisbursement: { id: string } }>(PAY, { input: payment }, kienGiang);
    expect(first.errors).toBeUndefined();
    expect(retry.data!.recordDisbursement.id).toBe(first.data!.recordDisbursement.id);

    const remaining = provinceLine.amount - 20_000_000;
    const line = (await scheme(current.id)).budgetLines.find((candidate) => candidate.id === provinceLine.id)!;
    expect(line).toMatchObject({ spent: 20_000_000, remaining });

    const over = await server.gql(PAY, { input: { ...payment, amount: remaining + 1, idempotencyKey: 'pay-too-much-0001' } }, kienGiang);
    expect(fieldsOf(over)).toEqual([{ field: 'amount', message: `is more than what remains on this line (${formatVnd(BigInt(remaining))})` }]);

    const fromProvince = (await scheme(current.id)).budgetBySource.find((source) => source.source === 'PROVINCE_BUDGET')!;
    expect(fromProvince).toEqual({ source: 'PROVINCE_BUDGET', amount: provinceLine.amount, spent: 20_000_000, remaining });

    const reversal = await server.gql<{ reverseDisbursement: { amount: number } }>(
      'mutation ($input: ReverseDisbursementInput!) { reverseDisbursement(input: $input) { amount } }',
      { input: { id: first.data!.recordDisbursement.id, reason: 'Ghi nhầm số tiền', idempotencyKey: 'reverse-kienluong-01' } },
      kienGiang,
    );
    expect(reversal.data!.reverseDisbursement.amount).toBe(-20_000_000);
    expect((await scheme(current.id)).budgetLines.find((candidate) => candidate.id === provinceLine.id)).toMatchObject({ spent: 0, remaining: provinceLine.amount });
  });

  it('lets only one of two simultaneous payments take the last of a line', async () => {
    const kg = await seededScheme(kienGiang, 2021);
    const provinceLine = kg.budgetLines.find((line) => line.source === 'PROVINCE_BUDGET')!;
    const pay = (key: string) =>
      server.gql(
        PAY,
        { input: { budgetLineId: provinceLine.id, paidOn: '2023-01-10', amount: provinceLine.remaining - 1_000, description: 'Tập huấn', idempotencyKey: key } },
        kienGiang,
      );
    const results = await Promise.all([pay('simultaneous-a-0001'), pay('simultaneous-b-0001')]);
    expect(results.filter((result) => !result.errors).length).toBe(1);
    expect(results.flatMap(fieldsOf).map((problem) => problem.field)).toEqual(['amount']);
    const [row] = await database.owner.query('select sum(amount)::bigint::text as spent from disbursement where budget_line_id = $1', [provinceLine.id]);
    // What the line had paid before (the demo's yearly spending), and the one payment that went through.
    expect(BigInt(row.spent)).toBe(BigInt(provinceLine.spent + provinceLine.remaining - 1_000));
  });

  it('names the receiving club or unit, found by a search that ignores accents, and refuses another province’s', async () => {
    const kg = await currentScheme();
    const seedLine = kg.budgetLines.find((line) => line.source === 'PROVINCE_BUDGET')!;
    const ids = await demoIds(database);
    const search = (token: string) =>
      server.gql<{ clubs: { totalCount: number; edges: Array<{ node: { id: string; name: string; commune: { name: string } } }> } }>(
        '{ clubs(search: "hoi nguoi cao tuoi thi tran kien luong", first: 5) { totalCount edges { node { id name commune { name } } } } }',
        {},
        token,
      );
    const found = (await search(kienGiang)).data!.clubs;
    expect(found.totalCount).toBe(1);
    expect(found.edges[0].node).toMatchObject({ id: ids.kienLuongClub, commune: { name: 'Kiên Lương' } });
    expect((await search(thaiNguyen)).data!.clubs.totalCount).toBe(0);

    const toClub = await server.gql<{ recordDisbursement: { id: string } }>(
      PAY,
      { input: { budgetLineId: seedLine.id, paidOn: '2026-04-01', amount: 20_000_000, description: 'Hỗ trợ hoạt động', recipientClubId: found.edges[0].node.id, idempotencyKey: 'recipient-club-0001' } },
      kienGiang,
    );
    const toUnit = await server.gql<{ recordDisbursement: { id: string } }>(
      PAY,
      { input: { budgetLineId: seedLine.id, paidOn: '2026-04-02', amount: 1_000_000, description: 'Hỗ trợ ra mắt CLB', recipientUnitId: ids.kienLuongTown, idempotencyKey: 'recipient-unit-0001' } },
      kienGiang,
    );
    expect(toClub.errors).toBeUndefined();
    expect(toUnit.errors).toBeUndefined();
    const ledger = await server.gql<{ scheme: { budgetLines: Array<{ disbursements: Array<{ id: string; recipientClub: { name: string } | null; recipientUnit: { name: string } | null }> }> } }>(
      'query ($id: ID!) { scheme(id: $id) { budgetLines { disbursements { id recipientClub { name } recipientUnit { name } } } } }',
      { id: kg.id },
      kienGiang,
    );
    const payments = ledger.data!.scheme.budgetLines.flatMap((line) => line.disbursements);
    expect(payments.find((payment) => payment.id === toClub.data!.recordDisbursement.id)).toMatchObject({ recipientClub: { name: expect.stringContaining('Kiên Lương') }, recipientUnit: null });
    expect(payments.find((payment) => payment.id === toUnit.data!.recordDisbursement.id)).toMatchObject({ recipientClub: null, recipientUnit: { name: 'Kiên Lương' } });

    const foreign = await server.gql(
      PAY,
      { input: { budgetLineId: seedLine.id, paidOn: '2026-04-03', amount: 1_000, description: 'x', recipientUnitId: ids.tucDuyen, idempotencyKey: 'recipient-foreign-01' } },
      kienGiang,
    );
    expect(fieldsOf(foreign)).toEqual([{ field: 'recipientUnitId', message: 'is not a unit of your province' }]);
    const [count] = await database.owner.query('select count(*)::int as count from disbursement where idempotency_key = $1', ['recipient-foreign-01']);
    expect(count.count).toBe(0);
  });

  it('refuses payments against a draft scheme', async () => {
    const tn = await seededScheme(thaiNguyen, 2017);
    const draft = await createDraft('Đề án thử: chưa duyệt');
    const saved = await server.gql<{ saveSchemeBudget: SchemeShape }>(
      SAVE_BUDGET,
      { input: { schemeId: draft.id, version: draft.version, totalBudget: 10_000_000, lines: [{ source: 'PROVINCE_BUDGET', purpose: 'TRAINING', amount: 10_000_000 }] } },
      kienGiang,
    );
    const line = saved.data!.saveSchemeBudget.budgetLines[0];
    const result = await server.gql(
      PAY,
      { input: { budgetLineId: line.id, paidOn: '2026-01-05', amount: 1_000, description: 'Tập huấn', idempotencyKey: 'draft-payment-01' } },
      kienGiang,
    );
    expect(fieldsOf(result)).toEqual([{ field: 'budgetLineId', message: 'payments are recorded only against an approved scheme' }]);
    expect(tn.status).toBe('DRAFT');
  });
});

describe('between provinces and roles', () => {
  it('keeps one province out of another’s schemes, budget lines and plan', async () => {
    const tn = await seededScheme(thaiNguyen, 2017);
    const kg = await seededScheme(kienGiang, 2021);
    expect((await server.gql(`query ($id: ID!) { scheme(id: $id) { id } }`, { id: tn.id }, kienGiang)).data).toEqual({ scheme: null });
    const write = await server.gql(SAVE_BUDGET, { input: { schemeId: tn.id, version: tn.version, totalBudget: 1, lines: [] } }, kienGiang);
    expect(codesOf(write)).toEqual(['NOT_FOUND']);
    const pay = await server.gql(
      PAY,
      { input: { budgetLineId: kg.budgetLines[0].id, paidOn: '2022-01-01', amount: 1, description: 'x', idempotencyKey: 'cross-tenant-0001' } },
      thaiNguyen,
    );
    expect(fieldsOf(pay)).toEqual([{ field: 'budgetLineId', message: 'is not a budget line of your province' }]);
    const [count] = await database.owner.query('select count(*)::int as count from disbursement where idempotency_key = $1', ['cross-tenant-0001']);
    expect(count.count).toBe(0);
  });

  it('lets the national office read every scheme and write none', async () => {
    const viewer = await server.signIn('national.viewer');
    const all = await schemes(viewer);
    expect(all.length).toBeGreaterThanOrEqual(2);
    const write = await server.gql(
      `mutation ($input: CreateSchemeInput!) { createScheme(input: $input) { id } }`,
      { input: { title: 'x', firstYear: 2026, lastYear: 2030 } },
      await server.signIn('national'),
    );
    expect(codesOf(write)).toEqual(['FORBIDDEN']);
  });

  it('keeps club staff out of the province’s budget', async () => {
    const club = await server.signIn('kienluong.club');
    const result = await server.gql('{ schemes { edges { node { id } } } }', {}, club);
    expect(codesOf(result)).toEqual(['FORBIDDEN']);
    // Beneath the API too: the club's database role cannot read budget lines or payments at all.
    const ids = await demoIds(database);
    expect(await sqlStateOf(asClub(database, ids.anGiang, ids.kienLuongClub, (db) => db.query('select * from budget_line')))).toBe('42501');
    expect(await sqlStateOf(asClub(database, ids.anGiang, ids.kienLuongClub, (db) => db.query('select * from disbursement')))).toBe('42501');
  });
});
