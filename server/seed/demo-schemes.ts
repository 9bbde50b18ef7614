import type { EntityManager } from 'typeorm';
import { saveClubPlanEntry } from '../src/club-plan/club-plan.service.js';
import { ClubPlanStatus } from '../src/club-plan/club-plan.types.js';
import { BudgetPurpose, BudgetSource } from '../src/schemes/scheme.types.js';
import { approveScheme, createScheme, saveBudget, saveTargets } from '../src/schemes/scheme.service.js';
import { recordDisbursement } from '../src/schemes/spending.service.js';
import { saveSurvey, saveSurveyVisit } from '../src/surveys/survey.service.js';
import { createClub } from '../src/clubs/club.service.js';
import { VIETNAMESE_KIND_PREFIX, type AdminUnitKind } from '../src/admin-units/admin-unit-kind.js';
import { seedOf, randomFrom, type PeopleOfArea, type RecordedClub } from './demo-club-records.js';

const SEED_REQUEST = 'seed-demo';

/*
 * The two schemes of shared/seeds, entered through the same services (and so the same rules)
 * as the province admin's screens. Figures are the sources' own; where a source is silent
 * (which commune gets its club in which year) the data says plainly that it is a sample.
 */

async function idOf(db: EntityManager, sql: string, parameters: unknown[]): Promise<string> {
  const rows: Array<{ id: string }> = await db.query(sql, parameters);
  if (!rows[0]) throw new Error(`demo data: nothing found for ${JSON.stringify(parameters)}`);
  return rows[0].id;
}

const indicatorId = (db: EntityManager, code: string) => idOf(db, 'select id from indicator where code = $1', [code]);
const phaseId = (db: EntityManager, decision: string) => idOf(db, 'select id from national_phase where decision_number = $1', [decision]);

/** Communes under a district-level unit, by GSO code of the district. */
async function communesOf(db: EntityManager, districtCode: string): Promise<Array<{ id: string; name: string }>> {
  return db.query(
    `select commune.id, commune.name from admin_unit commune join admin_unit district on district.id = commune.parent_id
      where district.code = $1 and commune.level = 3 order by commune.sort_key`,
    [districtCode],
  );
}

/**
 * Whether this demo scheme was loaded already: the seed's own audit event of its creation says so
 * even after the admin renamed the scheme; the title catches a scheme entered by hand under that name.
 */
async function demoSchemeLoaded(db: EntityManager, title: string): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `select 1 from audit_event where request_id = $1 and entity_type = 'scheme' and action = 'scheme.create'
        and jsonb_path_exists(after, '$.changes[*] ? (@.field == "title" && @.after == $title)', jsonb_build_object('title', $2::text))
     union all
     select 1 from scheme where title = $2
     limit 1`,
    [SEED_REQUEST, title],
  );
  return rows.length > 0;
}

/*
 * The source gives neither the number nor the day of the decision that approved the Kiên Giang
 * scheme, only that it was approved for 2021–2025. The number stays empty; the day is a sample day
 * early in 2021, the scheme's first year, so that nothing shows the day the demo was loaded as the
 * day of the decision. The scheme's summary says so too.
 */
export const KIEN_GIANG_DECISION_DATE = '2021-04-12';

export const KIEN_GIANG_SCHEME_TITLE =
  'Đề án thành lập nhân rộng mô hình Câu lạc bộ Liên thế hệ tự giúp nhau trên địa bàn tỉnh Kiên Giang giai đoạn 2021–2025';

