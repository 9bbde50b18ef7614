import {
  addMonthsToDay,
  dayInMonth,
  dayOf,
  firstDayOfMonth,
  isoOf,
  lastDayOfMonth,
  monthOfDay,
} from './calendar.js';
import {
  ETHNIC_MINORITIES,
  FAMILY_NAMES,
  MEN_GIVEN_NAMES,
  MEN_MIDDLE_NAMES,
  PLACE_SYLLABLES,
  PROVINCES,
  WOMEN_GIVEN_NAMES,
  WOMEN_MIDDLE_NAMES,
  type ProvinceSpec,
} from './provinces.js';
import { Random } from './random.js';

/**
 * The national-scale dataset, generated the same on every run from a fixed seed and a fixed
 * "as of" day (so a dataset made today equals one made next year). Bump DATASET_VERSION when
 * anything here changes what is generated: the loader regenerates a database of another version.
 */
export const DATASET_VERSION = 'national-2026-12-v1';
export const SEED = 20_251_101;
export const AS_OF = '2026-11-30';
export const COMMUNES = 3_321;
export const CLUBS = 20_000;
export const MEMBERS_PER_CLUB = 60;
export const LOANS_PER_CLUB = 30;
export const HAMLETS_PER_COMMUNE = 3;
export const ACTIVITY_MONTHS = 12;
export const BENCH_PASSWORD = 'ishc-bench';

/** Columns of each table as written by COPY, in load order. Generated and defaulted columns are left out. */
export const COLUMNS = {
  tenant: ['id', 'code', 'slug', 'name', 'status'],
  admin_unit: ['tenant_id', 'id', 'parent_id', 'code', 'name', 'kind', 'path'],
  province_setting: ['tenant_id', 'report_due_day'],
  scheme: ['tenant_id', 'id', 'title', 'national_phase_id', 'first_year', 'last_year', 'decision_number', 'decision_date',
    'decision_body', 'managing_agency', 'stated_total', 'status', 'approved_at', 'origin_tenant_id'],
  scheme_target: ['tenant_id', 'id', 'scheme_id', 'indicator_id', 'target_value', 'sort_order'],
  scheme_target_milestone: ['tenant_id', 'target_id', 'year', 'value'],
  budget_line: ['tenant_id', 'id', 'scheme_id', 'source', 'purpose', 'description', 'amount', 'per_club_amount', 'planned_clubs', 'sort_order'],
  reference_figure: ['tenant_id', 'id', 'year', 'kind', 'value', 'source'],
  club: ['tenant_id', 'id', 'commune_id', 'hamlet_id', 'name', 'status', 'founded_on', 'scheme_id', 'status_since', 'created_at', 'origin_tenant_id'],
  club_status_change: ['tenant_id', 'id', 'club_id', 'status', 'effective_on', 'recorded_at'],
  app_user: ['id', 'tenant_id', 'club_id', 'login', 'display_name', 'role', 'password_hash', 'password_changed_at'],
  member: ['tenant_id', 'id', 'club_id', 'full_name', 'sex', 'birth_year', 'citizen_id', 'phone', 'hamlet_id', 'joined_on',
    'left_on', 'leave_reason', 'poor_household', 'near_poor_household', 'ethnic_minority', 'disability', 'lives_alone',
    'needs_home_care', 'board_role', 'home_care_volunteer'],
  activity: ['tenant_id', 'id', 'club_id', 'held_on', 'area', 'monthly_meeting', 'title'],
  attendance: ['tenant_id', 'club_id', 'activity_id', 'member_id'],
  loan: ['tenant_id', 'id', 'club_id', 'member_id', 'principal', 'term_months', 'monthly_rate', 'flat_fee', 'purpose', 'status',
    'requested_on', 'decided_on', 'disbursed_on', 'first_due_on', 'closed_on', 'schedule_version'],
  loan_instalment: ['tenant_id', 'club_id', 'loan_id', 'schedule_version', 'number', 'due_on', 'principal', 'interest'],
  repayment: ['tenant_id', 'id', 'club_id', 'loan_id', 'paid_on', 'principal', 'interest', 'recorded_at'],
  ledger_entry: ['tenant_id', 'id', 'club_id', 'fund', 'kind', 'entry_on', 'amount', 'member_id', 'loan_id', 'repayment_id',
    'description', 'recorded_at'],
  monthly_report: ['tenant_id', 'id', 'club_id', 'month', 'status', 'figures', 'due_on', 'submitted_at', 'first_submitted_at',
    'submitted_by', 'decided_at', 'decided_by'],
} as const;

