import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Button, Card, Group, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDeviceFloppy, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorCodeOf } from '../../app/errors';
import { formatDate, formatVnd } from '../../app/format';
import { parseDisplayDate } from '../../app/local-date';
import { PRINT_ON_OPEN } from '../../app/print/print-on-open';
import { useSignedInUser } from '../../app/session/SessionProvider';
import { parseMoney } from '../../app/money';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { useMoneyProblem } from '../../app/ui/MoneyInput';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { ClubMeetingSheetDocument, SubmitMeetingSheetDocument, type SubmitMeetingSheetMutation } from '../../gql/graphql';
import { displayDay, todayInVietnam } from '../club-format';
import { isNoAnswer, keepForLater } from '../offline/outbox';
import { useClubProblems } from '../club-messages';
import { AttendanceChecklist } from '../ui/AttendanceChecklist';
import { DayInput } from '../ui/DayInput';
import { newActionKey } from '../ui/use-action-key';
import classes from '../ui/club-ui.module.css';
import { ContributionsPanel } from './ContributionsPanel';
import { emptyProblems, inputOf, placeProblems, sectionsWithProblems, totalsOf, type SheetProblems, type SheetSection } from './meeting-draft';
import { PayoutsPanel } from './PayoutsPanel';
import { RepaymentsPanel } from './RepaymentsPanel';
import { useMeetingDraft } from './use-meeting-draft';

type SheetResult = SubmitMeetingSheetMutation['submitMeetingSheet'];

