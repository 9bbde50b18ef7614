import type { TFunction } from 'i18next';
import { formatNumber, formatPercent, formatVnd } from '../../app/format';
import type { HealthLevel, HealthReasonCode, IndicatorUnit, ProgressStatus } from '../../gql/graphql';

export const progressStatusColor: Record<ProgressStatus, string> = {
  ACHIEVED: 'teal',
  ON_TRACK: 'blue',
  BEHIND: 'red',
  NO_TARGET: 'gray',
};

export const healthLevelColor: Record<HealthLevel, string> = {
  AT_RISK: 'red',
  WATCH: 'yellow',
  HEALTHY: 'teal',
};

/** A value of an indicator in its own unit: a count, a percent, or đồng. */
export function formatIndicatorValue(value: string | number | null | undefined, unit: IndicatorUnit, language: string | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (unit === 'VND') return formatVnd(Math.round(Number(value)));
  if (unit === 'PERCENT') return formatPercent(value, language);
  return formatNumber(value, language);
}

/**
 * A reason the club lost points, as a sentence from its code and measure: FEW_AREAS 3 →
 * "Chỉ có 3/8 lĩnh vực hoạt động trong 3 tháng qua". Attendance comes as a negative change; the
 * sentence says "down by".
 */
export function healthReasonText(t: TFunction, code: HealthReasonCode, value: string, language: string | undefined): string {
  const number = Number(value);
  const shown = code === 'ATTENDANCE_FALLING' ? Math.abs(number) : number;
  return t(`dashboard.reason.${code}`, { value: formatNumber(Number.isFinite(shown) ? shown : value, language) });
}

/** A part of a whole as a percent with two decimals at most, or empty when the whole is zero. */
export function shareOf(part: number, whole: number, language: string | undefined): string {
  return whole > 0 ? formatPercent(Math.round((part * 10_000) / whole) / 100, language) : '';
}

export function indicatorName(indicator: { nameVi: string; nameEn: string }, language: string | undefined): string {
  return language === 'en' ? indicator.nameEn : indicator.nameVi;
}
