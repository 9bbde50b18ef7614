import { Anchor, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format';
import type { ProvinceDashboardQuery } from '../../gql/graphql';
import classes from './dashboard.module.css';

type UnitRow = ProvinceDashboardQuery['provinceDashboard']['units'][number];

interface UnitsTableProps {
  units: UnitRow[];
  onOpen: (unitId: string) => void;
}

/** The drill-down: each unit one level down with its figures; a name opens the same page for that unit. */
export function UnitsTable({ units, onOpen }: UnitsTableProps) {
  const { t, i18n } = useTranslation();
  const number = (value: number) => formatNumber(value, i18n.resolvedLanguage);
  const rows = [...units].sort((left, right) => left.unit.fullName.localeCompare(right.unit.fullName, 'vi'));
  return (
    // Headings wrap so that the table fits beside the menu at 1366 px; narrower, it scrolls with its bar in sight.
    <Table.ScrollContainer minWidth={820} scrollAreaProps={{ type: 'auto' }}>
      <Table verticalSpacing="xs" striped highlightOnHover data-testid="units-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('dashboard.units.columnUnit')}</Table.Th>
            <Table.Th className={classes.numberHeading}>{t('dashboard.units.columnClubs')}</Table.Th>
            <Table.Th className={classes.numberHeading}>{t('dashboard.units.columnNewClubs')}</Table.Th>
            <Table.Th className={classes.numberHeading}>{t('dashboard.units.columnMembers')}</Table.Th>
            <Table.Th className={classes.numberHeading}>{t('dashboard.units.columnOlder')}</Table.Th>
            <Table.Th className={classes.numberHeading}>{t('dashboard.units.columnWomen')}</Table.Th>
            <Table.Th className={classes.numberHeading}>{t('dashboard.units.columnPoor')}</Table.Th>
            <Table.Th className={classes.numberHeading}>{t('dashboard.units.columnBorrowers')}</Table.Th>
            <Table.Th className={classes.numberHeading}>{t('dashboard.units.columnStandard')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ unit, figures, newClubs, newClubsTarget }) => (
            <Table.Tr key={unit.id} data-testid="unit-row" data-unit-id={unit.id}>
              <Table.Td className={classes.name}>
                <Anchor
                  component="button"
                  type="button"
                  fw={600}
                  ta="left"
                  onClick={() => onOpen(unit.id)}
                  data-testid="unit-link"
                >
                  {unit.fullName}
                </Anchor>
              </Table.Td>
              <Table.Td className={classes.number}>{number(figures.clubs)}</Table.Td>
              <Table.Td className={classes.number}>
                {newClubsTarget ? t('dashboard.units.newClubsOfTarget', { value: number(newClubs), target: formatNumber(newClubsTarget, i18n.resolvedLanguage) }) : number(newClubs)}
              </Table.Td>
              <Table.Td className={classes.number} data-testid="unit-members">
                {number(figures.members)}
              </Table.Td>
              <Table.Td className={classes.number}>{number(figures.olderMembers)}</Table.Td>
              <Table.Td className={classes.number}>{number(figures.womenMembers)}</Table.Td>
              <Table.Td className={classes.number}>{number(figures.poorOrNearPoorMembers)}</Table.Td>
              <Table.Td className={classes.number}>{number(figures.borrowers)}</Table.Td>
              <Table.Td className={classes.number}>{number(figures.clubsMeetingStandard)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
