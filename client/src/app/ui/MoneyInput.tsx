import { TextInput, type TextInputProps } from '@mantine/core';
import { useLayoutEffect, useRef } from 'react';
import { groupDigits, moneyDigits } from '../money';

interface MoneyInputProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  /** The amount as digits only, e.g. "1855000000". */
  value: string;
  onChange: (digits: string) => void;
}

function digitsBefore(text: string, position: number): number {
  return text.slice(0, position).replace(/\D/g, '').length;
}

function positionAfterDigits(text: string, digitCount: number): number {
  if (digitCount === 0) return 0;
  let seen = 0;
  for (let index = 0; index < text.length; index += 1) {
    if (/\d/.test(text[index])) seen += 1;
    if (seen === digitCount) return index + 1;
  }
  return text.length;
}

/**
 * Whole đồng, shown grouped with dots while typing. Regrouping moves the caret, so it is put
 * back after the same number of digits as before the edit.
 */
export function MoneyInput({ value, onChange, ...props }: MoneyInputProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const caretDigits = useRef<number | null>(null);
  const shown = groupDigits(value);

  useLayoutEffect(() => {
    const input = inputRef.current;
    if (!input || caretDigits.current === null || document.activeElement !== input) return;
    const position = positionAfterDigits(shown, caretDigits.current);
    input.setSelectionRange(position, position);
    caretDigits.current = null;
  }, [shown]);

  return (
    <TextInput
      {...props}
      ref={inputRef}
      value={shown}
      inputMode="numeric"
      autoComplete="off"
      rightSection="₫"
      onChange={(event) => {
        const text = event.currentTarget.value;
        caretDigits.current = digitsBefore(text, event.currentTarget.selectionStart ?? text.length);
        onChange(moneyDigits(text));
      }}
    />
  );
}
