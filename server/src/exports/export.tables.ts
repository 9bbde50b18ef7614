import type { EntityManager } from 'typeorm';
import type { Viewer } from '../database/request-scope.js';
import { healthOf } from '../figures/club-health.js';
import { comparisonPeriodOf, checkedMonth, provinceOf } from '../figures/figure-scope.js';
import { currentMonth, dashboardParts, par30ByClub } from '../figures/figure.service.js';
import {
  HealthLevel,
  HealthReasonCode,
  ProgressStatus,
  type ClubHealth,
  type FigureSet,
  type HealthReason,
  type MonthFigures,
  type ProvinceComparison,
  ProvinceMap,
} from '../figures/figure.types.js';
import { nationalComparison } from '../figures/national-comparison.js';
import { badInput, forbidden, type FieldProblem } from '../graphql/errors.js';
import { UUID_PATTERN } from '../text.js';
import { NATIONAL_ROLES, Role } from '../users/role.js';
import type { ExportColumn } from './table-writer.js';

/** The query string of an export: the same filters as the screen it comes from. */
export interface ExportParameters {
  tenantId?: string;
  unitId?: string;
  schemeId?: string;
  phaseId?: string;
  month?: string;
  fromMonth?: string;
  /** For the national comparison: today's provinces (default) or those of the period's end. */
  map?: ProvinceMap;
}

export interface ExportTable<Row = any> {
  /** Sheet name and the start of the file name. */
  title: string;
  roles: readonly Role[];
  columns: ReadonlyArray<ExportColumn<Row>>;
  rows: (db: EntityManager, viewer: Viewer, parameters: ExportParameters) => AsyncIterable<readonly Row[]>;
}


export function checkedParameters(query: Record<string, unknown>): ExportParameters {
  const problems: FieldProblem[] = [];
  const parameters: ExportParameters = {};
  for (const field of ['tenantId', 'unitId', 'schemeId', 'phaseId'] as const) {
    const value = query[field];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string' || !UUID_PATTERN.test(value)) problems.push({ field, message: 'is not an identifier' });
    else parameters[field] = value;
  }
  for (const field of ['month', 'fromMonth'] as const) {
    const value = query[field];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string') problems.push({ field, message: 'must be a month written YYYY-MM' });
    else parameters[field] = checkedMonth(value, field, problems);
  }
  if (query.map !== undefined && query.map !== '') {
    if (query.map === ProvinceMap.TODAY || query.map === ProvinceMap.AT_THE_TIME) parameters.map = query.map;
    else problems.push({ field: 'map', message: 'must be TODAY or AT_THE_TIME' });
  }
  if (problems.length) throw badInput(problems);
  return parameters;
}

const PROVINCE_READERS = [Role.PROVINCE_ADMIN, ...NATIONAL_ROLES] as const;

const STATUS_VI: Record<ProgressStatus, string> = {
  ACHIEVED: 'Đạt',
  ON_TRACK: 'Đúng tiến độ',
  BEHIND: 'Chậm tiến độ',
  NO_TARGET: 'Chưa đặt chỉ tiêu',
};

const LEVEL_VI: Record<HealthLevel, string> = { AT_RISK: 'Có nguy cơ', WATCH: 'Cần theo dõi', HEALTHY: 'Tốt' };

const SOURCE_VI: Record<string, string> = {
  PROVINCE_BUDGET: 'Ngân sách tỉnh',
  CENTRAL_BUDGET: 'Ngân sách trung ương',
  MOBILISED: 'Vận động xã hội',
  CLUB_CONTRIBUTIONS: 'Đóng góp của câu lạc bộ, thành viên',
  OTHER: 'Nguồn khác',
};

const UNIT_VI: Record<string, string> = { COUNT: 'Số lượng', PERCENT: '%', VND: 'Đồng' };

function decimalVi(value: string): string {
  return value.replace('.', ',');
}