export type Table = keyof typeof COLUMNS;
export type Value = string | number | boolean | null;

/** Where generated rows go: one call per row, values in the order of COLUMNS[table]. */
export interface RowSink {
  row(table: Table, values: Value[]): void;
}

/** National reference rows the migrations load with ids of their own. */
export interface NationalReference {
  indicatorIds: Record<string, string>;
  phase2025Id: string;
}

// Identifiers: a fixed prefix per kind, then a counter, so ids are deterministic and each table's
// primary key (tenant_id, id) grows in load order (appending to indexes instead of splitting pages).
const KIND = {
  tenant: 0x10, unit: 0x20, club: 0x30, member: 0x40, activity: 0x50, loan: 0x60, repayment: 0x70, ledger: 0x80,
  statusChange: 0x90, report: 0xa0, scheme: 0xb0, target: 0xc0, budget: 0xd0, user: 0xe0, figure: 0xf0,
} as const;
type Kind = keyof typeof KIND;
const counters = new Map<Kind, number>();

function resetIds(): void {
  counters.clear();
}

function newId(kind: Kind): string {
  const next = (counters.get(kind) ?? 0) + 1;
  counters.set(kind, next);
  return `${KIND[kind].toString(16).padStart(8, '0')}-0000-4000-8000-${next.toString(16).padStart(12, '0')}`;
}

function pathLabel(id: string): string {
  return id.replaceAll('-', '_');
}

const AS_OF_DAY = dayOf(AS_OF);
const AS_OF_MONTH = monthOfDay(AS_OF_DAY);
const FIRST_ACTIVITY_MONTH = AS_OF_MONTH - (ACTIVITY_MONTHS - 1);
const FOUNDING_FIRST_DAY = dayOf('2017-01-01');
const FOUNDING_LAST_DAY = dayOf('2025-12-31');
const OTHER_AREAS = ['LIVELIHOOD', 'HEALTH', 'HOME_CARE', 'RIGHTS', 'LEARNING', 'CULTURE', 'RESOURCE_MOBILISATION'] as const;
const AREA_TITLES: Record<string, string> = {
  LIVELIHOOD: 'Tập huấn kỹ thuật chăn nuôi, trồng trọt',
  HEALTH: 'Khám sức khỏe định kỳ và tập dưỡng sinh',
  HOME_CARE: 'Tình nguyện viên thăm hỏi, chăm sóc tại nhà',
  SELF_HELP: 'Sinh hoạt định kỳ',
  RIGHTS: 'Phổ biến chính sách, quyền lợi người cao tuổi',
  LEARNING: 'Nói chuyện chuyên đề',
  CULTURE: 'Văn nghệ, thể thao, giao lưu',
  RESOURCE_MOBILISATION: 'Vận động nguồn lực cho câu lạc bộ',
};
const ALL_AREAS = ['LIVELIHOOD', 'HEALTH', 'HOME_CARE', 'SELF_HELP', 'RIGHTS', 'LEARNING', 'CULTURE', 'RESOURCE_MOBILISATION'];
const LOAN_PURPOSES = ['CROPS', 'LIVESTOCK', 'LIVESTOCK', 'AQUACULTURE', 'SMALL_TRADE', 'SMALL_TRADE', 'HANDICRAFT', 'SERVICES', 'OTHER'];
const SEED_CAPITAL_PER_CLUB = 20_000_000;
const MONEY_DESCRIPTION = {
  seed: 'Vốn ban đầu của Đề án',
  mobilised: 'Vốn vận động từ tổ chức, doanh nghiệp',
  contribution: 'Hội viên đóng góp quỹ hoạt động',
  expense: 'Chi hoạt động trong tháng',
};

interface CommuneRow {
  id: string;
  hamlets: string[];
  name: string;
}

interface MemberModel {
  id: string;
  female: boolean;
  birthYear: number;
  joined: number;
  left: number | null;
  poor: boolean;
  nearPoor: boolean;
  ethnic: boolean;
  volunteer: boolean;
}

