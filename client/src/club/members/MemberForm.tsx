import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Checkbox, Group, Input, NativeSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasErrorCode } from '../../app/errors';
import { parseDisplayDate } from '../../app/local-date';
import { useErrorMessage } from '../../app/ui/use-error-message';
import {
  ClubMemberFormOptionsDocument,
  ConfirmMemberDistinctDocument,
  CreateMemberDocument,
  MemberDuplicateCandidatesDocument,
  UpdateMemberDocument,
  type BoardRole,
  type ClubMemberDetailFragment,
  type Sex,
} from '../../gql/graphql';
import { displayDay, todayInVietnam } from '../club-format';
import { splitProblems, useClubProblems } from '../club-messages';
import { isNoAnswer, keepForLater } from '../offline/outbox';
import { clearCorrection, correctionFor, finishCorrection, type OutboxCorrection } from '../offline/outbox-correction';
import { useSignedInUser } from '../../app/session/SessionProvider';
import { DayInput } from '../ui/DayInput';
import { FormError } from '../ui/FormError';
import { useActionKey } from '../ui/use-action-key';
import { DuplicateWarning } from './DuplicateWarning';
import { submitShowingFirstError } from '../../app/ui/focus-first-error';

type Household = 'NONE' | 'POOR' | 'NEAR_POOR';

interface MemberValues {
  fullName: string;
  sex: Sex | '';
  birthYear: string;
  citizenId: string;
  phone: string;
  hamletId: string;
  joinedOn: string;
  household: Household;
  ethnicMinority: string;
  disability: boolean;
  livesAlone: boolean;
  needsHomeCare: boolean;
  homeCareVolunteer: boolean;
  boardRole: BoardRole | '';
}

const formFields = new Set<string>(['fullName', 'sex', 'birthYear', 'citizenId', 'phone', 'hamletId', 'joinedOn', 'household', 'ethnicMinority', 'boardRole']);
const fieldAliases = { poorHousehold: 'household', nearPoorHousehold: 'household' };
const boardRoles: BoardRole[] = ['HEAD', 'DEPUTY', 'TREASURER', 'SECRETARY'];

function valuesOf(member: ClubMemberDetailFragment | null): MemberValues {
  return {
    fullName: member?.fullName ?? '',
    sex: member?.sex ?? '',
    birthYear: member ? String(member.birthYear) : '',
    citizenId: member?.citizenId ?? '',
    phone: member?.phone ?? '',
    hamletId: member?.hamlet?.id ?? '',
    joinedOn: displayDay(member?.joinedOn ?? todayInVietnam()),
    household: member?.poorHousehold ? 'POOR' : member?.nearPoorHousehold ? 'NEAR_POOR' : 'NONE',
    ethnicMinority: member?.ethnicMinority ?? '',
    disability: member?.disability ?? false,
    livesAlone: member?.livesAlone ?? false,
    needsHomeCare: member?.needsHomeCare ?? false,
    homeCareVolunteer: member?.homeCareVolunteer ?? false,
    boardRole: member?.boardRole ?? '',
  };
}

/** A new member refused from the outbox, as it was written, to correct in the form. */
function valuesOfRefused(input: OutboxCorrection['input']): MemberValues {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    ...valuesOf(null),
    fullName: text(input.fullName),
    sex: text(input.sex) as Sex | '',
    birthYear: input.birthYear == null ? '' : String(input.birthYear),
    citizenId: text(input.citizenId),
    phone: text(input.phone),
    hamletId: text(input.hamletId),
    joinedOn: input.joinedOn ? displayDay(text(input.joinedOn)) : valuesOf(null).joinedOn,
    household: input.poorHousehold ? 'POOR' : input.nearPoorHousehold ? 'NEAR_POOR' : 'NONE',
    ethnicMinority: text(input.ethnicMinority),
    disability: input.disability === true,
    livesAlone: input.livesAlone === true,
    needsHomeCare: input.needsHomeCare === true,
    homeCareVolunteer: input.homeCareVolunteer === true,
    boardRole: text(input.boardRole) as BoardRole | '',
  };
}

