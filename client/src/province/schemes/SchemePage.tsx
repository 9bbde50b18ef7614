import { useQuery } from '@apollo/client/react';
import { Group, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { EmptyMessage } from '../../app/ui/EmptyMessage';
import { LoadingBlock } from '../../app/ui/LoadingBlock';
import { PageHeader } from '../../app/ui/PageHeader';
import { QueryError } from '../../app/ui/QueryError';
import { SchemeDocument } from '../../gql/graphql';
import { BudgetEditor } from './budget/BudgetEditor';
import { ClubPlanPanel } from './club-plan/ClubPlanPanel';
import { SchemeHistoryPanel } from './history/SchemeHistoryPanel';
import { SchemeOverview } from './SchemeOverview';
import { SchemeProvinceNote } from './SchemeProvinceNote';
import { SchemeStatusBadge } from './SchemeStatusBadge';
import { SpendingPanel } from './spending/SpendingPanel';
import { TargetsEditor } from './targets/TargetsEditor';
import { BackLink } from '../../app/ui/BackLink';
import { isMissingRecord, isRecordId } from '../../app/record-id';

const tabs = ['overview', 'budget', 'targets', 'spending', 'club-plan', 'history'] as const;
type SchemeTab = (typeof tabs)[number];

const tabLabelKeys = {
  overview: 'schemes.tabs.overview',
  budget: 'schemes.tabs.budget',
  targets: 'schemes.tabs.targets',
  spending: 'schemes.tabs.spending',
  'club-plan': 'schemes.tabs.clubPlan',
  history: 'schemes.tabs.history',
} as const satisfies Record<SchemeTab, string>;

function isTab(value: string | null): value is SchemeTab {
  return tabs.includes(value as SchemeTab);
}

export function SchemePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  // The tab lives in the address so that a reload or a shared link opens the same tab.
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('tab');
  const tab: SchemeTab = isTab(requested) ? requested : 'overview';
  const { data, error, refetch } = useQuery(SchemeDocument, { variables: { id }, skip: !isRecordId(id) });
  const reload = () => refetch();
  const scheme = data?.scheme;

  const back = (
    <BackLink to="/province/schemes" testId="scheme-back">{t('schemes.overview.back')}</BackLink>
  );

  if (error && !data && !isMissingRecord(error)) return <Stack>{back}<QueryError error={error} onRetry={() => void reload().catch(() => undefined)} /></Stack>;
  if (!data && !error && isRecordId(id)) return <LoadingBlock />;
  if (!scheme) {
    return (
      <Stack>
        {back}
        <EmptyMessage>{t('schemes.overview.notFound')}</EmptyMessage>
      </Stack>
    );
  }

  return (
    <>
      {back}
      <PageHeader
        title={scheme.title}
        description={
          <Stack gap={4} component="span">
            <Group gap="sm" component="span">
              <Text span inherit data-testid="scheme-period">
                {t('schemes.period', { first: scheme.firstYear, last: scheme.lastYear })}
              </Text>
              <SchemeStatusBadge status={scheme.status} />
            </Group>
            <SchemeProvinceNote province={scheme.province} tenant={scheme.tenant} size="md" />
          </Stack>
        }
      />
      <Tabs
        value={tab}
        onChange={(value) => setSearchParams(value && value !== 'overview' ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md" style={{ flexWrap: 'nowrap', overflowX: 'auto' }}>
          {tabs.map((value) => (
            <Tabs.Tab key={value} value={value} data-testid={`scheme-tab-${value}`} style={{ whiteSpace: 'nowrap' }}>
              {t(tabLabelKeys[value])}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <SchemeOverview scheme={scheme} onReload={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="budget">
          <BudgetEditor key={scheme.id} scheme={scheme} onReload={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="targets">
          <TargetsEditor key={scheme.id} scheme={scheme} onReload={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="spending">
          <SpendingPanel scheme={scheme} onReload={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="club-plan">
          <ClubPlanPanel scheme={scheme} onReload={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <SchemeHistoryPanel schemeId={scheme.id} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
