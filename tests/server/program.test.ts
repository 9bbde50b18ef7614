import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MembersCalledThanhVien1764940000000 } from '../../migrations/1764940000000-members-called-thanh-vien.js';
import { codesOf, startTestServer, type GraphQLResponse, type TestServer } from '../support/api.js';
import { openTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: TestServer;
let national: string;
let viewer: string;
let kienGiang: string;
let clubStaff: string;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer(database);
  [national, viewer, kienGiang, clubStaff] = await Promise.all(
    ['national', 'national.viewer', 'kiengiang', 'kienluong.club'].map((login) => server.signIn(login)),
  );
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const PHASE = 'id version decisionNumber decisionDate decisionYear title firstYear lastYear targets { comparator targetValue byYear descriptionVi descriptionEn indicator { code } }';
const INDICATOR = 'id version code nameVi nameEn unit additive definitionVi definitionEn sortOrder';
const CREATE_PHASE = `mutation($input: NationalPhaseInput!) { createNationalPhase(input: $input) { ${PHASE} } }`;
const UPDATE_PHASE = `mutation($input: UpdateNationalPhaseInput!) { updateNationalPhase(input: $input) { ${PHASE} } }`;
const CREATE_INDICATOR = `mutation($input: IndicatorInput!) { createIndicator(input: $input) { ${INDICATOR} } }`;
const UPDATE_INDICATOR = `mutation($input: UpdateIndicatorInput!) { updateIndicator(input: $input) { ${INDICATOR} } }`;

interface Phase {
  id: string;
  version: number;
  decisionNumber: string;
  title: string;
  targets: Array<{ comparator: string; targetValue: string | null; byYear: number | null; descriptionVi: string; indicator: { code: string } | null }>;
}

interface IndicatorShape {
  id: string;
  version: number;
  code: string;
  nameVi: string;
  definitionVi: string;
  unit: string;
  additive: boolean;
  sortOrder: number;
}

function fieldsOf(response: GraphQLResponse): Array<{ field: string; message: string }> {
  return (response.errors?.[0]?.extensions?.fields ?? []) as Array<{ field: string; message: string }>;
}

async function indicatorIdOf(code: string): Promise<string> {
  const [row]: Array<{ id: string }> = await database.owner.query('select id from indicator where code = $1', [code]);
  return row.id;
}

async function auditOf(entityId: string): Promise<Array<{ action: string; tenant_id: string | null; actor: string | null; before: unknown; after: unknown }>> {
  return database.owner.query(
    `select event.action, event.tenant_id, account.login as actor, event.before, event.after
       from (select id, action, tenant_id, actor_user_id, before, after from audit_event where entity_id = $1
             union all
             select id, action, null, actor_user_id, before, after from national_audit_event where entity_id = $1) event
       left join app_user account on account.id = event.actor_user_id
      order by event.id`,
    [entityId],
  );
}

async function phaseInput(number: string) {
  return {
    decisionNumber: number,
    decisionDate: '2030-06-15',
    decisionYear: 2030,
    title: '  Đề án nhân rộng mô hình Câu lạc bộ Liên thế hệ tự giúp nhau đến năm 2040 ',
    firstYear: 2036,
    lastYear: 2040,
    targets: [
      {
        indicatorId: await indicatorIdOf('NEW_CLUBS'),
        comparator: 'AT_LEAST',
        targetValue: '5000',
        byYear: 2040,
        descriptionVi: 'Thành lập mới ít nhất 5.000 câu lạc bộ.',
        descriptionEn: 'At least 5,000 new clubs.',
      },
      {
        descriptionVi: 'Duy trì 100% câu lạc bộ đã thành lập.',
        descriptionEn: 'Keep every club founded earlier running.',
      },
    ],
  };
}

describe('national phases', () => {
  it('are added and changed by national administration, with their targets, versions and audit trail', async () => {
    const created = await server.gql<{ createNationalPhase: Phase }>(CREATE_PHASE, { input: await phaseInput('2000/QĐ-TTg') }, national);
    expect(created.errors).toBeUndefined();
    const phase = created.data!.createNationalPhase;
    expect(phase).toMatchObject({ version: 1, decisionNumber: '2000/QĐ-TTg', title: 'Đề án nhân rộng mô hình Câu lạc bộ Liên thế hệ tự giúp nhau đến năm 2040' });
    expect(phase.targets).toEqual([
      expect.objectContaining({ comparator: 'AT_LEAST', targetValue: '5000', byYear: 2040, indicator: { code: 'NEW_CLUBS' } }),
      expect.objectContaining({ comparator: 'AT_LEAST', targetValue: null, byYear: null, indicator: null }),
    ]);

    // Every role reads the new phase, in period order after the seeded ones.
    const listed = await server.gql<{ nationalPhases: Phase[] }>(`{ nationalPhases { ${PHASE} } }`, {}, kienGiang);
    expect(listed.data!.nationalPhases.map((item) => item.decisionNumber)).toEqual(['1533/QĐ-TTg', '1336/QĐ-TTg', '1648/QĐ-TTg', '2000/QĐ-TTg']);

    const input = await phaseInput('2000/QĐ-TTg');
    const updated = await server.gql<{ updateNationalPhase: Phase }>(
      UPDATE_PHASE,
      {
        input: {
          ...input,
          id: phase.id,
          version: phase.version,
          targets: [{ ...input.targets[0], comparator: 'MORE_THAN', targetValue: '6000', descriptionVi: 'Trên 6.000 câu lạc bộ mới.', descriptionEn: 'More than 6,000 new clubs.' }],
        },
      },
      national,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateNationalPhase.version).toBe(2);
    expect(updated.data!.updateNationalPhase.targets).toEqual([expect.objectContaining({ comparator: 'MORE_THAN', targetValue: '6000' })]);

    const audit = await auditOf(phase.id);
    expect(audit.map((event) => event.action)).toEqual(['national-phase.create', 'national-phase.update']);
    expect(audit.every((event) => event.tenant_id === null && event.actor === 'national')).toBe(true);
    expect(audit[1].before).toMatchObject({ version: 1, targets: [expect.objectContaining({ targetValue: '5000' }), expect.anything()] });
    expect(audit[1].after).toMatchObject({ version: 2, targets: [expect.objectContaining({ targetValue: '6000', comparator: 'MORE_THAN' })] });
  });

  it('gives CONFLICT to a stale version and overwrites nothing', async () => {
    const created = await server.gql<{ createNationalPhase: Phase }>(CREATE_PHASE, { input: await phaseInput('2001/QĐ-TTg') }, national);
    const phase = created.data!.createNationalPhase;
    const input = { ...(await phaseInput('2001/QĐ-TTg')), id: phase.id };
    const first = await server.gql(UPDATE_PHASE, { input: { ...input, version: 1, title: 'Lần sửa thứ nhất' } }, national);
    expect(first.errors).toBeUndefined();
    const stale = await server.gql(UPDATE_PHASE, { input: { ...input, version: 1, title: 'Lần sửa dựa trên bản cũ', targets: [] } }, national);
    expect(codesOf(stale)).toEqual(['CONFLICT']);
    const [row] = await database.owner.query('select title, version, (select count(*)::int from national_phase_target where phase_id = $1) as targets from national_phase where id = $1', [phase.id]);
    expect(row).toEqual({ title: 'Lần sửa thứ nhất', version: 2, targets: 2 });
  });

  it('names every bad field and writes nothing', async () => {
    const before = await database.owner.query('select count(*)::int as count from national_phase');
    const input = await phaseInput('1336/QĐ-TTg');
    const percent = await indicatorIdOf('CLUBS_MEETING_STANDARD_PCT');
    const refused = await server.gql(
      CREATE_PHASE,
      {
        input: {
          ...input,
          decisionDate: '2029-12-31',
          lastYear: 2035,
          title: '   ',
          targets: [
            { ...input.targets[0], targetValue: null, byYear: 2050 },
            { descriptionVi: 'Tỷ lệ', descriptionEn: 'Share', indicatorId: percent, targetValue: '120' },
            { descriptionVi: '', descriptionEn: 'Value without indicator', targetValue: '10' },
          ],
        },
      },
      national,
    );
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(refused).map((problem) => problem.field).sort()).toEqual(
      [
        'decisionNumber', 'decisionDate', 'lastYear', 'title',
        'targets[0].targetValue', 'targets[0].byYear', 'targets[1].targetValue', 'targets[2].indicatorId', 'targets[2].descriptionVi',
      ].sort(),
    );
    expect(fieldsOf(refused).find((problem) => problem.field === 'decisionNumber')?.message).toBe('is already the decision of another phase');
    expect(await database.owner.query('select count(*)::int as count from national_phase')).toEqual(before);
  });
});