function SavedSheet({ result, onNext }: { result: SheetResult; onNext: () => void }) {
  const { t } = useTranslation();
  const repaid = result.repayments.reduce((sum, repayment) => sum + BigInt(repayment.principal) + BigInt(repayment.interest), 0n);
  const contributed = result.contributions.reduce((sum, entry) => sum + BigInt(entry.amount), 0n);
  const paidOut = result.disbursedLoans.reduce((sum, loan) => sum + BigInt(loan.principal), 0n);
  return (
    <Card withBorder radius="lg" padding="lg" maw={720} data-testid="meeting-saved">
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap">
          <IconCircleCheck size={36} color="var(--mantine-color-teal-7)" />
          <Title order={2} fz="xl">
            {t('clubArea.meeting.savedTitle', { date: formatDate(result.activity.heldOn) })}
          </Title>
        </Group>
        <Text data-testid="meeting-saved-attendance">{t('clubArea.meeting.savedAttendance', { count: result.activity.attendanceCount })}</Text>
        <Text data-testid="meeting-saved-repayments">{t('clubArea.meeting.savedRepayments', { count: result.repayments.length, amount: formatVnd(repaid) })}</Text>
        <Text>{t('clubArea.meeting.savedContributions', { count: result.contributions.length, amount: formatVnd(contributed) })}</Text>
        <Text>{t('clubArea.meeting.savedPayouts', { count: result.disbursedLoans.length, amount: formatVnd(paidOut) })}</Text>
        <Group gap="sm" mt="sm">
          <Button component={Link} to="/club/funds" variant="light" data-testid="meeting-saved-funds">
            {t('clubArea.meeting.seeFunds')}
          </Button>
          <Button component={Link} to="/club/loans" variant="light" data-testid="meeting-saved-loans">
            {t('clubArea.meeting.seeLoans')}
          </Button>
          <Button variant="subtle" onClick={onNext}>
            {t('clubArea.meeting.another')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function MeetingSheetPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const errorMessage = useErrorMessage();
  const moneyProblemOf = useMoneyProblem();
  const clubProblems = useClubProblems();
  const { draft, update, reset, restored } = useMeetingDraft(user.id);
  const [dayText, setDayText] = useState(() => displayDay(draft.heldOn));
  const [dayError, setDayError] = useState<string | null>(null);
  const [section, setSection] = useState<SheetSection>('attendance');
  const [problems, setProblems] = useState<SheetProblems>(emptyProblems);
  const [formError, setFormError] = useState<string | null>(null);
  const [result, setResult] = useState<SheetResult | null>(null);
  const [showRestored, setShowRestored] = useState(restored);
  const sheetQuery = useQuery(ClubMeetingSheetDocument, { variables: { heldOn: draft.heldOn }, fetchPolicy: 'network-only' });
  const [submitSheet, { loading: saving }] = useMutation(SubmitMeetingSheetDocument);
  const data = sheetQuery.data ?? sheetQuery.previousData;
  const sheet = data?.meetingSheet;

  const byName = <T extends { fullName: string }>(left: T, right: T) => left.fullName.localeCompare(right.fullName, 'vi');
  const running = (sheet?.loans ?? []).filter((loan) => loan.status === 'DISBURSED').sort((a, b) => byName(a.member, b.member));
  const approved = (sheet?.loans ?? []).filter((loan) => loan.status === 'APPROVED');
  const rosterIds = new Set((sheet?.members ?? []).map((member) => member.id));
  // Someone ticked for another day who is not on this day's roster is not counted, nor sent.
  const presentOnRoster = draft.present.filter((id) => rosterIds.has(id));
  const totals = totalsOf(draft, sheet?.loans ?? []);
  const available = BigInt(data?.myClub?.fundBalances.incomeGeneration ?? 0) + totals.repaid;
  const errorSections = new Set(sectionsWithProblems(problems));

  function changeDay(text: string) {
    setDayText(text);
    const day = parseDisplayDate(text);
    if (day === null || day === undefined) {
      setDayError(text.length >= 10 ? t('clubArea.common.dayInvalid') : null);
      return;
    }
    if (day > todayInVietnam()) {
      setDayError(t('clubArea.messages.future'));
      return;
    }
    setDayError(null);
    update((current) => ({ ...current, heldOn: day }));
  }

  /** A line the treasurer corrects loses its red mark; the others keep theirs. */
  function lineEdited(section: SheetSection, id: string) {
    setProblems((current) => {
      const list: Map<string, unknown> = current[section];
      if (!list.has(id)) return current;
      const next = new Map(list);
      next.delete(id);
      return { ...current, [section]: next } as SheetProblems;
    });
  }

  function firstDueOf(text: string): string | null {
    return parseDisplayDate(text) ?? null;
  }

  function checkBeforeSending(): SheetProblems | null {
    const found = emptyProblems();
    if (dayError || !parseDisplayDate(dayText)) found.heldOn = dayError ?? t('clubArea.common.dayInvalid');
    if (presentOnRoster.length === 0) found.general.push(t('clubArea.meeting.nobodyPresent'));
    for (const loan of running) {
      const line = draft.repayments[loan.id];
      if (!line?.paying) continue;
      const principal = moneyProblemOf(line.principal);
      const interest = moneyProblemOf(line.interest);
      if (principal || interest) found.repayments.set(loan.id, { principal: principal ?? undefined, interest: interest ?? undefined });
      else if (!((parseMoney(line.principal) ?? 0n) > 0n || (parseMoney(line.interest) ?? 0n) > 0n)) {
        found.repayments.set(loan.id, { principal: t('clubArea.meeting.amountRequired') });
      }
    }
    for (const [memberId, typed] of Object.entries(draft.contributions)) {
      const problem = moneyProblemOf(typed);
      if (problem) found.contributions.set(memberId, problem);
    }
    for (const loan of approved) {
      const line = draft.payouts[loan.id];
      if (line?.paying && line.firstDueOn.trim() && !parseDisplayDate(line.firstDueOn)) {
        found.payouts.set(loan.id, { firstDueOn: t('clubArea.common.dayInvalid') });
      }
    }
    const any = found.heldOn || found.general.length || found.repayments.size || found.contributions.size || found.payouts.size;
    return any ? found : null;
  }

  async function submit() {
    if (!sheet) return;
    setFormError(null);
    const local = checkBeforeSending();
    if (local) {
      setProblems(local);
      const [first] = sectionsWithProblems(local);
      if (first) setSection(first);
      setFormError(local.general.length ? local.general.join(' ') : t('clubArea.meeting.fixMarked'));
      return;
    }
    const { input, index } = inputOf(draft, sheet.members, sheet.loans, firstDueOf);
    try {
      const answer = await submitSheet({ variables: { input } });
      if (!answer.data) return;
      setProblems(emptyProblems());
      setResult(answer.data.submitMeetingSheet);
      reset(draft.heldOn);
      setSection('attendance');
      void sheetQuery.refetch().catch(() => undefined);
      window.scrollTo({ top: 0 });
    } catch (error) {
      const code = errorCodeOf(error);
      if (isNoAnswer(error)) {
        // No connection: the sheet goes to the outbox as it would have been sent, with its key, and the
        // next sheet starts empty; the outbox sends it when the connection returns.
        await keepForLater({
          kind: 'meetingSheet',
          variables: { input },
          title: `${t('offline.kinds.meetingSheet', { date: formatDate(draft.heldOn) })} · ${t('clubArea.common.people', { count: input.attendeeIds.length })}`,
          amount: null,
          draft,
        });
        setProblems(emptyProblems());
        reset(draft.heldOn);
        setSection('attendance');
        return;
      }
      if (code === 'INTERNAL_SERVER_ERROR') {
        setFormError(`${errorMessage(error)} ${t('clubArea.meeting.keptForRetry')}`);
        return;
      }
      const problems = clubProblems(error);
      if (problems.some((problem) => problem.field === 'idempotencyKey')) {
        // Saved before under this key with other lines (an answer lost, then the sheet changed):
        // show what is on record, and let a deliberate second save go through as a new sheet.
        update((current) => ({ ...current, key: newActionKey() }));
        void sheetQuery.refetch().catch(() => undefined);
      }
      const placed = placeProblems(problems, index);
      setProblems(placed);
      const [first] = sectionsWithProblems(placed);
      if (first) setSection(first);
      if (placed.general.length) setFormError(placed.general.join(' '));
      else if (first || placed.heldOn || placed.notes) setFormError(t('clubArea.meeting.fixMarked'));
      else setFormError(errorMessage(error));
    }
  }

  const tabLabel = (key: SheetSection, label: string, count: number | string) => (
    <Tabs.Tab
      value={key}
      color={errorSections.has(key) ? 'red' : undefined}
      leftSection={errorSections.has(key) ? <IconAlertTriangle size={16} color="var(--mantine-color-red-7)" /> : undefined}
      data-testid={`meeting-tab-${key}`}
    >
      {label} ({count})
    </Tabs.Tab>
  );

  return (
    <>
      <PageHeader
        title={t('clubArea.meeting.title')}
        description={t('clubArea.meeting.intro')}
        actions={
          <Button
            component={Link}
            to={`/club/meeting/print?day=${draft.heldOn}`}
            state={PRINT_ON_OPEN}
            variant="default"
            leftSection={<IconPrinter size={20} />}
            data-testid="meeting-print"
          >
            {t('print.meeting.open')}
          </Button>
        }
      />
      {result ? (
        <SavedSheet
          result={result}
          onNext={() => {
            setResult(null);
          }}
        />
      ) : (
        <Stack gap="md" maw={1000}>
          {showRestored && (
            <Alert color="blue" variant="light" withCloseButton onClose={() => setShowRestored(false)} data-testid="meeting-restored">
              <Group justify="space-between" gap="xs">
                <Text>{t('clubArea.meeting.restored')}</Text>
                <Button
                  variant="light"
                  onClick={() => {
                    reset();
                    setDayText(displayDay(todayInVietnam()));
                    setProblems(emptyProblems());
                    setShowRestored(false);
                  }}
                >
                  {t('clubArea.meeting.startOver')}
                </Button>
              </Group>
            </Alert>
          )}
          <DayInput
            label={t('clubArea.meeting.heldOn')}
            required
            value={dayText}
            onChange={changeDay}
            error={dayError ?? problems.heldOn}
            maw={260}
            data-testid="meeting-held-on"
          />
          {sheet?.recordedMeeting && (
            <Alert color="yellow" variant="light" icon={<IconAlertTriangle />} data-testid="meeting-already-recorded">
              {t('clubArea.meeting.alreadyRecorded', { date: formatDate(sheet.recordedMeeting.heldOn), count: sheet.recordedMeeting.attendanceCount })}{' '}
              <Anchor component={Link} to={`/club/activities/${sheet.recordedMeeting.id}`}>
                {t('clubArea.meeting.openRecorded')}
              </Anchor>
            </Alert>
          )}
          {sheetQuery.error && !sheet ? (
            <QueryError error={sheetQuery.error} onRetry={() => void sheetQuery.refetch().catch(() => undefined)} />
          ) : !sheet ? (
            <LoadingBlock />
          ) : (
            <>
              <Tabs value={section} onChange={(value) => value && setSection(value as SheetSection)} keepMounted={false}>
                <Tabs.List grow>
                  {tabLabel('attendance', t('clubArea.meeting.tabs.attendance'), presentOnRoster.length)}
                  {tabLabel('repayments', t('clubArea.meeting.tabs.repayments'), totals.repaymentCount)}
                  {tabLabel('contributions', t('clubArea.meeting.tabs.contributions'), totals.contributionCount)}
                  {tabLabel('payouts', t('clubArea.meeting.tabs.payouts'), totals.payoutCount)}
                </Tabs.List>
                <Tabs.Panel value="attendance" pt="md">
                  <AttendanceChecklist
                    members={sheet.members}
                    present={new Set(presentOnRoster)}
                    onChange={(present) => {
                      update((current) => ({ ...current, present: [...present] }));
                      setProblems((current) => (current.attendance.size ? { ...current, attendance: new Map() } : current));
                    }}
                    errors={problems.attendance}
                  />
                </Tabs.Panel>
                <Tabs.Panel value="repayments" pt="md">
                  <RepaymentsPanel loans={running} draft={draft} update={update} problems={problems.repayments} onEdited={(id) => lineEdited('repayments', id)} />
                </Tabs.Panel>
                <Tabs.Panel value="contributions" pt="md">
                  <ContributionsPanel members={sheet.members} draft={draft} update={update} problems={problems.contributions} onEdited={(id) => lineEdited('contributions', id)} />
                </Tabs.Panel>
                <Tabs.Panel value="payouts" pt="md">
                  <PayoutsPanel
                    loans={approved}
                    draft={draft}
                    update={update}
                    problems={problems.payouts}
                    onEdited={(id) => lineEdited('payouts', id)}
                    available={available}
                    paidOut={totals.paidOut}
                  />
                </Tabs.Panel>
              </Tabs>
              <Textarea
                label={t('clubArea.meeting.notes')}
                autosize
                minRows={2}
                size="md"
                value={draft.notes}
                error={problems.notes}
                onChange={(event) => {
                  const notes = event.currentTarget.value;
                  update((current) => ({ ...current, notes }));
                }}
                data-testid="meeting-notes"
              />
              <div className={classes.stickyBar}>
                <Stack gap="xs">
                  {formError && (
                    <Group gap="xs" wrap="nowrap" align="flex-start" role="alert" data-testid="meeting-error">
                      <IconAlertTriangle size={20} color="var(--mantine-color-red-7)" style={{ flexShrink: 0 }} />
                      <Text c="red.8" fw={500}>
                        {formError}
                      </Text>
                    </Group>
                  )}
                  <Text size="sm" data-testid="meeting-summary">
                    {t('clubArea.meeting.summary', {
                      present: presentOnRoster.length,
                      total: sheet.members.length,
                      repaid: formatVnd(totals.repaid),
                      contributed: formatVnd(totals.contributed),
                      paidOut: formatVnd(totals.paidOut),
                    })}
                  </Text>
                  <Button size="lg" fullWidth leftSection={<IconDeviceFloppy size={22} />} loading={saving} onClick={() => void submit()} data-testid="meeting-submit">
                    {t('clubArea.meeting.submit')}
                  </Button>
                </Stack>
              </div>
            </>
          )}
        </Stack>
      )}
    </>
  );
}
