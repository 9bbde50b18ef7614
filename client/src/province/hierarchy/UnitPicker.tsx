import { useQuery } from '@apollo/client/react';
import { MultiSelect, Select, type ComboboxItem } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UnitPickerSearchDocument, type UnitPickerSearchQuery } from '../../gql/graphql';

export type PickedUnit = UnitPickerSearchQuery['adminUnits']['edges'][number]['node'];

interface PickerBase {
  label: string;
  description?: string;
  error?: string;
  /** Units that may not be picked (e.g. the unit being changed). */
  excludeIds?: string[];
  testId?: string;
}

function labelOf(unit: PickedUnit): string {
  return unit.parent ? `${unit.fullName} — ${unit.parent.fullName}` : unit.fullName;
}

/** Units found by name anywhere in the province (accent-insensitive on the server); retired units cannot be picked. */
function useUnitSearch(excludeIds: string[] = []) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.normalize('NFC').trim(), 250);
  const known = useRef(new Map<string, PickedUnit>());
  const { data } = useQuery(UnitPickerSearchDocument, { variables: { search: debounced }, skip: debounced.length < 2 });
  const found = (data?.adminUnits.edges ?? []).map((edge) => edge.node).filter((unit) => !unit.retired && !excludeIds.includes(unit.id));
  for (const unit of found) known.current.set(unit.id, unit);
  return { search, setSearch, found, known: known.current };
}

function itemsOf(units: PickedUnit[]): ComboboxItem[] {
  return units.map((unit) => ({ value: unit.id, label: labelOf(unit) }));
}

const keepServerOrder = ({ options }: { options: ComboboxItem[] | unknown[] }) => options as ComboboxItem[];

export function UnitPicker({
  value,
  onChange,
  initial,
  ...props
}: PickerBase & { value: PickedUnit | null; onChange: (unit: PickedUnit | null) => void; initial?: PickedUnit | null }) {
  const { t } = useTranslation();
  const { search, setSearch, found, known } = useUnitSearch(props.excludeIds);
  const data = useMemo(() => {
    const units = [...found];
    for (const extra of [value, initial]) if (extra && !units.some((unit) => unit.id === extra.id)) units.unshift(extra);
    return itemsOf(units);
  }, [found, value, initial]);
  return (
    <Select
      label={props.label}
      description={props.description}
      error={props.error}
      placeholder={t('hierarchy.form.pickerPlaceholder')}
      nothingFoundMessage={search.trim().length >= 2 ? t('hierarchy.form.pickerEmpty') : undefined}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      filter={keepServerOrder}
      value={value?.id ?? null}
      onChange={(id) => onChange(id ? (known.get(id) ?? (value?.id === id ? value : initial?.id === id ? initial : null)) : null)}
      data-testid={props.testId}
    />
  );
}

export function UnitMultiPicker({ value, onChange, ...props }: PickerBase & { value: PickedUnit[]; onChange: (units: PickedUnit[]) => void }) {
  const { t } = useTranslation();
  const { search, setSearch, found, known } = useUnitSearch(props.excludeIds);
  const data = useMemo(() => itemsOf([...value, ...found.filter((unit) => !value.some((picked) => picked.id === unit.id))]), [found, value]);
  return (
    <MultiSelect
      label={props.label}
      description={props.description}
      error={props.error}
      placeholder={t('hierarchy.form.pickerPlaceholder')}
      nothingFoundMessage={search.trim().length >= 2 ? t('hierarchy.form.pickerEmpty') : undefined}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      filter={keepServerOrder}
      value={value.map((unit) => unit.id)}
      onChange={(ids) => onChange(ids.map((id) => known.get(id) ?? value.find((unit) => unit.id === id)).filter((unit): unit is PickedUnit => Boolean(unit)))}
      data-testid={props.testId}
    />
  );
}
