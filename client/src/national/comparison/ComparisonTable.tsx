import { Anchor, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProvinceComparisonRowFragment } from '../../gql/graphql';
import classes from '../../province/dashboard/dashboard.module.css';
import { formatMetric, metricColumns, sortRows, type SortDirection, type SortKey } from './comparison-columns';

interface ComparisonTableProps {
  provinces: ProvinceComparisonRowFragment[];
  national: ProvinceComparisonRowFragment;
}

function SortHeader({ label, sortKey, sort, onSort, numeric }: { label: string; sortKey: SortKey; sort: { key: SortKey; direction: SortDirection }; onSort: (key: SortKey) => void; numeric: boolean }) {
  const { t } = useTranslation();
  const active = sort.key === sortKey;
  const Icon = !active ? IconArrowsSort : sort.direction === 'ascending' ? IconSortAscending : IconSortDescending;
  return (
    <Table.Th
      aria-sort={active ? sort.direction : 'none'}
      className={numeric ? classes.number : undefined}
      style={{ minWidth: numeric ? '7.5rem' : '11rem', verticalAlign: 'bottom' }}
      data-testid="sort-header"
      data-key={sortKey}
    >
      <UnstyledButton
        onClick={() => onSort(sortKey)}
        title={t('comparison.table.sortBy', { column: label })}
        style={{ display: 'inline-flex', alignItems: 'flex-end', gap: 4, fontWeight: 700, whiteSpace: 'normal', textAlign: numeric ? 'right' : 'left', fontSize: 'var(--mantine-font-size-sm)' }}
        data-testid="sort-button"
      >
        {label}
        <Icon size={14} style={{ flexShrink: 0, opacity: active ? 1 : 0.4 }} aria-hidden />
      </UnstyledButton>
    </Table.Th>
  );
}

/** Every province side by side; a header sorts by its column (ascending first, then descending), numbers as numbers. */
export function ComparisonTable({ provinces, national }: ComparisonTableProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({ key: 'province', direction: 'ascending' });
  const rows = sortRows(provinces, sort.key, sort.direction);

  function onSort(key: SortKey) {
    setSort((previous) => ({ key, direction: previous.key === key && previous.direction === 'ascending' ? 'descending' : 'ascending' }));
  }

  function cells(row: ProvinceComparisonRowFragment) {
    return metricColumns.map((column) => {
      const value = column.value(row);
      return (
        <Table.Td key={column.key} className={classes.number} data-key={column.key}>
          {value === null ? (
            <Tooltip label={t('comparison.table.notAvailableHint')}>
              <Text span c="dimmed">
                {t('comparison.table.notAvailable')}
              </Text>
            </Tooltip>
          ) : (
            formatMetric(column, value, language)
          )}
        </Table.Td>
      );
    });
  }

  return (
    <Table.ScrollContainer minWidth={1500}>
      <Table verticalSpacing="xs" striped highlightOnHover stickyHeader data-testid="comparison-table">
        <Table.Thead>
          <Table.Tr>
            <SortHeader label={t('comparison.table.province')} sortKey="province" sort={sort} onSort={onSort} numeric={false} />
            {metricColumns.map((column) => (
              <SortHeader key={column.key} label={t(`comparison.table.${column.key}`)} sortKey={column.key} sort={sort} onSort={onSort} numeric />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.tenant?.id} data-testid="comparison-row" data-tenant-code={row.tenant?.code} data-tenant-id={row.tenant?.id}>
              <Table.Td className={classes.name}>
                <Anchor component={Link} to={`/national/provinces/${row.tenant?.id}/dashboard`} fw={600} data-testid="comparison-province">
                  {row.tenant?.name}
                </Anchor>
              </Table.Td>
              {cells(row)}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr className={classes.totalRow} data-testid="comparison-total">
            <Table.Td>{t('comparison.table.total')}</Table.Td>
            {cells(national)}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
