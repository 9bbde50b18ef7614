import { useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowBackUp, IconCash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatVnd } from '../../../app/format';
import { sumVnd, vndValue, type Vnd } from '../../../app/money';
import { EmptyMessage } from '../../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../../app/ui/LoadingBlock';
import { QueryError } from '../../../app/ui/QueryError';
import classes from '../../../app/ui/responsive-table.module.css';
import { SchemeDisbursementsDocument, type SchemeDetailFragment } from '../../../gql/graphql';
import { RecordDisbursementForm } from './RecordDisbursementForm';
import { ReverseDisbursementForm } from './ReverseDisbursementForm';

type Line = SchemeDetailFragment['budgetLines'][number];

export function SpendingPanel({ scheme, onReload }: { scheme: SchemeDetailFragment; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const payments = useQuery(SchemeDisbursementsDocument, { variables: { id: scheme.id } });
  const [recordOpened, setRecordOpened] = useState(false);
  const [reversing, setReversing] = useState<{ id: string; amount: Vnd } | null>(null);
  const lineLabel = (line: Line) =>
    [t(`budget.source.${line.source}`), t(`budget.purpose.${line.purpose}`), line.year ? String(line.year) : null, line.description].filter(Boolean).join(' – ');
  const linesById = new Map(scheme.budgetLines.map((line) => [line.id, line]));
  const ledger = (payments.data?.scheme?.budgetLines ?? [])
    .flatMap((line) => line.disbursements.map((disbursement) => ({ ...disbursement, lineId: line.id })))
    .sort((first, second) => second.recordedAt.localeCompare(first.recordedAt));
  const refresh = () => {
    void onReload().catch(() => undefined);
    void payments.refetch().catch(() => undefined);
  };
  const labels = {
    line: t('spending.line'),
    planned: t('spending.planned'),
    spent: t('spending.spent'),
    remaining: t('spending.remaining'),
    paidOn: t('spending.paidOn'),
    description: t('spending.description'),
    amount: t('spending.amount'),
    recordedBy: t('spending.recordedBy'),
    recipient: t('spending.recipient'),
  };
  const sum = (values: Vnd[]) => formatVnd(sumVnd(values));

  if (scheme.budgetLines.length === 0) return <EmptyMessage>{t('spending.noLines')}</EmptyMessage>;

  return (
    <Stack gap="lg">
      <Text c="dimmed">{t('spending.intro')}</Text>
      {scheme.status !== 'APPROVED' && (
        <Alert color="gray" variant="light">
          {t('spending.onlyApproved')}
        </Alert>
      )}
      <Table className={classes.table} verticalSpacing="sm" data-testid="spending-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{labels.line}</Table.Th>
            <Table.Th ta="right">{labels.planned}</Table.Th>
            <Table.Th ta="right">{labels.spent}</Table.Th>
            <Table.Th ta="right">{labels.remaining}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {scheme.budgetLines.map((line) => (
            <Table.Tr key={line.id} data-testid="spending-line-row">
              <Table.Td data-label={labels.line} data-primary>
                {lineLabel(line)}
              </Table.Td>
              <Table.Td data-label={labels.planned} ta="right" className={classes.nowrap}>
                {formatVnd(line.amount)}
              </Table.Td>
              <Table.Td data-label={labels.spent} ta="right" className={classes.nowrap} data-testid="spending-line-spent">
                {formatVnd(line.spent)}
              </Table.Td>
              <Table.Td data-label={labels.remaining} ta="right" className={classes.nowrap} data-testid="spending-line-remaining">
                {formatVnd(line.remaining)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap="xs">
        <Title order={2} fz="lg">
          {t('spending.bySource')}
        </Title>
        <Table className={classes.table} verticalSpacing="sm" data-testid="spending-sources">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('budget.columnSource')}</Table.Th>
              <Table.Th ta="right">{labels.planned}</Table.Th>
              <Table.Th ta="right">{labels.spent}</Table.Th>
              <Table.Th ta="right">{labels.remaining}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {scheme.budgetBySource.map((balance) => (
              <Table.Tr key={balance.source} data-testid="spending-source-row" data-source={balance.source}>
                <Table.Td data-primary>{t(`budget.source.${balance.source}`)}</Table.Td>
                <Table.Td data-label={labels.planned} ta="right" className={classes.nowrap}>
                  {formatVnd(balance.amount)}
                </Table.Td>
                <Table.Td data-label={labels.spent} ta="right" className={classes.nowrap}>
                  {formatVnd(balance.spent)}
                </Table.Td>
                <Table.Td data-label={labels.remaining} ta="right" className={classes.nowrap}>
                  {formatVnd(balance.remaining)}
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td data-primary fw={700}>
                {t('spending.total')}
              </Table.Td>
              <Table.Td data-label={labels.planned} ta="right" fw={700} className={classes.nowrap}>
                {sum(scheme.budgetBySource.map((balance) => balance.amount))}
              </Table.Td>
              <Table.Td data-label={labels.spent} ta="right" fw={700} className={classes.nowrap}>
                {sum(scheme.budgetBySource.map((balance) => balance.spent))}
              </Table.Td>
              <Table.Td data-label={labels.remaining} ta="right" fw={700} className={classes.nowrap}>
                {sum(scheme.budgetBySource.map((balance) => balance.remaining))}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Stack>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} fz="lg">
            {t('spending.payments')}
          </Title>
          {scheme.status === 'APPROVED' && (
            <Button leftSection={<IconCash size={18} />} onClick={() => setRecordOpened(true)} data-testid="disbursement-open">
              {t('spending.record')}
            </Button>
          )}
        </Group>
        {payments.error && !payments.data ? (
          <QueryError error={payments.error} onRetry={() => void payments.refetch().catch(() => undefined)} />
        ) : !payments.data ? (
          <LoadingBlock />
        ) : ledger.length === 0 ? (
          <EmptyMessage>{t('spending.noPayments')}</EmptyMessage>
        ) : (
          <Table className={classes.table} verticalSpacing="sm" data-testid="disbursements">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{labels.paidOn}</Table.Th>
                <Table.Th>{labels.description}</Table.Th>
                <Table.Th>{labels.line}</Table.Th>
                <Table.Th>{labels.recipient}</Table.Th>
                <Table.Th ta="right">{labels.amount}</Table.Th>
                <Table.Th>{labels.recordedBy}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ledger.map((entry) => {
                const line = linesById.get(entry.lineId);
                return (
                  <Table.Tr key={entry.id} data-testid="disbursement-row">
                    <Table.Td data-label={labels.paidOn} className={classes.nowrap}>
                      {formatDate(entry.paidOn)}
                    </Table.Td>
                    <Table.Td data-label={labels.description} data-primary>
                      {entry.description}
                      {entry.reversesId && (
                        <Badge ml="xs" color="gray" variant="light" tt="none" className={classes.badge}>
                          {t('spending.reversal')}
                        </Badge>
                      )}
                      {entry.reversedById && (
                        <Badge ml="xs" color="orange" variant="light" tt="none" className={classes.badge}>
                          {t('spending.wasReversed')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td data-label={labels.line}>{line ? lineLabel(line) : '—'}</Table.Td>
                    <Table.Td data-label={labels.recipient} data-testid="disbursement-recipient">
                      {entry.recipientClub?.name ?? entry.recipientUnit?.fullName ?? '—'}
                    </Table.Td>
                    <Table.Td data-label={labels.amount} ta="right" className={classes.nowrap} c={vndValue(entry.amount) < 0n ? 'red.8' : undefined}>
                      {formatVnd(entry.amount)}
                    </Table.Td>
                    <Table.Td data-label={labels.recordedBy}>{entry.recordedByName ?? '—'}</Table.Td>
                    <Table.Td>
                      {!entry.reversesId && !entry.reversedById && scheme.status === 'APPROVED' && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          leftSection={<IconArrowBackUp size={16} />}
                          onClick={() => setReversing({ id: entry.id, amount: entry.amount })}
                          data-testid="disbursement-reverse"
                        >
                          {t('spending.reverse')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Modal
        opened={recordOpened}
        onClose={() => setRecordOpened(false)}
        title={t('spending.recordTitle')}
        fullScreen={isPhone}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {recordOpened && (
          <RecordDisbursementForm
            lines={scheme.budgetLines}
            lineLabel={lineLabel}
            onCancel={() => setRecordOpened(false)}
            onRecorded={() => {
              setRecordOpened(false);
              refresh();
            }}
          />
        )}
      </Modal>
      <Modal
        opened={reversing !== null}
        onClose={() => setReversing(null)}
        title={reversing ? t('spending.reverseTitle', { amount: formatVnd(reversing.amount) }) : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        centered
      >
        {reversing && (
          <ReverseDisbursementForm
            disbursementId={reversing.id}
            onCancel={() => setReversing(null)}
            onDone={() => {
              setReversing(null);
              refresh();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
