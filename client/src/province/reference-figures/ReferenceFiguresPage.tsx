import { useQuery } from '@apollo/client/react';
import { ActionIcon, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { groupDigits } from '../../app/money';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import classes from '../../app/ui/responsive-table.module.css';
import { ReferenceFiguresDocument, type ReferenceFigureItemFragment } from '../../gql/graphql';
import { type FigureFormTarget, ReferenceFigureForm } from './ReferenceFigureForm';
import { referenceFigureKinds } from './reference-figure-kinds';

/**
 * The province's own figures per year (older population, communes, poor and near-poor
 * households), each with its source, so that comparisons between provinces can be normalised.
 */
export function ReferenceFiguresPage() {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const { data, error, refetch } = useQuery(ReferenceFiguresDocument);
  const [target, setTarget] = useState<FigureFormTarget | null>(null);
  const figures = data?.referenceFigures ?? [];
  const years = [...new Set(figures.map((figure) => figure.year))].sort((first, second) => second - first);
  const figureOf = (year: number, kind: string) => figures.find((figure) => figure.year === year && figure.kind === kind);
  const reload = () => refetch();
  const currentYear = new Date().getFullYear();

  function cell(year: number, kind: ReferenceFigureItemFragment['kind']) {
    const figure = figureOf(year, kind);
    const label = t(`referenceFigures.kinds.${kind}`);
    if (!figure) {
      return (
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          onClick={() => setTarget({ mode: 'add', year, kind })}
          aria-label={t('referenceFigures.addFor', { kind: label, year })}
          data-testid="figure-add-cell"
        >
          {t('referenceFigures.enter')}
        </Button>
      );
    }
    return (
      <Group gap={4} wrap="nowrap" justify="flex-end" align="flex-start">
        <Stack gap={0} align="flex-end">
          <Text fw={600} data-testid="figure-value-cell">
            {groupDigits(figure.value)}
          </Text>
          <Text size="xs" c="dimmed" ta="right" data-testid="figure-source-cell">
            {figure.source}
          </Text>
        </Stack>
        <ActionIcon
          variant="subtle"
          aria-label={t('referenceFigures.editFor', { kind: label, year })}
          title={t('referenceFigures.edit')}
          onClick={() => setTarget({ mode: 'edit', figure })}
          data-testid="figure-edit"
        >
          <IconPencil size={16} />
        </ActionIcon>
      </Group>
    );
  }

  return (
    <>
      <PageHeader
        title={t('referenceFigures.title')}
        description={t('referenceFigures.intro')}
        actions={
          <Button leftSection={<IconPlus size={20} />} onClick={() => setTarget({ mode: 'add', year: currentYear, kind: 'OLDER_POPULATION' })} data-testid="figure-add">
            {t('referenceFigures.add')}
          </Button>
        }
      />
      {error && !data ? (
        <QueryError error={error} onRetry={() => void reload().catch(() => undefined)} />
      ) : !data ? (
        <LoadingBlock />
      ) : years.length === 0 ? (
        <EmptyMessage>{t('referenceFigures.empty')}</EmptyMessage>
      ) : (
        <Table className={classes.table} verticalSpacing="sm" data-testid="figures-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('referenceFigures.year')}</Table.Th>
              {referenceFigureKinds.map((kind) => (
                <Table.Th key={kind} ta="right">
                  {t(`referenceFigures.kinds.${kind}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {years.map((year) => (
              <Table.Tr key={year} data-testid="figure-year-row" data-year={year}>
                <Table.Td data-label={t('referenceFigures.year')} data-primary fw={700}>
                  {year}
                </Table.Td>
                {referenceFigureKinds.map((kind) => (
                  <Table.Td key={kind} data-label={t(`referenceFigures.kinds.${kind}`)} data-kind={kind} ta="right">
                    {cell(year, kind)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={target !== null}
        onClose={() => setTarget(null)}
        title={target?.mode === 'edit' ? t('referenceFigures.editTitle') : t('referenceFigures.addTitle')}
        fullScreen={isPhone}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {target && (
          <ReferenceFigureForm target={target} figures={figures} onReload={reload} onSaved={() => setTarget(null)} onCancel={() => setTarget(null)} />
        )}
      </Modal>
    </>
  );
}
