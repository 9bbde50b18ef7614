import { Badge, Card, Checkbox, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import { MoneyInput } from '../../app/ui/MoneyInput';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { foldForSearch } from '../club-format';
import { Money } from '../ui/Money';
import classes from '../ui/club-ui.module.css';
import { suggestedRepayment, type MeetingDraft, type SheetLoan, type SheetProblems } from './meeting-draft';

interface RepaymentsPanelProps {
  loans: SheetLoan[];
  draft: MeetingDraft;
  update: (change: (draft: MeetingDraft) => MeetingDraft) => void;
  problems: SheetProblems['repayments'];
  onEdited: (loanId: string) => void;
}

/** Each loan being repaid: a tap says the borrower paid, with the instalment filled in to check or change. */
export function RepaymentsPanel({ loans, draft, update, problems, onEdited }: RepaymentsPanelProps) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const folded = foldForSearch(filter);
  const shown = folded ? loans.filter((loan) => foldForSearch(loan.member.fullName).includes(folded)) : loans;

  if (loans.length === 0) return <EmptyMessage>{t('clubArea.meeting.noRepayments')}</EmptyMessage>;

  function setLine(loan: SheetLoan, change: Partial<MeetingDraft['repayments'][string]>) {
    onEdited(loan.id);
    update((current) => ({
      ...current,
      repayments: { ...current.repayments, [loan.id]: { ...(current.repayments[loan.id] ?? suggestedRepayment(loan)), ...change } },
    }));
  }

  return (
    <Stack gap="sm">
      <Text c="dimmed">{t('clubArea.meeting.repaymentsIntro')}</Text>
      {loans.length > 8 && (
        <TextInput
          leftSection={<IconSearch size={18} />}
          placeholder={t('clubArea.attendance.filter')}
          aria-label={t('clubArea.attendance.filter')}
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
          data-testid="repayments-filter"
        />
      )}
      {shown.map((loan) => {
        const line = draft.repayments[loan.id];
        const paying = line?.paying ?? false;
        const problem = problems.get(loan.id);
        const standing = loan.standing;
        return (
          <Card
            key={loan.id}
            withBorder
            radius="md"
            padding="sm"
            style={problem ? { borderColor: 'var(--mantine-color-red-7)' } : paying ? { borderColor: 'var(--mantine-color-teal-7)' } : undefined}
            data-testid="repayment-line"
            data-loan-id={loan.id}
          >
            <Stack gap="xs">
              <Checkbox
                size="lg"
                checked={paying}
                onChange={(event) => setLine(loan, { paying: event.currentTarget.checked })}
                label={
                  <Text fw={600} size="lg" className={classes.wrapName}>
                    {loan.member.fullName}
                  </Text>
                }
                data-testid="repayment-paying"
              />
              <Text size="sm" c="dimmed">
                {t('clubArea.loans.outstandingLabel')} <Money amount={standing.outstandingPrincipal} />
                {standing.nextDue && (
                  <>
                    {' · '}
                    {t('clubArea.meeting.nextDue', { number: standing.nextDue.number, date: formatDate(standing.nextDue.dueOn) })}
                  </>
                )}
              </Text>
              {standing.daysPastDue > 0 && (
                <Group gap="xs">
                  <Badge color="red" variant="light" tt="none">
                    {t('clubArea.loans.daysPastDue', { count: standing.daysPastDue })}
                  </Badge>
                  <Text size="sm" c="red.8">
                    {t('clubArea.meeting.arrears')} <Money amount={standing.arrears} />
                  </Text>
                </Group>
              )}
              {paying && line && (
                <SimpleGrid cols={2} spacing="xs">
                  <MoneyInput
                    label={t('clubArea.meeting.principal')}
                    value={line.principal}
                    onChange={(digits) => setLine(loan, { principal: digits })}
                    error={problem?.principal}
                    data-testid="repayment-principal"
                  />
                  <MoneyInput
                    label={t('clubArea.meeting.interest')}
                    value={line.interest}
                    onChange={(digits) => setLine(loan, { interest: digits })}
                    error={problem?.interest}
                    data-testid="repayment-interest"
                  />
                </SimpleGrid>
              )}
              {problem?.line && (
                <Text c="red.8" size="sm" role="alert" data-testid="repayment-error">
                  {problem.line}
                </Text>
              )}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}
