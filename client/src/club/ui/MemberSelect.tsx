import { useQuery } from '@apollo/client/react';
import { Select, type ComboboxItem, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ClubMemberOptionsDocument } from '../../gql/graphql';
import { foldForSearch } from '../club-format';

export interface MemberOption {
  id: string;
  fullName: string;
  birthYear: number;
}

interface MemberSelectProps extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> {
  value: string;
  onChange: (memberId: string, member: MemberOption | null) => void;
  /** Only home-care volunteers, or only members who need home care. */
  homeCareVolunteer?: boolean;
  needsHomeCare?: boolean;
  /** A member shown before the list has loaded, e.g. the one being edited. */
  initial?: MemberOption | null;
}

export function memberLabel(member: MemberOption): string {
  return `${member.fullName} (${member.birthYear})`;
}

/** Current members of the club, searched by the server (accents ignored) as the name is typed. */
export function MemberSelect({ value, onChange, homeCareVolunteer, needsHomeCare, initial, ...props }: MemberSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<MemberOption | null>(initial ?? null);
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const searching = debouncedSearch.trim() && (!chosen || debouncedSearch !== memberLabel(chosen)) ? debouncedSearch.trim() : null;
  const { data, previousData, loading } = useQuery(ClubMemberOptionsDocument, {
    variables: { search: searching, first: 100, homeCareVolunteer: homeCareVolunteer ?? null, needsHomeCare: needsHomeCare ?? null },
  });
  const members = (data ?? previousData)?.members.edges.map((edge) => edge.node) ?? [];
  const options = new Map<string, MemberOption>(members.map((member) => [member.id, member]));
  if (chosen && !options.has(chosen.id)) options.set(chosen.id, chosen);
  const items: ComboboxItem[] = [...options.values()].map((member) => ({ value: member.id, label: memberLabel(member) }));

  return (
    <Select
      searchable
      clearable
      size="md"
      placeholder={t('clubArea.common.memberPlaceholder')}
      nothingFoundMessage={loading ? t('common.loading') : t('clubArea.common.noMemberFound')}
      {...props}
      data={items}
      value={value || null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: shown, search: typed }) => {
        const folded = foldForSearch(typed);
        if (!folded || (chosen && typed === memberLabel(chosen))) return shown;
        return shown.filter((option) => 'label' in option && foldForSearch(option.label).includes(folded));
      }}
      onChange={(id) => {
        const member = id ? (options.get(id) ?? null) : null;
        setChosen(member);
        onChange(id ?? '', member);
      }}
      comboboxProps={{ position: 'bottom', middlewares: { flip: false, shift: false } }}
    />
  );
}
