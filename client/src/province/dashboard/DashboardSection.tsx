import '@mantine/charts/styles.css';
import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface DashboardSectionProps {
  title: string;
  intro?: ReactNode;
  /** The export buttons or other actions of the section. */
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}

export function DashboardSection({ title, intro, actions, children, testId }: DashboardSectionProps) {
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" data-testid={testId} style={{ minWidth: 0 }}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2} style={{ flex: '1 1 16rem' }}>
            <Title order={2} fz="lg">
              {title}
            </Title>
            {intro && (
              <Text size="sm" c="dimmed">
                {intro}
              </Text>
            )}
          </Stack>
          {actions}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
