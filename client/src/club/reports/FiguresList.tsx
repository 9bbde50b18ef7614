import { Card, Stack, Text, Title } from '@mantine/core';
import type { ReportFiguresFieldsFragment } from '../../gql/graphql';
import { InfoRows } from '../ui/InfoRows';
import { useFigureGroups } from './figure-groups';

/** A month's figures grouped as the club's paper report has them. */
export function FiguresList({ figures }: { figures: ReportFiguresFieldsFragment }) {
  const groups = useFigureGroups(figures);
  return (
    <Stack gap="sm" data-testid="report-figures">
      {groups.map((group) => (
        <Card key={group.key} withBorder radius="md" padding="sm">
          <Title order={3} fz="md" mb={4}>
            {group.title}
          </Title>
          <InfoRows
            rows={group.rows.map((row) => ({
              key: row.key,
              label: row.indent ? (
                <Text span pl="md" inherit>
                  {row.label}
                </Text>
              ) : (
                row.label
              ),
              value: row.value,
              testId: row.testId,
            }))}
          />
        </Card>
      ))}
    </Stack>
  );
}
