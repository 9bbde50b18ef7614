import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { moneyProblem } from '../../app/money';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { MoneyInput } from '../../app/ui/MoneyInput';
import classes from '../ui/club-ui.module.css';
import type { MeetingDraft, SheetMember } from './meeting-draft';

interface ContributionsPanelProps {
  members: SheetMember[];
  draft: MeetingDraft;
  update: (change: (draft: MeetingDraft) => MeetingDraft) => void;
  problems: Map<string, string>;
  onEdited: (memberId: string) => void;
}

/** Contributions to the activity fund: one amount for everyone present, changed for anyone who gave otherwise. */
export function ContributionsPanel({ members, draft, update, problems, onEdited }: ContributionsPanelProps) {
  const { t } = useTranslation();
  const present = new Set(draft.present);
  const listed = members.filter((member) => present.has(member.id) || draft.contributions[member.id] !== undefined);

  function fillForEveryone() {
    update((current) => ({
      ...current,
      contributions: { ...current.contributions, ...Object.fromEntries(current.present.map((id) => [id, current.contributionEach])) },
    }));
  }

  return (
    <Stack gap="sm">
      <Text c="dimmed">{t('clubArea.meeting.contributionsIntro')}</Text>
      <Card withBorder radius="md" padding="sm">
        <Stack gap="xs">
          <MoneyInput
            label={t('clubArea.meeting.contributionEach')}
            value={draft.contributionEach}
            onChange={(digits) => update((current) => ({ ...current, contributionEach: digits }))}
            data-testid="contribution-each"
          />
          <Button variant="light" onClick={fillForEveryone} disabled={!draft.contributionEach || moneyProblem(draft.contributionEach) !== null || present.size === 0} data-testid="contribution-fill">
            {t('clubArea.meeting.contributionFill', { count: present.size })}
          </Button>
        </Stack>
      </Card>
      {listed.length === 0 ? (
        <EmptyMessage>{t('clubArea.meeting.nonePresent')}</EmptyMessage>
      ) : (
        listed.map((member) => (
          <Group key={member.id} justify="space-between" wrap="nowrap" gap="sm" data-testid="contribution-line" data-member-id={member.id}>
            <Text fw={500} className={classes.wrapName} style={{ flex: 1, minWidth: 0 }}>
              {member.fullName}
            </Text>
            <MoneyInput
              aria-label={t('clubArea.meeting.contributionOf', { name: member.fullName })}
              value={draft.contributions[member.id] ?? ''}
              onChange={(digits) => {
                onEdited(member.id);
                update((current) => ({ ...current, contributions: { ...current.contributions, [member.id]: digits } }));
              }}
              error={problems.get(member.id)}
              w={150}
              data-testid="contribution-amount"
            />
          </Group>
        ))
      )}
    </Stack>
  );
}
