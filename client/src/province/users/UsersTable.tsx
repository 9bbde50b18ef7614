import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatInstantDate } from '../../app/format';
import classes from '../../app/ui/responsive-table.module.css';
import type { ProvinceUserFragment } from '../../gql/graphql';
import { UserStatusAction } from './UserStatusAction';

interface UsersTableProps {
  users: ProvinceUserFragment[];
  onStale: () => void;
}

export function UsersTable({ users, onStale }: UsersTableProps) {
  const { t } = useTranslation();
  const labels = {
    account: t('users.displayName'),
    role: t('users.role'),
    club: t('users.club'),
    status: t('users.status'),
    createdAt: t('users.createdAt'),
    actions: t('users.actions'),
  };

  return (
    <Table className={classes.table} verticalSpacing="sm" highlightOnHover data-testid="users-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{labels.account}</Table.Th>
          <Table.Th>{labels.role}</Table.Th>
          <Table.Th>{labels.club}</Table.Th>
          <Table.Th>{labels.status}</Table.Th>
          <Table.Th>{labels.createdAt}</Table.Th>
          <Table.Th>{labels.actions}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {users.map((user) => (
          <Table.Tr key={user.id} data-testid="user-row" data-login={user.login}>
            <Table.Td data-label={labels.account} data-primary>
              <Text fw={600} inherit>
                {user.displayName}
              </Text>
              <Text ff="monospace" size="sm" c="dimmed" data-testid="user-login">
                {user.login}
              </Text>
            </Table.Td>
            <Table.Td data-label={labels.role}>{t(`roles.${user.role}`)}</Table.Td>
            <Table.Td data-label={labels.club}>{user.club?.name ?? '—'}</Table.Td>
            <Table.Td data-label={labels.status} className={classes.nowrap}>
              <Badge color={user.disabled ? 'gray' : 'teal'} variant="light" tt="none" size="lg" className={classes.badge} data-testid="user-status">
                {user.disabled ? t('users.disabled') : t('users.active')}
              </Badge>
            </Table.Td>
            <Table.Td data-label={labels.createdAt} className={classes.nowrap}>
              {formatInstantDate(user.createdAt)}
            </Table.Td>
            <Table.Td data-label={labels.actions}>
              <UserStatusAction user={user} onStale={onStale} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
