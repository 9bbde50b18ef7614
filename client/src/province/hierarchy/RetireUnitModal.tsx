import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldProblemsOf } from '../../app/errors';
import { useErrorMessage } from '../../app/ui/use-error-message';
import {
  AdminUnitChildrenDocument,
  MergeAdminUnitsDocument,
  RetireAdminUnitDocument,
  SplitAdminUnitDocument,
  type AdminUnitKind,
  type HierarchyUnitFragment,
} from '../../gql/graphql';
import { translateHierarchyMessage, useHierarchyFieldErrors } from './hierarchy-messages';
import { newSplitRow, type SplitRow, type SplitRowErrors, SplitSuccessorsEditor } from './SplitSuccessorsEditor';
import { KINDS_BY_LEVEL } from './unit-kinds';
import { type PickedUnit, UnitMultiPicker, UnitPicker } from './UnitPicker';

/** A commune has tens of hamlets and a district tens of communes: one page holds what a split hands out. */
const SPLIT_CHILDREN_SHOWN = 100;

export type RetireMode = 'retire' | 'merge' | 'split';

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * Giải thể, sáp nhập, chia tách. Everything the user chose stays in the dialog when the server
 * refuses; the problems show next to the fields they concern.
 */
export function RetireUnitModal({ unit, initialMode, onClose }: { unit: HierarchyUnitFragment; initialMode: RetireMode; onClose: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const fieldErrorsOf = useHierarchyFieldErrors();
  const [mode, setMode] = useState<RetireMode>(initialMode);
  const [effectiveOn, setEffectiveOn] = useState(today());
  const [others, setOthers] = useState<PickedUnit[]>([]);
  const [successorKind, setSuccessorKind] = useState<'existing' | 'new'>('existing');
  const [successor, setSuccessor] = useState<PickedUnit | null>(null);
  const [splitRows, setSplitRows] = useState<SplitRow[]>(() => [newSplitRow(unit.kind), newSplitRow(unit.kind)]);
  const [childTargets, setChildTargets] = useState<Record<string, string>>({});
  const [splitRowErrors, setSplitRowErrors] = useState<Record<number, SplitRowErrors>>({});
  const [childErrors, setChildErrors] = useState<Record<string, string>>({});
  const [newName, setNewName] = useState('');
  const [newCode, setNewCode] = useState('');
  const [newKind, setNewKind] = useState<AdminUnitKind>(unit.kind);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [retire, retiring] = useMutation(RetireAdminUnitDocument, { refetchQueries: 'active' });
  const [merge, merging] = useMutation(MergeAdminUnitsDocument, { refetchQueries: 'active' });
  const [split, splitting] = useMutation(SplitAdminUnitDocument, { refetchQueries: 'active' });
  const childrenQuery = useQuery(AdminUnitChildrenDocument, {
    variables: { parentId: unit.id, first: SPLIT_CHILDREN_SHOWN },
    skip: mode !== 'split' || unit.childCount === 0,
  });
  const activeChildren = (childrenQuery.data?.adminUnits.edges ?? []).map((edge) => edge.node).filter((child) => !child.retired);

  function showServerErrors(error: unknown) {
    const fields = fieldErrorsOf(error);
    setErrors(fields);
    const shown = ['effectiveOn', 'successorIds', 'successorId', 'name', 'code', 'kind', 'parentId'];
    const rest = Object.entries(fields).filter(([field]) => !shown.includes(field));
    setFormError(rest.length ? rest.map(([, message]) => message).join(' ') : Object.keys(fields).length ? null : errorMessage(error));
  }

  /** Problems of a split: next to the successor (successors.1.unit.code) or the unit under it they concern. */
  function showSplitErrors(error: unknown) {
    const rows: Record<number, SplitRowErrors> = {};
    const rest: Record<string, string> = {};
    const others: string[] = [];
    for (const problem of fieldProblemsOf(error)) {
      const message = translateHierarchyMessage(t, problem.message) ?? problem.message;
      const match = /^(?:input\.)?successors\.(\d+)\.(?:unit\.)?(\w+)$/.exec(problem.field);
      if (match) rows[Number(match[1])] = { ...rows[Number(match[1])], [match[2]]: message };
      else if (/^(?:input\.)?effectiveOn$/.test(problem.field)) rest.effectiveOn = message;
      else others.push(message);
    }
    setSplitRowErrors(rows);
    setErrors(rest);
    setFormError(others.length ? others.join(' ') : Object.keys(rows).length || rest.effectiveOn ? null : errorMessage(error));
  }

  /** Sends the split; false when a unit under the split unit has no successor yet (said next to it, nothing sent). */
  async function submitSplit(): Promise<boolean> {
    const unassigned = Object.fromEntries(activeChildren.filter((child) => !childTargets[child.id]).map((child) => [child.id, t('hierarchy.splitForm.pickSuccessor')]));
    setChildErrors(unassigned);
    if (Object.keys(unassigned).length) return false;
    await split({
      variables: {
        input: {
          id: unit.id,
          version: unit.version,
          effectiveOn,
          successors: splitRows.map((row) => ({
            existingId: row.kind === 'existing' ? (row.existing?.id ?? null) : null,
            unit: row.kind === 'new' ? { name: row.name.normalize('NFC'), code: row.code.trim() || null, kind: row.unitKind } : null,
            childIds: activeChildren.filter((child) => childTargets[child.id] === row.key).map((child) => child.id),
          })),
        },
      },
    });
    return true;
  }

  async function submit() {
    setErrors({});
    setFormError(null);
    setSplitRowErrors({});
    if (mode === 'split') {
      try {
        if (!(await submitSplit())) return;
      } catch (error) {
        showSplitErrors(error);
        return;
      }
      notifications.show({ color: 'teal', message: t('hierarchy.retireForm.done', { name: unit.fullName }) });
      onClose();
      return;
    }
    try {
      if (mode === 'merge') {
        await merge({
          variables: {
            input: {
              predecessors: [unit, ...others].map(({ id, version }) => ({ id, version })),
              effectiveOn,
              successorId: successorKind === 'existing' ? (successor?.id ?? null) : null,
              successor: successorKind === 'new' ? { name: newName, code: newCode.trim() || null, kind: newKind } : null,
            },
          },
        });
      } else {
        await retire({
          variables: {
            input: {
              id: unit.id,
              version: unit.version,
              effectiveOn,
              successorIds: [],
            },
          },
        });
      }
      notifications.show({ color: 'teal', message: t('hierarchy.retireForm.done', { name: unit.fullName }) });
      onClose();
    } catch (error) {
      showServerErrors(error);
    }
  }

  const successorError = errors.successorIds ?? errors.successorId;
  return (
    <Modal opened onClose={onClose} title={t('hierarchy.retireForm.title', { name: unit.fullName })} size="lg">
      <Stack gap="sm" data-testid="retire-form">
        <SegmentedControl
          fullWidth
          value={mode}
          onChange={(value) => setMode(value as RetireMode)}
          aria-label={t('hierarchy.retireForm.mode')}
          data={[
            { value: 'retire', label: t('hierarchy.retireForm.modeRetire') },
            { value: 'merge', label: t('hierarchy.retireForm.modeMerge') },
            { value: 'split', label: t('hierarchy.retireForm.modeSplit') },
          ]}
        />
        <Text size="sm" c="dimmed">
          {t(`hierarchy.retireForm.${mode}Help`)}
        </Text>
        {mode === 'retire' && unit.clubCount > 0 && (
          <Alert color="yellow" icon={<IconAlertCircle size={18} />}>
            {t('hierarchy.retireForm.hasClubs', { count: unit.clubCount })}
          </Alert>
        )}
        {formError && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
            {formError}
          </Alert>
        )}
        <TextInput
          type="date"
          required
          label={t('hierarchy.retireForm.effectiveOn')}
          description={t('hierarchy.retireForm.effectiveOnHint')}
          value={effectiveOn}
          onChange={(event) => setEffectiveOn(event.currentTarget.value)}
          error={errors.effectiveOn}
        />
        {mode === 'merge' && (
          <>
            <UnitMultiPicker label={t('hierarchy.retireForm.others')} value={others} onChange={setOthers} excludeIds={[unit.id]} error={errors.id} />
            <SegmentedControl
              value={successorKind}
              onChange={(value) => setSuccessorKind(value as 'existing' | 'new')}
              aria-label={t('hierarchy.retireForm.successorKind')}
              data={[
                { value: 'existing', label: t('hierarchy.retireForm.successorExisting') },
                { value: 'new', label: t('hierarchy.retireForm.successorNew') },
              ]}
            />
            {successorKind === 'existing' ? (
              <UnitPicker label={t('hierarchy.retireForm.successor')} value={successor} onChange={setSuccessor} excludeIds={[unit.id, ...others.map((o) => o.id)]} error={successorError} />
            ) : (
              <>
                <TextInput label={t('hierarchy.form.name')} required value={newName} onChange={(event) => setNewName(event.currentTarget.value)} error={errors.name} />
                <TextInput label={t('hierarchy.form.code')} inputMode="numeric" value={newCode} onChange={(event) => setNewCode(event.currentTarget.value)} error={errors.code} />
                <Select
                  label={t('hierarchy.form.kind')}
                  data={(KINDS_BY_LEVEL[unit.level] ?? []).map((kind) => ({ value: kind, label: t(`unitKind.${kind}`) }))}
                  value={newKind}
                  allowDeselect={false}
                  onChange={(value) => value && setNewKind(value as AdminUnitKind)}
                  error={errors.kind ?? errors.parentId}
                />
              </>
            )}
          </>
        )}
        {mode === 'split' && (
          <SplitSuccessorsEditor
            unit={unit}
            rows={splitRows}
            onRowsChange={setSplitRows}
            childUnits={activeChildren}
            targets={childTargets}
            onTargetsChange={(targets) => {
              setChildTargets(targets);
              setChildErrors({});
            }}
            rowErrors={splitRowErrors}
            childErrors={childErrors}
          />
        )}
        {mode === 'retire' && successorError && (
          <Text c="red" size="sm" role="alert">
            {successorError}
          </Text>
        )}
        {mode !== 'merge' && errors.id && (
          <Text c="red" size="sm" role="alert">
            {errors.id}
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={() => void submit()} loading={retiring.loading || merging.loading || splitting.loading} data-testid="retire-submit">
            {t(mode === 'merge' ? 'hierarchy.retireForm.submitMerge' : mode === 'split' ? 'hierarchy.retireForm.submitSplit' : 'hierarchy.retireForm.submitRetire')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
