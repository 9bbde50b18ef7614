import { Badge, Card, DataList, Group, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import type { ClubStatus, MyClubQuery } from '../../gql/graphql';

export type MyClub = NonNullable<MyClubQuery['myClub']>;

const statusColor: Record<ClubStatus, string> = {
  PLANNED: 'blue',
  ACTIVE: 'teal',
  SUSPENDED: 'orange',
  DISSOLVED: 'gray',
};

function communeWithAncestors(commune: MyClub['commune']): string {
  const ancestors = [...commune.ancestors]
    .filter((ancestor) => ancestor.id !== commune.id)
    .sort((left, right) => right.level - left.level)
    .map((ancestor) => ancestor.fullName);
  return [commune.fullName, ...ancestors].join(', ');
}

export function ClubCard({ club }: { club: MyClub }) {
  const { t } = useTranslation();
  const hamlet = club.hamlet;
  const isPhone = useMediaQuery('(max-width: 36em)');

  return (
    <Card withBorder radius="lg" padding="lg" data-testid="club-card">
      <Group justify="space-between" align="flex-start" gap="sm" mb="md">
        <Title order={2} fz={22} data-testid="club-name">
          {club.name}
        </Title>
        <Badge color={statusColor[club.status]} variant="light" tt="none" size="lg" data-testid="club-status">
          {t(`clubStatus.${club.status}`)}
        </Badge>
      </Group>
      <DataList orientation={isPhone ? 'vertical' : 'horizontal'} withDivider size="md" labelWidth={180}>
        <DataList.Item>
          <DataList.ItemLabel>{t('club.foundedOn')}</DataList.ItemLabel>
          <DataList.ItemValue data-testid="club-founded-on">
            {club.foundedOn ? formatDate(club.foundedOn) : t('common.notProvided')}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('club.commune')}</DataList.ItemLabel>
          <DataList.ItemValue data-testid="club-commune">{communeWithAncestors(club.commune)}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('club.hamlet')}</DataList.ItemLabel>
          <DataList.ItemValue data-testid="club-hamlet">
            {hamlet ? hamlet.fullName : t('club.noHamlet')}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('clubArea.home.memberCount')}</DataList.ItemLabel>
          <DataList.ItemValue data-testid="club-member-count">{t('clubArea.common.people', { count: club.memberCount })}</DataList.ItemValue>
        </DataList.Item>
      </DataList>
    </Card>
  );
}
