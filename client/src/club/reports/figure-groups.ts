import { useTranslation } from 'react-i18next';
import { formatVnd } from '../../app/format';
import type { ReportFiguresFieldsFragment } from '../../gql/graphql';
import { activityAreas } from '../activities/activity-areas';
import { formatDecimal } from '../club-format';

type FigureKey = Exclude<keyof ReportFiguresFieldsFragment, 'activitiesByArea' | '__typename'>;
export type FigureGroupKey = 'members' | 'activities' | 'homeCare' | 'loans' | 'funds';

export interface FigureRow {
  key: string;
  label: string;
  value: string;
  /** A part of the row above it (women among members, an area among activities). */
  indent: boolean;
  testId?: string;
}

export interface FigureGroup {
  key: FigureGroupKey;
  title: string;
  rows: FigureRow[];
}

/**
 * A month's figures grouped as the club's paper report has them, with their labels and values in
 * the reader's language: what the report page shows and what its print carries, the same.
 */
export function useFigureGroups(figures: ReportFiguresFieldsFragment): FigureGroup[] {
  const { t, i18n } = useTranslation();
  const percent = (value: string) => `${formatDecimal(value, i18n.resolvedLanguage)}%`;
  const people = (count: number) => t('clubArea.common.people', { count });
  const row = (key: FigureKey, value: string | number, indent = false): FigureRow => ({
    key,
    label: t(`clubArea.figures.${key}`),
    value: String(value),
    indent,
    testId: `figure-${key}`,
  });
  const group = (key: FigureGroupKey, rows: FigureRow[]): FigureGroup => ({ key, title: t(`clubArea.figures.groups.${key}`), rows });
  return [
    group('members', [
      row('members', people(figures.members)),
      ...(['women', 'older', 'poor', 'nearPoor', 'ethnicMinority', 'disability', 'livesAlone', 'needsHomeCare'] as const).map((key) => row(key, people(figures[key]), true)),
      row('joined', people(figures.joined)),
      row('left', people(figures.left)),
    ]),
    group('activities', [
      row('activities', figures.activities),
      ...activityAreas.map((area) => ({
        key: `area-${area}`,
        label: t(`clubArea.activityArea.${area}`),
        value: String(figures.activitiesByArea.find((count) => count.area === area)?.activities ?? 0),
        indent: true,
      })),
      row('meetings', figures.meetings),
      row('attendanceRate', percent(figures.attendanceRate)),
    ]),
    group('homeCare', [
      row('homeCareVolunteers', people(figures.homeCareVolunteers)),
      row('homeCareVisits', figures.homeCareVisits),
      row('membersVisited', people(figures.membersVisited)),
    ]),
    group('loans', [
      row('loansDisbursed', figures.loansDisbursed),
      row('amountDisbursed', formatVnd(figures.amountDisbursed)),
      row('principalRepaid', formatVnd(figures.principalRepaid)),
      row('interestReceived', formatVnd(figures.interestReceived)),
      row('loansOutstanding', figures.loansOutstanding),
      row('outstandingPrincipal', formatVnd(figures.outstandingPrincipal)),
      row('loansOverdue', figures.loansOverdue),
      row('principalOverdue', formatVnd(figures.principalOverdue)),
      row('par30', percent(figures.par30)),
    ]),
    group('funds', [
      row('contributions', formatVnd(figures.contributions)),
      row('incomeGenerationFund', formatVnd(figures.incomeGenerationFund)),
      row('activityFund', formatVnd(figures.activityFund)),
    ]),
  ];
}
