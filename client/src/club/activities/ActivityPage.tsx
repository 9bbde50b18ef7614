import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Checkbox, Group, NativeSelect, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { hasErrorCode } from '../../app/errors';
import { parseDisplayDate } from '../../app/local-date';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { useErrorMessage } from '../../app/ui/use-error-message';
import {
  ClubActivityDocument,
  ClubMembersOnDayDocument,
  CreateActivityDocument,
  SetAttendanceDocument,
  UpdateActivityDocument,
  type ActivityArea,
  type ClubActivityQuery,
} from '../../gql/graphql';
import { displayDay, todayInVietnam } from '../club-format';
import { splitProblems, useClubProblems } from '../club-messages';
import { AttendanceChecklist } from '../ui/AttendanceChecklist';
import { DayInput } from '../ui/DayInput';
import { FormError } from '../ui/FormError';
import { useActionKey } from '../ui/use-action-key';
import { activityAreas } from './activity-areas';
import { BackLink } from '../../app/ui/BackLink';
import { submitShowingFirstErrorOf } from '../../app/ui/focus-first-error';
import { isMissingRecord, isRecordId } from '../../app/record-id';

type Activity = NonNullable<ClubActivityQuery['activity']>;

const formFields = new Set(['heldOn', 'area', 'title', 'notes']);

