import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Card, Group, Modal, Stack, Text, Timeline, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime, formatVnd } from '../../app/format';
import { sumVnd, vndValue } from '../../app/money';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { ClubLoanDocument, type ClubLoanDetailFragment } from '../../gql/graphql';
import { todayInVietnam } from '../club-format';
import { InfoRows } from '../ui/InfoRows';
import { Money } from '../ui/Money';
import classes from '../ui/club-ui.module.css';
import { LoanActionForm, type LoanAction } from './LoanActionForm';
import { loanTermsText } from './loan-text';
import { LoanStatusBadge } from './LoanStatusBadge';
import { BackLink } from '../../app/ui/BackLink';
import { isMissingRecord, isRecordId } from '../../app/record-id';

const knownEvents = ['REQUESTED', 'APPROVED', 'REJECTED', 'DISBURSED', 'RESCHEDULED', 'WRITTEN_OFF', 'CLOSED', 'REOPENED', 'OPENING_BALANCE'] as const;
type KnownEvent = (typeof knownEvents)[number];

/** What the board can do next with a loan, by where it stands. */
function actionsOf(loan: ClubLoanDetailFragment): LoanAction[] {
  switch (loan.status) {
    case 'REQUESTED':
      return ['approve', 'reject'];
    case 'APPROVED':
      return ['disburse', 'reject'];
    case 'DISBURSED':
      return ['repay', 'reschedule', 'writeOff'];
    default:
      return [];
  }
}

type InstalmentState = 'paid' | 'partly' | 'overdue' | 'due';

/** Instalments are paid in order: what was paid covers the oldest first. */
function instalmentStates(loan: ClubLoanDetailFragment): InstalmentState[] {
  let left = BigInt(loan.standing.principalRepaid) + BigInt(loan.standing.interestPaid);
  const today = todayInVietnam();
  return loan.schedule.map((instalment) => {
    const owed = BigInt(instalment.principal) + BigInt(instalment.interest);
    const covered = left >= owed ? owed : left > 0n ? left : 0n;
    left -= covered;
    if (covered === owed) return 'paid';
    if (instalment.dueOn < today) return 'overdue';
    return covered > 0n ? 'partly' : 'due';
  });
}

const stateColor: Record<InstalmentState, string> = { paid: 'teal', partly: 'yellow', overdue: 'red', due: 'gray' };

