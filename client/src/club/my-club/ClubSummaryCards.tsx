import { Anchor, Card, Group, List, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BoardRole } from '../../gql/graphql';
import { formatDecimal } from '../club-format';
import { Money } from '../ui/Money';
import classes from '../ui/club-ui.module.css';
import type { MyClub } from './ClubCard';

const boardOrder: BoardRole[] = ['HEAD', 'DEPUTY', 'TREASURER', 'SECRETARY'];
const qualityCodes = ['MEMBERS', 'WOMEN', 'OLDER', 'VOLUNTEERS', 'BORROWED', 'FUNDS'] as const;
type QualityCode = (typeof qualityCodes)[number];

function isQualityCode(code: string): code is QualityCode {
  return qualityCodes.includes(code as QualityCode);
}

export function FundsCard({ club }: { club: MyClub }) {
  const { t } = useTranslation();
  const funds = [
    { key: 'INCOME_GENERATION', testId: 'club-fund-income-generation', amount: club.fundBalances.incomeGeneration },
    { key: 'ACTIVITY', testId: 'club-fund-activity', amount: club.fundBalances.activity },
  ] as const;
  return (
    <Card withBorder radius="lg" padding="lg">
      <Title order={2} fz="lg" mb="sm">
        {t('clubArea.home.funds')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        {funds.map((fund) => (
          <Anchor
            key={fund.key}
            component={Link}
            to={`/club/funds?fund=${fund.key}`}
            underline="never"
            c="inherit"
            p="sm"
            style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)' }}
          >
            <Text c="dimmed">{t(`clubArea.funds.${fund.key}`)}</Text>
            <Text fw={700} fz={22} data-testid={fund.testId}>
              <Money amount={fund.amount} />
            </Text>
          </Anchor>
        ))}
      </SimpleGrid>
    </Card>
  );
}

export function QualityCard({ club }: { club: MyClub }) {
  const { t, i18n } = useTranslation();
  const checklist = club.qualityChecklist;
  return (
    <Card withBorder radius="lg" padding="lg" data-testid="quality-checklist">
      <Group justify="space-between" align="baseline" mb={4}>
        <Title order={2} fz="lg">
          {t('clubArea.quality.title')}
        </Title>
        <Text fw={700} c={checklist.meetsStandard ? 'teal.9' : 'orange.9'} data-testid="quality-score">
          {t('clubArea.quality.score', { met: checklist.metCount, total: checklist.items.length })}
        </Text>
      </Group>
      <Text c="dimmed" size="sm" mb="sm">
        {t('clubArea.quality.intro')}
      </Text>
      <List spacing="sm" listStyleType="none" styles={{ itemWrapper: { alignItems: 'flex-start' } }}>
        {checklist.items.map((item) => {
          const value = formatDecimal(item.value, i18n.resolvedLanguage);
          return (
            <List.Item
              key={item.code}
              data-testid="quality-item"
              data-code={item.code}
              data-met={item.met}
              icon={
                <ThemeIcon color={item.met ? 'teal' : 'red'} variant="light" radius="xl" size={30} role="img" aria-label={item.met ? t('clubArea.quality.met') : t('clubArea.quality.notMet')}>
                  {item.met ? <IconCheck size={18} /> : <IconX size={18} />}
                </ThemeIcon>
              }
            >
              <Text fw={500}>{isQualityCode(item.code) ? t(`clubArea.quality.items.${item.code}`) : item.code}</Text>
              <Text size="sm" c={item.met ? 'dimmed' : 'red.8'}>
                {isQualityCode(item.code) ? t(`clubArea.quality.values.${item.code}`, { value }) : value}
              </Text>
            </List.Item>
          );
        })}
      </List>
    </Card>
  );
}

export function BoardCard({ club }: { club: MyClub }) {
  const { t } = useTranslation();
  const board = [...club.board].sort((left, right) => boardOrder.indexOf(left.boardRole!) - boardOrder.indexOf(right.boardRole!));
  return (
    <Card withBorder radius="lg" padding="lg">
      <Stack gap="md">
        <div>
          <Title order={2} fz="lg" mb="xs">
            {t('clubArea.home.board')}
          </Title>
          {board.length === 0 ? (
            <Text c="dimmed">{t('clubArea.home.noBoard')}</Text>
          ) : (
            <Stack gap={6} data-testid="club-board">
              {board.map((member) => (
                <Group key={member.id} justify="space-between" gap="xs" wrap="wrap">
                  <Text c="dimmed">{member.boardRole ? t(`clubArea.boardRole.${member.boardRole}`) : ''}</Text>
                  <Anchor component={Link} to={`/club/members/${member.id}`} fw={500} className={classes.tapLink}>
                    {member.fullName}
                  </Anchor>
                </Group>
              ))}
            </Stack>
          )}
        </div>
        <div>
          <Title order={2} fz="lg" mb="xs">
            {t('clubArea.home.volunteers', { count: club.homeCareVolunteers.length })}
          </Title>
          {club.homeCareVolunteers.length === 0 ? (
            <Text c="dimmed">{t('clubArea.home.noVolunteers')}</Text>
          ) : (
            <Text data-testid="club-volunteers">{club.homeCareVolunteers.map((member) => member.fullName).join(', ')}</Text>
          )}
        </div>
      </Stack>
    </Card>
  );
}
