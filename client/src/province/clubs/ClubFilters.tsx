import { useQuery } from '@apollo/client/react';
import { Select, SimpleGrid, TextInput, type ComboboxItem } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ClubFilterCommunesDocument, ClubFilterDistrictsDocument, type ClubStatus } from '../../gql/graphql';

export interface ClubFilterValues {
  districtId: string | null;
  communeId: string | null;
  status: ClubStatus | null;
  search: string;
}

const DISTRICT_LEVEL = 2;
const COMMUNE_LEVEL = 3;
const statuses: ClubStatus[] = ['ACTIVE', 'PLANNED', 'SUSPENDED', 'DISSOLVED'];

interface UnitOption {
  id: string;
  fullName: string;
  level: number;
  retired: boolean;
}

/** Units in force first, in official order; retired ones stay pickable, since their clubs keep their records. */
function optionsOf(t: TFunction, units: UnitOption[], level: number): ComboboxItem[] {
  const atLevel = units.filter((unit) => unit.level === level);
  return [...atLevel.filter((unit) => !unit.retired), ...atLevel.filter((unit) => unit.retired)].map((unit) => ({
    value: unit.id,
    label: unit.retired ? t('provinceClubs.clubs.retired', { name: unit.fullName }) : unit.fullName,
  }));
}

export function ClubFilters({ values, onChange }: { values: ClubFilterValues; onChange: (change: Partial<ClubFilterValues>) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(values.search);
  const publishSearch = useDebouncedCallback((text: string) => onChange({ search: text.normalize('NFC').trim() }), 300);
  // Filters cleared from outside (the empty list's button) empty the box too.
  useEffect(() => {
    if (!values.search) setSearch('');
  }, [values.search]);
  const roots = useQuery(ClubFilterDistrictsDocument);
  const provinceChildren = roots.data?.adminUnits.edges.flatMap((edge) => edge.node.children) ?? [];
  const districts = optionsOf(t, provinceChildren, DISTRICT_LEVEL);
  // Since the 2025 reform a province may hold its communes directly, without districts.
  const communesWithoutDistrict = optionsOf(t, provinceChildren, COMMUNE_LEVEL);
  const communesOfDistrict = useQuery(ClubFilterCommunesDocument, {
    variables: { districtId: values.districtId ?? '' },
    skip: !values.districtId,
  });
  const communes = values.districtId ? optionsOf(t, communesOfDistrict.data?.adminUnit?.children ?? [], COMMUNE_LEVEL) : communesWithoutDistrict;

  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
      <TextInput
        type="search"
        label={t('provinceClubs.clubs.search')}
        placeholder={t('provinceClubs.clubs.searchPlaceholder')}
        leftSection={<IconSearch size={18} />}
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          publishSearch(event.currentTarget.value);
        }}
        autoComplete="off"
        data-testid="clubs-search"
      />
      {districts.length > 0 && (
        <Select
          size="md"
          label={t('provinceClubs.clubs.district')}
          placeholder={t('provinceClubs.clubs.allDistricts')}
          data={districts}
          value={values.districtId}
          onChange={(districtId) => onChange({ districtId, communeId: null })}
          searchable
          clearable
          nothingFoundMessage={t('provinceClubs.clubs.noMatch')}
          data-testid="clubs-district"
        />
      )}
      <Select
        size="md"
        label={t('provinceClubs.clubs.commune')}
        placeholder={t('provinceClubs.clubs.allCommunes')}
        data={communes}
        value={values.communeId}
        onChange={(communeId) => onChange({ communeId })}
        searchable
        clearable
        disabled={districts.length > 0 && !values.districtId}
        data-testid="clubs-commune"
      />
      <Select
        size="md"
        label={t('provinceClubs.clubs.status')}
        placeholder={t('provinceClubs.clubs.allStatuses')}
        data={statuses.map((status) => ({ value: status, label: t(`clubStatus.${status}`) }))}
        value={values.status}
        onChange={(status) => onChange({ status: status as ClubStatus | null })}
        clearable
        data-testid="clubs-status"
      />
    </SimpleGrid>
  );
}