/** A reason for lost points, in the words of the province's staff. */
export function reasonInVietnamese(reason: HealthReason): string {
  switch (reason.code) {
    case HealthReasonCode.FEW_AREAS:
      return `Chỉ có ${reason.value}/8 lĩnh vực hoạt động trong 3 tháng qua`;
    case HealthReasonCode.MISSING_REPORTS:
      return `${reason.value} báo cáo tháng chưa nộp`;
    case HealthReasonCode.LATE_REPORTS:
      return `${reason.value} báo cáo tháng nộp muộn`;
    case HealthReasonCode.NO_MEETINGS:
      return 'Không có sinh hoạt định kỳ trong 3 tháng qua';
    case HealthReasonCode.ATTENDANCE_FALLING:
      return `Số thành viên dự sinh hoạt giảm ${decimalVi(String(Math.abs(Number(reason.value)).toFixed(2)))}% so với 3 tháng trước`;
    case HealthReasonCode.PORTFOLIO_AT_RISK:
      return `Dư nợ quá hạn trên 30 ngày (PAR30) ${decimalVi(reason.value)}%`;
    case HealthReasonCode.MEMBERS_LEAVING:
      return `${decimalVi(reason.value)}% thành viên ra khỏi câu lạc bộ trong 12 tháng qua`;
  }
}

const FIGURE_COLUMNS: ReadonlyArray<ExportColumn<{ figures: FigureSet }>> = [
  { header: 'Số CLB đang hoạt động', kind: 'count', value: (row) => row.figures.clubs },
  { header: 'Số thành viên', kind: 'count', value: (row) => row.figures.members },
  { header: 'Thành viên là người cao tuổi', kind: 'count', value: (row) => row.figures.olderMembers },
  { header: 'Thành viên là nữ', kind: 'count', value: (row) => row.figures.womenMembers },
  { header: 'Thành viên thuộc hộ nghèo, cận nghèo', kind: 'count', value: (row) => row.figures.poorOrNearPoorMembers },
  { header: 'Thành viên được vay vốn', kind: 'count', value: (row) => row.figures.borrowers },
  { header: 'Số CLB đạt chuẩn', kind: 'count', value: (row) => row.figures.clubsMeetingStandard },
  { header: 'Số xã, phường, thị trấn có CLB', kind: 'count', value: (row) => row.figures.communesWithClub },
  { header: 'Quỹ tăng thu nhập (đồng)', kind: 'money', value: (row) => row.figures.incomeFund },
  { header: 'Quỹ hoạt động (đồng)', kind: 'money', value: (row) => row.figures.activityFund },
];

type ComparisonRow = ProvinceComparison & { name: string; code: string };

const comparisonTable: ExportTable<ComparisonRow> = {
  title: 'So sánh các tỉnh',
  roles: NATIONAL_ROLES,
  columns: [
    { header: 'Tỉnh, thành phố', kind: 'text', value: (row) => row.name },
    { header: 'Mã tỉnh', kind: 'text', value: (row) => row.code },
    ...(FIGURE_COLUMNS as ReadonlyArray<ExportColumn<ComparisonRow>>),
    { header: 'CLB thành lập mới trong kỳ', kind: 'count', value: (row) => row.newClubs },
    { header: 'Kinh phí vận động trong kỳ (đồng)', kind: 'money', value: (row) => row.fundsMobilised },
    { header: '% chỉ tiêu Đề án của tỉnh đạt được', kind: 'percent', value: (row) => row.percentOfOwnTargets },
    { header: 'Số CLB trên 100 xã', kind: 'decimal', value: (row) => row.clubsPer100Communes },
    { header: 'Thành viên trên 1.000 người cao tuổi', kind: 'decimal', value: (row) => row.membersPer1000Older },
    { header: 'Thành viên bình quân mỗi CLB', kind: 'decimal', value: (row) => row.membersPerClub },
    { header: '% thành viên là người cao tuổi', kind: 'percent', value: (row) => row.olderPercent },
    { header: '% thành viên là nữ', kind: 'percent', value: (row) => row.womenPercent },
    { header: '% thành viên hộ nghèo, cận nghèo', kind: 'percent', value: (row) => row.poorOrNearPoorPercent },
    { header: '% CLB đạt chuẩn', kind: 'percent', value: (row) => row.meetingStandardPercent },
    { header: '% thành viên được vay vốn', kind: 'percent', value: (row) => row.borrowedPercent },
  ],
  async *rows(db, _viewer, parameters) {
    const { phase, fromMonth, month } = await comparisonPeriodOf(db, parameters);
    const comparison = await nationalComparison(db, phase, fromMonth, month, parameters.map);
    const tenants = await tenantNames(db);
    yield [
      ...comparison.provinces
        .map((province) => ({ ...province, ...tenants.get(province.tenantId)! }))
        .sort((left, right) => left.name.localeCompare(right.name, 'vi')),
      { ...comparison.national, name: 'Toàn quốc', code: '' },
    ];
  },
};