/** Kiên Giang 2021–2025 (false when it was loaded before): 1.855.000.000 đồng = 1.155.000.000 province budget + 35 × 20.000.000 mobilised seed capital. */
export async function seedKienGiangScheme(db: EntityManager): Promise<boolean> {
  if (await demoSchemeLoaded(db, KIEN_GIANG_SCHEME_TITLE)) return false;
  const scheme = await createScheme(db, SEED_REQUEST, {
    title: KIEN_GIANG_SCHEME_TITLE,
    summary:
      'Phát huy hiệu quả 35 mô hình Câu lạc bộ Liên thế hệ tự giúp nhau đã được thành lập; tiếp tục nâng cao chất lượng cuộc sống ' +
      'của người cao tuổi tại các xã đạt tiêu chí xây dựng nông thôn mới của tỉnh, đặc biệt quan tâm đến hộ nghèo, người cao tuổi ' +
      'nghèo, người có hoàn cảnh khó khăn. Nhân rộng mô hình tại 35 xã, phường, thị trấn có điều kiện; mỗi xã, phường, thị trấn ' +
      'hỗ trợ thành lập 01 câu lạc bộ tại 01 ấp hoặc khu phố để làm điểm chỉ đạo rút kinh nghiệm nhân rộng. Đối tượng hưởng lợi: ' +
      'người cao tuổi và gia đình của họ, phụ nữ và các thành viên khác trong cộng đồng; đặc biệt là người cao tuổi là phụ nữ ' +
      'nghèo, cận nghèo, người cao tuổi dân tộc thiểu số, người cao tuổi có hoàn cảnh khó khăn. ' +
      'Ghi chú: nguồn tin không nêu số và ngày của quyết định phê duyệt Đề án; số quyết định để trống, ngày phê duyệt ' +
      '12/04/2021 là ngày mẫu.',
    nationalPhaseId: await phaseId(db, '1336/QĐ-TTg'),
    firstYear: 2021,
    lastYear: 2025,
    decisionNumber: null,
    decisionDate: null,
    decisionBody: 'Ủy ban nhân dân tỉnh Kiên Giang',
    managingAgency: 'Sở Lao động - Thương binh và Xã hội tỉnh Kiên Giang',
    totalBudget: 0n,
  });

  const withTargets = await saveTargets(db, SEED_REQUEST, {
    schemeId: scheme.id,
    version: scheme.version,
    targets: [
      {
        indicatorId: await indicatorId(db, 'CLUBS_MAINTAINED'),
        value: '35',
        note: 'Phát huy hiệu quả 35 mô hình Câu lạc bộ Liên thế hệ tự giúp nhau đã được thành lập.',
        milestones: [],
        breakdown: [],
      },
      {
        indicatorId: await indicatorId(db, 'NEW_CLUBS'),
        value: '35',
        note: 'Mỗi xã, phường, thị trấn trong 35 địa bàn có điều kiện hỗ trợ thành lập 01 câu lạc bộ tại 01 ấp hoặc khu phố.',
        milestones: [],
        breakdown: [],
      },
      {
        indicatorId: await indicatorId(db, 'FUNDS_MOBILISED'),
        value: '700000000',
        note: 'Hội Người cao tuổi tỉnh vận động các tổ chức, doanh nghiệp trong tỉnh làm vốn ban đầu cho các câu lạc bộ.',
        milestones: [],
        breakdown: [],
      },
    ],
  });

  // The 35 communes: every ward and commune of Rạch Giá, Kiên Lương, Hà Tiên and Phú Quốc in the
  // demo hierarchy. The sources do not say which communes were chosen nor in which year.
  const communes = [
    ...(await communesOf(db, '899')),
    ...(await communesOf(db, '902')),
    ...(await communesOf(db, '900')),
    ...(await communesOf(db, '911')),
  ];
  if (communes.length !== 35) throw new Error(`demo data: expected 35 communes for the Kiên Giang plan, found ${communes.length}`);
  for (const [index, commune] of communes.entries()) {
    await saveClubPlanEntry(db, SEED_REQUEST, {
      schemeId: scheme.id,
      communeId: commune.id,
      plannedYear: 2021 + (index % 5),
      status: ClubPlanStatus.PLANNED,
      note: 'Dữ liệu mẫu: địa bàn và năm thành lập do hệ thống gán để minh họa, không lấy từ văn bản Đề án.',
    });
  }

  const withBudget = await saveBudget(db, SEED_REQUEST, {
    schemeId: scheme.id,
    version: withTargets.version,
    totalBudget: 1_855_000_000n,
    lines: [
      {
        source: BudgetSource.PROVINCE_BUDGET,
        purpose: BudgetPurpose.OTHER,
        year: null,
        description: 'Ngân sách tỉnh hỗ trợ thực hiện Đề án.',
        amount: 1_155_000_000n,
      },
      {
        source: BudgetSource.MOBILISED,
        purpose: BudgetPurpose.SEED_CAPITAL,
        year: null,
        description: 'Hội Người cao tuổi tỉnh vận động các tổ chức, doanh nghiệp trong tỉnh làm vốn ban đầu cho các câu lạc bộ.',
        perClubAmount: 20_000_000n,
        plannedClubs: 35,
      },
    ],
  });

  await approveScheme(db, SEED_REQUEST, {
    id: scheme.id,
    version: withBudget.version,
    decisionBody: 'Ủy ban nhân dân tỉnh Kiên Giang',
    decisionNumber: null,
    decisionDate: KIEN_GIANG_DECISION_DATE,
  });
  // Approved on the decision's day, as the province would have recorded it then.
  await db.query(`update scheme set approved_at = $2 where id = $1`, [scheme.id, `${KIEN_GIANG_DECISION_DATE}T10:00:00+07:00`]);
  return true;
}