function ActivityForm({ activity }: { activity: Activity | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const clubProblems = useClubProblems();
  const [actionKey] = useActionKey();
  const [values, setValues] = useState({
    heldOn: displayDay(activity?.heldOn ?? todayInVietnam()),
    area: (activity?.area ?? 'HEALTH') as ActivityArea,
    title: activity?.title ?? '',
    notes: activity?.notes ?? '',
    monthlyMeeting: activity?.monthlyMeeting ?? false,
  });
  const [present, setPresent] = useState<Set<string>>(() => new Set(activity?.attendees.map((member) => member.id)));
  // What the server holds after a partly successful save, so that a retry neither repeats nor conflicts.
  const [saved, setSaved] = useState(() =>
    activity
      ? {
          version: activity.version,
          fields: { heldOn: activity.heldOn, area: activity.area, title: activity.title, notes: activity.notes ?? null, monthlyMeeting: activity.monthlyMeeting },
          attendeeIds: activity.attendees.map((member) => member.id),
        }
      : null,
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attendanceErrors, setAttendanceErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState<string | null>(null);
  const day = parseDisplayDate(values.heldOn) || activity?.heldOn || todayInVietnam();
  const roster = useQuery(ClubMembersOnDayDocument, { variables: { day } });
  const members = (roster.data ?? roster.previousData)?.meetingSheet.members ?? [];
  const [create, creating] = useMutation(CreateActivityDocument);
  const [update, updating] = useMutation(UpdateActivityDocument);
  const [attend, attending] = useMutation(SetAttendanceDocument);

  function set<K extends keyof typeof values>(field: K, value: (typeof values)[K]) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: '' }));
  }

  async function submit() {
    const heldOn = parseDisplayDate(values.heldOn);
    const title = values.title.trim().normalize('NFC');
    const found: Record<string, string> = {};
    if (!heldOn) found.heldOn = t('clubArea.common.dayInvalid');
    else if (heldOn > todayInVietnam()) found.heldOn = t('clubArea.messages.future');
    if (!title) found.title = t('common.required');
    setErrors(found);
    setFormError(null);
    setAttendanceErrors(new Map());
    if (Object.keys(found).length || !heldOn) return;
    // Only members on the roster of that day are sent, in roster order, so a refused line can be found again.
    const attendeeIds = members.filter((member) => present.has(member.id)).map((member) => member.id);
    const fields = { heldOn, area: values.area, title, notes: values.notes.trim().normalize('NFC') || null, monthlyMeeting: values.monthlyMeeting };
    try {
      if (!activity) {
        const { data } = await create({ variables: { input: { ...fields, attendeeIds, idempotencyKey: actionKey } } });
        if (!data) return;
        notifications.show({ color: 'teal', message: t('clubArea.activities.saved', { title }) });
        void navigate(`/club/activities/${data.createActivity.id}`, { replace: true });
        return;
      }
      const current = saved!;
      const changed = (Object.keys(fields) as Array<keyof typeof fields>).some((key) => fields[key] !== current.fields[key]);
      if (changed) {
        const { data } = await update({ variables: { input: { ...fields, id: activity.id, version: current.version } } });
        if (data) setSaved({ ...current, version: data.updateActivity.version, fields });
      }
      const before = new Set(current.attendeeIds);
      if (before.size !== attendeeIds.length || attendeeIds.some((id) => !before.has(id))) {
        await attend({ variables: { input: { activityId: activity.id, memberIds: attendeeIds, idempotencyKey: actionKey } } });
      }
      notifications.show({ color: 'teal', message: t('clubArea.activities.saved', { title }) });
      void navigate('/club/activities');
    } catch (error) {
      if (hasErrorCode(error, 'CONFLICT')) return setFormError(t('clubArea.common.conflict'));
      const problems = clubProblems(error);
      const byMember = new Map<string, string>();
      const rest = problems.filter((problem) => {
        const match = /^(?:attendeeIds|memberIds)\[(\d+)\]$/.exec(problem.field);
        const memberId = match ? attendeeIds[Number(match[1])] : undefined;
        if (memberId) byMember.set(memberId, problem.message);
        return !memberId;
      });
      setAttendanceErrors(byMember);
      const split = splitProblems(rest, formFields, () => errorMessage(error));
      setErrors(split.fieldErrors);
      setFormError(split.formError ?? (byMember.size ? t('clubArea.activities.attendanceProblem') : null));
    }
  }

  return (
    <form
      noValidate
      onSubmit={submitShowingFirstErrorOf(submit)}
    >
      <Stack gap="md" maw={900}>
        <FormError message={formError} testId="activity-error" />
        <DayInput label={t('clubArea.activities.heldOn')} required value={values.heldOn} onChange={(text) => set('heldOn', text)} error={errors.heldOn} maw={260} data-testid="activity-held-on" />
        <NativeSelect
          label={t('clubArea.activities.area')}
          required
          size="md"
          data={activityAreas.map((area) => ({ value: area, label: t(`clubArea.activityArea.${area}`) }))}
          value={values.area}
          onChange={(event) => set('area', event.currentTarget.value as ActivityArea)}
          error={errors.area}
          data-testid="activity-area"
        />
        <TextInput label={t('clubArea.activities.titleField')} description={t('clubArea.activities.titleHint')} required value={values.title} onChange={(event) => set('title', event.currentTarget.value)} error={errors.title} data-testid="activity-title" />
        <Textarea label={t('clubArea.activities.notes')} autosize minRows={2} size="md" value={values.notes} onChange={(event) => set('notes', event.currentTarget.value)} error={errors.notes} data-testid="activity-notes" />
        <Checkbox size="md" label={t('clubArea.activities.isMonthlyMeeting')} checked={values.monthlyMeeting} onChange={(event) => set('monthlyMeeting', event.currentTarget.checked)} data-testid="activity-monthly-meeting" />
        <Title order={2} fz="lg">
          {t('clubArea.activities.whoCame')}
        </Title>
        {roster.error && !roster.data ? (
          <QueryError error={roster.error} onRetry={() => void roster.refetch().catch(() => undefined)} />
        ) : !roster.data && !roster.previousData ? (
          <LoadingBlock />
        ) : (
          <AttendanceChecklist members={members} present={present} onChange={setPresent} errors={attendanceErrors} testId="activity-attendance" />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void navigate('/club/activities')}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={creating.loading || updating.loading || attending.loading} data-testid="activity-save">
            {activity ? t('clubArea.activities.save') : t('clubArea.activities.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function BackToActivities() {
  const { t } = useTranslation();
  return (
    <BackLink to="/club/activities" large>{t('clubArea.activities.back')}</BackLink>
  );
}

export function ActivityNewPage() {
  const { t } = useTranslation();
  return (
    <>
      <BackToActivities />
      <PageHeader title={t('clubArea.activities.newTitle')} description={t('clubArea.activities.newIntro')} />
      <ActivityForm activity={null} />
    </>
  );
}

export function ActivityPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, error, refetch } = useQuery(ClubActivityDocument, { variables: { id }, fetchPolicy: 'network-only', skip: !isRecordId(id) });
  if (error && !data && !isMissingRecord(error)) return <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data && !error && isRecordId(id)) return <LoadingBlock />;
  const activity = data?.activity;
  if (!activity) {
    return (
      <Stack>
        <BackToActivities />
        <EmptyMessage>{t('clubArea.activities.notFound')}</EmptyMessage>
      </Stack>
    );
  }
  return (
    <>
      <BackToActivities />
      <PageHeader title={activity.title} />
      <ActivityForm key={`${activity.id}-${activity.version}`} activity={activity} />
    </>
  );
}
