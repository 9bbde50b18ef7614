import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { VND_ENTRY_CEILING_TEXT } from '../money/vnd-entry.js';

/** Instants, as ISO 8601 strings in UTC. */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeISOResolver.toConfig(),
  name: 'DateTime',
  description: 'An instant, as an ISO 8601 string in UTC, e.g. "2025-07-01T08:30:00.000Z".',
});

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar day of the years 100–9999, written YYYY-MM-DD (checked for every date a list returns). */
export function isLocalDate(value: string): boolean {
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

function parseLocalDate(value: unknown): string {
  if (typeof value !== 'string' || !isLocalDate(value)) {
    throw new GraphQLError('A date must be a real calendar day written YYYY-MM-DD, e.g. "2025-07-01".', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** Calendar dates without a time zone; the database returns them as text (see the pg type parser). */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'LocalDate',
  description: 'A calendar day, "YYYY-MM-DD", without time zone.',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseLocalDate(value)),
  parseValue: parseLocalDate,
  parseLiteral: (node: ValueNode) => parseLocalDate(node.kind === Kind.STRING ? node.value : undefined),
});

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function parseMonth(value: unknown): string {
  if (typeof value !== 'string' || !MONTH.test(value)) {
    throw new GraphQLError('A month must be written YYYY-MM, e.g. "2025-07".', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

/** Reporting months. */
export const MonthScalar = new GraphQLScalarType<string, string>({
  name: 'Month',
  description: 'A reporting month, "YYYY-MM".',
  serialize: parseMonth,
  parseValue: parseMonth,
  parseLiteral: (node: ValueNode) => parseMonth(node.kind === Kind.STRING ? node.value : undefined),
});

const MAX_EXACT_NUMBER = BigInt(Number.MAX_SAFE_INTEGER);

function wholeDong(value: unknown): bigint | null {
  if (typeof value === 'bigint') return value;
  const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : '';
  return /^-?\d+$/.test(text) ? BigInt(text) : null;
}

function parseVnd(value: unknown): bigint {
  const amount = wholeDong(value);
  if (amount === null) {
    throw new GraphQLError('An amount in VND must be a whole number of đồng.', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  // Past 2^53 a JSON number is no longer exact; every input field also refuses more than the ceiling, naming itself.
  if (amount > MAX_EXACT_NUMBER || amount < -MAX_EXACT_NUMBER) {
    throw new GraphQLError(`An amount in VND must be at most ${VND_ENTRY_CEILING_TEXT} per entry.`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return amount;
}

/**
 * A stored amount or a sum of them, always given back: a sum of many entries can pass 2^53, and a
 * read must neither fail nor round it, so such a sum is written as a decimal string.
 */
function serializeVnd(value: unknown): number | string {
  const amount = wholeDong(value);
  if (amount === null) throw new TypeError(`not an amount in whole đồng: ${String(value)}`);
  return amount <= MAX_EXACT_NUMBER && amount >= -MAX_EXACT_NUMBER ? Number(amount) : amount.toString();
}

/** Money: whole Vietnamese đồng. Stored as bigint and carried as bigint in the server; never a float. */
export const VndScalar = new GraphQLScalarType<bigint, number | string>({
  name: 'VND',
  description:
    'An amount of money in whole Vietnamese đồng (VND), never a fraction. Given back as a JSON integer, or as a ' +
    'string of digits (e.g. "9007199254740993") when it is beyond ±9007199254740991, where a JSON number stops being ' +
    `exact: only sums of many entries get there. Taken as a JSON integer or a string of digits; one entry is at most ${VND_ENTRY_CEILING_TEXT}.`,
  serialize: serializeVnd,
  parseValue: parseVnd,
  parseLiteral: (node: ValueNode) =>
    parseVnd(node.kind === Kind.INT || node.kind === Kind.STRING ? node.value : undefined),
});
