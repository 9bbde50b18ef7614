import { Select, SimpleGrid, Stack } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddressParams } from '../../app/address-params';
import { PageHeader } from '../../app/ui/PageHeader';
import type { ReportStatus } from '../../gql/graphql';
import { formatMonth } from '../clubs/club-format';
import { DueDaySetting } from './DueDaySetting';
import { ReportList } from './ReportList';

const statusFilters = ['SUBMITTED', 'RETURNED', 'APPROVED', 'ALL'] as const;
type StatusFilter = (typeof statusFilters)[number];
/** The national program's first replication scheme started in 2016: no club reports before it. */
const FIRST_YEAR = 2016;

function isStatusFilter(value: string | null): value is StatusFilter {
  return statusFilters.includes(value as StatusFilter);
}

/** Months that can have a report, newest first: every month from 2016 to the last one that is over. */
function monthOptions(t: TFunction): Array<{ value: string; label: string }> {
  const now = new Date();
  const options = [];
  for (let year = now.getFullYear(), month = now.getMonth(); year >= FIRST_YEAR; month -= 1) {
    if (month === 0) {
      year -= 1;
      month = 12;
      if (year < FIRST_YEAR) break;
    }
    const value = `${year}-${String(month).padStart(2, '0')}`;
    options.push({ value, label: formatMonth(t, value) });
  }
  return options;
}

export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const [searchParams, setSearchParams] = useAddressParams();
  const requested = searchParams.get('status');
  const status: StatusFilter = isStatusFilter(requested) ? requested : 'SUBMITTED';
  const monthParam = searchParams.get('month');
  const month = monthParam && /^\d{4}-\d{2}$/.test(monthParam) ? monthParam : null;
  const months = useMemo(() => monthOptions(t), [t, i18n.resolvedLanguage]);

  function change(next: { status?: StatusFilter; month?: string | null }) {
    setSearchParams(
      (previous) => {
        const params = new URLSearchParams(previous);
        if (next.status !== undefined) {
          if (next.status === 'SUBMITTED') params.delete('status');
          else params.set('status', next.status);
        }
        if (next.month !== undefined) {
          if (next.month) params.set('month', next.month);
          else params.delete('month');
        }
        return params;
      },
      { replace: true },
    );
  }

  const decided: ReportStatus[] = ['RETURNED', 'APPROVED'];

  return (
    <>
      <PageHeader title={t('provinceClubs.reports.title')} description={t('provinceClubs.reports.intro')} />
      <Stack gap="lg">
        <DueDaySetting />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" maw={640}>
          <Select
            size="md"
            label={t('provinceClubs.reports.status')}
            data={statusFilters.map((value) => ({ value, label: t(`provinceClubs.reports.statusOptions.${value}`) }))}
            value={status}
            onChange={(value) => change({ status: isStatusFilter(value) ? value : 'SUBMITTED' })}
            allowDeselect={false}
            data-testid="reports-status"
          />
          <Select
            size="md"
            label={t('provinceClubs.reports.month')}
            placeholder={t('provinceClubs.reports.allMonths')}
            data={months}
            value={month}
            onChange={(value) => change({ month: value })}
            searchable
            clearable
            data-testid="reports-month"
          />
        </SimpleGrid>
        {status === 'ALL' ? (
          <>
            <ReportList statuses={['SUBMITTED']} month={month} title={t('provinceClubs.reports.waiting')} emptyMessage={t('provinceClubs.reports.emptyWaiting')} testId="reports-waiting" />
            <ReportList statuses={decided} month={month} title={t('provinceClubs.reports.decided')} emptyMessage={t('provinceClubs.reports.empty')} testId="reports-decided" />
          </>
        ) : (
          <ReportList
            statuses={[status]}
            month={month}
            emptyMessage={status === 'SUBMITTED' ? t('provinceClubs.reports.emptyWaiting') : t('provinceClubs.reports.empty')}
            testId={status === 'SUBMITTED' ? 'reports-waiting' : 'reports-decided'}
          />
        )}
      </Stack>
    </>
  );
}
