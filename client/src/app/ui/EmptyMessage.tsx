import { EmptyState } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export function EmptyMessage({ children, icon }: { children: ReactNode; icon?: ReactNode }) {
  return (
    <EmptyState
      size="sm"
      variant="light"
      icon={icon ?? <IconInbox />}
      description={children}
      py="lg"
      data-testid="empty-message"
    />
  );
}
