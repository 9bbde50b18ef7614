import { Alert, Card, Checkbox, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { DayInput } from '../ui/DayInput';
import { Money } from '../ui/Money';
import classes from '../ui/club-ui.module.css';
import { loanTermsText } from '../loans/loan-text';
import type { MeetingDraft, SheetLoan, SheetProblems } from './meeting-draft';

interface PayoutsPanelProps {
  loans: SheetLoan[];
  draft: MeetingDraft;
  update: (change: (draft: MeetingDraft) => MeetingDraft) => void;
  problems: SheetProblems['payouts'];
  onEdited: (loanId: string) => void;
  /** What the income-generation fund holds now plus what is repaid at this meeting. */
  available: bigint;
  paidOut: bigint;
}

/** Loans the board has approved, paid out at the meeting; what members repay at it can be lent at it. */
export function PayoutsPanel({ loans, draft, update, problems, onEdited, available, paidOut }: PayoutsPanelProps) {
  const { t } = useTranslation();
  if (loans.length === 0) return <EmptyMessage>{t('clubArea.meeting.noPayouts')}</EmptyMessage>;

  return (
    <Stack gap="sm">
      <Text c="dimmed">{t('clubArea.meeting.payoutsIntro')}</Text>
      <Alert color={paidOut > available ? 'red' : 'gray'} variant="light" data-testid="payout-available">
        {t('clubArea.meeting.available')} <Money amount={Number(available)} fw={700} />
        {paidOut > 0n && (
          <>
            {' · '}
            {t('clubArea.meeting.payingOut')} <Money amount={Number(paidOut)} fw={700} />
          </>
        )}
      </Alert>
      {loans.map((loan) => {
        const line = draft.payouts[loan.id];
        const problem = problems.get(loan.id);
        return (
          <Card key={loan.id} withBorder radius="md" padding="sm" style={problem ? { borderColor: 'var(--mantine-color-red-7)' } : undefined} data-testid="payout-line" data-loan-id={loan.id}>
            <Stack gap="xs">
              <Checkbox
                size="lg"
                checked={line?.paying ?? false}
                onChange={(event) => {
                  const paying = event.currentTarget.checked;
                  onEdited(loan.id);
                  update((current) => ({ ...current, payouts: { ...current.payouts, [loan.id]: { firstDueOn: current.payouts[loan.id]?.firstDueOn ?? '', paying } } }));
                }}
                label={
                  <Text fw={600} size="lg" className={classes.wrapName}>
                    {loan.member.fullName} · <Money amount={loan.principal} />
                  </Text>
                }
                data-testid="payout-paying"
              />
              <Text size="sm" c="dimmed">
                {loanTermsText(t, loan)}
              </Text>
              {line?.paying && (
                <DayInput
                  label={t('clubArea.meeting.firstDueOn')}
                  description={t('clubArea.meeting.firstDueOnHint')}
                  value={line.firstDueOn}
                  onChange={(text) => {
                    onEdited(loan.id);
                    update((current) => ({ ...current, payouts: { ...current.payouts, [loan.id]: { ...line, firstDueOn: text } } }));
                  }}
                  error={problem?.firstDueOn}
                  data-testid="payout-first-due"
                />
              )}
              {problem?.line && (
                <Text c="red.8" size="sm" role="alert" data-testid="payout-error">
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