async function schemeIdByTitle(db: EntityManager, title: string): Promise<string> {
  return idOf(db, 'select id from scheme where title = $1', [title]);
}

async function budgetLineOf(db: EntityManager, schemeId: string, source: BudgetSource): Promise<string> {
  return idOf(db, 'select id from budget_line where scheme_id = $1 and source = $2 order by sort_order limit 1', [schemeId, source]);
}

/** "phường Vĩnh Thanh", "thị trấn Kiên Lương": a unit's name with its kind, as a club's name reads it. */
function placeName(kind: AdminUnitKind, name: string): string {
  return `${VIETNAMESE_KIND_PREFIX[kind].toLowerCase()} ${name}`;
}

/**
 * Founds the scheme's clubs on the club plan's schedule, one in each planned commune in its
 * planned year, each paid its seed capital from the mobilised line on its founding day. Returns
 * the clubs, whose histories are written next. The founding days are samples within the planned
 * year (the sources give none); the 2025 clubs were founded before the merge of 1 July.
 */
export async function foundPlannedClubs(db: EntityManager, schemeTitle: string, options: { people: PeopleOfArea; keyPrefix: string; sample: boolean; recordsFrom?: string; reportsFrom?: string }): Promise<RecordedClub[]> {
  const schemeId = await schemeIdByTitle(db, schemeTitle);
  const seedLine = await budgetLineOf(db, schemeId, BudgetSource.MOBILISED);
  const entries: Array<{ id: string; commune_id: string; commune_name: string; commune_kind: AdminUnitKind; commune_code: string | null; planned_year: number }> = await db.query(
    `select entry.id, entry.commune_id, commune.name as commune_name, commune.kind as commune_kind, commune.code as commune_code, entry.planned_year
       from club_plan_entry entry join admin_unit commune on commune.id = entry.commune_id
      where entry.scheme_id = $1 and entry.club_id is null order by entry.planned_year, commune.sort_key`,
    [schemeId],
  );
  const clubs: RecordedClub[] = [];
  for (const [index, entry] of entries.entries()) {
    const key = `${options.keyPrefix}-${entry.commune_code ?? entry.commune_name}`;
    const random = randomFrom(seedOf(key));
    // Clubs of 2025 were founded in its first half, before the merge of 1 July; the others between May and October.
    const month = entry.planned_year === 2025 ? 2 + (index % 5) : 5 + (index % 6);
    const foundedOn = `${entry.planned_year}-${String(month).padStart(2, '0')}-${String(8 + (index % 15)).padStart(2, '0')}`;
    const hamlets: Array<{ id: string; name: string }> = await db.query(
      'select id, name from admin_unit where parent_id = $1 and level = 4 order by sort_key',
      [entry.commune_id],
    );
    // Where the commune has hamlets in the demo, the club is in one of them (the plan's "01 ấp hoặc khu phố").
    const hamlet = hamlets.length ? hamlets[index % hamlets.length] : null;
    const name = hamlet
      ? `CLB Liên thế hệ tự giúp nhau ${hamlet.name.charAt(0).toLowerCase()}${hamlet.name.slice(1)}, ${placeName(entry.commune_kind, entry.commune_name)}`
      : `CLB Liên thế hệ tự giúp nhau ${placeName(entry.commune_kind, entry.commune_name)}`;
    const club = await createClub(db, SEED_REQUEST, {
      communeId: entry.commune_id,
      hamletId: hamlet?.id ?? null,
      name,
      foundedOn,
      clubPlanEntryId: entry.id,
      maxActiveLoansPerMember: 1,
    } as Parameters<typeof createClub>[2]);
    await recordDisbursement(db, SEED_REQUEST, {
      budgetLineId: seedLine,
      paidOn: foundedOn,
      amount: 20_000_000n,
      description: `Vốn ban đầu cho ${name}`,
      recipientClubId: club.id,
      idempotencyKey: `seed-capital-line-${club.id}`,
    });
    clubs.push({
      key,
      clubId: club.id,
      foundedOn,
      recordsFrom: options.recordsFrom && options.recordsFrom > foundedOn.slice(0, 7) ? options.recordsFrom : foundedOn.slice(0, 7),
      reportsFrom: options.reportsFrom,
      rosterSize: random.between(15, 30),
      people: options.people,
      hamletIds: hamlet ? [hamlet.id] : [],
      seedCapital: { amount: 20_000_000n, description: 'Vốn ban đầu theo Đề án do Hội Người cao tuổi tỉnh vận động (20.000.000 đồng/câu lạc bộ)' },
      contribution: random.chance(0.5) ? 10_000n : 20_000n,
      meetingDay: 5 + (index % 20),
    });
    if (options.sample) await markSampleClubs(db, [club.id]);
  }
  return clubs;
}