interface LoanModel {
  principal: number;
  disbursed: number;
  closed: number | null;
  repayments: Array<{ day: number; principal: number; interest: number }>;
  /** First instalment day that payments do not cover, if any. */
  unpaidSince: number | null;
}

export interface ProvinceSummary {
  tenantId: string;
  code: string;
  name: string;
  rootUnitId: string;
  communeIds: string[];
  clubIds: string[];
  adminUserId: string;
  clubStaff: Array<{ userId: string; clubId: string; login: string }>;
  adminLogin: string;
}

export interface DatasetSummary {
  provinces: ProvinceSummary[];
  nationalViewer: { userId: string; login: string };
  counts: Partial<Record<Table, number>>;
}

/**
 * Generates the whole dataset into `sink`, yielding after each province so the caller can let
 * its COPY streams drain; the summary is returned at the end.
 */
export function* generateDataset(sink: RowSink, reference: NationalReference, passwordHash: string): Generator<ProvinceSummary, DatasetSummary> {
  resetIds();
  const counts: Partial<Record<Table, number>> = {};
  const counted: RowSink = {
    row(table, values) {
      counts[table] = (counts[table] ?? 0) + 1;
      sink.row(table, values);
    },
  };
  const provinces: ProvinceSummary[] = [];
  const nationalViewer = { userId: newId('user'), login: 'bench.national' };
  counted.row('app_user', [nationalViewer.userId, null, null, nationalViewer.login, 'Văn phòng quốc gia (bench)', 'NATIONAL_VIEWER', passwordHash, '2026-01-01 00:00:00+07']);

  for (let index = 0; index < PROVINCES.length; index += 1) {
    const communeCount = Math.floor(COMMUNES / PROVINCES.length) + (index < COMMUNES % PROVINCES.length ? 1 : 0);
    const clubCount = Math.floor(CLUBS / PROVINCES.length) + (index < CLUBS % PROVINCES.length ? 1 : 0);
    const summary = generateProvince(counted, reference, passwordHash, PROVINCES[index], index, communeCount, clubCount);
    provinces.push(summary);
    yield summary;
  }
  return { provinces, nationalViewer, counts };
}

