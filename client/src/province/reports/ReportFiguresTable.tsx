import { Paper, Table, Title } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatVnd } from '../../app/format';
import type { ActivityArea, ReportFiguresFieldsFragment } from '../../gql/graphql';
import { formatDecimal } from '../clubs/club-format';
import classes from './report.module.css';

/** The eight areas in the order of the program's documents. */
const areaOrder: ActivityArea[] = ['LIVELIHOOD', 'HEALTH', 'HOME_CARE', 'SELF_HELP', 'RIGHTS', 'LEARNING', 'CULTURE', 'RESOURCE_MOBILISATION'];

type Figures = ReportFiguresFieldsFragment;
type FigureKey = Exclude<keyof Figures, 'activitiesByArea' | '__typename'>;
type Row = { key: string; label: string; value: ReactNode; indent?: boolean };

/** A report's figures grouped as a club writes them on paper, with Vietnamese labels and money as 1.855.000.000 ₫. */
export function ReportFiguresTable({ figures }: { figures: Figures }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  const percent = (value: string) => t('provinceClubs.percent', { value: formatDecimal(value, language) });
  const people = (value: number) => t('provinceClubs.figures.people', { value });
  const ofMembers = (value: number) =>
    figures.members > 0 ? t('provinceClubs.figures.ofMembers', { value, share: percent(((value * 100) / figures.members).toFixed(1)) }) : people(value);
  const row = (key: FigureKey, value: ReactNode, indent = false): Row => ({ key, label: t(`provinceClubs.figures.${key}`), value, indent });

  const groups: Array<{ key: string; title: string; rows: Row[] }> = [
    {
      key: 'members',
      title: t('provinceClubs.figures.groups.members'),
      rows: [
        row('members', people(figures.members)),
        ...(['women', 'older', 'poor', 'nearPoor', 'ethnicMinority', 'disability', 'livesAlone', 'needsHomeCare'] as const).map((key) =>
          row(key, ofMembers(figures[key]), true),
        ),
        row('joined', people(figures.joined)),
        row('left', people(figures.left)),
      ],
    },
    {
      key: 'activities',
      title: t('provinceClubs.figures.groups.activities'),
      rows: [
        row('activities', figures.activities),
        ...areaOrder.map((area) => ({
          key: `area-${area}`,
          label: t(`provinceClubs.activityArea.${area}`),
          value: t('provinceClubs.figures.areaActivities', { value: figures.activitiesByArea.find((count) => count.area === area)?.activities ?? 0 }),
          indent: true,
        })),
        row('meetings', figures.meetings),
        row('attendanceRate', percent(figures.attendanceRate)),
      ],
    },
    {
      key: 'homeCare',
      title: t('provinceClubs.figures.groups.homeCare'),
      rows: [row('homeCareVolunteers', people(figures.homeCareVolunteers)), row('homeCareVisits', figures.homeCareVisits), row('membersVisited', people(figures.membersVisited))],
    },
    {
      key: 'loans',
      title: t('provinceClubs.figures.groups.loans'),
      rows: [
        row('loansDisbursed', figures.loansDisbursed),
        row('amountDisbursed', formatVnd(figures.amountDisbursed)),
        row('principalRepaid', formatVnd(figures.principalRepaid)),
        row('interestReceived', formatVnd(figures.interestReceived)),
        row('loansOutstanding', figures.loansOutstanding),
        row('outstandingPrincipal', formatVnd(figures.outstandingPrincipal)),
        row('loansOverdue', figures.loansOverdue),
        row('principalOverdue', formatVnd(figures.principalOverdue)),
        row('par30', percent(figures.par30)),
      ],
    },
    {
      key: 'funds',
      title: t('provinceClubs.figures.groups.funds'),
      rows: [
        row('contributions', formatVnd(figures.contributions)),
        row('incomeGenerationFund', formatVnd(figures.incomeGenerationFund)),
        row('activityFund', formatVnd(figures.activityFund)),
      ],
    },
  ];

  return (
    <Paper withBorder radius="md" p={0} className={classes.figures}>
      <Table verticalSpacing={6} data-testid="report-figures">
        <Table.Tbody>
          {groups.map((group) => (
            <Fragment key={group.key}>
              <Table.Tr className={classes.groupRow}>
                <Table.Th colSpan={2} scope="colgroup">
                  <Title order={3} fz="md">
                    {group.title}
                  </Title>
                </Table.Th>
              </Table.Tr>
              {group.rows.map((figure) => (
                <Table.Tr key={figure.key} data-testid={`figure-${figure.key}`}>
                  <Table.Th scope="row" fw={400} className={figure.indent ? classes.indented : undefined}>
                    {figure.label}
                  </Table.Th>
                  <Table.Td ta="right" className={classes.value} data-testid="figure-value">
                    {figure.value}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
