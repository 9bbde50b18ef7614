import { Box, Button, CloseButton, Group, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileUpload, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session/SessionProvider';
import { PageHeader } from '../../app/ui/PageHeader';
import { ExportUnitsButton } from './ExportUnitsButton';
import { ImportUnitsDrawer } from './ImportUnitsDrawer';
import { UnitSearchResults } from './UnitSearchResults';
import { UnitTree } from './UnitTree';

const MIN_SEARCH_LENGTH = 2;

function normalizedSearch(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ');
}

export function HierarchyPage() {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [debounced] = useDebouncedValue(normalizedSearch(input), 300);
  const searching = debounced.length >= MIN_SEARCH_LENGTH;
  const canEdit = useSession().user?.role === 'PROVINCE_ADMIN';
  const [importing, setImporting] = useState(false);

  return (
    <>
      <PageHeader title={t('hierarchy.title')} description={t('hierarchy.intro')} />
      <Stack gap="md">
        <Group gap="sm" wrap="wrap">
          {canEdit && (
            <Button leftSection={<IconFileUpload size={18} />} onClick={() => setImporting(true)} data-testid="hierarchy-import">
              {t('hierarchy.import.open')}
            </Button>
          )}
          <ExportUnitsButton />
        </Group>
        <TextInput
          type="search"
          label={t('hierarchy.searchLabel')}
          placeholder={t('hierarchy.searchPlaceholder')}
          description={t('hierarchy.searchHint')}
          value={input}
          onChange={(event) => setInput(event.currentTarget.value)}
          leftSection={<IconSearch size={18} />}
          rightSection={
            input ? <CloseButton aria-label={t('hierarchy.clearSearch')} onClick={() => setInput('')} /> : null
          }
          maw={560}
          autoComplete="off"
          data-testid="hierarchy-search"
        />
        {searching && <UnitSearchResults search={debounced} />}
        <Box hidden={searching}>
          <UnitTree canEdit={canEdit} />
        </Box>
      </Stack>
      {canEdit && <ImportUnitsDrawer opened={importing} onClose={() => setImporting(false)} />}
    </>
  );
}
