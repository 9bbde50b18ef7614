import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './club-ui.module.css';

export interface InfoRow {
  key: string;
  label: ReactNode;
  value: ReactNode;
  testId?: string;
}

/** Label and value on one line when they fit, the value below its label when they do not. */
export function InfoRows({ rows, testId }: { rows: Array<InfoRow | null | false>; testId?: string }) {
  return (
    <Box data-testid={testId}>
      {rows.filter((row): row is InfoRow => Boolean(row)).map((row) => (
        <div key={row.key} className={classes.dataRow} data-testid={row.testId}>
          <Text span className={classes.dataLabel}>
            {row.label}
          </Text>
          <Text span className={classes.dataValue} data-testid={row.testId ? `${row.testId}-value` : undefined}>
            {row.value}
          </Text>
        </div>
      ))}
    </Box>
  );
}
