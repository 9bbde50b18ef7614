import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface DayInputProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  /** What is typed, as dd/mm/yyyy. */
  value: string;
  onChange: (text: string) => void;
}

/**
 * A phone's number pad often has no "/": digits typed alone are grouped as dd/mm/yyyy while typing
 * ("23112026" → "23/11/2026"); text with separators is left as typed.
 */
export function groupDayDigits(text: string): string {
  if (!/^\d*$/.test(text)) return text;
  const digits = text.slice(0, 8);
  if (digits.length <= 2) return digits;
  if (digits.length <= 4) return `${digits.slice(0, 2)}/${digits.slice(2)}`;
  return `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4)}`;
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
      onChange={(event) => {
        const typed = event.currentTarget.value;
        // Deleting keeps what is left; only new digits are regrouped.
        onChange(typed.length < value.length ? typed : groupDayDigits(typed));
      }}
    />
  );
}
