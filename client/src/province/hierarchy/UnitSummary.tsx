import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HierarchyUnitFragment } from '../../gql/graphql';

/** dd/MM/yyyy, as Vietnamese documents write dates. */
function formatDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

export function UnitSummary({ unit }: { unit: HierarchyUnitFragment }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} miw={0} style={{ flex: 1, opacity: unit.retired ? 0.7 : 1 }}>
      <Group gap="xs" wrap="wrap">
        <Text fw={600} size="md" data-testid="unit-name">
          {unit.name}
        </Text>
        <Badge variant="light" color="gray" tt="none" size="md" data-testid="unit-kind">
          {t(`unitKind.${unit.kind}`)}
        </Badge>
        {unit.retired && (
          <Badge variant="light" color="orange" tt="none" size="md" data-testid="unit-retired" title={unit.validTo ? t('hierarchy.retiredOn', { date: formatDate(unit.validTo) }) : undefined}>
            {t('hierarchy.retired')}
          </Badge>
        )}
        {unit.clubCount > 0 && (
          <Badge variant="light" color="teal" tt="none" size="md">
            {t('hierarchy.clubCount', { count: unit.clubCount })}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {unit.code ? t('hierarchy.code', { code: unit.code }) : t('hierarchy.noCode')}
        {' · '}
        {unit.childCount > 0 ? t('hierarchy.childCount', { count: unit.childCount }) : t('hierarchy.noChildren')}
      </Text>
    </Stack>
  );
}
