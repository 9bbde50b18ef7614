import { useQuery } from '@apollo/client/react';
import { Badge, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCalendarEvent, IconCash, IconChevronRight, IconFileText, IconHeartHandshake, IconUsers, IconWallet } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../app/format';
import { ClubReportDueDocument } from '../../gql/graphql';
import { monthNumber, monthOf, todayInVietnam } from '../club-format';
import { ReportStatusBadge } from '../reports/ReportStatusBadge';
import classes from '../ui/club-ui.module.css';

function Shortcut({ to, icon, label, detail, testId, primary }: { to: string; icon: ReactNode; label: string; detail?: ReactNode; testId: string; primary?: boolean }) {
  return (
    <Link to={to} className={classes.shortcut} data-compact={primary ? undefined : true} data-testid={testId}>
      <ThemeIcon size={primary ? 44 : 36} radius="md" variant={primary ? 'filled' : 'light'}>
        {icon}
      </ThemeIcon>
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <span>{label}</span>
        {detail}
      </Stack>
      {primary && <IconChevronRight size={20} aria-hidden />}
    </Link>
  );
}

/** What the board does most, one tap away: the monthly meeting and the report due now. */
export function ClubShortcuts() {
  const { t } = useTranslation();
  const reportMonth = monthOf(todayInVietnam(), -1);
  const { data } = useQuery(ClubReportDueDocument, { variables: { month: reportMonth } });
  const report = data?.monthlyReport;

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Shortcut
          primary
          to="/club/meeting"
          icon={<IconCalendarEvent size={26} />}
          label={t('clubArea.home.meetingShortcut')}
          detail={
            <Text size="sm" c="dimmed" fw={400}>
              {t('clubArea.home.meetingDetail')}
            </Text>
          }
          testId="shortcut-meeting"
        />
        <Shortcut
          primary
          to={`/club/reports?month=${reportMonth}`}
          icon={<IconFileText size={26} />}
          label={t('clubArea.home.reportShortcut', { month: monthNumber(reportMonth) })}
          detail={
            report ? (
              <span>
                <ReportStatusBadge status={report.status} />{' '}
                {report.late && (
                  <Badge color="red" variant="light" tt="none">
                    {report.status === 'DRAFT' || report.status === 'RETURNED' ? t('clubArea.report.overdue') : t('clubArea.report.late')}
                  </Badge>
                )}
                <Text span size="sm" c="dimmed" fw={400} ml={4}>
                  {t('clubArea.report.dueOn', { date: formatDate(report.dueOn) })}
                </Text>
              </span>
            ) : (
              <Text size="sm" c="dimmed" fw={400}>
                {t('clubArea.home.reportNotStarted')}
              </Text>
            )
          }
          testId="shortcut-report"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Shortcut to="/club/members" icon={<IconUsers size={22} />} label={t('clubArea.nav.members')} testId="shortcut-members" />
        <Shortcut to="/club/loans" icon={<IconCash size={22} />} label={t('clubArea.nav.loans')} testId="shortcut-loans" />
        <Shortcut to="/club/funds" icon={<IconWallet size={22} />} label={t('clubArea.nav.funds')} testId="shortcut-funds" />
        <Shortcut to="/club/home-care" icon={<IconHeartHandshake size={22} />} label={t('clubArea.nav.homeCareShort')} testId="shortcut-home-care" />
      </SimpleGrid>
    </Stack>
  );
}