const NEW_INDICATOR = {
  code: 'HOME_CARE_VOLUNTEERS',
  nameVi: 'Số tình nguyện viên chăm sóc tại nhà',
  nameEn: 'Home-care volunteers',
  unit: 'COUNT',
  additive: true,
  definitionVi: 'Số thành viên làm tình nguyện viên chăm sóc người cao tuổi tại nhà.',
  definitionEn: 'Members who volunteer to care for older people at home.',
};

describe('the indicator catalogue', () => {
  it('takes a new indicator at its end and lets its names and definitions be improved, with audit', async () => {
    const created = await server.gql<{ createIndicator: IndicatorShape }>(CREATE_INDICATOR, { input: NEW_INDICATOR }, national);
    expect(created.errors).toBeUndefined();
    const indicator = created.data!.createIndicator;
    expect(indicator).toMatchObject({ code: 'HOME_CARE_VOLUNTEERS', version: 1, unit: 'COUNT', additive: true });
    const listed = await server.gql<{ indicators: IndicatorShape[] }>(`{ indicators { ${INDICATOR} } }`, {}, kienGiang);
    expect(listed.data!.indicators.at(-1)?.code).toBe('HOME_CARE_VOLUNTEERS');

    const updated = await server.gql<{ updateIndicator: IndicatorShape }>(
      UPDATE_INDICATOR,
      { input: { ...NEW_INDICATOR, id: indicator.id, version: 1, code: 'HOME_CARE_VOLUNTEER_COUNT', nameVi: 'Số tình nguyện viên chăm sóc tại nhà (người)' } },
      national,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateIndicator).toMatchObject({ version: 2, code: 'HOME_CARE_VOLUNTEER_COUNT', nameVi: 'Số tình nguyện viên chăm sóc tại nhà (người)' });

    const stale = await server.gql(UPDATE_INDICATOR, { input: { ...NEW_INDICATOR, id: indicator.id, version: 1 } }, national);
    expect(codesOf(stale)).toEqual(['CONFLICT']);
    expect((await auditOf(indicator.id)).map((event) => event.action)).toEqual(['indicator.create', 'indicator.update']);
  });

  it('keeps the code, unit and additivity of an indicator that targets use, and refuses a bad one', async () => {
    const id = await indicatorIdOf('NEW_CLUBS');
    const [current] = await database.owner.query('select version, name_vi from indicator where id = $1', [id]);
    const refused = await server.gql(
      UPDATE_INDICATOR,
      {
        input: {
          id,
          version: current.version,
          code: 'NEW_CLUBS_FOUNDED',
          nameVi: 'Số câu lạc bộ mới',
          nameEn: 'New clubs',
          unit: 'PERCENT',
          additive: true,
          definitionVi: 'x',
          definitionEn: 'x',
        },
      },
      national,
    );
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(refused).map((problem) => problem.field).sort()).toEqual(['additive', 'code', 'unit']);
    expect(fieldsOf(refused).find((problem) => problem.field === 'code')?.message).toMatch(/^cannot change while \d+ targets use the indicator$/);

    const bad = await server.gql(CREATE_INDICATOR, { input: { ...NEW_INDICATOR, code: 'new clubs', nameEn: ' ', unit: 'PERCENT', additive: true } }, national);
    expect(fieldsOf(bad).map((problem) => problem.field).sort()).toEqual(['additive', 'code', 'nameEn']);
    const taken = await server.gql(CREATE_INDICATOR, { input: { ...NEW_INDICATOR, code: 'MEMBERS' } }, national);
    expect(fieldsOf(taken)).toEqual([{ field: 'code', message: 'is already the code of another indicator' }]);
    const [after] = await database.owner.query('select version, name_vi from indicator where id = $1', [id]);
    expect(after).toEqual(current);
  });

  it('speaks of a club’s member as “thành viên”, as the program’s decisions do, and keeps a text the national office has changed', async () => {
    const shown = await server.gql<{ indicators: IndicatorShape[]; nationalPhases: Phase[] }>(
      `{ indicators { ${INDICATOR} } nationalPhases { ${PHASE} } }`,
      {},
      viewer,
    );
    expect(shown.errors).toBeUndefined();
    const texts = [
      ...shown.data!.indicators.flatMap((indicator) => [indicator.nameVi, indicator.definitionVi]),
      ...shown.data!.nationalPhases.flatMap((phase) => phase.targets.map((target) => target.descriptionVi)),
    ];
    expect(texts.filter((text) => /hội viên/i.test(text))).toEqual([]);
    const members = shown.data!.indicators.find((indicator) => indicator.code === 'MEMBERS')!;
    expect([members.nameVi, members.definitionVi]).toEqual(['Số thành viên câu lạc bộ', 'Tổng số thành viên của các câu lạc bộ đang hoạt động.']);
    expect(texts).toContain('Các câu lạc bộ mới có 150.000 thành viên.');

    // The change again, over an installation whose office renamed one indicator in the meantime.
    const runner = database.owner.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const migration = new MembersCalledThanhVien1764940000000();
      await migration.down(runner);
      const namesOf = async () => Object.fromEntries(
        (await runner.query(`select code, name_vi from indicator where code in ('MEMBERS', 'OLDER_MEMBERS')`)).map((row: { code: string; name_vi: string }) => [row.code, row.name_vi]),
      );
      expect(await namesOf()).toEqual({ MEMBERS: 'Số hội viên câu lạc bộ', OLDER_MEMBERS: 'Số hội viên là người cao tuổi' });
      await runner.query(`update indicator set name_vi = 'Số hội viên từ 60 tuổi' where code = 'OLDER_MEMBERS'`);
      await migration.up(runner);
      expect(await namesOf()).toEqual({ MEMBERS: 'Số thành viên câu lạc bộ', OLDER_MEMBERS: 'Số hội viên từ 60 tuổi' });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});

describe('who may change national reference data', () => {
  it('refuses every other role with FORBIDDEN', async () => {
    const phaseId = (await database.owner.query(`select id from national_phase where decision_number = '1648/QĐ-TTg'`))[0].id;
    const indicatorId = await indicatorIdOf('MEMBERS');
    const input = await phaseInput('2100/QĐ-TTg');
    for (const token of [viewer, kienGiang, clubStaff]) {
      expect(codesOf(await server.gql(CREATE_PHASE, { input }, token))).toEqual(['FORBIDDEN']);
      expect(codesOf(await server.gql(UPDATE_PHASE, { input: { ...input, id: phaseId, version: 1 } }, token))).toEqual(['FORBIDDEN']);
      expect(codesOf(await server.gql(CREATE_INDICATOR, { input: { ...NEW_INDICATOR, code: 'OTHER_CODE' } }, token))).toEqual(['FORBIDDEN']);
      expect(codesOf(await server.gql(UPDATE_INDICATOR, { input: { ...NEW_INDICATOR, id: indicatorId, version: 1 } }, token))).toEqual(['FORBIDDEN']);
    }
    expect(codesOf(await server.gql(CREATE_PHASE, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(await database.owner.query(`select count(*)::int as count from national_phase where decision_number = '2100/QĐ-TTg'`)).toEqual([{ count: 0 }]);
  });
});
