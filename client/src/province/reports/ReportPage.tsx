import { useQuery } from '@apollo/client/react';
import { Anchor, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime } from '../../app/format';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { ProvinceMonthlyReportDocument } from '../../gql/graphql';
import { communeWithDistrict, formatMonth } from '../clubs/club-format';
import classes from './report.module.css';
import { ReportDecision } from './ReportDecision';
import { ReportFiguresTable } from './ReportFiguresTable';
import { ReportHistory } from './ReportHistory';
import { ReportStatusBadge } from './ReportStatusBadge';
import { BackLink } from '../../app/ui/BackLink';

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

export function ReportPage() {
  const { t } = useTranslation();
  const { clubId = '', month = '' } = useParams();
  const { data, error, refetch } = useQuery(ProvinceMonthlyReportDocument, { variables: { clubId, month }, fetchPolicy: 'cache-and-network' });
  const report = data?.monthlyReport;
  const reload = () => refetch();

  const back = (
    <BackLink to="/province/reports" testId="report-back">{t('provinceClubs.report.back')}</BackLink>
  );

  if (error && !data) {
    return (
      <Stack>
        {back}
        <QueryError error={error} onRetry={() => void reload().catch(() => undefined)} />
      </Stack>
    );
  }
  if (!data) return <LoadingBlock />;
  if (!report) {
    return (
      <Stack>
        {back}
        <EmptyMessage>{t('provinceClubs.report.notFound')}</EmptyMessage>
      </Stack>
    );
  }

  const frozen = report.status === 'SUBMITTED' || report.status === 'APPROVED';

  return (
    <>
      {back}
      <PageHeader
        title={t('provinceClubs.report.title', { month: formatMonth(t, report.month).toLocaleLowerCase('vi') })}
        description={
          <Group gap="sm" component="span">
            <Anchor component={Link} to={`/province/clubs/${report.club.id}`} inherit data-testid="report-club">
              {report.club.name}
            </Anchor>
            <ReportStatusBadge status={report.status} late={report.late} />
          </Group>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
          <Stack gap="lg">
            <Paper withBorder radius="md" p="md">
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
                <Fact label={t('provinceClubs.report.club')}>{communeWithDistrict(report.club.commune)}</Fact>
                <Fact label={t('provinceClubs.report.dueOn')} testId="report-due-on">
                  {formatDate(report.dueOn)}
                </Fact>
                <Fact label={t('provinceClubs.report.submittedAt')} testId="report-submitted-at">
                  {report.submittedAt ? formatDateTime(report.submittedAt) : t('provinceClubs.report.notSubmitted')}
                </Fact>
                {report.decidedAt && <Fact label={t('provinceClubs.report.decidedAt')}>{formatDateTime(report.decidedAt)}</Fact>}
              </SimpleGrid>
            </Paper>
            <Stack gap="xs">
              <Title order={2} fz="lg">
                {t('provinceClubs.report.narrative')}
              </Title>
              {report.narrative ? (
                <Paper withBorder radius="md" p="md">
                  <Text className={classes.narrative} data-testid="report-narrative">
                    {report.narrative}
                  </Text>
                </Paper>
              ) : (
                <Text c="dimmed">{t('provinceClubs.report.noNarrative')}</Text>
              )}
            </Stack>
            <Stack gap="xs">
              <Title order={2} fz="lg">
                {t('provinceClubs.report.figures')}
              </Title>
              <Text size="sm" c="dimmed">
                {frozen ? t('provinceClubs.report.figuresFrozen') : t('provinceClubs.report.figuresLive')}
              </Text>
              <ReportFiguresTable figures={report.figures} />
            </Stack>
          </Stack>
        </Grid.Col>
        {/* On a phone the decision comes first, above the long table of figures. */}
        <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
          <Stack gap="lg">
            <ReportDecision key={report.id} report={report} onReload={reload} />
            <Stack gap="xs">
              <Title order={2} fz="lg">
                {t('provinceClubs.report.history')}
              </Title>
              <ReportHistory events={report.events} />
            </Stack>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
