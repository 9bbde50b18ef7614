import { Button, Checkbox, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { foldForSearch } from '../club-format';
import classes from './club-ui.module.css';

export interface ChecklistMember {
  id: string;
  fullName: string;
  birthYear: number;
}

interface AttendanceChecklistProps {
  members: ChecklistMember[];
  present: ReadonlySet<string>;
  onChange: (present: Set<string>) => void;
  /** Problems the server found with a member's line, by member id. */
  errors?: ReadonlyMap<string, string>;
  testId?: string;
}

/** Everyone on the roster as a big tappable name: a tap marks them present, another tap clears it. */
export function AttendanceChecklist({ members, present, onChange, errors, testId = 'attendance' }: AttendanceChecklistProps) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const folded = foldForSearch(filter);
  const shown = folded ? members.filter((member) => foldForSearch(member.fullName).includes(folded)) : members;

  function toggle(id: string, checked: boolean) {
    const next = new Set(present);
    if (checked) next.add(id);
    else next.delete(id);
    onChange(next);
  }

  return (
    <Stack gap="sm" data-testid={testId}>
      <Group justify="space-between" gap="xs">
        <Text fw={600} size="lg" data-testid={`${testId}-count`}>
          {t('clubArea.attendance.count', { present: present.size, total: members.length })}
        </Text>
        <Group gap="xs">
          <Button variant="light" onClick={() => onChange(new Set(members.map((member) => member.id)))} data-testid={`${testId}-all`}>
            {t('clubArea.attendance.all')}
          </Button>
          <Button variant="subtle" color="gray" onClick={() => onChange(new Set())} data-testid={`${testId}-none`}>
            {t('clubArea.attendance.none')}
          </Button>
        </Group>
      </Group>
      {members.length > 12 && (
        <TextInput
          leftSection={<IconSearch size={18} />}
          placeholder={t('clubArea.attendance.filter')}
          aria-label={t('clubArea.attendance.filter')}
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
          data-testid={`${testId}-filter`}
        />
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" verticalSpacing="xs">
        {shown.map((member) => {
          const checked = present.has(member.id);
          const error = errors?.get(member.id);
          return (
            <Checkbox.Card
              key={member.id}
              checked={checked}
              onChange={(value) => toggle(member.id, value)}
              className={classes.checkCard}
              data-error={error ? true : undefined}
              data-testid={`${testId}-member`}
              data-member-id={member.id}
              data-checked={checked || undefined}
              aria-label={member.fullName}
            >
              <Group wrap="nowrap" gap="sm" align="center">
                <Checkbox.Indicator size="md" />
                <Stack gap={0} miw={0}>
                  <Text fw={500} className={classes.wrapName}>
                    {member.fullName}
                  </Text>
                  {error ? (
                    <Text size="sm" c="red.8">
                      {error}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('clubArea.common.bornIn', { year: member.birthYear })}
                    </Text>
                  )}
                </Stack>
              </Group>
            </Checkbox.Card>
          );
        })}
      </SimpleGrid>
      {shown.length === 0 && <Text c="dimmed">{t('clubArea.attendance.noMatch')}</Text>}
    </Stack>
  );
}
