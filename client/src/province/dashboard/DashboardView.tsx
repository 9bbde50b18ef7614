import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Badge, Breadcrumbs, Grid, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAddressParams } from '../../app/address-params';
import { ExportButtons } from '../../app/exports/ExportButtons';
import { currentMonth, formatMonthNumeric } from '../../app/format';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { MonthSelect } from '../../app/ui/MonthSelect';
import { QueryError } from '../../app/ui/QueryError';
import { DashboardSchemesDocument, ProvinceDashboardDocument } from '../../gql/graphql';
import { AtRiskClubs } from './AtRiskClubs';
import { BudgetExecution } from './BudgetExecution';
import { DashboardSection } from './DashboardSection';
import { FigureCards } from './FigureCards';
import { LoansFigures } from './LoansFigures';
import { ProgressTable } from './ProgressTable';
import { QualityChart } from './QualityChart';
import { TrendChart } from './TrendChart';
import { UnitClubs } from './UnitClubs';
import { UnitsTable } from './UnitsTable';

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

interface DashboardViewProps {
  /** The province, for the national office; a province admin always sees its own. */
  tenantId: string | null;
  /** Where a club's page is, when the reader may open it (the national office may not). */
  clubPath: ((clubId: string) => string) | null;
}

/** What the page shows lives in the address (?unit=…&month=…&scheme=…), so a drill-down can be shared and walked back. */
function selectionOf(params: URLSearchParams) {
  const month = params.get('month');
  return {
    unitId: params.get('unit'),
    month: month && MONTH_PATTERN.test(month) && month <= currentMonth() ? month : currentMonth(),
    schemeId: params.get('scheme'),
  };
}

