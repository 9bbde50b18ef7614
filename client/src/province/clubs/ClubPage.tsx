import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Grid, Group, List, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconEdit, IconFileImport, IconSwitchHorizontal, IconX } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate, formatVnd } from '../../app/format';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { ProvinceClubDetailDocument, ProvinceClubLoanPortfolioDocument, type ProvinceClubDetailQuery } from '../../gql/graphql';
import { ReportList } from '../reports/ReportList';
import { communeWithDistrict, formatDecimal } from './club-format';
import { ClubDialog, type ClubDialogState } from './ClubDialog';
import { ClubStatusBadge } from './ClubStatusBadge';
import { qualityItemExpected, qualityItemName, qualityItemValue } from './quality-text';
import { QualityScore } from './QualityScore';
import { BackLink } from '../../app/ui/BackLink';
import { isMissingRecord, isRecordId } from '../../app/record-id';

type Club = NonNullable<ProvinceClubDetailQuery['club']>;

function Section({ title, children, testId, aside }: { title: string; children: ReactNode; testId?: string; aside?: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Group justify="space-between" align="flex-start" mb="sm" gap="xs">
        <Title order={2} fz="lg">
          {title}
        </Title>
        {aside}
      </Group>
      {children}
    </Paper>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div" data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}

/** Each item of the standard with the club's value against it; a list rather than a table, so that it reads on a phone. */
function QualityList({ club }: { club: Club }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('provinceClubs.quality.intro')}
      </Text>
      <Stack gap={0} data-testid="club-quality-table">
        {club.qualityChecklist.items.map((item) => {
          const result = item.met ? t('provinceClubs.quality.met') : t('provinceClubs.quality.notMet');
          return (
            <Group
              key={item.code}
              justify="space-between"
              align="flex-start"
              wrap="nowrap"
              gap="sm"
              py="xs"
              style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
              data-testid="quality-item"
              data-code={item.code}
              data-met={item.met}
            >
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <ThemeIcon size="sm" radius="xl" color={item.met ? 'teal' : 'red'} variant="light" mt={3} aria-label={result} title={result}>
                  {item.met ? <IconCheck size={14} /> : <IconX size={14} />}
                </ThemeIcon>
                <Text>{qualityItemName(t, item.code)}</Text>
              </Group>
              <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
                <Text fw={600} c={item.met ? undefined : 'red.8'} data-testid="quality-value">
                  {qualityItemValue(t, i18n.resolvedLanguage, item)}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('provinceClubs.quality.columnExpected')}: <span data-testid="quality-expected">{qualityItemExpected(t, item)}</span>
                </Text>
              </Stack>
            </Group>
          );
        })}
      </Stack>
    </Stack>
  );
}

function LoanPortfolio({ club }: { club: Club }) {
  const { t, i18n } = useTranslation();
  const { data, error } = useQuery(ProvinceClubLoanPortfolioDocument, { variables: { clubId: club.id } });
  const portfolio = data?.loanPortfolio;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
      <Fact label={t('provinceClubs.detail.memberCount')} testId="club-member-count">
        {club.memberCount}
      </Fact>
      {error && !portfolio && <Text c="red">{t('provinceClubs.detail.portfolioFailed')}</Text>}
      {portfolio && (
        <>
          <Fact label={t('provinceClubs.detail.activeLoans')} testId="club-active-loans">
            {portfolio.activeLoans}
          </Fact>
          <Fact label={t('provinceClubs.detail.outstanding')} testId="club-outstanding">
            {formatVnd(portfolio.outstandingPrincipal)}
          </Fact>
          <Fact label={t('provinceClubs.detail.loansAtRisk')}>{portfolio.loansAtRisk}</Fact>
          <Fact label={t('provinceClubs.detail.principalAtRisk')}>{formatVnd(portfolio.principalAtRisk)}</Fact>
          <Fact label={t('provinceClubs.detail.par30')} testId="club-par30">
            {t('provinceClubs.percent', { value: formatDecimal(portfolio.par30, i18n.resolvedLanguage) })}
          </Fact>
        </>
      )}
    </SimpleGrid>
  );
}

