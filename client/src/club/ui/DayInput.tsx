import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface DayInputProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  /** What is typed, as dd/mm/yyyy. */
  value: string;
  onChange: (text: string) => void;
}

/** "23112026" → "23/11/2026", as far as the digits go. */
export function groupDayDigits(digits: string): string {
  const day = digits.slice(0, 8);
  if (day.length <= 2) return day;
  if (day.length <= 4) return `${day.slice(0, 2)}/${day.slice(2)}`;
  return `${day.slice(0, 2)}/${day.slice(2, 4)}/${day.slice(4)}`;
}

/**
 * A phone's number pad often has no "/": digits typed one by one are grouped as dd/mm/yyyy, and
 * digits pasted alone too. Whoever types their own separators ("1/2/2026") keeps them, and
 * deleting is never undone.
 */
export function nextDayText(previous: string, typed: string): string {
  const digits = typed.replace(/\D/g, '');
  if (/^\d+$/.test(typed)) return groupDayDigits(digits);
  const appendedDigit = typed.length === previous.length + 1 && typed.startsWith(previous) && /\d$/.test(typed);
  const previousWasGrouped = previous === groupDayDigits(previous.replace(/\D/g, ''));
  return appendedDigit && previousWasGrouped ? groupDayDigits(digits) : typed;
}

export function DayInput({ value, onChange, ...props }: DayInputProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      placeholder={t('clubArea.common.dayPlaceholder')}
      inputMode="numeric"
      autoComplete="off"
      maxLength={10}
      {...props}
      value={value}
      onChange={(event) => onChange(nextDayText(value, event.currentTarget.value))}
    />
  );
}
