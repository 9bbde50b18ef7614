import { useQuery } from '@apollo/client/react';
import { Badge, Button, Card, Chip, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate } from '../../app/format';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadMoreButton } from '../../app/ui/LoadMoreButton';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { ClubLoanPortfolioDocument, ClubLoansDocument, type ClubLoanListItemFragment, type LoanStatus } from '../../gql/graphql';
import { formatDecimal } from '../club-format';
import { Money } from '../ui/Money';
import classes from '../ui/club-ui.module.css';
import { LoanStatusBadge } from './LoanStatusBadge';

const PAGE_SIZE = 30;

const views = ['open', 'overdue', 'requested', 'approved', 'finished', 'all'] as const;
type LoanView = (typeof views)[number];

const statusesOfView: Record<LoanView, LoanStatus[] | null> = {
  open: ['REQUESTED', 'APPROVED', 'DISBURSED'],
  overdue: ['DISBURSED'],
  requested: ['REQUESTED'],
  approved: ['APPROVED'],
  finished: ['CLOSED', 'WRITTEN_OFF', 'REJECTED'],
  all: null,
};

function viewOf(params: URLSearchParams): LoanView {
  const view = params.get('view');
  return views.includes(view as LoanView) ? (view as LoanView) : 'open';
}

function PortfolioSummary() {
  const { t, i18n } = useTranslation();
  const { data } = useQuery(ClubLoanPortfolioDocument, { fetchPolicy: 'cache-and-network' });
  const portfolio = data?.loanPortfolio;
  if (!portfolio) return null;
  const tiles = [
    { key: 'active', label: t('clubArea.loans.portfolio.active'), value: t('clubArea.loans.portfolio.loansCount', { count: portfolio.activeLoans }) },
    { key: 'outstanding', label: t('clubArea.loans.portfolio.outstanding'), value: <Money amount={portfolio.outstandingPrincipal} /> },
    {
      key: 'at-risk',
      label: t('clubArea.loans.portfolio.atRisk'),
      value: (
        <>
          {t('clubArea.loans.portfolio.loansCount', { count: portfolio.loansAtRisk })} · <Money amount={portfolio.principalAtRisk} />
        </>
      ),
      danger: portfolio.loansAtRisk > 0,
    },
    { key: 'par30', label: t('clubArea.loans.portfolio.par30'), value: `${formatDecimal(portfolio.par30, i18n.resolvedLanguage)}%`, danger: Number(portfolio.par30) > 5 },
    { key: 'fund', label: t('clubArea.loans.portfolio.fund'), value: <Money amount={data.myClub?.fundBalances.incomeGeneration ?? 0} /> },
  ];
  return (
    <Card withBorder radius="lg" padding="md" data-testid="loan-portfolio">
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="sm" verticalSpacing="sm">
        {tiles.map((tile) => (
          <Stack key={tile.key} gap={2} data-testid={`portfolio-${tile.key}`}>
            <Text size="sm" c="dimmed">
              {tile.label}
            </Text>
            <Text fw={700} c={tile.danger ? 'red.8' : undefined}>
              {tile.value}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
    </Card>
  );
}

function LoanRow({ loan }: { loan: ClubLoanListItemFragment }) {
  const { t } = useTranslation();
  const standing = loan.standing;
  return (
    <Link to={`/club/loans/${loan.id}`} className={classes.listCard} data-testid="loan-row" data-loan-id={loan.id}>
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600} size="lg" className={classes.wrapName} data-testid="loan-member">
            {loan.member.fullName}
          </Text>
          <LoanStatusBadge status={loan.status} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('clubArea.loans.lent')} <Money amount={loan.principal} /> · {t(`clubArea.loanPurpose.${loan.purpose}`)}
        </Text>
        {loan.status === 'DISBURSED' && (
          <Text size="sm">
            {t('clubArea.loans.outstandingLabel')}{' '}
            <Money amount={standing.outstandingPrincipal} fw={600} data-testid="loan-outstanding" />
          </Text>
        )}
        {loan.status === 'REQUESTED' && (
          <Text size="sm" c="dimmed">
            {t('clubArea.loans.requestedOn', { date: formatDate(loan.requestedOn) })}
          </Text>
        )}
        {standing.daysPastDue > 0 && (
          <Group gap="xs">
            <Badge color={standing.atRisk ? 'red' : 'orange'} variant="filled" tt="none" size="lg" data-testid="loan-days-past-due">
              {t('clubArea.loans.daysPastDue', { count: standing.daysPastDue })}
            </Badge>
            <Text size="sm" c="red.8">
              {t('clubArea.meeting.arrears')} <Money amount={standing.arrears} />
            </Text>
          </Group>
        )}
      </Stack>
    </Link>
  );
}

export function LoansPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const view = viewOf(searchParams);
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(ClubLoansDocument, {
    variables: { first: PAGE_SIZE, statuses: statusesOfView[view], overdueOnly: view === 'overdue' },
    fetchPolicy: 'cache-and-network',
  });
  const connection = (data ?? previousData)?.loans;

  function loadMore(endCursor: string | null | undefined) {
    return fetchMore({
      variables: { after: endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        ...fetchMoreResult,
        loans: { ...fetchMoreResult.loans, edges: [...previous.loans.edges, ...fetchMoreResult.loans.edges] },
      }),
    });
  }

  let list;
  if (error && !connection) list = <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  else if (!connection) list = <LoadingBlock />;
  else if (connection.totalCount === 0) list = <EmptyMessage>{t('clubArea.loans.empty')}</EmptyMessage>;
  else {
    list = (
      <Stack gap="xs" aria-busy={loading}>
        <Text c="dimmed" data-testid="loans-total">
          {t('clubArea.loans.total', { count: connection.totalCount })}
        </Text>
        {connection.edges.map((edge) => (
          <LoanRow key={edge.node.id} loan={edge.node} />
        ))}
        {connection.pageInfo.hasNextPage && (
          <Group justify="center">
            <LoadMoreButton onLoadMore={() => loadMore(connection.pageInfo.endCursor)} />
          </Group>
        )}
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title={t('clubArea.loans.title')}
        description={t('clubArea.loans.intro')}
        actions={
          <Button component={Link} to="/club/loans/new" leftSection={<IconPlus size={20} />} data-testid="loan-request-open">
            {t('clubArea.loans.request')}
          </Button>
        }
      />
      <Stack gap="md" maw={900}>
        <PortfolioSummary />
        <Chip.Group multiple={false} value={view} onChange={(value) => setSearchParams(value === 'open' ? {} : { view: value }, { replace: true })}>
          <Group gap="xs" wrap="wrap" role="radiogroup" aria-label={t('clubArea.loans.viewLabel')}>
            {views.map((option) => (
              <Chip key={option} value={option} size="md" variant="filled" wrapperProps={{ 'data-testid': `loans-view-${option}` }}>
                {t(`clubArea.loans.views.${option}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        {list}
      </Stack>
    </>
  );
}
