import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowBackUp, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate } from '../../app/format';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadMoreButton } from '../../app/ui/LoadMoreButton';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { ClubFundBalancesDocument, ClubLedgerDocument, type ClubLedgerEntryFragment, type Fund, type LedgerKind } from '../../gql/graphql';
import { Money } from '../ui/Money';
import classes from '../ui/club-ui.module.css';
import { FundEntryForm } from './FundEntryForm';
import { ReverseEntryForm } from './ReverseEntryForm';

const PAGE_SIZE = 30;
const funds: Fund[] = ['INCOME_GENERATION', 'ACTIVITY'];
/** Money entered here, and an opening balance (a wrong one is reversed, then imported again). */
const reversibleKinds: LedgerKind[] = ['SEED_CAPITAL', 'CONTRIBUTION', 'EXPENSE', 'OPENING_BALANCE'];

function fundOf(params: URLSearchParams): Fund {
  return params.get('fund') === 'ACTIVITY' ? 'ACTIVITY' : 'INCOME_GENERATION';
}

/** Only money entered here can be reversed here; loan movements are corrected on the loan. */
function canReverse(entry: ClubLedgerEntryFragment): boolean {
  return reversibleKinds.includes(entry.kind) && !entry.loanId && !entry.reversesId && !entry.reversedById;
}

function LedgerRow({ entry, onReverse }: { entry: ClubLedgerEntryFragment; onReverse: () => void }) {
  const { t } = useTranslation();
  const detail = [entry.member?.fullName, entry.description].filter(Boolean).join(' – ');
  return (
    <Card withBorder radius="md" padding="sm" data-testid="ledger-entry" data-kind={entry.kind} data-entry-id={entry.id}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <Stack gap={2} miw={0}>
          <Text fw={600}>{t(`clubArea.ledger.kinds.${entry.kind}`)}</Text>
          <Text size="sm" c="dimmed" className={classes.wrapName} data-testid="ledger-entry-detail">
            {formatDate(entry.entryOn)}
            {detail && ' · '}
            {detail && entry.loanId ? (
              <Anchor component={Link} to={`/club/loans/${entry.loanId}`} inherit underline="always" className={classes.tapLink}>
                {detail}
              </Anchor>
            ) : (
              detail
            )}
          </Text>
          {entry.reversedById && (
            <Badge color="orange" variant="light" tt="none">
              {t('clubArea.ledger.wasReversed')}
            </Badge>
          )}
        </Stack>
        <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
          <Text fw={700} data-testid="ledger-entry-amount">
            <Money amount={entry.amount} signed />
          </Text>
          {entry.runningBalance !== null && entry.runningBalance !== undefined && (
            <Text size="sm" c="dimmed" data-testid="ledger-entry-balance">
              {t('clubArea.ledger.balance')} <Money amount={entry.runningBalance} />
            </Text>
          )}
        </Stack>
      </Group>
      {canReverse(entry) && (
        <Group justify="flex-end" mt={4}>
          <Button variant="subtle" color="red" leftSection={<IconArrowBackUp size={16} />} onClick={onReverse} data-testid="ledger-reverse">
            {t('clubArea.ledger.reverse')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

export function FundsPage() {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [searchParams, setSearchParams] = useSearchParams();
  const fund = fundOf(searchParams);
  const [recording, setRecording] = useState(false);
  const [reversing, setReversing] = useState<ClubLedgerEntryFragment | null>(null);
  const balances = useQuery(ClubFundBalancesDocument, { fetchPolicy: 'cache-and-network' });
  const ledger = useQuery(ClubLedgerDocument, { variables: { fund, first: PAGE_SIZE }, fetchPolicy: 'cache-and-network' });
  const connection = (ledger.data ?? ledger.previousData)?.ledgerEntries;
  const fundBalances = balances.data?.myClub?.fundBalances;

  function refresh() {
    void balances.refetch().catch(() => undefined);
    void ledger.refetch().catch(() => undefined);
  }

  function loadMore(endCursor: string | null | undefined) {
    return ledger.fetchMore({
      variables: { after: endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        ...fetchMoreResult,
        ledgerEntries: { ...fetchMoreResult.ledgerEntries, edges: [...previous.ledgerEntries.edges, ...fetchMoreResult.ledgerEntries.edges] },
      }),
    });
  }

  let list;
  if (ledger.error && !connection) list = <QueryError error={ledger.error} onRetry={() => void ledger.refetch().catch(() => undefined)} />;
  else if (!connection) list = <LoadingBlock />;
  else if (connection.totalCount === 0) list = <EmptyMessage>{t('clubArea.ledger.empty')}</EmptyMessage>;
  else {
    list = (
      <Stack gap="xs" aria-busy={ledger.loading} data-testid="ledger">
        <Text c="dimmed">{t('clubArea.ledger.total', { count: connection.totalCount })}</Text>
        {connection.edges.map((edge) => (
          <LedgerRow key={edge.node.id} entry={edge.node} onReverse={() => setReversing(edge.node)} />
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
      <PageHeader title={t('clubArea.ledger.title')} description={t('clubArea.ledger.intro')} />
      <Stack gap="md" maw={900}>
        <SimpleGrid cols={2} spacing="sm" role="tablist" aria-label={t('clubArea.ledger.title')}>
          {funds.map((option) => {
            const selected = option === fund;
            const amount = fundBalances ? (option === 'ACTIVITY' ? fundBalances.activity : fundBalances.incomeGeneration) : null;
            return (
              <UnstyledButton
                key={option}
                role="tab"
                aria-selected={selected}
                onClick={() => setSearchParams(option === 'INCOME_GENERATION' ? {} : { fund: option }, { replace: true })}
                p="sm"
                style={{
                  border: `2px solid var(--mantine-color-${selected ? 'teal-7' : 'gray-3'})`,
                  borderRadius: 'var(--mantine-radius-md)',
                  background: selected ? 'var(--mantine-color-teal-0)' : undefined,
                }}
                data-testid={`fund-tab-${option}`}
              >
                <Text size="sm" fw={selected ? 700 : 500}>
                  {t(`clubArea.funds.${option}`)}
                </Text>
                <Text fw={700} fz="lg" data-testid={`fund-balance-${option}`}>
                  {amount === null ? '…' : <Money amount={amount} />}
                </Text>
              </UnstyledButton>
            );
          })}
        </SimpleGrid>
        <Group>
          <Button leftSection={<IconPlus size={20} />} onClick={() => setRecording(true)} data-testid="fund-entry-open">
            {t('clubArea.fundEntry.open')}
          </Button>
        </Group>
        {list}
      </Stack>
      <Modal opened={recording} onClose={() => setRecording(false)} title={t('clubArea.fundEntry.title', { fund: t(`clubArea.funds.${fund}`) })} fullScreen={isPhone} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {recording && (
          <FundEntryForm
            fund={fund}
            onCancel={() => setRecording(false)}
            onDone={() => {
              setRecording(false);
              refresh();
            }}
          />
        )}
      </Modal>
      <Modal opened={reversing !== null} onClose={() => setReversing(null)} title={t('clubArea.ledger.reverseTitle')} fullScreen={isPhone} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {reversing && (
          <ReverseEntryForm
            entry={reversing}
            onCancel={() => setReversing(null)}
            onDone={() => {
              setReversing(null);
              refresh();
            }}
          />
        )}
      </Modal>
    </>
  );
}
