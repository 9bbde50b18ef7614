import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from '../../app/ui/responsive-table.module.css';
import type { TenantsQuery, TenantStatus } from '../../gql/graphql';

type Tenant = TenantsQuery['tenants'][number];

const statusColor: Record<TenantStatus, string> = {
  ACTIVE: 'teal',
  SUSPENDED: 'orange',
  RETIRED: 'gray',
};

function byCode(left: Tenant, right: Tenant): number {
  return left.code.localeCompare(right.code, 'vi', { numeric: true });
}

export function ProvincesTable({ tenants }: { tenants: Tenant[] }) {
  const { t } = useTranslation();
  const labels = {
    code: t('national.columnCode'),
    name: t('national.columnName'),
    slug: t('national.columnSlug'),
    status: t('national.columnStatus'),
    rootUnits: t('national.columnRootUnits'),
  };

  return (
    <Table className={classes.table} verticalSpacing="sm" highlightOnHover data-testid="provinces-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{labels.name}</Table.Th>
          <Table.Th>{labels.code}</Table.Th>
          <Table.Th>{labels.slug}</Table.Th>
          <Table.Th>{labels.status}</Table.Th>
          <Table.Th>{labels.rootUnits}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...tenants].sort(byCode).map((tenant) => (
          <Table.Tr key={tenant.id} data-testid="province-row" data-tenant-code={tenant.code}>
            <Table.Td data-label={labels.name} data-primary>
              <Text fw={600} inherit>
                {tenant.name}
              </Text>
            </Table.Td>
            <Table.Td data-label={labels.code}>{tenant.code}</Table.Td>
            <Table.Td data-label={labels.slug}>
              <Text span ff="monospace" size="sm">
                {tenant.slug}
              </Text>
            </Table.Td>
            <Table.Td data-label={labels.status} className={classes.nowrap}>
              <Badge color={statusColor[tenant.status]} variant="light" tt="none" size="lg" className={classes.badge}>
                {t(`tenantStatus.${tenant.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td data-label={labels.rootUnits}>
              {tenant.rootUnits.length > 0
                ? tenant.rootUnits.map((unit) => unit.name).join(', ')
                : t('national.noRootUnits')}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
