import { Modal } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { ProvinceClubListItemFragment } from '../../gql/graphql';
import { ClubForm } from './ClubForm';
import { ClubStatusForm } from './ClubStatusForm';

export type ClubDialogState = { kind: 'create' } | { kind: 'edit'; club: ProvinceClubListItemFragment } | { kind: 'status'; club: ProvinceClubListItemFragment } | null;

interface ClubDialogProps {
  dialog: ClubDialogState;
  onClose: () => void;
  onCreated?: (club: ProvinceClubListItemFragment) => void;
}

/** Adding, editing and changing the status of a club, in one modal (full screen on a phone). */
export function ClubDialog({ dialog, onClose, onCreated }: ClubDialogProps) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const title =
    dialog?.kind === 'create' ? t('provinceClubs.form.createTitle') : dialog?.kind === 'edit' ? t('provinceClubs.form.editTitle') : t('provinceClubs.status.title');

  return (
    <Modal opened={dialog !== null} onClose={onClose} title={title} fullScreen={isPhone} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {dialog?.kind === 'create' && (
        <ClubForm
          onCancel={onClose}
          onSaved={(club) => {
            onClose();
            onCreated?.(club);
          }}
        />
      )}
      {dialog?.kind === 'edit' && <ClubForm key={dialog.club.id} club={dialog.club} onCancel={onClose} onSaved={onClose} />}
      {dialog?.kind === 'status' && <ClubStatusForm key={dialog.club.id} club={dialog.club} onCancel={onClose} onSaved={onClose} />}
    </Modal>
  );
}
