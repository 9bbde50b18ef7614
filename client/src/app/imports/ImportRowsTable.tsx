import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DataImportRowItemFragment } from '../../gql/graphql';
import classes from './import-preview.module.css';
import type { ImportKind } from './import-kinds';

const ACTION_COLORS: Record<string, string> = { NEW: 'teal', UPDATE: 'blue', UNCHANGED: 'gray', PROBLEM: 'red' };

type Action = 'NEW' | 'UPDATE' | 'UNCHANGED' | 'PROBLEM';

function isAction(value: string): value is Action {
  return value in ACTION_COLORS;
}

export function ImportActionBadge({ action }: { action: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={ACTION_COLORS[action] ?? 'gray'} tt="none" size="md" className={classes.badge} data-testid="import-row-action" data-action={action}>
      {isAction(action) ? t(`imports.preview.actions.${action}`) : action}
    </Badge>
  );
}

/**
 * The checked rows of an import: a table on a computer, one card a row on a phone (the action,
 * each change and each problem at the screen's full width, nothing cut off).
 */
export function ImportRowsTable({
  kind,
  rows,
  memberHref,
}: {
  kind: ImportKind;
  rows: DataImportRowItemFragment[];
  /** Where a possibly matching member can be seen, when the reader may see it (a new tab keeps the preview). */
  memberHref?: (memberId: string) => string | null;
}) {
  const { t } = useTranslation();
  const labels = {
    row: t('imports.preview.row'),
    name: t(`imports.kinds.${kind}.name`),
    action: t('imports.preview.action'),
    changes: t('imports.preview.changes'),
    notes: t('imports.preview.notes'),
  };
  const blank = t('imports.preview.blank');
  return (
    <Table className={classes.rows} verticalSpacing="xs" striped data-testid="import-rows">
      <Table.Thead>
        <Table.Tr>
          <Table.Th className={classes.narrow}>{labels.row}</Table.Th>
          <Table.Th>{labels.name}</Table.Th>
          <Table.Th className={classes.narrow}>{labels.action}</Table.Th>
          <Table.Th>{labels.changes}</Table.Th>
          <Table.Th>{labels.notes}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => {
          const hasNotes = row.problems.length > 0 || row.warnings.length > 0;
          return (
            <Table.Tr key={row.rowNumber} data-testid="import-row" data-row={row.rowNumber} data-bad={row.problems.length > 0 || undefined}>
              <Table.Td data-area="number" data-label={labels.row} className={classes.narrow}>
                {row.rowNumber}
              </Table.Td>
              <Table.Td data-area="name" className={classes.text} data-testid="import-row-name">
                {row.name}
              </Table.Td>
              <Table.Td data-area="action" className={classes.narrow}>
                <ImportActionBadge action={row.action} />
              </Table.Td>
              <Table.Td data-area="changes" data-label={labels.changes} data-empty={row.changes.length === 0 || undefined}>
                <Stack gap={2}>
                  {row.changes.map((change) => (
                    <Text key={change.field} size="sm" className={classes.text} data-testid="import-change" data-field={change.field}>
                      {t('imports.preview.change', { column: change.column, from: change.from ?? blank, to: change.to ?? blank })}
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
              <Table.Td data-area="notes" data-label={labels.notes} data-empty={!hasNotes || undefined}>
                <Stack gap={2}>
                  {row.problems.map((problem, index) => (
                    <Text key={`problem-${index}`} size="sm" c="red.8" className={classes.text} data-testid="import-problem">
                      {t('imports.preview.problem', { column: problem.column, message: problem.message })}
                    </Text>
                  ))}
                  {row.warnings.map((warning, index) => {
                    const href = warning.memberId ? memberHref?.(warning.memberId) : null;
                    return (
                      <Text key={`warning-${index}`} size="sm" c="orange.9" className={classes.text} data-testid="import-warning">
                        {warning.message}
                        {href && (
                          <>
                            {' · '}
                            <Anchor component={Link} to={href} target="_blank" inherit data-testid="import-warning-member">
                              {t('imports.preview.viewMember')}
                            </Anchor>
                          </>
                        )}
                      </Text>
                    );
                  })}
                </Stack>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
