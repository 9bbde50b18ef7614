import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconEdit, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate } from '../../app/format';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import classes from '../../app/ui/responsive-table.module.css';
import { SurveyDocument, type SurveyVisitDetailFragment } from '../../gql/graphql';
import { SurveyForm } from './SurveyForm';
import { SurveyVisitForm } from './SurveyVisitForm';
import { BackLink } from '../../app/ui/BackLink';
import { isMissingRecord, isRecordId } from '../../app/record-id';

export function SurveyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const { data, error, refetch } = useQuery(SurveyDocument, { variables: { id }, skip: !isRecordId(id) });
  const [editing, setEditing] = useState(false);
  const [visitForm, setVisitForm] = useState<{ visit?: SurveyVisitDetailFragment } | null>(null);
  const survey = data?.survey;
  const reload = () => void refetch().catch(() => undefined);
  const labels = {
    unit: t('surveys.unit'),
    visitedOn: t('surveys.visitedOn'),
    clubsFound: t('surveys.clubsFound'),
    ready: t('surveys.readyForClub'),
    findings: t('surveys.findings'),
  };
  const findingsOf = (visit: SurveyVisitDetailFragment) =>
    (
      [
        ['participants', visit.participants],
        ['clubActivity', visit.clubActivity],
        ['difficulties', visit.difficulties],
        ['proposals', visit.proposals],
      ] as const
    ).filter(([, text]) => text);

  const back = (
    <BackLink to="/province/surveys">{t('surveys.back')}</BackLink>
  );

  if (error && !data && !isMissingRecord(error)) return <Stack>{back}<QueryError error={error} onRetry={reload} /></Stack>;
  if (!data && !error && isRecordId(id)) return <LoadingBlock />;
  if (!survey) {
    return (
      <Stack>
        {back}
        <EmptyMessage>{t('surveys.notFound')}</EmptyMessage>
      </Stack>
    );
  }

  const readyLabel = (ready: boolean | null | undefined) =>
    ready === true ? t('surveys.ready.yes') : ready === false ? t('surveys.ready.no') : t('surveys.ready.unknown');

  return (
    <>
      {back}
      <PageHeader
        title={survey.title}
        description={`${formatDate(survey.startedOn)}${survey.endedOn ? ` – ${formatDate(survey.endedOn)}` : ''}`}
        actions={
          <Button variant="default" leftSection={<IconEdit size={18} />} onClick={() => setEditing(true)}>
            {t('surveys.edit')}
          </Button>
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Stack gap={2}>
              <Text size="sm" c="dimmed">
                {t('surveys.form.conductedBy')}
              </Text>
              <Text>{survey.conductedBy ?? '—'}</Text>
            </Stack>
            <Stack gap={2}>
              <Text size="sm" c="dimmed">
                {t('surveys.form.scheme')}
              </Text>
              {survey.scheme ? (
                <Anchor component={Link} to={`/province/schemes/${survey.scheme.id}`}>
                  {survey.scheme.title}
                </Anchor>
              ) : (
                <Text>—</Text>
              )}
            </Stack>
            <Stack gap={2}>
              <Text size="sm" c="dimmed">
                {t('surveys.form.purpose')}
              </Text>
              <Text style={{ whiteSpace: 'pre-line' }}>{survey.purpose ?? '—'}</Text>
            </Stack>
          </SimpleGrid>
        </Paper>
        <Group justify="space-between">
          <Title order={2} fz="lg">
            {t('surveys.visits')}
          </Title>
          <Button leftSection={<IconPlus size={18} />} onClick={() => setVisitForm({})} data-testid="visit-add">
            {t('surveys.addVisit')}
          </Button>
        </Group>
        {survey.visits.length === 0 ? (
          <EmptyMessage>{t('surveys.noVisits')}</EmptyMessage>
        ) : (
          <Table className={classes.table} verticalSpacing="sm" data-testid="visits-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{labels.unit}</Table.Th>
                <Table.Th>{labels.visitedOn}</Table.Th>
                <Table.Th ta="right">{labels.clubsFound}</Table.Th>
                <Table.Th>{labels.ready}</Table.Th>
                <Table.Th>{labels.findings}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {survey.visits.map((visit) => (
                <Table.Tr key={visit.id} data-testid="visit-row">
                  <Table.Td data-label={labels.unit} data-primary>
                    {visit.unit.fullName}
                    {visit.unit.parent && (
                      <Text size="sm" c="dimmed">
                        {visit.unit.parent.fullName}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td data-label={labels.visitedOn} className={classes.nowrap}>
                    {formatDate(visit.visitedOn) || '—'}
                  </Table.Td>
                  <Table.Td data-label={labels.clubsFound} ta="right">
                    {visit.clubsFound ?? '—'}
                  </Table.Td>
                  <Table.Td data-label={labels.ready}>
                    <Badge color={visit.readyForClub ? 'teal' : visit.readyForClub === false ? 'orange' : 'gray'} variant="light" tt="none" className={classes.badge}>
                      {readyLabel(visit.readyForClub)}
                    </Badge>
                  </Table.Td>
                  <Table.Td data-label={labels.findings} maw={480}>
                    <Stack gap={4} ta="left">
                      {findingsOf(visit).map(([field, text]) => (
                        <Text key={field} size="sm" lineClamp={3} title={text ?? undefined}>
                          <Text span fw={600} inherit>
                            {t(`surveys.${field}`)}:
                          </Text>{' '}
                          {text}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => setVisitForm({ visit })}>
                      {t('surveys.editVisit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Modal opened={editing} onClose={() => setEditing(false)} title={t('surveys.form.editTitle')} fullScreen={isPhone} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
        {editing && (
          <SurveyForm
            survey={survey}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              reload();
            }}
          />
        )}
      </Modal>
      <Modal opened={visitForm !== null} onClose={() => setVisitForm(null)} title={t('surveys.visitTitle')} fullScreen={isPhone} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
        {visitForm && (
          <SurveyVisitForm
            surveyId={survey.id}
            visit={visitForm.visit}
            onCancel={() => setVisitForm(null)}
            onSaved={() => {
              setVisitForm(null);
              reload();
            }}
          />
        )}
      </Modal>
    </>
  );
}
