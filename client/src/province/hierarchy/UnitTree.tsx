import { useQuery } from '@apollo/client/react';
import { Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadMoreButton } from '../../app/ui/LoadMoreButton';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { QueryError } from '../../app/ui/QueryError';
import { AdminUnitRootsDocument } from '../../gql/graphql';
import classes from './hierarchy.module.css';
import { UnitTreeNode } from './UnitTreeNode';

const PAGE_SIZE = 50;

export function UnitTree({ canEdit = false }: { canEdit?: boolean }) {
  const { t } = useTranslation();
  const { data, loading, error, refetch, fetchMore } = useQuery(AdminUnitRootsDocument, {
    variables: { first: PAGE_SIZE },
  });
  const connection = data?.adminUnits;

  if (loading && !connection) return <LoadingBlock />;
  if (error && !connection) return <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!connection || connection.edges.length === 0) return <EmptyMessage>{t('hierarchy.emptyRoots')}</EmptyMessage>;

  const expandSingleRoot = connection.edges.length === 1;
  return (
    <Paper withBorder radius="md" p="xs">
      <ul className={classes.list} aria-label={t('hierarchy.treeLabel')} data-testid="hierarchy-tree">
        {connection.edges.map(({ node }) => (
          <UnitTreeNode key={node.id} unit={node} initiallyExpanded={expandSingleRoot} canEdit={canEdit} />
        ))}
      </ul>
      {connection.pageInfo.hasNextPage && (
        <LoadMoreButton onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })} />
      )}
    </Paper>
  );
}