function generateProvince(
  sink: RowSink,
  reference: NationalReference,
  passwordHash: string,
  province: ProvinceSpec,
  provinceIndex: number,
  communeCount: number,
  clubCount: number,
): ProvinceSummary {
  const random = new Random(SEED, provinceIndex);
  const tenantId = newId('tenant');
  sink.row('tenant', [tenantId, province.code, province.slug, province.name, 'ACTIVE']);
  sink.row('province_setting', [tenantId, 5]);

  // The hierarchy: the province, its communes, a few hamlets in each.
  const rootUnitId = newId('unit');
  const rootPath = pathLabel(rootUnitId);
  sink.row('admin_unit', [tenantId, rootUnitId, null, province.code, province.name, province.municipality ? 'MUNICIPALITY' : 'PROVINCE', rootPath]);
  const communes: CommuneRow[] = [];
  for (let number = 1; number <= communeCount; number += 1) {
    const id = newId('unit');
    const roll = random.next();
    const [kind, prefix] = roll < 0.8 ? ['COMMUNE', 'Xã'] : roll < 0.95 ? ['WARD', 'Phường'] : ['TOWNSHIP', 'Thị trấn'];
    const name = `${prefix} ${random.pick(PLACE_SYLLABLES)} ${random.pick(PLACE_SYLLABLES)}`.normalize('NFC');
    const path = `${rootPath}.${pathLabel(id)}`;
    sink.row('admin_unit', [tenantId, id, rootUnitId, `${province.code}${String(number).padStart(3, '0')}`, name, kind, path]);
    const hamlets: string[] = [];
    for (let hamlet = 1; hamlet <= HAMLETS_PER_COMMUNE; hamlet += 1) {
      const hamletId = newId('unit');
      const [hamletKind, hamletPrefix] = kind === 'WARD' ? ['QUARTER', 'Khu phố'] : ['HAMLET', 'Ấp'];
      sink.row('admin_unit', [tenantId, hamletId, id, null, `${hamletPrefix} ${hamlet}`.normalize('NFC'), hamletKind, `${path}.${pathLabel(hamletId)}`]);
      hamlets.push(hamletId);
    }
    communes.push({ id, hamlets, name });
  }

  // Clubs' founding days first: the scheme's targets follow from them.
  const foundings = Array.from({ length: clubCount }, () => random.int(FOUNDING_FIRST_DAY, FOUNDING_LAST_DAY)).sort((a, b) => a - b);
  const foundedInScheme = foundings.filter((day) => day >= dayOf('2021-01-01')).length;

  const schemeId = newId('scheme');
  const newClubsTarget = Math.round(foundedInScheme * 1.1);
  const clubsRunningTarget = Math.round(clubCount * 1.05);
  const budgetLines: Array<[string, string, string, number, number | null, number | null]> = [
    ['PROVINCE_BUDGET', 'TRAINING', 'Tập huấn ban chủ nhiệm câu lạc bộ', newClubsTarget * 15_000_000, null, null],
    ['PROVINCE_BUDGET', 'MANAGEMENT', 'Kiểm tra, giám sát, sơ kết, tổng kết', 500_000_000, null, null],
    ['MOBILISED', 'SEED_CAPITAL', 'Vốn ban đầu cho câu lạc bộ thành lập mới', SEED_CAPITAL_PER_CLUB * newClubsTarget, SEED_CAPITAL_PER_CLUB, newClubsTarget],
  ];
  const statedTotal = budgetLines.reduce((sum, line) => sum + line[3], 0);
  sink.row('scheme', [
    tenantId, schemeId,
    `Đề án nhân rộng mô hình Câu lạc bộ Liên thế hệ tự giúp nhau ${province.name} giai đoạn 2021–2025`.normalize('NFC'),
    reference.phase2025Id, 2021, 2025, `${100 + provinceIndex}/QĐ-UBND`, '2021-03-15',
    `Ủy ban nhân dân ${province.name}`.normalize('NFC'), 'Sở Lao động – Thương binh và Xã hội'.normalize('NFC'),
    statedTotal, 'APPROVED', '2021-03-15 10:00:00+07', tenantId,
  ]);
  const targets: Array<[string, number]> = [
    ['NEW_CLUBS', newClubsTarget],
    ['CLUBS_RUNNING', clubsRunningTarget],
    ['MEMBERS', clubsRunningTarget * MEMBERS_PER_CLUB],
    ['OLDER_MEMBERS', Math.round(clubsRunningTarget * MEMBERS_PER_CLUB * 0.65)],
    ['FUNDS_MOBILISED', newClubsTarget * SEED_CAPITAL_PER_CLUB],
  ];
  targets.forEach(([code, value], order) => {
    const targetId = newId('target');
    sink.row('scheme_target', [tenantId, targetId, schemeId, reference.indicatorIds[code], value, (order + 1) * 10]);
    for (let year = 2021; year <= 2025; year += 1) {
      sink.row('scheme_target_milestone', [tenantId, targetId, year, Math.round((value * (year - 2020)) / 5)]);
    }
  });
  budgetLines.forEach(([source, purpose, description, amount, perClub, planned], order) => {
    sink.row('budget_line', [tenantId, newId('budget'), schemeId, source, purpose, description.normalize('NFC'), amount, perClub, planned, (order + 1) * 10]);
  });
  const olderPopulation = clubCount * MEMBERS_PER_CLUB * random.int(6, 14);
  for (const year of [2024, 2025]) {
    const source = 'Cục Thống kê tỉnh (số liệu mô phỏng cho đo hiệu năng)'.normalize('NFC');
    sink.row('reference_figure', [tenantId, newId('figure'), year, 'OLDER_POPULATION', olderPopulation - (2025 - year) * 3_000, source]);
    sink.row('reference_figure', [tenantId, newId('figure'), year, 'COMMUNES', communeCount, source]);
  }

  const adminUserId = newId('user');
  const adminLogin = `bench.p${province.code}`;
  sink.row('app_user', [adminUserId, tenantId, null, adminLogin, `Quản trị ${province.name}`.normalize('NFC'), 'PROVINCE_ADMIN', passwordHash, '2026-01-01 00:00:00+07']);

  const clubIds: string[] = [];
  const clubStaff: ProvinceSummary['clubStaff'] = [];
  for (let number = 0; number < clubCount; number += 1) {
    const commune = communes[number % communes.length];
    const hamletId = commune.hamlets[Math.floor(number / communes.length) % commune.hamlets.length];
    const clubId = newId('club');
    clubIds.push(clubId);
    let staffUserId: string | null = null;
    if (number < 2) {
      staffUserId = newId('user');
      const login = `bench.c${province.code}.${number + 1}`;
      clubStaff.push({ userId: staffUserId, clubId, login });
      // The account row follows the club row (written inside generateClub's caller below).
      generateClub(sink, random, { tenantId, clubId, commune, hamletId, founded: foundings[number], schemeId, number, adminUserId, staffUserId, provinceCode: province.code });
      sink.row('app_user', [staffUserId, tenantId, clubId, login, `Ban chủ nhiệm CLB ${number + 1} ${province.name}`.normalize('NFC'), 'CLUB_STAFF', passwordHash, '2026-01-01 00:00:00+07']);
    } else {
      generateClub(sink, random, { tenantId, clubId, commune, hamletId, founded: foundings[number], schemeId, number, adminUserId, staffUserId, provinceCode: province.code });
    }
  }

  return {
    tenantId,
    code: province.code,
    name: province.name,
    rootUnitId,
    communeIds: communes.map((commune) => commune.id),
    clubIds,
    adminUserId,
    adminLogin,
    clubStaff,
  };
}