async function tenantNames(db: EntityManager): Promise<Map<string, { name: string; code: string }>> {
  const rows: Array<{ id: string; name: string; code: string }> = await db.query('select id, name, code from tenant');
  return new Map(rows.map((row) => [row.id, { name: row.name, code: row.code }]));
}

const nationalTrendTable: ExportTable<{ name: string; month: string; clubs: number; members: number }> = {
  title: 'Diễn biến theo tháng',
  roles: NATIONAL_ROLES,
  columns: [
    { header: 'Tỉnh, thành phố', kind: 'text', value: (row) => row.name },
    { header: 'Tháng', kind: 'month', value: (row) => row.month },
    { header: 'Số CLB đang hoạt động', kind: 'count', value: (row) => row.clubs },
    { header: 'Số thành viên', kind: 'count', value: (row) => row.members },
  ],
  async *rows(db, _viewer, parameters) {
    const { phase, fromMonth, month } = await comparisonPeriodOf(db, parameters);
    const comparison = await nationalComparison(db, phase, fromMonth, month, parameters.map);
    const tenants = await tenantNames(db);
    yield comparison.trend
      .map((point) => ({ ...point, name: tenants.get(point.tenantId)!.name }))
      .sort((left, right) => left.name.localeCompare(right.name, 'vi') || left.month.localeCompare(right.month));
  },
};

const contributionsTable: ExportTable<{ target: string; indicator: string; name: string; value: string; percent: string }> = {
  title: 'Đóng góp vào chỉ tiêu',
  roles: NATIONAL_ROLES,
  columns: [
    { header: 'Chỉ tiêu quốc gia', kind: 'text', value: (row) => row.target },
    { header: 'Chỉ số', kind: 'text', value: (row) => row.indicator },
    { header: 'Tỉnh, thành phố', kind: 'text', value: (row) => row.name },
    { header: 'Giá trị', kind: 'decimal', value: (row) => row.value },
    { header: '% so với chỉ tiêu quốc gia', kind: 'percent', value: (row) => row.percent },
  ],
  async *rows(db, _viewer, parameters) {
    const { phase, fromMonth, month } = await comparisonPeriodOf(db, parameters);
    const comparison = await nationalComparison(db, phase, fromMonth, month);
    const tenants = await tenantNames(db);
    yield comparison.contributions.flatMap((contribution) =>
      contribution.provinces.map((province) => ({
        target: contribution.phaseTarget.descriptionVi,
        indicator: contribution.indicator.nameVi,
        name: tenants.get(province.tenantId)!.name,
        value: province.value,
        percent: province.percentOfTarget,
      })),
    );
  },
};

/** The dashboard of the province and unit asked for, computed as the screen computes it. */
async function dashboardOf(db: EntityManager, viewer: Viewer, parameters: ExportParameters) {
  const tenantId = provinceOf(viewer, parameters.tenantId);
  const month = parameters.month ?? currentMonth();
  return { tenantId, month, ...(await dashboardParts(db, tenantId, parameters.unitId ?? null, month, parameters.schemeId ?? null)) };
}