function Schedule({ loan }: { loan: ClubLoanDetailFragment }) {
  const { t } = useTranslation();
  const states = instalmentStates(loan);
  if (loan.schedule.length === 0) return <Text c="dimmed">{t('clubArea.loan.noSchedule')}</Text>;
  return (
    <Card withBorder radius="md" padding="xs" data-testid="loan-schedule">
      {loan.schedule.map((instalment, index) => (
        <Group
          key={instalment.number}
          justify="space-between"
          gap="xs"
          wrap="nowrap"
          px="xs"
          py={6}
          style={index ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
          data-testid="loan-instalment"
          data-state={states[index]}
        >
          <Stack gap={0} miw={0}>
            <Text fw={600}>
              {instalment.number === 0 ? t('clubArea.loan.paidBeforeReschedule') : t('clubArea.loan.instalmentNumber', { number: instalment.number })}
              {' · '}
              {formatDate(instalment.dueOn)}
            </Text>
            <Text size="sm" c="dimmed">
              {t('clubArea.loan.instalmentParts', { principal: formatVnd(instalment.principal), interest: formatVnd(instalment.interest) })}
            </Text>
          </Stack>
          <Badge color={stateColor[states[index]]} variant="light" tt="none" style={{ flexShrink: 0 }}>
            {t(`clubArea.loan.states.${states[index]}`)}
          </Badge>
        </Group>
      ))}
    </Card>
  );
}

export function LoanPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [action, setAction] = useState<{ kind: LoanAction; repaymentId?: string } | null>(null);
  const { data, error, refetch } = useQuery(ClubLoanDocument, { variables: { id }, fetchPolicy: 'cache-and-network', skip: !isRecordId(id) });
  const loan = data?.loan;
  const back = (
    <BackLink to="/club/loans" testId="loan-back" large>{t('clubArea.loan.back')}</BackLink>
  );

  if (error && !data && !isMissingRecord(error)) return <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data && !error && isRecordId(id)) return <LoadingBlock />;
  if (!loan) {
    return (
      <Stack>
        {back}
        <EmptyMessage>{t('clubArea.loan.notFound')}</EmptyMessage>
      </Stack>
    );
  }

  const standing = loan.standing;
  const reversedIds = new Set(loan.repayments.map((repayment) => repayment.reversesId).filter(Boolean));
  const canReverse = loan.status === 'DISBURSED' || loan.status === 'CLOSED';
  const running = loan.status === 'DISBURSED';

  return (
    <>
      {back}
      <PageHeader title={t('clubArea.loan.title', { name: loan.member.fullName })} actions={<LoanStatusBadge status={loan.status} />} />
      <Stack gap="md" maw={900}>
        {running && standing.daysPastDue > 0 && (
          <Card withBorder radius="lg" padding="md" style={{ borderColor: 'var(--mantine-color-red-6)' }} data-testid="loan-overdue">
            <Text fw={700} c="red.8" size="lg">
              {t('clubArea.loans.daysPastDue', { count: standing.daysPastDue })}
            </Text>
            <Text>
              {t('clubArea.meeting.arrears')} <Money amount={standing.arrears} fw={700} />
            </Text>
          </Card>
        )}
        {actionsOf(loan).length > 0 && (
          <Card withBorder radius="lg" padding="md" data-testid="loan-actions">
            <Title order={2} fz="lg" mb="xs">
              {t('clubArea.loan.actions')}
            </Title>
            <Group gap="sm">
              {actionsOf(loan).map((kind, index) => (
                <Button
                  key={kind}
                  variant={index === 0 ? 'filled' : kind === 'reject' || kind === 'writeOff' ? 'subtle' : 'light'}
                  color={kind === 'reject' || kind === 'writeOff' ? 'red' : undefined}
                  onClick={() => setAction({ kind })}
                  data-testid={`loan-action-${kind}`}
                >
                  {t(`clubArea.loanActions.open.${kind}`)}
                </Button>
              ))}
            </Group>
          </Card>
        )}
        <Card withBorder radius="lg" padding="md">
          <InfoRows
            testId="loan-details"
            rows={[
              { key: 'member', label: t('clubArea.loanForm.member'), value: <Anchor component={Link} to={`/club/members/${loan.member.id}`} className={classes.tapLink}>{loan.member.fullName}</Anchor> },
              { key: 'principal', label: t('clubArea.loanForm.principal'), value: <Money amount={loan.principal} /> },
              { key: 'terms', label: t('clubArea.loan.terms'), value: loanTermsText(t, loan, i18n.resolvedLanguage) },
              { key: 'purpose', label: t('clubArea.loanForm.purpose'), value: [t(`clubArea.loanPurpose.${loan.purpose}`), loan.purposeNote].filter(Boolean).join(': ') },
              { key: 'requested', label: t('clubArea.loanForm.requestedOn'), value: formatDate(loan.requestedOn) },
              loan.decidedOn ? { key: 'decided', label: t('clubArea.loan.decidedOn'), value: formatDate(loan.decidedOn) } : null,
              loan.disbursedOn ? { key: 'disbursed', label: t('clubArea.loan.disbursedOn'), value: formatDate(loan.disbursedOn) } : null,
              loan.openingOn ? { key: 'opening', label: t('clubArea.loan.openingOn'), value: formatDate(loan.openingOn), testId: 'loan-opening-on' } : null,
              loan.closedOn ? { key: 'closed', label: t('clubArea.loan.closedOn'), value: formatDate(loan.closedOn) } : null,
              loan.disbursedOn
                ? { key: 'outstanding', label: t('clubArea.loan.outstanding'), value: <Money amount={standing.outstandingPrincipal} fw={700} />, testId: 'loan-outstanding' }
                : null,
              loan.disbursedOn ? { key: 'repaid', label: t('clubArea.loan.principalRepaid'), value: <Money amount={standing.principalRepaid} />, testId: 'loan-principal-repaid' } : null,
              loan.disbursedOn ? { key: 'interest', label: t('clubArea.loan.interestPaid'), value: <Money amount={standing.interestPaid} /> } : null,
              running && standing.nextDue
                ? {
                    key: 'next',
                    label: t('clubArea.loan.nextDue'),
                    value: (
                      <>
                        {formatDate(standing.nextDue.dueOn)}: <Money amount={sumVnd([standing.nextDue.principal, standing.nextDue.interest])} />
                      </>
                    ),
                  }
                : null,
            ]}
          />
        </Card>
        <Stack gap="xs">
          <Title order={2} fz="lg">
            {t('clubArea.loan.schedule')}
          </Title>
          <Schedule loan={loan} />
        </Stack>
        <Stack gap="xs">
          <Title order={2} fz="lg">
            {t('clubArea.loan.repayments')}
          </Title>
          {loan.repayments.length === 0 ? (
            <Text c="dimmed">{t('clubArea.loan.noRepayments')}</Text>
          ) : (
            <Stack gap="xs" data-testid="loan-repayments">
              {[...loan.repayments].reverse().map((repayment) => (
                <Card key={repayment.id} withBorder radius="md" padding="sm" data-testid="loan-repayment" data-repayment-id={repayment.id}>
                  <Group justify="space-between" gap="xs" wrap="wrap">
                    <Stack gap={0}>
                      <Text fw={600}>{formatDate(repayment.paidOn)}</Text>
                      <Text size="sm">
                        {t('clubArea.meeting.principal')} <Money amount={repayment.principal} signed={vndValue(repayment.principal) < 0n} /> · {t('clubArea.meeting.interest')}{' '}
                        <Money amount={repayment.interest} signed={vndValue(repayment.interest) < 0n} />
                      </Text>
                      {repayment.reversesId && (
                        <Text size="sm" c="dimmed">
                          {t('clubArea.loan.reversal')}
                        </Text>
                      )}
                      {repayment.opening && (
                        <Text size="sm" c="dimmed" data-testid="loan-opening-repayment">
                          {t('clubArea.loan.openingRepayment')}
                        </Text>
                      )}
                      {reversedIds.has(repayment.id) && (
                        <Text size="sm" c="orange.8">
                          {t('clubArea.loan.wasReversed')}
                        </Text>
                      )}
                    </Stack>
                    {canReverse && !repayment.reversesId && !repayment.opening && !reversedIds.has(repayment.id) && (
                      <Button
                        variant="subtle"
                        color="red"
                        leftSection={<IconArrowBackUp size={16} />}
                        onClick={() => setAction({ kind: 'reverseRepayment', repaymentId: repayment.id })}
                        data-testid="loan-repayment-reverse"
                      >
                        {t('clubArea.loanActions.open.reverseRepayment')}
                      </Button>
                    )}
                  </Group>
                </Card>
              ))}
            </Stack>
          )}
        </Stack>
        <Stack gap="xs">
          <Title order={2} fz="lg">
            {t('clubArea.loan.events')}
          </Title>
          <Timeline bulletSize={20} lineWidth={2} active={loan.events.length - 1} data-testid="loan-events">
            {loan.events.map((event) => (
              <Timeline.Item
                key={`${event.action}-${event.recordedAt}`}
                title={knownEvents.includes(event.action as KnownEvent) ? t(`clubArea.loan.eventNames.${event.action as KnownEvent}`) : event.action}
                data-testid="loan-event"
                data-action={event.action}
              >
                <Text size="sm" c="dimmed">
                  {formatDate(event.happenedOn)} · {t('clubArea.loan.recordedAt', { time: formatDateTime(event.recordedAt) })}
                </Text>
                {event.reason && <Text size="sm">{event.reason}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>
      </Stack>
      <Modal
        opened={action !== null}
        onClose={() => setAction(null)}
        title={action ? t(`clubArea.loanActions.title.${action.kind}`) : ''}
        fullScreen={isPhone}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {action && (
          <LoanActionForm
            action={action.kind}
            loan={loan}
            repaymentId={action.repaymentId}
            onCancel={() => setAction(null)}
            onDone={() => {
              setAction(null);
              void refetch().catch(() => undefined);
            }}
          />
        )}
      </Modal>
    </>
  );
}
