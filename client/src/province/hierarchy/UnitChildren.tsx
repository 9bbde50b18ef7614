import { useQuery } from '@apollo/client/react';
import { LoadMoreButton } from '../../app/ui/LoadMoreButton';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { QueryError } from '../../app/ui/QueryError';
import { AdminUnitChildrenDocument } from '../../gql/graphql';
import classes from './hierarchy.module.css';
import { UnitTreeNode } from './UnitTreeNode';

const PAGE_SIZE = 50;

export function UnitChildren({ parentId, canEdit = false }: { parentId: string; canEdit?: boolean }) {
  const { data, loading, error, refetch, fetchMore } = useQuery(AdminUnitChildrenDocument, {
    variables: { parentId, first: PAGE_SIZE },
  });
  const connection = data?.adminUnits;

  if (loading && !connection) {
    return (
      <li className={classes.nested}>
        <LoadingBlock />
      </li>
    );
  }
  if (error && !connection) {
    return (
      <li className={classes.nested}>
        <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />
      </li>
    );
  }
  if (!connection) return null;

  return (
    <>
      {connection.edges.map(({ node }) => (
        <UnitTreeNode key={node.id} unit={node} canEdit={canEdit} />
      ))}
      {connection.pageInfo.hasNextPage && (
        <li className={classes.nested}>
          <LoadMoreButton
            testId="tree-load-more"
            onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
          />
        </li>
      )}
    </>
  );
}
