import { ActionIcon, Anchor, Menu, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconDots, IconEdit, IconExternalLink, IconSwitchHorizontal } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatVnd } from '../../app/format';
import classes from '../../app/ui/responsive-table.module.css';
import type { ProvinceClubListItemFragment } from '../../gql/graphql';
import lines from './clubs.module.css';
import { ClubStatusBadge } from './ClubStatusBadge';
import { QualityScore } from './QualityScore';

interface ClubsTableProps {
  clubs: ProvinceClubListItemFragment[];
  onEdit: (club: ProvinceClubListItemFragment) => void;
  onChangeStatus: (club: ProvinceClubListItemFragment) => void;
}

export function ClubsTable({ clubs, onEdit, onChangeStatus }: ClubsTableProps) {
  const { t } = useTranslation();
  const labels = {
    club: t('provinceClubs.clubs.columnClub'),
    commune: t('provinceClubs.clubs.columnCommune'),
    status: t('provinceClubs.clubs.columnStatus'),
    members: t('provinceClubs.clubs.columnMembers'),
    funds: t('provinceClubs.clubs.columnFunds'),
    quality: t('provinceClubs.clubs.columnQuality'),
    actions: t('provinceClubs.clubs.columnActions'),
  };

  return (
    <Table className={classes.table} verticalSpacing="sm" highlightOnHover data-testid="clubs-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{labels.club}</Table.Th>
          <Table.Th>{labels.commune}</Table.Th>
          <Table.Th>{labels.status}</Table.Th>
          <Table.Th ta="right">{labels.members}</Table.Th>
          <Table.Th ta="right">{labels.funds}</Table.Th>
          <Table.Th>{labels.quality}</Table.Th>
          <Table.Th>
            <VisuallyHidden>{labels.actions}</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {clubs.map((club) => (
          <Table.Tr key={club.id} data-testid="club-row" data-club-id={club.id}>
            <Table.Td data-label={labels.club} data-primary className={lines.nameCell}>
              <Anchor component={Link} to={`/province/clubs/${club.id}`} fw={600} inherit data-testid="club-link">
                {club.name}
              </Anchor>
              {club.hamlet && (
                <Text size="sm" c="dimmed" fw={400}>
                  {club.hamlet.fullName}
                </Text>
              )}
            </Table.Td>
            <Table.Td data-label={labels.commune} className={lines.communeCell}>
              <span className={lines.cellLines} data-testid="club-commune">
                <Text span inherit>
                  {club.commune.fullName}
                </Text>
                {club.commune.parent && (
                  <Text span size="sm" c="dimmed">
                    {club.commune.parent.fullName}
                  </Text>
                )}
              </span>
            </Table.Td>
            <Table.Td data-label={labels.status} className={classes.nowrap}>
              <ClubStatusBadge status={club.status} since={club.statusSince} />
            </Table.Td>
            <Table.Td data-label={labels.members} ta="right" data-testid="club-members">
              {club.memberCount}
            </Table.Td>
            <Table.Td data-label={labels.funds} ta="right" className={classes.nowrap}>
              <Stack gap={4} align="flex-end">
                <Stack gap={0} align="flex-end">
                  <Text span size="xs" c="dimmed">
                    {t('provinceClubs.clubs.incomeGenerationShort')}
                  </Text>
                  <Text span size="sm" data-testid="club-fund-income-generation">
                    {formatVnd(club.fundBalances.incomeGeneration)}
                  </Text>
                </Stack>
                <Stack gap={0} align="flex-end">
                  <Text span size="xs" c="dimmed">
                    {t('provinceClubs.clubs.activityShort')}
                  </Text>
                  <Text span size="sm" data-testid="club-fund-activity">
                    {formatVnd(club.fundBalances.activity)}
                  </Text>
                </Stack>
              </Stack>
            </Table.Td>
            <Table.Td data-label={labels.quality} className={lines.qualityCell}>
              <QualityScore checklist={club.qualityChecklist} />
            </Table.Td>
            <Table.Td data-label={labels.actions}>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon variant="subtle" size="lg" aria-label={t('provinceClubs.clubs.actions', { name: club.name })} data-testid="club-actions">
                    <IconDots size={20} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item component={Link} to={`/province/clubs/${club.id}`} leftSection={<IconExternalLink size={16} />}>
                    {t('provinceClubs.clubs.open')}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconEdit size={16} />} onClick={() => onEdit(club)} data-testid="club-edit">
                    {t('provinceClubs.clubs.edit')}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconSwitchHorizontal size={16} />} onClick={() => onChangeStatus(club)} data-testid="club-change-status">
                    {t('provinceClubs.clubs.changeStatus')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
