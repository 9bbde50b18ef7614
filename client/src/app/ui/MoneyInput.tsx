import { TextInput, type TextInputProps } from '@mantine/core';
import { useLayoutEffect, useRef } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { groupDigits, moneyDigits, moneyProblem, typedMoney, type MoneyProblem } from '../money';

interface DigitsInputProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  /** The number as digits only, e.g. "1855000000". */
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
 * A whole number, shown grouped with dots while typing (1.234.567). Regrouping moves the caret,
 * so it is put back after the same number of digits as before the edit.
 */
export function GroupedDigitsInput({ value, onChange, toValue = moneyDigits, ...props }: DigitsInputProps & { toValue?: (text: string) => string }) {
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
      onChange={(event) => {
        const text = event.currentTarget.value;
        caretDigits.current = digitsBefore(text, event.currentTarget.selectionStart ?? text.length);
        onChange(toValue(text));
      }}
    />
  );
}

const problemKeys = { negative: 'fieldErrors.negativeAmount', ceiling: 'fieldErrors.amountCeiling' } as const satisfies Record<MoneyProblem, string>;

export function moneyProblemMessage(t: TFunction, problem: MoneyProblem): string {
  return t(problemKeys[problem]);
}

/** Why a typed amount cannot be recorded, in the reader's words; null when it can. */
export function useMoneyProblem(): (typed: string) => string | null {
  const { t } = useTranslation();
  return (typed) => {
    const problem = moneyProblem(typed);
    return problem ? moneyProblemMessage(t, problem) : null;
  };
}

/**
 * Whole đồng, for one entry. A typed minus is kept in the value and said to be wrong here, as is an
 * amount over the ceiling; a form refuses to send either (its check uses `useMoneyProblem`).
 */
export function MoneyInput({ error, ...props }: DigitsInputProps) {
  const problemOf = useMoneyProblem();
  return <GroupedDigitsInput rightSection="₫" toValue={typedMoney} {...props} error={problemOf(props.value) ?? error} />;
}