const optional = (value: string) => value.trim().normalize('NFC') || null;

interface MemberFormProps {
  /** The member being edited; none to add one. */
  member: ClubMemberDetailFragment | null;
  onSaved: (member: ClubMemberDetailFragment) => void;
  onCancel: () => void;
}

export function MemberForm({ member, onSaved, onCancel }: MemberFormProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const clubProblems = useClubProblems();
  const user = useSignedInUser();
  // A new member the server refused from the outbox opens here as written, with its key.
  const [correction] = useState(() => (member ? null : correctionFor('member', user.id)));
  const [formError, setFormError] = useState<string | null>(correction ? t('offline.correcting', { message: correction.message ?? '' }) : null);
  const options = useQuery(ClubMemberFormOptionsDocument);
  const [create, creating] = useMutation(CreateMemberDocument);
  const [actionKey] = useActionKey(correction?.input.idempotencyKey);
  const [update, updating] = useMutation(UpdateMemberDocument);
  const [confirmDistinct, confirming] = useMutation(ConfirmMemberDistinctDocument);
  // Set by the button that answers "same person?" with no: the member is saved, then confirmed distinct.
  const savingAsDifferent = useRef(false);
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const form = useForm<MemberValues>({
    initialValues: correction ? valuesOfRefused(correction.input) : valuesOf(member),
    validate: {
      fullName: (value) => (value.trim() ? null : t('common.required')),
      sex: (value) => (value ? null : t('clubArea.memberForm.sexRequired')),
      birthYear: (value) => {
        const year = Number(value);
        if (/^\d{4}$/.test(value.trim()) && year > thisYear) return t('clubArea.memberForm.birthYearFuture', { year: thisYear });
        return /^\d{4}$/.test(value.trim()) && year >= thisYear - 120 ? null : t('clubArea.memberForm.birthYearInvalid');
      },
      citizenId: (value) => (!value.trim() || /^\d{12}$/.test(value.trim()) ? null : t('clubArea.messages.citizenId')),
      joinedOn: (value) => (parseDisplayDate(value) ? null : t('clubArea.common.dayInvalid')),
    },
  });

  // The duplicate check follows what is typed, once there is a whole citizen ID, or the name and a
  // full year of birth.
  const [typedKey] = useDebouncedValue(
    JSON.stringify([form.values.fullName.trim().normalize('NFC'), form.values.birthYear.trim(), form.values.citizenId.trim()]),
    400,
  );
  const [typedName, typedYear, typedCitizenId] = JSON.parse(typedKey) as [string, string, string];
  const typedNameAndYear = Boolean(typedName) && /^\d{4}$/.test(typedYear);
  const typedWholeCitizenId = /^\d{12}$/.test(typedCitizenId);
  const canCheck = typedNameAndYear || typedWholeCitizenId;
  const duplicates = useQuery(MemberDuplicateCandidatesDocument, {
    variables: {
      fullName: typedNameAndYear ? typedName : null,
      birthYear: typedNameAndYear ? Number(typedYear) : null,
      citizenId: typedWholeCitizenId ? typedCitizenId : null,
      exceptMemberId: member?.id ?? null,
    },
    skip: !canCheck,
    fetchPolicy: 'network-only',
  });
  const candidates = canCheck ? (duplicates.data ?? duplicates.previousData)?.memberDuplicateCandidates ?? [] : [];
  const hamlets = (options.data?.myClub?.commune.children ?? []).filter((hamlet) => !hamlet.retired || hamlet.id === form.values.hamletId);

  async function submit(values: MemberValues) {
    const asDifferent = savingAsDifferent.current;
    savingAsDifferent.current = false;
    setFormError(null);
    const fields = {
      fullName: values.fullName.trim().normalize('NFC'),
      sex: values.sex as Sex,
      birthYear: Number(values.birthYear),
      citizenId: optional(values.citizenId),
      phone: optional(values.phone),
      hamletId: values.hamletId || null,
      joinedOn: parseDisplayDate(values.joinedOn)!,
      poorHousehold: values.household === 'POOR',
      nearPoorHousehold: values.household === 'NEAR_POOR',
      ethnicMinority: optional(values.ethnicMinority),
      disability: values.disability,
      livesAlone: values.livesAlone,
      needsHomeCare: values.needsHomeCare,
      homeCareVolunteer: values.homeCareVolunteer,
      boardRole: values.boardRole || null,
    };
    try {
      let saved = member
        ? (await update({ variables: { input: { ...fields, id: member.id, version: member.version } } })).data?.updateMember
        : (await create({ variables: { input: { ...fields, idempotencyKey: actionKey } } })).data?.createMember;
      if (saved && asDifferent && saved.duplicateStatus === 'POSSIBLE') {
        // Saved already: should the confirmation fail, the member stays flagged for the board to check.
        const flagged = saved;
        saved = await confirmDistinct({ variables: { input: { id: flagged.id, version: flagged.version } } }).then(
          (result) => result.data?.confirmMemberDistinct ?? flagged,
          () => flagged,
        );
      }
      if (!saved) return;
      if (!member) await finishCorrection(correction);
      notifications.show({
        color: saved.duplicateStatus === 'POSSIBLE' ? 'orange' : 'teal',
        message: t(saved.duplicateStatus === 'POSSIBLE' ? 'clubArea.memberForm.savedFlagged' : 'clubArea.memberForm.saved', { name: saved.fullName }),
      });
      onSaved(saved);
    } catch (error) {
      if (!member && isNoAnswer(error)) {
        await finishCorrection(correction);
        await keepForLater({ kind: 'member', variables: { input: { ...fields, idempotencyKey: actionKey } }, title: `${t('offline.kinds.member')} · ${fields.fullName}`, amount: null, draft: null });
        onCancel();
        return;
      }
      if (hasErrorCode(error, 'CONFLICT')) {
        setFormError(t('clubArea.common.conflict'));
        return;
      }
      const { fieldErrors, formError: other } = splitProblems(clubProblems(error), formFields, () => errorMessage(error), fieldAliases);
      form.setErrors(fieldErrors);
      setFormError(other);
    }
  }

  return (
    <form onSubmit={submitShowingFirstError(form, submit)} noValidate>
      <Stack gap="md" maw={640}>
        <FormError message={formError} testId="member-form-error" />
        <TextInput label={t('clubArea.memberForm.fullName')} required autoComplete="off" data-testid="member-full-name" {...form.getInputProps('fullName')} />
        <Input.Wrapper label={t('clubArea.memberForm.sex')} required size="md" error={form.errors.sex}>
          <SegmentedControl
            fullWidth
            size="md"
            value={form.values.sex}
            onChange={(value) => form.setFieldValue('sex', value as Sex)}
            data={[
              { value: 'FEMALE', label: t('clubArea.sex.FEMALE') },
              { value: 'MALE', label: t('clubArea.sex.MALE') },
            ]}
            aria-label={t('clubArea.memberForm.sex')}
            data-testid="member-sex"
          />
        </Input.Wrapper>
        <TextInput
          label={t('clubArea.memberForm.birthYear')}
          required
          inputMode="numeric"
          maxLength={4}
          maw={200}
          placeholder={t('clubArea.memberForm.birthYearPlaceholder')}
          data-testid="member-birth-year"
          {...form.getInputProps('birthYear')}
        />
        <TextInput
          label={t('clubArea.memberForm.citizenId')}
          description={t('clubArea.memberForm.citizenIdHint')}
          inputMode="numeric"
          maxLength={12}
          data-testid="member-citizen-id"
          {...form.getInputProps('citizenId')}
        />
        <DuplicateWarning
          candidates={candidates}
          candidateAction={(candidate) =>
            candidate.clubId === options.data?.myClub?.id ? (
              <Button component={Link} to={`/club/members/${candidate.memberId}`} variant="light" color="orange" data-testid="duplicate-open">
                {t('clubArea.duplicates.openExisting')}
              </Button>
            ) : (
              <Text size="sm">{t('clubArea.duplicates.inOtherClub')}</Text>
            )
          }
        >
          <Group>
            <Button
              type="submit"
              variant="default"
              loading={creating.loading || updating.loading || confirming.loading}
              onClick={() => (savingAsDifferent.current = true)}
              data-testid="duplicate-save-as-different"
            >
              {t('clubArea.duplicates.saveAsDifferent')}
            </Button>
          </Group>
        </DuplicateWarning>
        <TextInput label={t('clubArea.memberForm.phone')} inputMode="tel" autoComplete="off" data-testid="member-phone" {...form.getInputProps('phone')} />
        <DayInput
          label={t('clubArea.memberForm.joinedOn')}
          required
          maw={260}
          data-testid="member-joined-on"
          value={form.values.joinedOn}
          onChange={(text) => form.setFieldValue('joinedOn', text)}
          error={form.errors.joinedOn}
        />
        <NativeSelect
          label={t('clubArea.memberForm.hamlet')}
          data={[{ value: '', label: t('clubArea.memberForm.hamletNone') }, ...hamlets.map((hamlet) => ({ value: hamlet.id, label: hamlet.fullName }))]}
          data-testid="member-hamlet"
          size="md"
          {...form.getInputProps('hamletId')}
        />
        <Input.Wrapper label={t('clubArea.memberForm.household')} size="md" error={form.errors.household}>
          <SegmentedControl
            fullWidth
            size="md"
            value={form.values.household}
            onChange={(value) => form.setFieldValue('household', value as Household)}
            data={[
              { value: 'NONE', label: t('clubArea.memberForm.householdNone') },
              { value: 'POOR', label: t('clubArea.memberForm.householdPoor') },
              { value: 'NEAR_POOR', label: t('clubArea.memberForm.householdNearPoor') },
            ]}
            aria-label={t('clubArea.memberForm.household')}
            data-testid="member-household"
            // "Hộ cận nghèo" on a 360 px phone: a label goes onto two lines rather than being cut.
            styles={{ label: { whiteSpace: 'normal', overflow: 'visible', lineHeight: 1.25 } }}
          />
        </Input.Wrapper>
        <TextInput
          label={t('clubArea.memberForm.ethnicMinority')}
          description={t('clubArea.memberForm.ethnicMinorityHint')}
          data-testid="member-ethnic-minority"
          {...form.getInputProps('ethnicMinority')}
        />
        <Stack gap="sm">
          <Checkbox size="md" label={t('clubArea.memberForm.disability')} {...form.getInputProps('disability', { type: 'checkbox' })} data-testid="member-disability" />
          <Checkbox size="md" label={t('clubArea.memberForm.livesAlone')} {...form.getInputProps('livesAlone', { type: 'checkbox' })} data-testid="member-lives-alone" />
          <Checkbox size="md" label={t('clubArea.memberForm.needsHomeCare')} {...form.getInputProps('needsHomeCare', { type: 'checkbox' })} data-testid="member-needs-home-care" />
          <Checkbox size="md" label={t('clubArea.memberForm.homeCareVolunteer')} {...form.getInputProps('homeCareVolunteer', { type: 'checkbox' })} data-testid="member-volunteer" />
        </Stack>
        <NativeSelect
          label={t('clubArea.memberForm.boardRole')}
          size="md"
          data={[{ value: '', label: t('clubArea.memberForm.boardRoleNone') }, ...boardRoles.map((role) => ({ value: role, label: t(`clubArea.boardRole.${role}`) }))]}
          data-testid="member-board-role"
          {...form.getInputProps('boardRole')}
        />
        <Group justify="flex-end" gap="sm">
          <Button
            variant="default"
            onClick={() => {
              if (correction) clearCorrection();
              onCancel();
            }}
          >
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={creating.loading || updating.loading || confirming.loading} onClick={() => (savingAsDifferent.current = false)} data-testid="member-save">
            {member ? t('clubArea.memberForm.save') : t('clubArea.memberForm.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
