import { Button, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IMPORT_KINDS } from '../../app/imports/import-kinds';
import { PageHeader } from '../../app/ui/PageHeader';

/** The imports a province admin can make, one card a kind, in the order they build on each other. */
export function ImportsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('imports.page.title')} description={t('imports.page.intro')} />
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('imports.page.order')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {IMPORT_KINDS.map((kind) => (
            <Paper key={kind} withBorder radius="md" p="md" data-testid="import-kind" data-kind={kind}>
              <Stack gap="sm" h="100%" justify="space-between">
                <Stack gap={4}>
                  <Title order={2} fz="lg">
                    {t(`imports.kinds.${kind}.title`)}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {t(`imports.kinds.${kind}.description`)}
                  </Text>
                </Stack>
                <Button component={Link} to={`/province/imports/${kind}`} variant="light" rightSection={<IconArrowRight size={18} />} data-testid={`import-open-${kind}`}>
                  {t('imports.page.open', { kind: t(`imports.kinds.${kind}.noun`) })}
                </Button>
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      </Stack>
    </>
  );
}
