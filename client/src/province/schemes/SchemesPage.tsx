import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatVnd } from '../../app/format';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadMoreButton } from '../../app/ui/LoadMoreButton';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import classes from '../../app/ui/responsive-table.module.css';
import { SchemesDocument } from '../../gql/graphql';
import { CreateSchemeForm } from './CreateSchemeForm';
import { SchemeProvinceNote } from './SchemeProvinceNote';
import { SchemeStatusBadge } from './SchemeStatusBadge';

/** A province has a handful of schemes, one per phase; the national office sees every province's. */
const PAGE_SIZE = 20;

export function SchemesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [createOpened, { open: openCreate, close: closeCreate }] = useDisclosure(false);
  const { data, error, refetch, fetchMore } = useQuery(SchemesDocument, { variables: { first: PAGE_SIZE } });
  const schemes = data?.schemes.edges.map((edge) => edge.node) ?? [];
  const labels = {
    title: t('schemes.columnTitle'),
    period: t('schemes.columnPeriod'),
    status: t('schemes.columnStatus'),
    total: t('schemes.columnTotal'),
    decision: t('schemes.columnDecision'),
  };

  return (
    <>
      <PageHeader
        title={t('schemes.title')}
        description={t('schemes.intro')}
        actions={
          <Button leftSection={<IconPlus size={20} />} onClick={openCreate} data-testid="scheme-create-open">
            {t('schemes.create')}
          </Button>
        }
      />
      {error && !data ? (
        <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />
      ) : !data ? (
        <LoadingBlock />
      ) : schemes.length === 0 ? (
        <EmptyMessage>{t('schemes.empty')}</EmptyMessage>
      ) : (
        <Stack gap="sm">
          <Text c="dimmed">{t('schemes.total', { count: data.schemes.totalCount })}</Text>
          <Table className={classes.table} verticalSpacing="sm" highlightOnHover data-testid="schemes-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{labels.title}</Table.Th>
                <Table.Th>{labels.period}</Table.Th>
                <Table.Th>{labels.status}</Table.Th>
                <Table.Th ta="right">{labels.total}</Table.Th>
                <Table.Th>{labels.decision}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {schemes.map((scheme) => (
                <Table.Tr key={scheme.id} data-testid="scheme-row" data-scheme-id={scheme.id}>
                  <Table.Td data-label={labels.title} data-primary>
                    <Anchor component={Link} to={`/province/schemes/${scheme.id}`} fw={600} inherit data-testid="scheme-link">
                      {scheme.title}
                    </Anchor>
                    <SchemeProvinceNote province={scheme.province} tenant={scheme.tenant} />
                  </Table.Td>
                  <Table.Td data-label={labels.period} className={classes.nowrap} data-testid="scheme-period">
                    {scheme.firstYear}–{scheme.lastYear}
                  </Table.Td>
                  <Table.Td data-label={labels.status} className={classes.nowrap}>
                    <SchemeStatusBadge status={scheme.status} />
                  </Table.Td>
                  <Table.Td data-label={labels.total} className={classes.nowrap} ta="right" data-testid="scheme-total">
                    {formatVnd(scheme.totalBudget)}
                  </Table.Td>
                  <Table.Td data-label={labels.decision}>{scheme.decisionNumber ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {data.schemes.pageInfo.hasNextPage && (
            <Group justify="center">
              <LoadMoreButton testId="schemes-load-more" onLoadMore={() => fetchMore({ variables: { after: data.schemes.pageInfo.endCursor } })} />
            </Group>
          )}
        </Stack>
      )}
      <Modal
        opened={createOpened}
        onClose={closeCreate}
        title={t('schemes.form.createTitle')}
        fullScreen={isPhone}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <CreateSchemeForm
          onCancel={closeCreate}
          onCreated={(id) => {
            closeCreate();
            void navigate(`/province/schemes/${id}`);
          }}
        />
      </Modal>
    </>
  );
}
