import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { addMonths, currentMonth, formatMonthNumeric } from '../format';

/** The national program's first replication scheme started in 2016: no figures before it. */
const FIRST_MONTH = '2016-01';

interface MonthSelectProps {
  label: string;
  value: string;
  onChange: (month: string) => void;
  testId?: string;
  /** The earliest month offered; 01/2016 if not given. */
  min?: string;
  /** The latest month offered; this month if not given. */
  max?: string;
}

/** Reporting months as MM/yyyy, newest first, typed to search ("03/2025" or "2025"). */
export function MonthSelect({ label, value, onChange, testId, min = FIRST_MONTH, max }: MonthSelectProps) {
  const last = max ?? currentMonth();
  const options = useMemo(() => {
    const months = [];
    for (let month = last; month >= min; month = addMonths(month, -1)) months.push({ value: month, label: formatMonthNumeric(month) });
    return months;
  }, [min, last]);
  return (
    <Select
      size="md"
      label={label}
      data={options}
      value={value}
      onChange={(month) => month && onChange(month)}
      allowDeselect={false}
      searchable
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}