export function DashboardView({ tenantId, clubPath }: DashboardViewProps) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useAddressParams();
  const { unitId, month, schemeId } = selectionOf(searchParams);
  const { data, previousData, loading, error, refetch } = useQuery(ProvinceDashboardDocument, {
    variables: { tenantId, unitId, month, schemeId },
    fetchPolicy: 'cache-and-network',
  });
  const schemes = useQuery(DashboardSchemesDocument, { variables: { tenantId } });
  const dashboard = (data ?? previousData)?.provinceDashboard;

  function change(next: { unit?: string | null; month?: string; scheme?: string | null }, push = false) {
    setSearchParams(
      (previous) => {
        const params = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(next)) {
          if (value) params.set(key, value);
          else params.delete(key);
        }
        return params;
      },
      { replace: !push },
    );
  }

  const exportParams = { tenantId, unitId, month, schemeId };
  // Titles usually name their period already ("… giai đoạn 2021–2025"); the years are added only when they do not.
  const schemeLabel = (scheme: { title: string; firstYear: number; lastYear: number }) =>
    scheme.title.includes(String(scheme.lastYear)) ? scheme.title : t('dashboard.schemePeriod', { title: scheme.title, first: scheme.firstYear, last: scheme.lastYear });
  const schemeOptions = (schemes.data?.schemes.edges ?? []).map(({ node }) => ({
    value: node.id,
    label: schemeLabel(node),
  }));

  const filters = (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={820}>
      <MonthSelect label={t('dashboard.month')} value={month} onChange={(value) => change({ month: value })} testId="dashboard-month" />
      <Select
        size="md"
        label={t('dashboard.scheme')}
        placeholder={t('dashboard.schemeDefault')}
        data={schemeOptions}
        // The scheme shown, also when it is the approved one in force by default; clearing goes back to that.
        value={schemeId ?? dashboard?.scheme?.id ?? null}
        onChange={(value) => change({ scheme: value })}
        clearable={schemeId !== null}
        comboboxProps={{ withinPortal: true }}
        data-testid="dashboard-scheme"
      />
    </SimpleGrid>
  );

  if (error && !dashboard) {
    return (
      <Stack gap="md">
        {filters}
        <QueryError error={error} onRetry={() => void refetch().catch(() => undefined)} />
      </Stack>
    );
  }
  if (!dashboard) {
    return (
      <Stack gap="md">
        {filters}
        <LoadingBlock />
      </Stack>
    );
  }

  const unit = dashboard.unit;
  const crumbs = [
    { id: null, name: t('dashboard.wholeProvince') },
    ...(unit ? [...unit.ancestors.filter((ancestor) => ancestor.level > 1), unit].map((item) => ({ id: item.id, name: item.fullName })) : []),
  ];

  return (
    <Stack gap="md" aria-busy={loading} data-testid="dashboard">
      {filters}
      <Group gap="xs" justify="space-between" align="center">
        <Breadcrumbs separator="›" aria-label={t('dashboard.breadcrumb')} data-testid="dashboard-breadcrumb" style={{ flexWrap: 'wrap' }}>
          {crumbs.map((crumb, index) =>
            index === crumbs.length - 1 ? (
              <Text key={crumb.id ?? 'province'} fw={600} aria-current="page" data-testid="breadcrumb-current">
                {crumb.name}
              </Text>
            ) : (
              <Anchor key={crumb.id ?? 'province'} component="button" type="button" onClick={() => change({ unit: crumb.id }, true)} data-testid="breadcrumb-link">
                {crumb.name}
              </Anchor>
            ),
          )}
        </Breadcrumbs>
        <Text size="sm" c="dimmed" data-testid="dashboard-month-shown">
          {t('dashboard.figuresAt', { month: formatMonthNumeric(dashboard.month) })}
        </Text>
      </Group>
      {dashboard.scheme ? (
        <Text size="sm" data-testid="dashboard-scheme-shown">
          {schemeLabel(dashboard.scheme)}
        </Text>
      ) : (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle />} data-testid="dashboard-no-scheme">
          {t('dashboard.noScheme')}
        </Alert>
      )}

      <FigureCards figures={dashboard.figures} />

      <DashboardSection
        title={t('dashboard.atRisk.title')}
        intro={t('dashboard.atRisk.intro')}
        actions={
          <Group gap="xs">
            {dashboard.clubsAtRiskCount > 0 && (
              <Badge color="red" variant="light" tt="none" size="lg" data-testid="at-risk-count">
                {t('dashboard.atRisk.count', { count: dashboard.clubsAtRiskCount })}
              </Badge>
            )}
            <ExportButtons name="clubs-at-risk" params={{ tenantId, unitId, month, schemeId }} table={t('dashboard.atRisk.title')} />
          </Group>
        }
        testId="dashboard-at-risk"
      >
        <AtRiskClubs clubs={dashboard.clubsAtRisk} clubPath={clubPath} />
      </DashboardSection>

      <DashboardSection
        title={t('dashboard.progress.title')}
        intro={t('dashboard.progress.intro')}
        actions={<ExportButtons name="province-progress" params={exportParams} table={t('dashboard.progress.title')} />}
        testId="dashboard-progress"
      >
        <ProgressTable progress={dashboard.progress} />
      </DashboardSection>

      {dashboard.units.length > 0 && (
        <DashboardSection
          title={t('dashboard.units.title')}
          intro={t('dashboard.units.intro')}
          actions={<ExportButtons name="province-units" params={exportParams} table={t('dashboard.units.title')} />}
          testId="dashboard-units"
        >
          <UnitsTable units={dashboard.units} onOpen={(id) => change({ unit: id }, true)} />
        </DashboardSection>
      )}

      {unitId && (
        <DashboardSection
          title={dashboard.units.length > 0 ? t('dashboard.clubs.title') : t('dashboard.clubs.titleNoUnits')}
          actions={<ExportButtons name="province-clubs" params={exportParams} table={t('dashboard.clubs.title')} />}
          testId="dashboard-clubs"
        >
          <UnitClubs tenantId={tenantId} unitId={unitId} month={month} clubPath={clubPath} />
        </DashboardSection>
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <DashboardSection title={t('dashboard.quality.title')} intro={t('dashboard.quality.intro')} testId="dashboard-quality">
            <QualityChart quality={dashboard.quality} />
          </DashboardSection>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <DashboardSection title={t('dashboard.loans.title')} intro={t('dashboard.loans.intro')} testId="dashboard-loans">
            <LoansFigures loans={dashboard.loans} />
          </DashboardSection>
        </Grid.Col>
      </Grid>

      <DashboardSection
        title={t('dashboard.budget.title')}
        intro={t('dashboard.budget.intro')}
        actions={<ExportButtons name="province-budget" params={exportParams} table={t('dashboard.budget.title')} />}
        testId="dashboard-budget"
      >
        <BudgetExecution budget={dashboard.budget} />
      </DashboardSection>

      <DashboardSection
        title={t('dashboard.trend.title')}
        actions={<ExportButtons name="province-trend" params={exportParams} table={t('dashboard.trend.title')} />}
        testId="dashboard-trend"
      >
        <TrendChart trend={dashboard.trend} />
      </DashboardSection>
    </Stack>
  );
}
