import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { CreateAdminUnitDocument, UpdateAdminUnitDocument, type AdminUnitKind, type HierarchyUnitFragment } from '../../gql/graphql';
import { useHierarchyFieldErrors } from './hierarchy-messages';
import { kindsUnder } from './unit-kinds';
import { type PickedUnit, UnitPicker } from './UnitPicker';
import { submitShowingFirstError } from '../../app/ui/focus-first-error';

interface UnitFormValues {
  name: string;
  code: string;
  kind: AdminUnitKind | '';
  validFrom: string;
}

const formFields = ['name', 'code', 'kind', 'validFrom', 'parentId'];

export type UnitFormTarget = { mode: 'create'; parent: HierarchyUnitFragment } | { mode: 'edit'; unit: HierarchyUnitFragment };

function asPicked(unit: NonNullable<HierarchyUnitFragment['parent']>): PickedUnit {
  return { __typename: 'AdminUnit', id: unit.id, name: unit.name, fullName: unit.fullName, level: unit.level, kind: 'PROVINCE', version: 0, retired: false, parent: null };
}

/** Adds a unit, or renames, recodes and moves one. What was typed stays in the form when the server refuses it. */
export function UnitFormModal({ target, onClose }: { target: UnitFormTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const fieldErrorsOf = useHierarchyFieldErrors();
  const [formError, setFormError] = useState<string | null>(null);
  const [create, creating] = useMutation(CreateAdminUnitDocument, { refetchQueries: 'active' });
  const [update, updating] = useMutation(UpdateAdminUnitDocument, { refetchQueries: 'active' });
  const editing = target.mode === 'edit' ? target.unit : null;
  const initialParent = editing?.parent ? asPicked(editing.parent) : null;
  const [parent, setParent] = useState<PickedUnit | null>(initialParent);
  const [parentError, setParentError] = useState<string | undefined>();
  const parentLevel = target.mode === 'create' ? target.parent.level : (parent?.level ?? editing?.parent?.level ?? 0);

  const form = useForm<UnitFormValues>({
    initialValues: {
      name: editing?.name ?? '',
      code: editing?.code ?? '',
      kind: editing?.kind ?? kindsUnder(parentLevel)[0] ?? '',
      validFrom: editing?.validFrom ?? '',
    },
    validate: {
      name: (value) => (value.trim() ? null : t('common.required')),
      code: (value) => (!value.trim() || /^[0-9]{2,8}$/.test(value.trim()) ? null : t('hierarchy.messages.codeFormat')),
      kind: (value) => (value ? null : t('common.required')),
    },
  });

  function showServerErrors(error: unknown) {
    const fieldErrors = fieldErrorsOf(error);
    const known = Object.fromEntries(Object.entries(fieldErrors).filter(([field]) => formFields.includes(field) && field !== 'parentId'));
    setParentError(fieldErrors.parentId);
    form.setErrors(known);
    const others = Object.entries(fieldErrors).filter(([field]) => !formFields.includes(field));
    if (others.length) setFormError(others.map(([, message]) => message).join(' '));
    else if (!Object.keys(fieldErrors).length) setFormError(errorMessage(error));
  }

  async function submit(values: UnitFormValues) {
    setFormError(null);
    setParentError(undefined);
    const kind = values.kind as AdminUnitKind;
    try {
      let name: string;
      if (target.mode === 'create') {
        const result = await create({
          variables: { input: { name: values.name, code: values.code.trim() || null, kind, parentId: target.parent.id, validFrom: values.validFrom || null } },
        });
        name = result.data?.createAdminUnit.fullName ?? values.name;
      } else {
        const result = await update({
          variables: {
            input: {
              id: target.unit.id,
              version: target.unit.version,
              name: values.name,
              code: values.code.trim() || null,
              kind,
              parentId: parent && parent.id !== target.unit.parent?.id ? parent.id : undefined,
              validFrom: values.validFrom || null,
            },
          },
        });
        name = result.data?.updateAdminUnit.fullName ?? values.name;
      }
      notifications.show({ color: 'teal', message: t('hierarchy.saved', { name }) });
      onClose();
    } catch (error) {
      showServerErrors(error);
    }
  }

  const title = target.mode === 'create' ? t('hierarchy.form.createTitle', { parent: target.parent.fullName }) : t('hierarchy.form.editTitle', { name: target.unit.fullName });
  return (
    <Modal opened onClose={onClose} title={title} fullScreen={false} size="lg">
      <form onSubmit={submitShowingFirstError(form, submit)} noValidate data-testid="unit-form">
        <Stack gap="sm">
          {formError && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {formError}
            </Alert>
          )}
          <TextInput label={t('hierarchy.form.name')} description={t('hierarchy.form.nameHint')} required {...form.getInputProps('name')} data-testid="unit-form-name" />
          <TextInput label={t('hierarchy.form.code')} description={t('hierarchy.form.codeHint')} inputMode="numeric" {...form.getInputProps('code')} data-testid="unit-form-code" />
          <Select
            label={t('hierarchy.form.kind')}
            required
            data={kindsUnder(parentLevel).map((kind) => ({ value: kind, label: t(`unitKind.${kind}`) }))}
            allowDeselect={false}
            {...form.getInputProps('kind')}
            data-testid="unit-form-kind"
          />
          {target.mode === 'edit' && target.unit.parent && (
            <UnitPicker
              label={t('hierarchy.form.parent')}
              description={t('hierarchy.form.parentHint')}
              value={parent}
              initial={initialParent}
              onChange={setParent}
              error={parentError}
              excludeIds={[target.unit.id]}
              testId="unit-form-parent"
            />
          )}
          <TextInput type="date" label={t('hierarchy.form.validFrom')} {...form.getInputProps('validFrom')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={creating.loading || updating.loading} data-testid="unit-form-save">
              {t('hierarchy.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
