import { Text, Timeline } from '@mantine/core';
import { IconArrowBackUp, IconCheck, IconLockOpen, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import type { ProvinceReportDetailFragment } from '../../gql/graphql';

const knownActions = ['SUBMITTED', 'APPROVED', 'RETURNED', 'REOPENED'] as const;
type KnownAction = (typeof knownActions)[number];

const icons = { SUBMITTED: IconSend, APPROVED: IconCheck, RETURNED: IconArrowBackUp, REOPENED: IconLockOpen } as const;
const colors = { SUBMITTED: 'blue', APPROVED: 'teal', RETURNED: 'orange', REOPENED: 'grape' } as const;

function isKnown(action: string): action is KnownAction {
  return knownActions.includes(action as KnownAction);
}

export function ReportHistory({ events }: { events: ProvinceReportDetailFragment['events'] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <Text c="dimmed">{t('provinceClubs.report.noHistory')}</Text>;
  return (
    <Timeline active={events.length - 1} bulletSize={26} lineWidth={2} data-testid="report-history">
      {events.map((event, index) => {
        const known = isKnown(event.action);
        const Icon = known ? icons[event.action as KnownAction] : IconSend;
        return (
          <Timeline.Item
            key={`${event.recordedAt}-${index}`}
            bullet={<Icon size={14} />}
            color={known ? colors[event.action as KnownAction] : 'gray'}
            title={known ? t(`provinceClubs.report.events.${event.action as KnownAction}`) : event.action}
            data-testid="report-event"
            data-action={event.action}
          >
            <Text size="sm" c="dimmed">
              {formatDateTime(event.recordedAt)}
              {event.byName ? ` · ${t('provinceClubs.report.by', { name: event.byName })}` : ''}
            </Text>
            {event.comment && (
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }} data-testid="report-event-comment">
                {event.comment}
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
