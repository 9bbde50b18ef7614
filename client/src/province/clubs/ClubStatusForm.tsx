import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../app/errors';
import { formatDate } from '../../app/format';
import { parseDisplayDate, todayForDisplay } from '../../app/local-date';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { ChangeClubStatusDocument, type ClubStatus, type ProvinceClubListItemFragment } from '../../gql/graphql';
import { formProblemsOf } from '../schemes/scheme-messages';
import { ClubConflictAlert } from './club-conflict';
import { useClubProblems } from './club-messages';
import { submitShowingFirstError } from '../../app/ui/focus-first-error';

type Move = 'FOUND' | 'SUSPEND' | 'RESUME' | 'DISSOLVE';

const moveTarget: Record<Move, ClubStatus> = { FOUND: 'ACTIVE', SUSPEND: 'SUSPENDED', RESUME: 'ACTIVE', DISSOLVE: 'DISSOLVED' };

/** The moves the server allows from each status. */
const movesFrom: Record<ClubStatus, Move[]> = {
  PLANNED: ['FOUND', 'DISSOLVE'],
  ACTIVE: ['SUSPEND', 'DISSOLVE'],
  SUSPENDED: ['RESUME', 'DISSOLVE'],
  DISSOLVED: [],
};

const needsReason = (move: Move) => move === 'SUSPEND' || move === 'DISSOLVE';
const MIN_REASON_LENGTH = 3;
const formFields = new Set(['status', 'effectiveOn', 'reason']);

interface StatusValues {
  move: Move | '';
  effectiveOn: string;
  reason: string;
}

export function ClubStatusForm({ club, onSaved, onCancel }: { club: ProvinceClubListItemFragment; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const clubProblems = useClubProblems();
  const [changeStatus, { loading }] = useMutation(ChangeClubStatusDocument);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const moves = movesFrom[club.status];
  const form = useForm<StatusValues>({
    initialValues: { move: moves.length === 1 ? moves[0] : '', effectiveOn: todayForDisplay(), reason: '' },
    validate: {
      move: (value) => (value ? null : t('provinceClubs.messages.required')),
      effectiveOn: (value) => {
        const day = parseDisplayDate(value);
        return day === undefined ? t('provinceClubs.form.dateInvalid') : day === null ? t('provinceClubs.messages.required') : null;
      },
      reason: (value, values) =>
        values.move && needsReason(values.move) && value.trim().length < MIN_REASON_LENGTH ? t('provinceClubs.status.reasonRequired') : null,
    },
  });

  async function submit(values: StatusValues) {
    if (!values.move) return;
    setFormError(null);
    setConflict(false);
    const status = moveTarget[values.move];
    try {
      await changeStatus({
        variables: {
          input: {
            id: club.id,
            version: club.version,
            status,
            effectiveOn: parseDisplayDate(values.effectiveOn) ?? '',
            reason: values.reason.trim().normalize('NFC') || null,
          },
        },
      });
      notifications.show({ color: 'teal', message: t('provinceClubs.status.saved', { name: club.name, status: t(`clubStatus.${status}`) }) });
      onSaved();
    } catch (error) {
      if (errorCodeOf(error) === 'CONFLICT') {
        setConflict(true);
        return;
      }
      const { fieldErrors, formError: rest } = formProblemsOf(clubProblems(error), formFields, () => errorMessage(error));
      // The server names the status field; here it is the choice of move.
      const { status: statusError, ...others } = fieldErrors;
      form.setErrors({ ...others, move: statusError });
      if (rest) setFormError(rest);
    }
  }

  const current = club.statusSince
    ? t('provinceClubs.status.current', { status: t(`clubStatus.${club.status}`), date: formatDate(club.statusSince) })
    : t('provinceClubs.status.currentNoDate', { status: t(`clubStatus.${club.status}`) });

  if (moves.length === 0) {
    return (
      <Stack gap="md">
        <Text>{t('provinceClubs.status.noMoves')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={submitShowingFirstError(form, submit)} noValidate>
      <Stack gap="md">
        <Text fw={600}>{club.name}</Text>
        <Text size="sm" c="dimmed">
          {current}
        </Text>
        {formError && (
          <Alert color="red" icon={<IconAlertCircle />} title={t('common.saveFailed')} role="alert" data-testid="club-status-error">
            {formError}
          </Alert>
        )}
        {conflict && <ClubConflictAlert clubId={club.id} onReloaded={() => setConflict(false)} />}
        <Radio.Group label={t('provinceClubs.status.next')} required {...form.getInputProps('move')} data-testid="club-status-move">
          <Stack gap="xs" mt="xs">
            {moves.map((move) => (
              <Radio key={move} value={move} label={t(`provinceClubs.status.moves.${move}`)} data-testid={`club-status-move-${move}`} />
            ))}
          </Stack>
        </Radio.Group>
        {form.values.move === 'DISSOLVE' && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle />}>
            {t('provinceClubs.status.dissolveWarning')}
          </Alert>
        )}
        <TextInput
          label={t('provinceClubs.status.effectiveOn')}
          placeholder={t('provinceClubs.form.datePlaceholder')}
          required
          inputMode="numeric"
          maw={220}
          {...form.getInputProps('effectiveOn')}
          data-testid="club-status-effective-on"
        />
        <Textarea
          size="md"
          label={t('provinceClubs.status.reason')}
          description={t('provinceClubs.status.reasonHint')}
          required={Boolean(form.values.move && needsReason(form.values.move))}
          autosize
          minRows={2}
          {...form.getInputProps('reason')}
          data-testid="club-status-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={loading} data-testid="club-status-submit">
            {t('provinceClubs.status.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