export function ClubPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, error, refetch } = useQuery(ProvinceClubDetailDocument, { variables: { id }, skip: !isRecordId(id) });
  const [dialog, setDialog] = useState<ClubDialogState>(null);
  const club = data?.club;

  const back = (
    <BackLink to="/province/clubs" testId="club-back">{t('provinceClubs.detail.back')}</BackLink>
  );

  if (error && !data && !isMissingRecord(error)) {
    return (
      <Stack>
        {back}
        <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />
      </Stack>
    );
  }
  if (!data && !error && isRecordId(id)) return <LoadingBlock />;
  if (!club) {
    return (
      <Stack>
        {back}
        <EmptyMessage>{t('provinceClubs.detail.notFound')}</EmptyMessage>
      </Stack>
    );
  }

  const liveDialog: ClubDialogState = dialog && dialog.kind !== 'create' ? { ...dialog, club } : dialog;

  return (
    <>
      {back}
      <PageHeader
        title={club.name}
        description={communeWithDistrict(club.commune)}
        actions={
          <Group gap="sm">
            <Button variant="default" leftSection={<IconEdit size={18} />} onClick={() => setDialog({ kind: 'edit', club })} data-testid="club-edit">
              {t('provinceClubs.clubs.edit')}
            </Button>
            <Button variant="default" leftSection={<IconSwitchHorizontal size={18} />} onClick={() => setDialog({ kind: 'status', club })} data-testid="club-change-status">
              {t('provinceClubs.clubs.changeStatus')}
            </Button>
            <Button
              component={Link}
              to={`/province/imports/members?clubId=${club.id}`}
              variant="default"
              leftSection={<IconFileImport size={18} />}
              data-testid="club-import-members"
            >
              {t('imports.club.title')}
            </Button>
          </Group>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="lg">
            <Section title={t('provinceClubs.detail.general')} testId="club-general">
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
                <Fact label={t('provinceClubs.detail.status')}>
                  <ClubStatusBadge status={club.status} since={club.statusSince} />
                </Fact>
                <Fact label={t('provinceClubs.detail.foundedOn')} testId="club-founded-on">
                  {club.foundedOn ? formatDate(club.foundedOn) : t('common.notProvided')}
                </Fact>
                <Fact label={t('provinceClubs.detail.commune')}>{communeWithDistrict(club.commune)}</Fact>
                <Fact label={t('provinceClubs.detail.hamlet')}>{club.hamlet?.fullName ?? t('provinceClubs.form.hamletNone')}</Fact>
                <Fact label={t('provinceClubs.detail.scheme')}>
                  {club.scheme ? (
                    <Anchor component={Link} to={`/province/schemes/${club.scheme.id}`} inherit>
                      {club.scheme.title}
                    </Anchor>
                  ) : (
                    t('provinceClubs.form.schemeNone')
                  )}
                </Fact>
                <Fact label={t('provinceClubs.detail.inClubPlan')}>
                  {club.inClubPlan ? t('provinceClubs.detail.inClubPlanYes') : t('provinceClubs.detail.inClubPlanNo')}
                </Fact>
                <Fact label={t('provinceClubs.detail.maxLoans')}>{club.maxActiveLoansPerMember}</Fact>
              </SimpleGrid>
            </Section>
            <Section title={t('provinceClubs.detail.funds')} testId="club-funds">
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
                <Fact label={t('provinceClubs.detail.incomeGeneration')} testId="club-fund-income-generation">
                  <Text fw={600} fz="lg" inherit>
                    {formatVnd(club.fundBalances.incomeGeneration)}
                  </Text>
                </Fact>
                <Fact label={t('provinceClubs.detail.activity')} testId="club-fund-activity">
                  <Text fw={600} fz="lg" inherit>
                    {formatVnd(club.fundBalances.activity)}
                  </Text>
                </Fact>
              </SimpleGrid>
            </Section>
            <Section title={t('provinceClubs.detail.membersAndLoans')} testId="club-members-loans">
              <LoanPortfolio club={club} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="lg">
            <Section title={t('provinceClubs.detail.quality')} testId="club-quality-section" aside={<QualityScore checklist={club.qualityChecklist} />}>
              <QualityList club={club} />
            </Section>
            <Section title={t('provinceClubs.detail.board')} testId="club-board">
              {club.board.length === 0 ? (
                <Text c="dimmed">{t('provinceClubs.detail.noBoard')}</Text>
              ) : (
                <List spacing={6} listStyleType="none">
                  {club.board.map((member) => (
                    <List.Item key={member.id}>
                      <Group gap="xs">
                        <Text fw={600}>{member.fullName}</Text>
                        {member.boardRole && (
                          <Badge variant="light" tt="none" color="gray">
                            {t(`provinceClubs.detail.boardRoles.${member.boardRole}`)}
                          </Badge>
                        )}
                      </Group>
                    </List.Item>
                  ))}
                </List>
              )}
            </Section>
            <Section
              title={t('provinceClubs.detail.volunteers')}
              testId="club-volunteers"
              aside={
                <Text c="dimmed" size="sm">
                  {t('provinceClubs.detail.volunteersCount', { count: club.homeCareVolunteers.length })}
                </Text>
              }
            >
              {club.homeCareVolunteers.length === 0 ? (
                <Text c="dimmed">{t('provinceClubs.detail.noVolunteers')}</Text>
              ) : (
                <Text>{club.homeCareVolunteers.map((member) => member.fullName).join(', ')}</Text>
              )}
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
      <Stack mt="xl">
        <ReportList
          clubId={club.id}
          statuses={['SUBMITTED', 'RETURNED', 'APPROVED', 'DRAFT']}
          title={t('provinceClubs.detail.reports')}
          emptyMessage={t('provinceClubs.detail.noReports')}
          testId="club-reports"
        />
      </Stack>
      <ClubDialog dialog={liveDialog} onClose={() => setDialog(null)} />
    </>
  );
}
