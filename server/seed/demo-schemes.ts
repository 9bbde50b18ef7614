import type { EntityManager } from 'typeorm';
import { saveClubPlanEntry } from '../src/club-plan/club-plan.service.js';
import { ClubPlanStatus } from '../src/club-plan/club-plan.types.js';
import { BudgetPurpose, BudgetSource } from '../src/schemes/scheme.types.js';
import { approveScheme, createScheme, saveBudget, saveTargets } from '../src/schemes/scheme.service.js';
import { saveSurvey, saveSurveyVisit } from '../src/surveys/survey.service.js';

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
 * Whether this province's demo scheme was loaded already: the seed's own audit event says so even
 * after the admin renamed the scheme; the title catches a scheme entered by hand under that name.
 */
async function demoSchemeLoaded(db: EntityManager, title: string): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `select 1 from audit_event where request_id = $1 and entity_type = 'scheme' and action = 'scheme.create'
     union all
     select 1 from scheme where title = $2
     limit 1`,
    [SEED_REQUEST, title],
  );
  return rows.length > 0;
}

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
      'nghèo, cận nghèo, người cao tuổi dân tộc thiểu số, người cao tuổi có hoàn cảnh khó khăn.',
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
    decisionDate: null,
  });
  return true;
}

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
  const districts: Array<{ id: string }> = await db.query(
    `select id from admin_unit where level = 2 order by sort_key`,
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
