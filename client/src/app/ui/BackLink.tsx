import { Anchor, Group } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The way back from a detail page to its list, 44 px high for a finger. `large` suits the club area's phone screens. */
export function BackLink({ to, children, testId, large = false }: { to: string; children: ReactNode; testId?: string; large?: boolean }) {
  return (
    <Anchor component={Link} to={to} size={large ? undefined : 'sm'} data-testid={testId} display="inline-flex" mih={44} style={{ alignItems: 'center' }}>
      <Group gap={4} component="span">
        <IconArrowLeft size={large ? 18 : 16} />
        {children}
      </Group>
    </Anchor>
  );
}
