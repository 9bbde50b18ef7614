import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { MergeAdminUnitsDocument, RetireAdminUnitDocument, type AdminUnitKind, type HierarchyUnitFragment } from '../../gql/graphql';
import { useHierarchyFieldErrors } from './hierarchy-messages';
import { KINDS_BY_LEVEL } from './unit-kinds';
import { type PickedUnit, UnitMultiPicker, UnitPicker } from './UnitPicker';

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
  const [successors, setSuccessors] = useState<PickedUnit[]>([]);
  const [newName, setNewName] = useState('');
  const [newCode, setNewCode] = useState('');
  const [newKind, setNewKind] = useState<AdminUnitKind>(unit.kind);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [retire, retiring] = useMutation(RetireAdminUnitDocument, { refetchQueries: 'active' });
  const [merge, merging] = useMutation(MergeAdminUnitsDocument, { refetchQueries: 'active' });

  function showServerErrors(error: unknown) {
    const fields = fieldErrorsOf(error);
    setErrors(fields);
    const shown = ['effectiveOn', 'successorIds', 'successorId', 'name', 'code', 'kind', 'parentId'];
    const rest = Object.entries(fields).filter(([field]) => !shown.includes(field));
    setFormError(rest.length ? rest.map(([, message]) => message).join(' ') : Object.keys(fields).length ? null : errorMessage(error));
  }

  async function submit() {
    setErrors({});
    setFormError(null);
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
              successorIds: mode === 'split' ? successors.map((picked) => picked.id) : [],
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
          <UnitMultiPicker label={t('hierarchy.retireForm.successors')} value={successors} onChange={setSuccessors} excludeIds={[unit.id]} error={successorError} />
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
          <Button color="red" onClick={() => void submit()} loading={retiring.loading || merging.loading} data-testid="retire-submit">
            {t(mode === 'merge' ? 'hierarchy.retireForm.submitMerge' : mode === 'split' ? 'hierarchy.retireForm.submitSplit' : 'hierarchy.retireForm.submitRetire')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