/**
 * Sample clubs say so, so that no one reads them as a province's record.
 */
export async function markSampleClubs(db: EntityManager, clubIds: string[]): Promise<void> {
  if (clubIds.length) await db.query('update club set sample = true where id = any($1)', [clubIds]);
}

/**
 * The spending of the Kiên Giang scheme's province budget within the window: training, communication
 * and supervision by year. The amounts are samples (the source gives only the total); the
 * descriptions say so. The last entry, after the merge, is An Giang's, which carried the scheme to
 * its end.
 */
export async function recordKienGiangSpending(db: EntityManager, window: { before?: string; from?: string }): Promise<void> {
  const schemeId = await schemeIdByTitle(db, KIEN_GIANG_SCHEME_TITLE);
  const line = await budgetLineOf(db, schemeId, BudgetSource.PROVINCE_BUDGET);
  const payments: Array<[string, bigint, string]> = [
    ['2021-06-18', 165_000_000n, 'Tập huấn thành lập câu lạc bộ, bồi dưỡng ban chủ nhiệm năm 2021'],
    ['2022-06-17', 195_000_000n, 'Tập huấn, truyền thông và kiểm tra, giám sát năm 2022'],
    ['2023-06-16', 230_000_000n, 'Tập huấn, truyền thông và kiểm tra, giám sát năm 2023'],
    ['2024-06-14', 235_000_000n, 'Tập huấn, truyền thông và kiểm tra, giám sát năm 2024'],
    ['2025-05-16', 160_000_000n, 'Tập huấn ban chủ nhiệm các câu lạc bộ thành lập năm 2025'],
    ['2025-11-20', 120_000_000n, 'Sơ kết, tổng kết thực hiện Đề án giai đoạn 2021–2025'],
  ];
  for (const [paidOn, amount, description] of payments) {
    if ((window.before && paidOn >= window.before) || (window.from && paidOn < window.from)) continue;
    await recordDisbursement(db, SEED_REQUEST, {
      budgetLineId: line,
      paidOn,
      amount,
      description: `${description} (số liệu mẫu)`,
      idempotencyKey: `seed-kg-spending-${paidOn}`,
    });
  }
}

