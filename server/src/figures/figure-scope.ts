import type { EntityManager } from 'typeorm';
import { addMonths } from '../calendar.js';
import type { Viewer } from '../database/request-scope.js';
import { badInput, forbidden, type FieldProblem } from '../graphql/errors.js';
import { listNationalPhases } from '../program/program.service.js';
import type { NationalPhase } from '../program/program.types.js';
import { Role } from '../users/role.js';
import { currentMonth } from './figure.service.js';

/** A trend longer than five years is a report, not a screen. */
export const MAX_PERIOD_MONTHS = 60;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A month asked for: well formed and not after the current one; the current month if not given. */
export function checkedMonth(month: string | null | undefined, field: string, problems: FieldProblem[]): string {
  const now = currentMonth();
  if (!month) return now;
  if (!MONTH.test(month)) problems.push({ field, message: 'must be a month written YYYY-MM' });
  else if (month > now) problems.push({ field, message: 'must not be after the current month' });
  return month;
}

/** The province a request is about: a province admin's own, or the one the national office names. */
export function provinceOf(viewer: Viewer, tenantId: string | null | undefined): string {
  if (viewer.role === Role.PROVINCE_ADMIN) {
    if (tenantId && tenantId !== viewer.tenantId) throw forbidden('You can see only your own province.');
    return viewer.tenantId!;
  }
  if (viewer.role !== Role.NATIONAL_ADMIN && viewer.role !== Role.NATIONAL_VIEWER) throw forbidden();
  if (!tenantId) throw badInput([{ field: 'tenantId', message: 'is required: name the province to show' }]);
  return tenantId;
}

export interface ComparisonPeriod {
  phase: NationalPhase | null;
  fromMonth: string;
  month: string;
}

/** The period and phase of a national comparison, checked: twelve months back and the phase covering the month by default. */
export async function comparisonPeriodOf(
  db: EntityManager,
  args: { phaseId?: string | null; fromMonth?: string | null; month?: string | null },
): Promise<ComparisonPeriod> {
  const problems: FieldProblem[] = [];
  const month = checkedMonth(args.month, 'month', problems);
  const fromMonth = args.fromMonth ? checkedMonth(args.fromMonth, 'fromMonth', problems) : addMonths(`${month}-01`, -11).slice(0, 7);
  if (!problems.length) {
    if (fromMonth > month) problems.push({ field: 'fromMonth', message: 'must not be after the month' });
    else if (addMonths(`${fromMonth}-01`, MAX_PERIOD_MONTHS) <= `${month}-01`) {
      problems.push({ field: 'fromMonth', message: `must be at most ${MAX_PERIOD_MONTHS} months before the month` });
    }
  }
  if (problems.length) throw badInput(problems);
  const phases = await listNationalPhases(db, args.phaseId ?? null);
  if (args.phaseId && !phases.length) throw badInput([{ field: 'phaseId', message: 'is not a national phase' }]);
  const year = Number(month.slice(0, 4));
  const phase = args.phaseId
    ? phases[0]
    : ([...phases].sort((left, right) => right.firstYear - left.firstYear).find((candidate) => candidate.firstYear <= year && candidate.lastYear >= year) ??
      null);
  return { phase, fromMonth, month };
}
