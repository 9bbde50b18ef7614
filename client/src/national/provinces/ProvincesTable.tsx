import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import classes from '../../app/ui/responsive-table.module.css';
import type { ProvinceListItemFragment, TenantStatus } from '../../gql/graphql';

const statusColor: Record<TenantStatus, string> = {
  ACTIVE: 'teal',
  SUSPENDED: 'orange',
  RETIRED: 'gray',
};

function byCode(left: ProvinceListItemFragment, right: ProvinceListItemFragment): number {
  return left.code.localeCompare(right.code, 'vi', { numeric: true });
}

/** The most recent merger first; provinces merged the same day by code. */
function byLastDayDescending(left: ProvinceListItemFragment, right: ProvinceListItemFragment): number {
  return (right.validTo ?? '').localeCompare(left.validTo ?? '') || byCode(left, right);
}

/** "2025-06-30" → "2025-07-01": a predecessor's last day gives the first day of the merger. */
function dayAfter(localDate: string): string {
  const date = new Date(`${localDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Each row has an anchor, so that a successor or predecessor named in another row is one click away. */
function rowAnchor(tenantId: string): string {
  return `province-${tenantId}`;
}

function ProvinceLink({ province, testId }: { province: { id: string; name: string }; testId: string }) {
  return (
    <Anchor href={`#${rowAnchor(province.id)}`} inherit data-testid={testId}>
      {province.name}
    </Anchor>
  );
}

function NameCell({ tenant, label }: { tenant: ProvinceListItemFragment; label: string }) {
  const { t } = useTranslation();
  return (
    <Table.Td data-label={label} data-primary>
      <Group gap="xs" wrap="wrap">
        <Text fw={600} inherit data-testid="province-name">
          {tenant.name}
        </Text>
        {tenant.sample && (
          <Badge color="grape" variant="outline" tt="none" className={classes.badge} title={t('provinces.sampleHint')} data-testid="province-sample">
            {t('provinces.sample')}
          </Badge>
        )}
      </Group>
    </Table.Td>
  );
}

function StatusCell({ tenant, label }: { tenant: ProvinceListItemFragment; label: string }) {
  const { t } = useTranslation();
  const day =
    tenant.status === 'RETIRED' && tenant.validTo
      ? t('provinces.until', { date: formatDate(tenant.validTo) })
      : tenant.validFrom
        ? t('provinces.since', { date: formatDate(tenant.validFrom) })
        : null;
  return (
    <Table.Td data-label={label} className={classes.nowrap}>
      <div>
        <Badge color={statusColor[tenant.status]} variant="light" tt="none" size="lg" className={classes.badge} data-testid="province-status">
          {t(`tenantStatus.${tenant.status}`)}
        </Badge>
        {day && (
          <Text size="sm" c="dimmed" mt={4} data-testid="province-status-day">
            {day}
          </Text>
        )}
      </div>
    </Table.Td>
  );
}

/** The provinces in use, by code: where a province came from a merger, which provinces it was formed from or took in. */
export function ActiveProvincesTable({ tenants }: { tenants: ProvinceListItemFragment[] }) {
  const { t } = useTranslation();
  const labels = {
    code: t('national.columnCode'),
    name: t('national.columnName'),
    slug: t('national.columnSlug'),
    status: t('national.columnStatus'),
    lineage: t('provinces.columnLineage'),
    rootUnits: t('national.columnRootUnits'),
  };

  /** The units in force: a merged province also holds its predecessors' former roots, retired the day before the merger. */
  function rootUnitsText(tenant: ProvinceListItemFragment): string {
    const inForce = tenant.rootUnits.filter((unit) => !unit.retired);
    return inForce.length > 0 ? inForce.map((unit) => unit.name).join(', ') : t('national.noRootUnits');
  }

  function lineage(tenant: ProvinceListItemFragment) {
    if (tenant.predecessors.length === 0) return <Text span c="dimmed">{t('provinces.noLineage')}</Text>;
    // A province made by the merger was formed from its predecessors; one that existed before took them in.
    const took = !tenant.validFrom;
    return (
      <Text span inherit data-testid="province-predecessors">
        {took ? t('provinces.absorbed') : t('provinces.formedFrom')}{' '}
        {tenant.predecessors.map((predecessor, index) => (
          <Fragment key={predecessor.id}>
            {index > 0 && ', '}
            <ProvinceLink province={predecessor} testId="province-predecessor" />
            {took && predecessor.validTo && ` (${t('provinces.since', { date: formatDate(dayAfter(predecessor.validTo)) })})`}
          </Fragment>
        ))}
      </Text>
    );
  }

  return (
    <Table className={classes.table} verticalSpacing="sm" highlightOnHover data-testid="provinces-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{labels.name}</Table.Th>
          <Table.Th>{labels.code}</Table.Th>
          <Table.Th>{labels.slug}</Table.Th>
          <Table.Th>{labels.status}</Table.Th>
          <Table.Th>{labels.lineage}</Table.Th>
          <Table.Th>{labels.rootUnits}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...tenants].sort(byCode).map((tenant) => (
          <Table.Tr key={tenant.id} id={rowAnchor(tenant.id)} data-testid="province-row" data-tenant-code={tenant.code} data-status={tenant.status}>
            <NameCell tenant={tenant} label={labels.name} />
            <Table.Td data-label={labels.code}>{tenant.code}</Table.Td>
            <Table.Td data-label={labels.slug} className={classes.nowrap}>
              <Text span ff="monospace" size="sm">
                {tenant.slug}
              </Text>
            </Table.Td>
            <StatusCell tenant={tenant} label={labels.status} />
            <Table.Td data-label={labels.lineage}>{lineage(tenant)}</Table.Td>
            <Table.Td data-label={labels.rootUnits}>{rootUnitsText(tenant)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The provinces merged away, most recent first: their last day, the province they went into and why. */
export function RetiredProvincesTable({ tenants }: { tenants: ProvinceListItemFragment[] }) {
  const { t } = useTranslation();
  const labels = {
    code: t('national.columnCode'),
    name: t('national.columnName'),
    status: t('national.columnStatus'),
    successor: t('provinces.columnSuccessor'),
    reason: t('provinces.columnReason'),
  };

  return (
    <Table className={classes.table} verticalSpacing="sm" highlightOnHover data-testid="retired-provinces-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{labels.name}</Table.Th>
          <Table.Th>{labels.code}</Table.Th>
          <Table.Th>{labels.status}</Table.Th>
          <Table.Th>{labels.successor}</Table.Th>
          <Table.Th>{labels.reason}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...tenants].sort(byLastDayDescending).map((tenant) => (
          <Table.Tr key={tenant.id} id={rowAnchor(tenant.id)} data-testid="province-row" data-tenant-code={tenant.code} data-status={tenant.status}>
            <NameCell tenant={tenant} label={labels.name} />
            <Table.Td data-label={labels.code}>{tenant.code}</Table.Td>
            <StatusCell tenant={tenant} label={labels.status} />
            <Table.Td data-label={labels.successor}>
              {tenant.successor ? <ProvinceLink province={tenant.successor} testId="province-successor" /> : t('provinces.noLineage')}
            </Table.Td>
            <Table.Td data-label={labels.reason}>
              <Text span size="sm" style={{ whiteSpace: 'pre-line' }} data-testid="province-merge-reason">
                {tenant.mergeReason ?? t('provinces.noLineage')}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
