import { Text, type TextProps } from '@mantine/core';
import { formatVnd } from '../../app/format';
import type { Vnd } from '../../app/money';
import classes from './club-ui.module.css';

/** An amount as 1.855.000.000 ₫; `signed` shows money out of a fund in red and money in with a plus. */
export function Money({ amount, signed, ...props }: { amount: Vnd | bigint; signed?: boolean } & TextProps & { 'data-testid'?: string }) {
  const text = formatVnd(amount);
  const value = BigInt(amount);
  return (
    <Text span inherit className={classes.money} c={signed ? (value < 0n ? 'red.8' : 'teal.9') : undefined} {...props}>
      {signed && value > 0n ? `+${text}` : text}
    </Text>
  );
}
