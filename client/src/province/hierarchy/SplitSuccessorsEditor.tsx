import { ActionIcon, Button, Group, NativeSelect, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AdminUnitKind, HierarchyUnitFragment } from '../../gql/graphql';
import { KINDS_BY_LEVEL } from './unit-kinds';
import { type PickedUnit, UnitPicker } from './UnitPicker';

export interface SplitRow {
  key: string;
  kind: 'new' | 'existing';
  existing: PickedUnit | null;
  name: string;
  code: string;
  unitKind: AdminUnitKind;
}

export type SplitRowErrors = Partial<Record<'existingId' | 'name' | 'code' | 'kind' | 'parentId' | 'childIds', string>>;

let lastKey = 0;

export function newSplitRow(unitKind: AdminUnitKind): SplitRow {
  lastKey += 1;
  return { key: `successor-${lastKey}`, kind: 'new', existing: null, name: '', code: '', unitKind };
}

/** How a successor reads in the list of where the units under the split unit go. */
export function splitRowLabel(row: SplitRow, index: number, newLabel: string): string {
  const name = row.kind === 'existing' ? row.existing?.fullName : row.name.trim();
  return `${index + 1}. ${name || newLabel}`;
}

interface SplitSuccessorsEditorProps {
  unit: HierarchyUnitFragment;
  rows: SplitRow[];
  onRowsChange: (rows: SplitRow[]) => void;
  /** Active units directly under the split unit; each must go to one successor. */
  childUnits: HierarchyUnitFragment[];
  targets: Record<string, string>;
  onTargetsChange: (targets: Record<string, string>) => void;
  rowErrors: Record<number, SplitRowErrors>;
  childErrors: Record<string, string>;
}

/**
 * The successors of a split (chia tách), each an existing unit or a new one, and which of them
 * takes each unit under the split unit. Everything typed stays when the server refuses.
 */
export function SplitSuccessorsEditor({ unit, rows, onRowsChange, childUnits, targets, onTargetsChange, rowErrors, childErrors }: SplitSuccessorsEditorProps) {
  const { t } = useTranslation();
  const change = (key: string, changes: Partial<SplitRow>) => onRowsChange(rows.map((row) => (row.key === key ? { ...row, ...changes } : row)));
  const kinds = (KINDS_BY_LEVEL[unit.level] ?? []).map((kind) => ({ value: kind, label: t(`unitKind.${kind}`) }));

  return (
    <Stack gap="sm">
      <Text fw={600} size="sm">
        {t('hierarchy.splitForm.successors')}
      </Text>
      {rows.map((row, index) => {
        const errors = rowErrors[index] ?? {};
        return (
          <Paper key={row.key} withBorder p="sm" radius="md" data-testid="split-successor">
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <SegmentedControl
                  size="xs"
                  value={row.kind}
                  onChange={(value) => change(row.key, { kind: value as SplitRow['kind'] })}
                  aria-label={t('hierarchy.splitForm.successorNumber', { number: index + 1 })}
                  data={[
                    { value: 'new', label: t('hierarchy.retireForm.successorNew') },
                    { value: 'existing', label: t('hierarchy.retireForm.successorExisting') },
                  ]}
                  data-testid="split-successor-kind"
                />
                {rows.length > 2 && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('hierarchy.splitForm.removeSuccessor', { number: index + 1 })}
                    onClick={() => {
                      onRowsChange(rows.filter((candidate) => candidate.key !== row.key));
                      onTargetsChange(Object.fromEntries(Object.entries(targets).filter(([, key]) => key !== row.key)));
                    }}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Group>
              {row.kind === 'existing' ? (
                <UnitPicker
                  label={t('hierarchy.splitForm.successorNumber', { number: index + 1 })}
                  value={row.existing}
                  onChange={(existing) => change(row.key, { existing })}
                  excludeIds={[unit.id]}
                  error={errors.existingId}
                  testId="split-successor-existing"
                />
              ) : (
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                  <TextInput
                    label={t('hierarchy.form.name')}
                    required
                    value={row.name}
                    onChange={(event) => change(row.key, { name: event.currentTarget.value })}
                    error={errors.name ?? errors.existingId}
                    data-testid="split-successor-name"
                  />
                  <TextInput
                    label={t('hierarchy.form.code')}
                    inputMode="numeric"
                    value={row.code}
                    onChange={(event) => change(row.key, { code: event.currentTarget.value })}
                    error={errors.code}
                    data-testid="split-successor-code"
                  />
                  <Select
                    label={t('hierarchy.form.kind')}
                    data={kinds}
                    value={row.unitKind}
                    allowDeselect={false}
                    onChange={(value) => value && change(row.key, { unitKind: value as AdminUnitKind })}
                    error={errors.kind ?? errors.parentId}
                    data-testid="split-successor-unit-kind"
                  />
                </SimpleGrid>
              )}
              {errors.childIds && (
                <Text c="red" size="sm" role="alert">
                  {errors.childIds}
                </Text>
              )}
            </Stack>
          </Paper>
        );
      })}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={16} />}
          onClick={() => onRowsChange([...rows, newSplitRow(unit.kind)])}
          data-testid="split-add-successor"
        >
          {t('hierarchy.splitForm.addSuccessor')}
        </Button>
      </Group>
      {childUnits.length > 0 && (
        <Stack gap={4}>
          <Text fw={600} size="sm">
            {t('hierarchy.splitForm.children', { count: childUnits.length })}
          </Text>
          <Table verticalSpacing={4} data-testid="split-children">
            <Table.Tbody>
              {childUnits.map((child) => (
                <Table.Tr key={child.id}>
                  <Table.Td>{child.fullName}</Table.Td>
                  <Table.Td>
                    <NativeSelect
                      size="xs"
                      aria-label={t('hierarchy.splitForm.childGoesTo', { name: child.fullName })}
                      data={[
                        { value: '', label: t('hierarchy.splitForm.pickSuccessor') },
                        ...rows.map((row, index) => ({ value: row.key, label: splitRowLabel(row, index, t('hierarchy.splitForm.newUnit')) })),
                      ]}
                      value={targets[child.id] ?? ''}
                      onChange={(event) => onTargetsChange({ ...targets, [child.id]: event.currentTarget.value })}
                      error={childErrors[child.id]}
                      data-testid="split-child-target"
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}
