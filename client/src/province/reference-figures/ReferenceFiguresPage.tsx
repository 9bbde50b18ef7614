import { useQuery } from '@apollo/client/react';
import { ActionIcon, Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import { groupDigits } from '../../app/money';
import { useSignedInUser } from '../../app/session/SessionProvider';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import classes from '../../app/ui/responsive-table.module.css';
import { ReferenceFigureProvincesDocument, ReferenceFiguresDocument, type ReferenceFigureItemFragment } from '../../gql/graphql';
import { type FigureFormTarget, ReferenceFigureForm } from './ReferenceFigureForm';
import { referenceFigureKinds } from './reference-figure-kinds';

interface FiguresTableProps {
  figures: ReferenceFigureItemFragment[];
  /** Where the province's own figures may be added and corrected; absent for a merged province's, kept as they were. */
  onEdit?: (target: FigureFormTarget) => void;
  testId: string;
}

/** One province's figures, a row per year, a column per kind, each value with its source. */
function FiguresTable({ figures, onEdit, testId }: FiguresTableProps) {
  const { t } = useTranslation();
  const years = [...new Set(figures.map((figure) => figure.year))].sort((first, second) => second - first);
  const figureOf = (year: number, kind: string) => figures.find((figure) => figure.year === year && figure.kind === kind);

  function cell(year: number, kind: ReferenceFigureItemFragment['kind']) {
    const figure = figureOf(year, kind);
    const label = t(`referenceFigures.kinds.${kind}`);
    if (!figure) {
      if (!onEdit) return <Text c="dimmed">{t('referenceFigures.none')}</Text>;
      return (
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          onClick={() => onEdit({ mode: 'add', year, kind })}
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
          {figure.sample && (
            <Badge color="grape" variant="outline" tt="none" size="sm" className={classes.badge} title={t('referenceFigures.sampleHint')} data-testid="figure-sample">
              {t('referenceFigures.sample')}
            </Badge>
          )}
          <Text size="xs" c="dimmed" ta="right" data-testid="figure-source-cell">
            {figure.source}
          </Text>
        </Stack>
        {onEdit && (
          <ActionIcon
            variant="subtle"
            aria-label={t('referenceFigures.editFor', { kind: label, year })}
            title={t('referenceFigures.edit')}
            onClick={() => onEdit({ mode: 'edit', figure })}
            data-testid="figure-edit"
          >
            <IconPencil size={16} />
          </ActionIcon>
        )}
      </Group>
    );
  }

  return (
    <Table className={classes.table} verticalSpacing="sm" data-testid={testId}>
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
  );
}

/**
 * The province's own figures per year (older population, communes, poor and near-poor
 * households), each with its source, so that comparisons between provinces can be normalised;
 * then those of the provinces merged into it, under their own names, as they were kept.
 */
export function ReferenceFiguresPage() {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const user = useSignedInUser();
  const { data, error, refetch } = useQuery(ReferenceFiguresDocument);
  const provinces = useQuery(ReferenceFigureProvincesDocument);
  const [target, setTarget] = useState<FigureFormTarget | null>(null);
  const figures = data?.referenceFigures ?? [];
  const ownId = user.tenant?.id;
  const own = figures.filter((figure) => figure.tenantId === ownId);
  const mergedIds = [...new Set(figures.map((figure) => figure.tenantId))].filter((id) => id !== ownId);
  const provinceOf = (id: string) => provinces.data?.tenants.find((tenant) => tenant.id === id);
  const reload = () => refetch();
  const currentYear = new Date().getFullYear();

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
      ) : (
        <Stack gap="xl">
          {own.length === 0 ? <EmptyMessage>{t('referenceFigures.empty')}</EmptyMessage> : <FiguresTable figures={own} onEdit={setTarget} testId="figures-table" />}
          {mergedIds.map((id) => {
            const province = provinceOf(id);
            return (
              <Stack key={id} gap="sm" data-testid="merged-figures" data-tenant-id={id}>
                <Title order={2} fz="lg" data-testid="merged-figures-title">
                  {province ? t('referenceFigures.ofMergedProvince', { name: province.name }) : t('referenceFigures.ofMergedProvinceUnnamed')}
                </Title>
                <Text size="sm" c="dimmed">
                  {province?.validTo ? t('referenceFigures.mergedIntroUntil', { date: formatDate(province.validTo) }) : t('referenceFigures.mergedIntro')}
                </Text>
                <FiguresTable figures={figures.filter((figure) => figure.tenantId === id)} testId="merged-figures-table" />
              </Stack>
            );
          })}
        </Stack>
      )}
      <Modal
        opened={target !== null}
        onClose={() => setTarget(null)}
        title={target?.mode === 'edit' ? t('referenceFigures.editTitle') : t('referenceFigures.addTitle')}
        fullScreen={isPhone}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {target && <ReferenceFigureForm target={target} figures={own} onReload={reload} onSaved={() => setTarget(null)} onCancel={() => setTarget(null)} />}
      </Modal>
    </>
  );
}
