import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDate } from '../../app/format';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadMoreButton } from '../../app/ui/LoadMoreButton';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import classes from '../../app/ui/responsive-table.module.css';
import { SurveysDocument } from '../../gql/graphql';
import { SurveyForm } from './SurveyForm';

const PAGE_SIZE = 20;

export function SurveysPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [createOpened, { open: openCreate, close: closeCreate }] = useDisclosure(false);
  const { data, error, refetch, fetchMore } = useQuery(SurveysDocument, { variables: { first: PAGE_SIZE } });
  const surveys = data?.surveys.edges.map((edge) => edge.node) ?? [];
  const labels = {
    title: t('surveys.columnTitle'),
    dates: t('surveys.columnDates'),
    conductedBy: t('surveys.columnConductedBy'),
    visits: t('surveys.columnVisits'),
  };

  return (
    <>
      <PageHeader
        title={t('surveys.title')}
        description={t('surveys.intro')}
        actions={
          <Button leftSection={<IconPlus size={20} />} onClick={openCreate} data-testid="survey-create-open">
            {t('surveys.create')}
          </Button>
        }
      />
      {error && !data ? (
        <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />
      ) : !data ? (
        <LoadingBlock />
      ) : surveys.length === 0 ? (
        <EmptyMessage>{t('surveys.empty')}</EmptyMessage>
      ) : (
        <Stack gap="sm">
          <Table className={classes.table} verticalSpacing="sm" highlightOnHover data-testid="surveys-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{labels.title}</Table.Th>
                <Table.Th>{labels.dates}</Table.Th>
                <Table.Th>{labels.conductedBy}</Table.Th>
                <Table.Th ta="right">{labels.visits}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {surveys.map((survey) => (
                <Table.Tr key={survey.id} data-testid="survey-row">
                  <Table.Td data-label={labels.title} data-primary>
                    <Anchor component={Link} to={`/province/surveys/${survey.id}`} fw={600} inherit data-testid="survey-link">
                      {survey.title}
                    </Anchor>
                    {survey.scheme && (
                      <Text size="sm" c="dimmed">
                        {survey.scheme.title}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td data-label={labels.dates} className={classes.nowrap}>
                    {formatDate(survey.startedOn)}
                    {survey.endedOn ? ` – ${formatDate(survey.endedOn)}` : ''}
                  </Table.Td>
                  <Table.Td data-label={labels.conductedBy}>{survey.conductedBy ?? '—'}</Table.Td>
                  <Table.Td data-label={labels.visits} ta="right">
                    {survey.visits.length}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {data.surveys.pageInfo.hasNextPage && (
            <Group justify="center">
              <LoadMoreButton testId="surveys-load-more" onLoadMore={() => fetchMore({ variables: { after: data.surveys.pageInfo.endCursor } })} />
            </Group>
          )}
        </Stack>
      )}
      <Modal opened={createOpened} onClose={closeCreate} title={t('surveys.form.createTitle')} fullScreen={isPhone} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
        {createOpened && (
          <SurveyForm
            onCancel={closeCreate}
            onSaved={(id) => {
              closeCreate();
              void navigate(`/province/surveys/${id}`);
            }}
          />
        )}
      </Modal>
    </>
  );
}
