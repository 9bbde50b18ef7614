import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataImportPanel } from '../../app/imports/DataImportPanel';
import { BackLink } from '../../app/ui/BackLink';
import { PageHeader } from '../../app/ui/PageHeader';

/**
 * Club staff bring their roster in from a spreadsheet: the file goes up without a club, as the
 * server takes the staff's own; the same preview as the province's, as cards on a phone.
 */
export function MembersImportPage() {
  const { t } = useTranslation();
  return (
    <>
      <BackLink to="/club/members" testId="members-import-back" large>
        {t('imports.club.back')}
      </BackLink>
      <PageHeader title={t('imports.club.title')} description={t('imports.club.intro')} />
      <Stack maw={1000}>
        <DataImportPanel
          kind="members"
          columnsOpened={false}
          doneLinks={[{ to: '/club/members', label: t('imports.preview.links.members'), testId: 'import-link-members' }]}
        />
      </Stack>
    </>
  );
}