const progressTable: ExportTable<{ name: string; unit: string; actual: string; target: string | null; expected: string | null; percent: string | null; status: string }> = {
  title: 'Tiến độ chỉ tiêu',
  roles: PROVINCE_READERS,
  columns: [
    { header: 'Chỉ số', kind: 'text', value: (row) => row.name },
    { header: 'Đơn vị tính', kind: 'text', value: (row) => row.unit },
    { header: 'Thực hiện', kind: 'decimal', value: (row) => row.actual },
    { header: 'Chỉ tiêu', kind: 'decimal', value: (row) => row.target },
    { header: 'Kế hoạch đến tháng', kind: 'decimal', value: (row) => row.expected },
    { header: '% đạt', kind: 'percent', value: (row) => row.percent },
    { header: 'Tình trạng', kind: 'text', value: (row) => row.status },
  ],
  async *rows(db, viewer, parameters) {
    const { progress } = await dashboardOf(db, viewer, parameters);
    yield progress.map((item) => ({
      name: item.indicator.nameVi,
      unit: UNIT_VI[item.indicator.unit],
      actual: item.actual,
      target: item.target,
      expected: item.expected,
      percent: item.percentAchieved,
      status: STATUS_VI[item.status],
    }));
  },
};

type UnitRow = { name: string; code: string | null; figures: FigureSet; newClubs: number; newClubsTarget: string | null };

const unitsTable: ExportTable<UnitRow> = {
  title: 'Theo đơn vị hành chính',
  roles: PROVINCE_READERS,
  columns: [
    { header: 'Đơn vị hành chính', kind: 'text', value: (row) => row.name },
    { header: 'Mã đơn vị', kind: 'text', value: (row) => row.code },
    ...(FIGURE_COLUMNS as ReadonlyArray<ExportColumn<UnitRow>>),
    { header: 'CLB thành lập mới', kind: 'count', value: (row) => row.newClubs },
    { header: 'Chỉ tiêu CLB thành lập mới', kind: 'decimal', value: (row) => row.newClubsTarget },
  ],
  async *rows(db, viewer, parameters) {
    const { rollup } = await dashboardOf(db, viewer, parameters);
    const names: Array<{ id: string; name: string; code: string | null; sort_key: string }> = rollup.units.length
      ? await db.query('select id, name, code, sort_key from admin_unit where id = any($1)', [rollup.units.map((unit) => unit.unitId)])
      : [];
    const byId = new Map(names.map((row) => [row.id, row]));
    yield rollup.units
      .map((unit) => ({ ...unit, name: byId.get(unit.unitId)?.name ?? '', code: byId.get(unit.unitId)?.code ?? null, sortKey: byId.get(unit.unitId)?.sort_key ?? '' }))
      .sort((left, right) => left.sortKey.localeCompare(right.sortKey));
  },
};

const budgetTable: ExportTable<{ source: string; planned: bigint; spent: bigint; percent: string }> = {
  title: 'Thực hiện kinh phí',
  roles: PROVINCE_READERS,
  columns: [
    { header: 'Nguồn kinh phí', kind: 'text', value: (row) => row.source },
    { header: 'Kế hoạch (đồng)', kind: 'money', value: (row) => row.planned },
    { header: 'Đã chi (đồng)', kind: 'money', value: (row) => row.spent },
    { header: '% đã chi', kind: 'percent', value: (row) => row.percent },
  ],
  async *rows(db, viewer, parameters) {
    const { budget } = await dashboardOf(db, viewer, parameters);
    yield budget.map((line) => ({ source: SOURCE_VI[line.source], planned: line.planned, spent: line.spent, percent: line.percentSpent }));
  },
};