const THAI_NGUYEN_DISTRICT_CODES = ['164', '165', '167', '168', '169', '170', '171', '172', '173'];

export const THAI_NGUYEN_SCHEME_TITLE =
  'Đề án nhân rộng mô hình Câu lạc bộ Liên thế hệ tự giúp nhau giai đoạn 2017–2020 trên địa bàn tỉnh Thái Nguyên';

/**
 * Thái Nguyên 2017–2020 (false when it was loaded before). Decision 957 of the provincial People's Committee approved the scheme's
 * outline; the source reports the survey that prepared the scheme for approval, so it stays a draft.
 */
export async function seedThaiNguyenScheme(db: EntityManager): Promise<boolean> {
  if (await demoSchemeLoaded(db, THAI_NGUYEN_SCHEME_TITLE)) return false;
  const scheme = await createScheme(db, SEED_REQUEST, {
    title: THAI_NGUYEN_SCHEME_TITLE,
    summary:
      'Nhân rộng các câu lạc bộ Liên thế hệ tự giúp nhau trên địa bàn tỉnh thông qua cách tiếp cận liên thế hệ, tự giúp nhau dựa ' +
      'vào cộng đồng, để thực hiện có hiệu quả các chỉ tiêu của Chương trình hành động quốc gia về người cao tuổi; chú trọng giúp ' +
      'đỡ người cao tuổi thuộc hộ nghèo, hộ cận nghèo, hộ có hoàn cảnh khó khăn tại cộng đồng vươn lên thoát nghèo. ' +
      'Quyết định số 957 của Ủy ban nhân dân tỉnh phê duyệt Đề cương nhiệm vụ Đề án.',
    nationalPhaseId: await phaseId(db, '1533/QĐ-TTg'),
    firstYear: 2017,
    lastYear: 2020,
    decisionNumber: '957',
    decisionDate: null,
    decisionBody: 'Ủy ban nhân dân tỉnh Thái Nguyên',
    managingAgency: 'Sở Lao động, Thương binh và Xã hội tỉnh Thái Nguyên',
    totalBudget: 0n,
  });
  await saveTargets(db, SEED_REQUEST, {
    schemeId: scheme.id,
    version: scheme.version,
    targets: [
      {
        indicatorId: await indicatorId(db, 'CLUBS_RUNNING'),
        value: '400',
        note: 'Phấn đấu đến năm 2020 có ít nhất 400 câu lạc bộ được duy trì và thành lập.',
        milestones: [],
        breakdown: [],
      },
      {
        indicatorId: await indicatorId(db, 'OLDER_MEMBERS'),
        value: '15000',
        note: '15.000 người cao tuổi tham gia.',
        milestones: [],
        breakdown: [],
      },
      {
        indicatorId: await indicatorId(db, 'FUNDS_MOBILISED'),
        value: '2000000000',
        note: 'Huy động sự đóng góp của xã hội ít nhất là 2 tỷ đồng.',
        milestones: [],
        breakdown: [],
      },
    ],
  });

  const survey = await saveSurvey(db, SEED_REQUEST, {
    schemeId: scheme.id,
    title: 'Khảo sát đánh giá xây dựng kế hoạch thực hiện Đề án nhân rộng mô hình câu lạc bộ Liên thế hệ tự giúp nhau',
    purpose:
      'Khảo sát 9 huyện, thành, thị của tỉnh để xây dựng kế hoạch thực hiện Đề án; thông tin về Quyết định số 1533/QĐ-TTg của Thủ ' +
      'tướng Chính phủ; nghe Hội Người cao tuổi các địa phương báo cáo tình hình hoạt động của các câu lạc bộ, thuận lợi, khó khăn ' +
      'khi nhân rộng và đối tượng tham gia.',
    conductedBy: 'Sở Lao động, Thương binh và Xã hội tỉnh Thái Nguyên phối hợp với Ban Đại diện Hội Người cao tuổi tỉnh',
    startedOn: '2017-07-24',
    endedOn: '2017-08-31',
  });
  // Thái Nguyên's own nine (Bắc Kạn's districts came with the merge of 2025).
  const districts: Array<{ id: string }> = await db.query(
    `select id from admin_unit where level = 2 and code = any($1) order by sort_key`,
    [THAI_NGUYEN_DISTRICT_CODES],
  );
  if (districts.length !== 9) throw new Error(`demo data: expected the 9 districts of Thái Nguyên, found ${districts.length}`);
  const reported =
    'Đại diện Hội Người cao tuổi địa phương trình bày tình hình hoạt động của các câu lạc bộ Liên thế hệ tự giúp nhau; thảo luận ' +
    'nội dung hoạt động, thuận lợi, khó khăn khi nhân rộng câu lạc bộ và đối tượng tham gia.';
  const participants = 'Sở Lao động, Thương binh và Xã hội tỉnh; Ban Đại diện Hội Người cao tuổi tỉnh; Hội Người cao tuổi địa phương.';
  for (const district of districts) {
    await saveSurveyVisit(db, SEED_REQUEST, { surveyId: survey.id, unitId: district.id, participants, clubActivity: reported });
  }
  const tucDuyen = await idOf(db, `select id from admin_unit where code = '05437'`, []);
  await saveSurveyVisit(db, SEED_REQUEST, {
    surveyId: survey.id,
    unitId: tucDuyen,
    participants: 'Sở Lao động, Thương binh và Xã hội tỉnh; Hội Người cao tuổi phường Túc Duyên.',
    clubActivity: reported,
  });
  return true;
}

