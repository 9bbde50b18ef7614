import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Group, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarDue } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../app/errors';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { ProvinceReportSettingsDocument, SaveProvinceReportSettingsDocument } from '../../gql/graphql';
import { useClubProblems } from '../clubs/club-messages';
import { submitShowingFirstErrorOf } from '../../app/ui/focus-first-error';

/** The province's day of the next month by which clubs send their monthly report. */
export function DueDaySetting() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const clubProblems = useClubProblems();
  const { data, refetch } = useQuery(ProvinceReportSettingsDocument);
  const [save, { loading }] = useMutation(SaveProvinceReportSettingsDocument, { refetchQueries: [ProvinceReportSettingsDocument] });
  const [editing, setEditing] = useState(false);
  const [day, setDay] = useState<number | string>('');
  const [error, setError] = useState<string | null>(null);
  const settings = data?.provinceSettings;
  if (!settings) return null;

  async function submit() {
    const value = Number(day);
    if (!Number.isInteger(value) || value < 1 || value > 28) {
      setError(t('provinceClubs.reports.settings.invalid'));
      return;
    }
    setError(null);
    try {
      await save({ variables: { input: { reportDueDay: value, version: settings?.version ?? null } } });
      notifications.show({ color: 'teal', message: t('provinceClubs.reports.settings.saved', { day: value }) });
      setEditing(false);
    } catch (failure) {
      if (errorCodeOf(failure) === 'CONFLICT') {
        setError(t('provinceClubs.reports.settings.conflict'));
        void refetch().catch(() => undefined);
        return;
      }
      setError(clubProblems(failure).reportDueDay ?? errorMessage(failure));
    }
  }

  return (
    <Paper withBorder radius="md" p="sm" data-testid="due-day-setting">
      {editing ? (
        <form
          noValidate
          onSubmit={submitShowingFirstErrorOf(submit)}
        >
          <Group align="flex-end" gap="sm">
            <NumberInput
              size="md"
              label={t('provinceClubs.reports.settings.label')}
              description={t('provinceClubs.reports.settings.hint')}
              min={1}
              max={28}
              allowDecimal={false}
              allowNegative={false}
              value={day}
              onChange={(value) => {
                setDay(value);
                setError(null);
              }}
              error={error}
              maw={360}
              data-testid="due-day-input"
            />
            <Group gap="xs" mb={error ? 22 : 0}>
              <Button variant="default" onClick={() => setEditing(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={loading} data-testid="due-day-save">
                {t('provinceClubs.reports.settings.save')}
              </Button>
            </Group>
          </Group>
        </form>
      ) : (
        <Group justify="space-between" gap="sm">
          <Group gap="xs" wrap="nowrap">
            <IconCalendarDue size={20} stroke={1.6} />
            <Stack gap={0}>
              <Text data-testid="due-day-text">{t('provinceClubs.reports.settings.dueDay', { day: settings.reportDueDay })}</Text>
            </Stack>
          </Group>
          <Button
            variant="subtle"
            size="compact-md"
            onClick={() => {
              setDay(settings.reportDueDay);
              setError(null);
              setEditing(true);
            }}
            data-testid="due-day-change"
          >
            {t('provinceClubs.reports.settings.change')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