const trendTable: ExportTable<MonthFigures> = {
  title: 'Diễn biến theo tháng',
  roles: PROVINCE_READERS,
  columns: [
    { header: 'Tháng', kind: 'month', value: (row) => row.month },
    { header: 'Số CLB đang hoạt động', kind: 'count', value: (row) => row.clubs },
    { header: 'Số CLB đạt chuẩn', kind: 'count', value: (row) => row.clubsMeetingStandard },
    { header: 'Số thành viên', kind: 'count', value: (row) => row.members },
    { header: 'Thành viên là người cao tuổi', kind: 'count', value: (row) => row.olderMembers },
    { header: 'Thành viên là nữ', kind: 'count', value: (row) => row.womenMembers },
    { header: 'Thành viên được vay vốn', kind: 'count', value: (row) => row.borrowers },
    { header: 'Quỹ tăng thu nhập (đồng)', kind: 'money', value: (row) => row.incomeFund },
    { header: 'Quỹ hoạt động (đồng)', kind: 'money', value: (row) => row.activityFund },
  ],
  async *rows(db, viewer, parameters) {
    yield (await dashboardOf(db, viewer, parameters)).trend;
  },
};

type ClubRow = {
  name: string;
  commune: string;
  status: string;
  running: boolean;
  members: number | null;
  older: number | null;
  women: number | null;
  poor: number | null;
  borrowers: number | null;
  itemsMet: number | null;
  meetsStandard: boolean | null;
  incomeFund: string | null;
  activityFund: string | null;
  health: ClubHealth | undefined;
};

const CLUB_STATUS_VI: Record<string, string> = { ACTIVE: 'Đang hoạt động', SUSPENDED: 'Tạm dừng', DISSOLVED: 'Giải thể', PLANNED: 'Dự kiến' };
/** Clubs are written a batch at a time: the figures and scores of one batch, then the next. */
const CLUB_BATCH = 200;

const CLUB_HEALTH_COLUMNS: ReadonlyArray<ExportColumn<{ health: ClubHealth | undefined }>> = [
  { header: 'Điểm cảnh báo sớm (trên 100)', kind: 'count', value: (row) => row.health?.score ?? null },
  { header: 'Mức', kind: 'text', value: (row) => (row.health ? LEVEL_VI[row.health.level] : null) },
  { header: 'Lý do', kind: 'text', value: (row) => row.health?.reasons.map(reasonInVietnamese).join('; ') ?? null },
];