export interface SampleSchemeSpec {
  province: string;
  managingAgency: string;
  /** New clubs the scheme aims for over 2026–2030. */
  newClubs: number;
  /** Clubs it keeps running. */
  clubsMaintained: number;
  /** Communes (GSO code or, without one, name) planned for 2026, each to get a club this year. */
  communes2026: string[];
}

export function sampleSchemeTitle(province: string): string {
  return `Đề án nhân rộng mô hình Câu lạc bộ Liên thế hệ tự giúp nhau trên địa bàn tỉnh ${province} giai đoạn 2026–2030`;
}

/**
 * A 2026–2030 scheme under 1648/QĐ-TTg (false when it was loaded before). No province's text is at
 * hand: everything in it is a sample, and its summary says so. It is approved (decision number
 * left empty, a sample day of March 2026) so that the current phase's comparison has a scheme to
 * measure against; the communes planned for 2026 get their clubs (foundPlannedClubs).
 */
export async function seedSampleScheme2026(db: EntityManager, spec: SampleSchemeSpec): Promise<boolean> {
  const title = sampleSchemeTitle(spec.province);
  if (await demoSchemeLoaded(db, title)) return false;
  const scheme = await createScheme(db, SEED_REQUEST, {
    title,
    summary:
      'Dữ liệu mẫu: Đề án minh họa thực hiện Quyết định số 1648/QĐ-TTg ngày 01/08/2025 của Thủ tướng Chính phủ về nhân rộng mô hình ' +
      'Câu lạc bộ Liên thế hệ tự giúp nhau đến năm 2035. Chỉ tiêu, kinh phí, ngày phê duyệt và danh sách địa bàn do hệ thống đặt ' +
      'để minh họa, không lấy từ văn bản nào của tỉnh. Duy trì các câu lạc bộ đã thành lập, bảo đảm chất lượng; thành lập mới ' +
      'câu lạc bộ tại các xã, phường chưa có, ưu tiên người cao tuổi nghèo, cận nghèo, người dân tộc thiểu số.',
    nationalPhaseId: await phaseId(db, '1648/QĐ-TTg'),
    firstYear: 2026,
    lastYear: 2030,
    decisionNumber: null,
    decisionDate: null,
    decisionBody: `Ủy ban nhân dân tỉnh ${spec.province}`,
    managingAgency: spec.managingAgency,
    totalBudget: 0n,
  });
  const withTargets = await saveTargets(db, SEED_REQUEST, {
    schemeId: scheme.id,
    version: scheme.version,
    targets: [
      {
        indicatorId: await indicatorId(db, 'NEW_CLUBS'),
        value: String(spec.newClubs),
        note: 'Dữ liệu mẫu.',
        milestones: [2026, 2027, 2028, 2029, 2030].map((year, index) => ({ year, value: String(Math.round((spec.newClubs * (index + 1)) / 5)) })),
        breakdown: [],
      },
      { indicatorId: await indicatorId(db, 'CLUBS_MAINTAINED'), value: String(spec.clubsMaintained), note: 'Dữ liệu mẫu: duy trì 100% câu lạc bộ đã thành lập.', milestones: [], breakdown: [] },
      { indicatorId: await indicatorId(db, 'FUNDS_MOBILISED'), value: String(spec.newClubs * 20_000_000), note: 'Dữ liệu mẫu.', milestones: [], breakdown: [] },
    ],
  });
  const communes: Array<{ id: string }> = [];
  for (const commune of spec.communes2026) {
    communes.push({
      id: await idOf(db, 'select id from admin_unit where level = 3 and valid_to is null and (code = $1 or (code is null and name = $1)) order by sort_key limit 1', [commune]),
    });
  }
  for (const commune of communes) {
    await saveClubPlanEntry(db, SEED_REQUEST, {
      schemeId: scheme.id,
      communeId: commune.id,
      plannedYear: 2026,
      status: ClubPlanStatus.PLANNED,
      note: 'Dữ liệu mẫu.',
    });
  }
  const withBudget = await saveBudget(db, SEED_REQUEST, {
    schemeId: scheme.id,
    version: withTargets.version,
    totalBudget: BigInt(spec.newClubs) * 15_000_000n + BigInt(communes.length) * 20_000_000n,
    lines: [
      {
        source: BudgetSource.PROVINCE_BUDGET,
        purpose: BudgetPurpose.OTHER,
        year: null,
        description: 'Ngân sách tỉnh hỗ trợ thực hiện Đề án (dữ liệu mẫu).',
        amount: BigInt(spec.newClubs) * 15_000_000n,
      },
      {
        source: BudgetSource.MOBILISED,
        purpose: BudgetPurpose.SEED_CAPITAL,
        year: 2026,
        description: 'Vốn ban đầu vận động cho các câu lạc bộ thành lập năm 2026 (dữ liệu mẫu).',
        perClubAmount: 20_000_000n,
        plannedClubs: communes.length,
      },
    ],
  });
  await approveScheme(db, SEED_REQUEST, {
    id: scheme.id,
    version: withBudget.version,
    decisionBody: `Ủy ban nhân dân tỉnh ${spec.province}`,
    decisionNumber: null,
    decisionDate: '2026-03-20',
  });
  await db.query(`update scheme set approved_at = '2026-03-20T10:00:00+07:00' where id = $1`, [scheme.id]);
  return true;
}