interface ClubContext {
  tenantId: string;
  clubId: string;
  commune: CommuneRow;
  hamletId: string;
  founded: number;
  schemeId: string;
  number: number;
  adminUserId: string;
  staffUserId: string | null;
  provinceCode: string;
}

function timestampOf(day: number, hour = 9): string {
  return `${isoOf(day)} ${String(hour).padStart(2, '0')}:00:00+07`;
}

function generateClub(sink: RowSink, random: Random, club: ClubContext): void {
  const { tenantId, clubId, founded } = club;
  const foundedIso = isoOf(founded);
  const inScheme = founded >= dayOf('2021-01-01');
  sink.row('club', [
    tenantId, clubId, club.commune.id, club.hamletId,
    `CLB Liên thế hệ tự giúp nhau số ${club.number + 1} – ${club.commune.name}`.normalize('NFC'),
    'ACTIVE', foundedIso, inScheme ? club.schemeId : null, foundedIso, timestampOf(founded), tenantId,
  ]);
  sink.row('club_status_change', [tenantId, newId('statusChange'), clubId, 'ACTIVE', foundedIso, timestampOf(founded)]);

  // Members: ~65% women, ~65% older (born 1966 or earlier), ~25% poor or near-poor.
  const members: MemberModel[] = [];
  for (let index = 0; index < MEMBERS_PER_CLUB; index += 1) {
    const female = random.chance(0.65);
    const older = random.chance(0.65);
    const birthYear = older ? random.int(1938, 1966) : random.int(1967, 1998);
    const lateJoiner = index >= 50 && random.chance(0.5);
    const joined = lateJoiner ? random.int(founded + 30, Math.max(founded + 30, AS_OF_DAY - 120)) : founded + random.int(0, 20);
    const boardRole = index === 0 ? 'HEAD' : index === 1 ? 'DEPUTY' : index === 2 ? 'TREASURER' : index === 3 ? 'SECRETARY' : null;
    const leaves = boardRole === null && random.chance(0.02) && joined < AS_OF_DAY - 90;
    const left = leaves ? random.int(joined + 30, AS_OF_DAY - 30) : null;
    const roll = random.next();
    const poor = roll < 0.14;
    const nearPoor = !poor && roll < 0.25;
    const ethnic = random.chance(0.1);
    const volunteer = index >= 4 && index < 10;
    const id = newId('member');
    const name = `${random.pick(FAMILY_NAMES)} ${random.pick(female ? WOMEN_MIDDLE_NAMES : MEN_MIDDLE_NAMES)} ${random.pick(female ? WOMEN_GIVEN_NAMES : MEN_GIVEN_NAMES)}`.normalize('NFC');
    const citizenId = random.chance(0.7)
      ? `0${club.provinceCode}${female ? 1 : 0}${String(birthYear % 100).padStart(2, '0')}${String(counters.get('member')! % 1_000_000).padStart(6, '0')}`
      : null;
    const phone = random.chance(0.5) ? `09${String(random.int(0, 99_999_999)).padStart(8, '0')}` : null;
    sink.row('member', [
      tenantId, id, clubId, name, female ? 'FEMALE' : 'MALE', birthYear, citizenId, phone, club.hamletId, isoOf(joined),
      left === null ? null : isoOf(left), left === null ? null : 'Chuyển nơi ở'.normalize('NFC'),
      poor, nearPoor, ethnic ? random.pick(ETHNIC_MINORITIES).normalize('NFC') : null,
      random.chance(0.05), random.chance(0.08), random.chance(0.1), boardRole, volunteer,
    ]);
    members.push({ id, female, birthYear, joined, left, poor, nearPoor, ethnic, volunteer });
  }

  // Loans: half the members borrow once; most loans are being repaid, older ones are closed,
  // and about one in seven borrowers has stopped paying.
  const borrowers = random.shuffled(members.filter((member) => member.left === null && member.joined < AS_OF_DAY - 60)).slice(0, LOANS_PER_CLUB);
  const loans: LoanModel[] = [];
  const ledgerRows: Value[][] = [];
  for (const member of borrowers) {
    const earliest = Math.max(member.joined, founded) + 10;
    const oldLoan = random.chance(0.25) && earliest < AS_OF_DAY - 400;
    const term = random.pick([6, 9, 12, 12]);
    const principal = random.int(2, 10) * 500_000;
    const withInterest = random.chance(0.5);
    let disbursed = oldLoan
      ? random.int(earliest, AS_OF_DAY - 400)
      : random.int(Math.max(earliest, firstDayOfMonth(AS_OF_MONTH - 11)), AS_OF_DAY - 20);
    const date = new Date(disbursed * 86_400_000);
    if (date.getUTCDate() > 28) disbursed -= date.getUTCDate() - 28;
    const firstDue = addMonthsToDay(disbursed, 1);
    const share = Math.floor(principal / term);
    const interestEach = withInterest ? Math.floor((principal * 500 + 50_000) / 100_000) : 0;
    const loanId = newId('loan');
    const instalments = Array.from({ length: term }, (_, index) => ({
      number: index + 1,
      due: addMonthsToDay(firstDue, index),
      principal: index === term - 1 ? principal - share * (term - 1) : share,
      interest: interestEach,
    }));
    const model: LoanModel = { principal, disbursed, closed: null, repayments: [], unpaidSince: null };
    if (oldLoan) {
      const last = instalments[term - 1];
      const totalInterest = interestEach * term;
      model.repayments.push({ day: Math.min(last.due + random.int(0, 5), AS_OF_DAY - 1), principal, interest: totalInterest });
      model.closed = model.repayments[0].day;
    } else {
      const stops = random.chance(0.15);
      const due = instalments.filter((instalment) => instalment.due <= AS_OF_DAY);
      const paidCount = stops ? Math.floor(random.next() * due.length * 0.6) : due.filter((instalment) => instalment.due + 3 <= AS_OF_DAY).length;
      for (const instalment of instalments.slice(0, paidCount)) {
        model.repayments.push({ day: Math.min(instalment.due + random.int(0, 3), AS_OF_DAY), principal: instalment.principal, interest: instalment.interest });
      }
      if (paidCount === term) model.closed = model.repayments[term - 1].day;
      else model.unpaidSince = instalments[paidCount].due;
    }
    const status = model.closed === null ? 'DISBURSED' : 'CLOSED';
    sink.row('loan', [
      tenantId, loanId, clubId, member.id, principal, term, withInterest ? '0.5' : '0', null, random.pick(LOAN_PURPOSES), status,
      isoOf(disbursed - 10), isoOf(disbursed - 3), isoOf(disbursed), isoOf(firstDue), model.closed === null ? null : isoOf(model.closed), 1,
    ]);
    for (const instalment of instalments) {
      sink.row('loan_instalment', [tenantId, clubId, loanId, 1, instalment.number, isoOf(instalment.due), instalment.principal, instalment.interest]);
    }
    ledgerRows.push([clubId, 'INCOME_GENERATION', 'LOAN_DISBURSED', disbursed, -principal, member.id, loanId, null, null]);
    for (const repayment of model.repayments) {
      const repaymentId = newId('repayment');
      sink.row('repayment', [tenantId, repaymentId, clubId, loanId, isoOf(repayment.day), repayment.principal, repayment.interest, timestampOf(repayment.day, 10)]);
      ledgerRows.push([clubId, 'INCOME_GENERATION', 'PRINCIPAL_REPAID', repayment.day, repayment.principal, member.id, loanId, repaymentId, null]);
      if (repayment.interest > 0) {
        ledgerRows.push([clubId, 'INCOME_GENERATION', 'INTEREST', repayment.day, repayment.interest, member.id, loanId, repaymentId, null]);
      }
    }
    loans.push(model);
  }

  // Seed capital: the scheme's 20 million, and mobilised money enough for every loan at once.
  const lent = loans.reduce((sum, loan) => sum + loan.principal, 0);
  ledgerRows.push([clubId, 'INCOME_GENERATION', 'SEED_CAPITAL', founded, SEED_CAPITAL_PER_CLUB, null, null, null, MONEY_DESCRIPTION.seed]);
  ledgerRows.push([clubId, 'INCOME_GENERATION', 'SEED_CAPITAL', founded, Math.ceil(lent / 10_000_000) * 10_000_000, null, null, null, MONEY_DESCRIPTION.mobilised]);
  ledgerRows.push([clubId, 'ACTIVITY', 'CONTRIBUTION', founded, 1_000_000, null, null, null, MONEY_DESCRIPTION.contribution]);

  // Twelve months of activities: the monthly meeting (with attendance) and two other areas.
  const present = (member: MemberModel, day: number) => member.joined <= day && (member.left === null || member.left > day);
  const monthActivity = new Map<number, { areas: Set<string>; meetings: number; attended: number; expected: number; activities: number }>();
  for (let month = FIRST_ACTIVITY_MONTH; month <= AS_OF_MONTH; month += 1) {
    const meetingDay = dayInMonth(month, 5 + (club.number % 20));
    if (meetingDay < founded || meetingDay > AS_OF_DAY) continue;
    const meetingId = newId('activity');
    sink.row('activity', [tenantId, meetingId, clubId, isoOf(meetingDay), 'SELF_HELP', true, `${AREA_TITLES.SELF_HELP} tháng ${(month % 12) + 1}/${Math.floor(month / 12)}`.normalize('NFC')]);
    let attended = 0;
    let expected = 0;
    for (const member of members) {
      if (!present(member, meetingDay)) continue;
      expected += 1;
      if (random.chance(0.78)) {
        attended += 1;
        sink.row('attendance', [tenantId, clubId, meetingId, member.id]);
      }
    }
    const areas = new Set<string>(['SELF_HELP']);
    for (let other = 0; other < 2; other += 1) {
      const area = random.pick(OTHER_AREAS);
      const day = Math.min(dayInMonth(month, random.int(1, 28)), AS_OF_DAY);
      if (day < founded) continue;
      areas.add(area);
      sink.row('activity', [tenantId, newId('activity'), clubId, isoOf(day), area, false, AREA_TITLES[area].normalize('NFC')]);
    }
    monthActivity.set(month, { areas, meetings: 1, attended, expected, activities: 1 + areas.size - 1 });
    ledgerRows.push([clubId, 'ACTIVITY', 'CONTRIBUTION', meetingDay, attended * 20_000 || 20_000, null, null, null, MONEY_DESCRIPTION.contribution]);
    ledgerRows.push([clubId, 'ACTIVITY', 'EXPENSE', meetingDay, -random.int(1, 4) * 100_000, null, null, null, MONEY_DESCRIPTION.expense]);
  }

  // The ledger in day order, as a treasurer writes it.
  ledgerRows.sort((a, b) => (a[3] as number) - (b[3] as number));
  for (const entry of ledgerRows) {
    const day = entry[3] as number;
    sink.row('ledger_entry', [tenantId, newId('ledger'), entry[0], entry[1], entry[2], isoOf(day), entry[4], entry[5], entry[6], entry[7], entry[8], timestampOf(day, 11)]);
  }

  // Monthly reports of past months: most approved, some waiting, returned, in draft, late or missing.
  for (let month = FIRST_ACTIVITY_MONTH; month < AS_OF_MONTH; month += 1) {
    const end = lastDayOfMonth(month);
    if (end < founded) continue;
    const roll = random.next();
    if (roll < 0.05) continue;
    const recent = month >= AS_OF_MONTH - 2;
    const status = roll < 0.08 ? 'DRAFT' : roll < 0.11 ? 'RETURNED' : recent && roll < 0.3 ? 'SUBMITTED' : 'APPROVED';
    const due = dayInMonth(month + 1, 5);
    const submittedDay = random.chance(0.15) ? due + random.int(1, 20) : due - random.int(0, 4);
    const submitted = status !== 'DRAFT' && submittedDay <= AS_OF_DAY;
    const frozen = submitted && (status === 'SUBMITTED' || status === 'APPROVED');
    const decided = submitted && (status === 'APPROVED' || status === 'RETURNED') ? Math.min(submittedDay + 3, AS_OF_DAY) : null;
    sink.row('monthly_report', [
      tenantId, newId('report'), clubId, isoOf(firstDayOfMonth(month)), submitted || status === 'DRAFT' ? status : 'DRAFT',
      frozen ? figuresJson(members, loans, monthActivity.get(month), month) : null,
      isoOf(due), submitted ? timestampOf(submittedDay, 15) : null, submitted ? timestampOf(submittedDay, 15) : null,
      submitted ? club.staffUserId : null, decided === null ? null : timestampOf(decided, 16), decided === null ? null : club.adminUserId,
    ]);
  }
}