const clubsTable: ExportTable<ClubRow> = {
  title: 'Danh sách câu lạc bộ',
  roles: PROVINCE_READERS,
  columns: [
    { header: 'Câu lạc bộ', kind: 'text', value: (row) => row.name },
    { header: 'Xã, phường, thị trấn', kind: 'text', value: (row) => row.commune },
    { header: 'Trạng thái', kind: 'text', value: (row) => CLUB_STATUS_VI[row.status] ?? row.status },
    { header: 'Số thành viên', kind: 'count', value: (row) => row.members },
    { header: 'Thành viên là người cao tuổi', kind: 'count', value: (row) => row.older },
    { header: 'Thành viên là nữ', kind: 'count', value: (row) => row.women },
    { header: 'Thành viên thuộc hộ nghèo, cận nghèo', kind: 'count', value: (row) => row.poor },
    { header: 'Thành viên được vay vốn', kind: 'count', value: (row) => row.borrowers },
    { header: 'Số tiêu chí chất lượng đạt (trên 6)', kind: 'count', value: (row) => row.itemsMet },
    { header: 'Đạt chuẩn', kind: 'text', value: (row) => (row.meetsStandard === null ? null : row.meetsStandard ? 'Đạt' : 'Chưa đạt') },
    { header: 'Quỹ tăng thu nhập (đồng)', kind: 'money', value: (row) => row.incomeFund },
    { header: 'Quỹ hoạt động (đồng)', kind: 'money', value: (row) => row.activityFund },
    ...(CLUB_HEALTH_COLUMNS as ReadonlyArray<ExportColumn<ClubRow>>),
  ],
  async *rows(db, viewer, parameters) {
    const { tenantId, month, rollup } = await dashboardOf(db, viewer, parameters);
    const placed = new Map(rollup.clubs.map((club) => [club.id, club]));
    const ordered: Array<{ id: string; name: string; commune: string }> = await db.query(
      `select club.id, club.name, commune.name as commune from club join admin_unit commune on commune.tenant_id = club.tenant_id and commune.id = club.commune_id
        where club.tenant_id = $1 and club.id = any($2) order by club.name, club.id`,
      [tenantId, [...placed.keys()]],
    );
    for (let start = 0; start < ordered.length; start += CLUB_BATCH) {
      const batch = ordered.slice(start, start + CLUB_BATCH);
      const running = batch.filter((club) => placed.get(club.id)?.running === 1).map((club) => club.id);
      const health = await healthOf(db, tenantId, running, month, par30ByClub(rollup.clubs));
      yield batch.map((club) => {
        const figures = placed.get(club.id)!;
        const counted = figures.running !== undefined && figures.running !== null;
        return {
          name: club.name,
          commune: club.commune,
          status: figures.status,
          running: figures.running === 1,
          members: counted ? figures.members! : null,
          older: counted ? figures.older! : null,
          women: counted ? figures.women! : null,
          poor: counted ? figures.poor_or_near_poor! : null,
          borrowers: counted ? figures.borrowers! : null,
          itemsMet: counted ? figures.items_met! : null,
          meetsStandard: counted ? figures.meets_standard! : null,
          incomeFund: counted ? figures.income_fund! : null,
          activityFund: counted ? figures.activity_fund! : null,
          health: health.get(club.id),
        };
      });
    }
  },
};

const atRiskTable: ExportTable<{ name: string; commune: string; health: ClubHealth }> = {
  title: 'Câu lạc bộ có nguy cơ',
  roles: PROVINCE_READERS,
  columns: [
    { header: 'Câu lạc bộ', kind: 'text', value: (row) => row.name },
    { header: 'Xã, phường, thị trấn', kind: 'text', value: (row) => row.commune },
    ...(CLUB_HEALTH_COLUMNS as ReadonlyArray<ExportColumn<{ name: string; commune: string; health: ClubHealth }>>),
  ],
  async *rows(db, viewer, parameters) {
    const { tenantId, month, rollup } = await dashboardOf(db, viewer, parameters);
    const running = rollup.clubs.filter((club) => club.running === 1).map((club) => club.id);
    const health = [...(await healthOf(db, tenantId, running, month, par30ByClub(rollup.clubs))).values()].filter((club) => club.level !== HealthLevel.HEALTHY);
    const names: Array<{ id: string; name: string; commune: string }> = await db.query(
      `select club.id, club.name, commune.name as commune from club join admin_unit commune on commune.tenant_id = club.tenant_id and commune.id = club.commune_id
        where club.tenant_id = $1 and club.id = any($2)`,
      [tenantId, health.map((club) => club.clubId)],
    );
    const byId = new Map(names.map((row) => [row.id, row]));
    yield health
      .sort((left, right) => left.score - right.score)
      .map((club) => ({ name: byId.get(club.clubId)!.name, commune: byId.get(club.clubId)!.commune, health: club }));
  },
};

export const EXPORT_TABLES: Record<string, ExportTable> = {
  'national-comparison': comparisonTable,
  'national-trend': nationalTrendTable,
  'national-contributions': contributionsTable,
  'province-progress': progressTable,
  'province-units': unitsTable,
  'province-budget': budgetTable,
  'province-trend': trendTable,
  'province-clubs': clubsTable,
  'clubs-at-risk': atRiskTable,
};

export function checkRole(table: ExportTable, viewer: Viewer): void {
  if (!table.roles.includes(viewer.role)) throw forbidden();
}
