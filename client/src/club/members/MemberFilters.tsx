import { Button, Chip, Collapse, Group, Stack, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconChevronDown, IconChevronUp, IconFilter, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberStanding, Sex } from '../../gql/graphql';

export interface MemberFilterValues {
  search: string;
  standing: MemberStanding;
  sex: Sex | null;
  older: boolean;
  poorOrNearPoor: boolean;
  homeCareVolunteer: boolean;
  needsHomeCare: boolean;
  possibleDuplicate: boolean;
}

const flags = ['older', 'poorOrNearPoor', 'homeCareVolunteer', 'needsHomeCare', 'possibleDuplicate'] as const;
type Flag = (typeof flags)[number];

const paramOfFlag: Record<Flag, string> = {
  older: 'older',
  poorOrNearPoor: 'poor',
  homeCareVolunteer: 'volunteer',
  needsHomeCare: 'care',
  possibleDuplicate: 'duplicate',
};

export function filtersOf(params: URLSearchParams): MemberFilterValues {
  const standing = params.get('standing');
  const sex = params.get('sex');
  return {
    search: params.get('q') ?? '',
    standing: standing === 'LEFT' || standing === 'ALL' ? standing : 'CURRENT',
    sex: sex === 'FEMALE' || sex === 'MALE' ? sex : null,
    ...(Object.fromEntries(flags.map((flag) => [flag, params.get(paramOfFlag[flag]) === '1'])) as Record<Flag, boolean>),
  };
}

export function paramsOf(filters: MemberFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search.trim()) params.set('q', filters.search.trim());
  if (filters.standing !== 'CURRENT') params.set('standing', filters.standing);
  if (filters.sex) params.set('sex', filters.sex);
  for (const flag of flags) if (filters[flag]) params.set(paramOfFlag[flag], '1');
  return params;
}

export function isFiltered(filters: MemberFilterValues): boolean {
  return Boolean(filters.search.trim() || filters.standing !== 'CURRENT' || filters.sex || flags.some((flag) => filters[flag]));
}

export function MemberFilters({ filters, onChange }: { filters: MemberFilterValues; onChange: (change: Partial<MemberFilterValues>) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(filters.search);
  const applySearch = useDebouncedCallback((value: string) => onChange({ search: value }), 300);
  const activeCount = (filters.sex ? 1 : 0) + flags.filter((flag) => filters[flag]).length;
  const [moreOpened, setMoreOpened] = useState(activeCount > 0);

  return (
    <Stack gap="sm">
      <TextInput
        leftSection={<IconSearch size={18} />}
        label={t('clubArea.members.search')}
        placeholder={t('clubArea.members.searchPlaceholder')}
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          applySearch(event.currentTarget.value);
        }}
        type="search"
        data-testid="members-search"
      />
      <Chip.Group multiple={false} value={filters.standing} onChange={(value) => onChange({ standing: value as MemberStanding })}>
        <Group gap="xs" wrap="wrap" role="radiogroup" aria-label={t('clubArea.members.standingLabel')} data-testid="members-standing">
          {(['CURRENT', 'LEFT', 'ALL'] as const).map((standing) => (
            <Chip key={standing} value={standing} size="md" variant="filled" wrapperProps={{ 'data-testid': `members-standing-${standing}` }}>
              {t(`clubArea.members.standing.${standing}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <div>
        <Button
          variant="subtle"
          px={4}
          leftSection={<IconFilter size={18} />}
          rightSection={moreOpened ? <IconChevronUp size={18} /> : <IconChevronDown size={18} />}
          onClick={() => setMoreOpened((opened) => !opened)}
          aria-expanded={moreOpened}
          data-testid="members-more-filters"
        >
          {activeCount ? t('clubArea.members.moreFiltersCount', { count: activeCount }) : t('clubArea.members.moreFilters')}
        </Button>
        <Collapse expanded={moreOpened}>
          <Group gap="xs" wrap="wrap" pt="xs" role="group" aria-label={t('clubArea.members.filtersLabel')}>
            {(['FEMALE', 'MALE'] as const).map((sex) => (
              <Chip key={sex} size="md" checked={filters.sex === sex} onChange={(checked) => onChange({ sex: checked ? sex : null })} wrapperProps={{ 'data-testid': `members-filter-${sex}` }}>
                {t(`clubArea.sex.${sex}`)}
              </Chip>
            ))}
            {flags.map((flag) => (
              <Chip key={flag} size="md" checked={filters[flag]} onChange={(checked) => onChange({ [flag]: checked })} wrapperProps={{ 'data-testid': `members-filter-${flag}` }}>
                {t(`clubArea.members.filters.${flag}`)}
              </Chip>
            ))}
          </Group>
        </Collapse>
      </div>
    </Stack>
  );
}