/** The frozen figures of a submitted report, in the shape the service writes. */
function figuresJson(
  members: MemberModel[],
  loans: LoanModel[],
  activity: { areas: Set<string>; meetings: number; attended: number; expected: number; activities: number } | undefined,
  month: number,
): string {
  const start = firstDayOfMonth(month);
  const end = lastDayOfMonth(month);
  const olderBorn = Math.floor(month / 12) - 60;
  const current = members.filter((member) => member.joined <= end && (member.left === null || member.left > end));
  let outstanding = 0;
  let loansOutstanding = 0;
  let disbursedCount = 0;
  let disbursedAmount = 0;
  let principalRepaid = 0;
  let interestReceived = 0;
  for (const loan of loans) {
    if (loan.disbursed >= start && loan.disbursed <= end) {
      disbursedCount += 1;
      disbursedAmount += loan.principal;
    }
    let repaidByEnd = 0;
    for (const repayment of loan.repayments) {
      if (repayment.day <= end) repaidByEnd += repayment.principal;
      if (repayment.day >= start && repayment.day <= end) {
        principalRepaid += repayment.principal;
        interestReceived += repayment.interest;
      }
    }
    if (loan.disbursed <= end && repaidByEnd < loan.principal) {
      loansOutstanding += 1;
      outstanding += loan.principal - repaidByEnd;
    }
  }
  const byArea = ALL_AREAS.map((area) => ({ area, activities: activity?.areas.has(area) ? 1 : 0 }));
  const attendanceRate = activity && activity.expected > 0 ? (Math.round((activity.attended * 10_000) / activity.expected) / 100).toString() : '0';
  return JSON.stringify({
    members: current.length,
    women: current.filter((member) => member.female).length,
    older: current.filter((member) => member.birthYear <= olderBorn).length,
    poor: current.filter((member) => member.poor).length,
    nearPoor: current.filter((member) => member.nearPoor).length,
    ethnicMinority: current.filter((member) => member.ethnic).length,
    disability: 0,
    livesAlone: 0,
    needsHomeCare: 0,
    homeCareVolunteers: current.filter((member) => member.volunteer).length,
    joined: members.filter((member) => member.joined >= start && member.joined <= end).length,
    left: members.filter((member) => member.left !== null && member.left >= start && member.left <= end).length,
    activities: activity?.activities ?? 0,
    activitiesByArea: byArea,
    meetings: activity?.meetings ?? 0,
    attendanceRate,
    homeCareVisits: 0,
    membersVisited: 0,
    loansDisbursed: disbursedCount,
    amountDisbursed: String(disbursedAmount),
    principalRepaid: String(principalRepaid),
    interestReceived: String(interestReceived),
    loansOutstanding,
    outstandingPrincipal: String(outstanding),
    loansOverdue: 0,
    principalOverdue: '0',
    par30: '0',
    contributions: String((activity?.attended ?? 0) * 20_000),
    incomeGenerationFund: '0',
    activityFund: '0',
  });
}
