import { useMutation } from '@apollo/client/react';
import { ActionIcon, Badge, Button, Group, Modal, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../../app/errors';
import { EmptyMessage } from '../../../app/ui/EmptyMessage';
import classes from '../../../app/ui/responsive-table.module.css';
import { useErrorMessage } from '../../../app/ui/use-error-message';
import { RemoveClubPlanEntryDocument, SaveClubPlanEntryDocument, type ClubPlanStatus, type SchemeDetailFragment } from '../../../gql/graphql';
import { useSchemeProblems } from '../scheme-messages';
import { ClubPlanEntryForm } from './ClubPlanEntryForm';

type Entry = SchemeDetailFragment['clubPlan'][number];
const statuses: ClubPlanStatus[] = ['PLANNED', 'FOUNDED', 'DROPPED'];

export function ClubPlanPanel({ scheme, onReload }: { scheme: SchemeDetailFragment; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const errorMessage = useErrorMessage();
  const schemeProblems = useSchemeProblems();
  // Adding a commune (null entry) or changing one; undefined while the form is closed.
  const [editing, setEditing] = useState<Entry | null | undefined>(undefined);
  const [saveEntry] = useMutation(SaveClubPlanEntryDocument);
  const [removeEntry] = useMutation(RemoveClubPlanEntryDocument);
  const editable = scheme.status !== 'CLOSED';
  const entries = [...scheme.clubPlan].sort((first, second) => first.plannedYear - second.plannedYear || first.commune.fullName.localeCompare(second.commune.fullName, 'vi'));
  const counted = entries.filter((entry) => entry.status !== 'DROPPED');
  const years = [...new Set(counted.map((entry) => entry.plannedYear))].sort();
  const labels = {
    year: t('clubPlan.year'),
    commune: t('clubPlan.commune'),
    hamlet: t('clubPlan.hamlet'),
    status: t('clubPlan.status'),
    club: t('clubPlan.club'),
    note: t('clubPlan.note'),
  };

  async function run(action: () => Promise<unknown>, doneMessage: string) {
    try {
      await action();
      notifications.show({ color: 'teal', message: doneMessage });
    } catch (error) {
      const conflict = errorCodeOf(error) === 'CONFLICT';
      notifications.show({
        color: 'red',
        title: t('common.saveFailed'),
        message: conflict ? t('schemes.conflict') : (schemeProblems(error)[0]?.message ?? errorMessage(error)),
      });
    }
    await onReload().catch(() => undefined);
  }

  const changeStatus = (entry: Entry, status: ClubPlanStatus) =>
    run(
      () =>
        saveEntry({
          variables: {
            input: {
              id: entry.id,
              version: entry.version,
              schemeId: scheme.id,
              communeId: entry.commune.id,
              hamletId: entry.hamlet?.id ?? null,
              hamletName: entry.hamletName ?? null,
              plannedYear: entry.plannedYear,
              status,
              clubId: entry.club?.id ?? null,
              surveyVisitId: entry.surveyVisit?.id ?? null,
              note: entry.note ?? null,
            },
          },
        }),
      t('clubPlan.saved'),
    );

  return (
    <Stack gap="md">
      <Text c="dimmed">{t('clubPlan.intro')}</Text>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text fw={600} data-testid="club-plan-total">
            {t('clubPlan.total', { count: counted.length })}
          </Text>
          <Group gap="xs">
            {years.map((year) => (
              <Badge key={year} variant="light" tt="none" size="lg" className={classes.badge}>
                {t('clubPlan.yearCount', { year, count: counted.filter((entry) => entry.plannedYear === year).length })}
              </Badge>
            ))}
          </Group>
        </Stack>
        {editable && (
          <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing(null)} data-testid="club-plan-add">
            {t('clubPlan.add')}
          </Button>
        )}
      </Group>
      {entries.length === 0 ? (
        <EmptyMessage>{t('clubPlan.empty')}</EmptyMessage>
      ) : (
        <Table className={classes.table} verticalSpacing="sm" data-testid="club-plan-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{labels.year}</Table.Th>
              <Table.Th>{labels.commune}</Table.Th>
              <Table.Th>{labels.hamlet}</Table.Th>
              <Table.Th>{labels.status}</Table.Th>
              <Table.Th>{labels.club}</Table.Th>
              <Table.Th>{labels.note}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <Table.Tr key={entry.id} data-testid="club-plan-row" data-status={entry.status}>
                <Table.Td data-label={labels.year}>{entry.plannedYear}</Table.Td>
                <Table.Td data-label={labels.commune} data-primary>
                  {entry.commune.fullName}
                </Table.Td>
                <Table.Td data-label={labels.hamlet}>{entry.hamlet?.fullName ?? entry.hamletName ?? '—'}</Table.Td>
                <Table.Td data-label={labels.status}>
                  {editable ? (
                    <NativeSelect
                      aria-label={labels.status}
                      size="xs"
                      data={statuses.map((status) => ({ value: status, label: t(`clubPlan.statusValues.${status}`) }))}
                      value={entry.status}
                      onChange={(event) => void changeStatus(entry, event.currentTarget.value as ClubPlanStatus)}
                      data-testid="club-plan-status"
                    />
                  ) : (
                    t(`clubPlan.statusValues.${entry.status}`)
                  )}
                </Table.Td>
                <Table.Td data-label={labels.club}>{entry.club?.name ?? '—'}</Table.Td>
                <Table.Td data-label={labels.note}>{entry.note ?? ''}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    {editable && (
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('clubPlan.editFor', { commune: entry.commune.fullName })}
                        title={t('clubPlan.edit')}
                        onClick={() => setEditing(entry)}
                        data-testid="club-plan-edit"
                      >
                        <IconPencil size={18} />
                      </ActionIcon>
                    )}
                    {editable && !entry.club && (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('clubPlan.remove')}
                        title={t('clubPlan.remove')}
                        onClick={() => void run(() => removeEntry({ variables: { id: entry.id, version: entry.version } }), t('clubPlan.removed'))}
                        data-testid="club-plan-remove"
                      >
                        <IconTrash size={18} />
                      </ActionIcon>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing ? t('clubPlan.editTitle', { commune: editing.commune.fullName }) : t('clubPlan.addTitle')}
        fullScreen={isPhone}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing !== undefined && (
          <ClubPlanEntryForm
            key={editing?.id ?? 'new'}
            scheme={scheme}
            entry={editing ?? undefined}
            onReload={onReload}
            onCancel={() => setEditing(undefined)}
            onSaved={() => {
              setEditing(undefined);
              void onReload().catch(() => undefined);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
