import { useMutation } from '@apollo/client/react';
import { ActionIcon, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsJoin, IconArrowsSplit, IconDots, IconPencil, IconPlus, IconTrash, IconArchive } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { DeleteAdminUnitDocument, type HierarchyUnitFragment } from '../../gql/graphql';
import { translateHierarchyMessage } from './hierarchy-messages';
import { fieldErrorsOf } from '../../app/errors';
import { type RetireMode, RetireUnitModal } from './RetireUnitModal';
import { type UnitFormTarget, UnitFormModal } from './UnitFormModal';

/** What a province admin can do with a unit in force. */
export function UnitActions({ unit }: { unit: HierarchyUnitFragment }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [form, setForm] = useState<UnitFormTarget | null>(null);
  const [retireMode, setRetireMode] = useState<RetireMode | null>(null);
  const [remove] = useMutation(DeleteAdminUnitDocument, { refetchQueries: 'active' });
  if (unit.retired) return null;
  const isProvince = unit.parent === null;

  async function deleteUnit() {
    if (!window.confirm(t('hierarchy.deleteConfirm', { name: unit.fullName }))) return;
    try {
      await remove({ variables: { input: { id: unit.id, version: unit.version } } });
      notifications.show({ color: 'teal', message: t('hierarchy.deleted', { name: unit.fullName }) });
    } catch (error) {
      const reason = Object.values(fieldErrorsOf(error))[0];
      notifications.show({ color: 'red', message: (reason && translateHierarchyMessage(t, reason)) || errorMessage(error) });
    }
  }

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" size="xl" aria-label={t('hierarchy.actions', { name: unit.fullName })} data-testid="unit-actions">
            <IconDots size={20} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {unit.level < 4 && (
            <Menu.Item leftSection={<IconPlus size={16} />} onClick={() => setForm({ mode: 'create', parent: unit })} data-testid="unit-action-add">
              {t('hierarchy.addUnit')}
            </Menu.Item>
          )}
          <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setForm({ mode: 'edit', unit })} data-testid="unit-action-edit">
            {t('hierarchy.edit')}
          </Menu.Item>
          {!isProvince && (
            <>
              <Menu.Item leftSection={<IconArchive size={16} />} onClick={() => setRetireMode('retire')} data-testid="unit-action-retire">
                {t('hierarchy.retire')}
              </Menu.Item>
              <Menu.Item leftSection={<IconArrowsJoin size={16} />} onClick={() => setRetireMode('merge')} data-testid="unit-action-merge">
                {t('hierarchy.merge')}
              </Menu.Item>
              <Menu.Item leftSection={<IconArrowsSplit size={16} />} onClick={() => setRetireMode('split')} data-testid="unit-action-split">
                {t('hierarchy.split')}
              </Menu.Item>
              <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => void deleteUnit()} data-testid="unit-action-delete">
                {t('hierarchy.delete')}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      {form && <UnitFormModal target={form} onClose={() => setForm(null)} />}
      {retireMode && <RetireUnitModal unit={unit} initialMode={retireMode} onClose={() => setRetireMode(null)} />}
    </>
  );
}
