import { useQuery } from '@apollo/client/react';
import { Select, type ComboboxItem } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecipientClubSearchDocument, type RecipientClubSearchQuery } from '../../../gql/graphql';

export type PickedClub = RecipientClubSearchQuery['clubs']['edges'][number]['node'];

const keepServerOrder = ({ options }: { options: ComboboxItem[] | unknown[] }) => options as ComboboxItem[];

/** A club of the province found by name (accents and case ignored on the server). */
export function ClubPicker({ label, value, onChange, error, testId }: { label: string; value: PickedClub | null; onChange: (club: PickedClub | null) => void; error?: string; testId?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.normalize('NFC').trim(), 250);
  const known = useRef(new Map<string, PickedClub>());
  const { data, loading } = useQuery(RecipientClubSearchDocument, { variables: { search: debounced }, skip: debounced.length < 2 });
  const found = useMemo(() => (data?.clubs.edges ?? []).map((edge) => edge.node), [data]);
  for (const club of found) known.current.set(club.id, club);
  const items = useMemo(() => {
    const clubs = value && !found.some((club) => club.id === value.id) ? [value, ...found] : found;
    return clubs.map((club) => ({ value: club.id, label: `${club.name} — ${club.commune.fullName}` }));
  }, [found, value]);
  return (
    <Select
      label={label}
      placeholder={t('spending.clubPlaceholder')}
      nothingFoundMessage={debounced.length >= 2 && !loading ? t('spending.noClub') : undefined}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      data={items}
      filter={keepServerOrder}
      value={value?.id ?? null}
      onChange={(id) => onChange(id ? (known.current.get(id) ?? null) : null)}
      error={error}
      data-testid={testId}
    />
  );
}
