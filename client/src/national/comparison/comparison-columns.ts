import { formatNumber, formatPercent, formatVnd } from '../../app/format';
import type { ProvinceComparisonRowFragment } from '../../gql/graphql';

export type MetricKey =
  | 'clubs'
  | 'members'
  | 'newClubs'
  | 'percentOfOwnTargets'
  | 'clubsPer100Communes'
  | 'membersPer1000Older'
  | 'membersPerClub'
  | 'olderPercent'
  | 'womenPercent'
  | 'poorOrNearPoorPercent'
  | 'meetingStandardPercent'
  | 'borrowedPercent'
  | 'fundsMobilised';

export interface MetricColumn {
  key: MetricKey;
  kind: 'count' | 'ratio' | 'percent' | 'vnd';
  value: (row: ProvinceComparisonRowFragment) => number | null;
}

function decimal(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** The columns of the comparison, absolute first, then normalised, in the order the table shows them. */
export const metricColumns: MetricColumn[] = [
  { key: 'clubs', kind: 'count', value: (row) => row.figures.clubs },
  { key: 'members', kind: 'count', value: (row) => row.figures.members },
  { key: 'newClubs', kind: 'count', value: (row) => row.newClubs },
  { key: 'percentOfOwnTargets', kind: 'percent', value: (row) => decimal(row.percentOfOwnTargets) },
  { key: 'clubsPer100Communes', kind: 'ratio', value: (row) => decimal(row.clubsPer100Communes) },
  { key: 'membersPer1000Older', kind: 'ratio', value: (row) => decimal(row.membersPer1000Older) },
  { key: 'membersPerClub', kind: 'ratio', value: (row) => decimal(row.membersPerClub) },
  { key: 'olderPercent', kind: 'percent', value: (row) => decimal(row.olderPercent) },
  { key: 'womenPercent', kind: 'percent', value: (row) => decimal(row.womenPercent) },
  { key: 'poorOrNearPoorPercent', kind: 'percent', value: (row) => decimal(row.poorOrNearPoorPercent) },
  { key: 'meetingStandardPercent', kind: 'percent', value: (row) => decimal(row.meetingStandardPercent) },
  { key: 'borrowedPercent', kind: 'percent', value: (row) => decimal(row.borrowedPercent) },
  // Sorting and charts work on doubles; the table formats the exact amount (formatMetric).
  { key: 'fundsMobilised', kind: 'vnd', value: (row) => Number(row.fundsMobilised) },
];

export function formatMetric(column: MetricColumn, value: number | null, language: string | undefined): string {
  if (value === null) return '';
  if (column.kind === 'vnd') return formatVnd(value);
  if (column.kind === 'percent') return formatPercent(value, language);
  return formatNumber(value, language);
}

export type SortKey = 'province' | MetricKey;
export type SortDirection = 'ascending' | 'descending';

/** Rows in the order asked for; a province without the figure goes last either way, ties by name. */
export function sortRows(rows: ProvinceComparisonRowFragment[], key: SortKey, direction: SortDirection): ProvinceComparisonRowFragment[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const byName = (left: ProvinceComparisonRowFragment, right: ProvinceComparisonRowFragment) =>
    (left.tenant?.name ?? '').localeCompare(right.tenant?.name ?? '', 'vi');
  if (key === 'province') return [...rows].sort((left, right) => sign * byName(left, right));
  const column = metricColumns.find((candidate) => candidate.key === key)!;
  return [...rows].sort((left, right) => {
    const a = column.value(left);
    const b = column.value(right);
    if (a === null || b === null) return a === b ? byName(left, right) : a === null ? 1 : -1;
    return a === b ? byName(left, right) : sign * (a - b);
  });
}
