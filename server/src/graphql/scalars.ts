import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DateTimeISOResolver } from 'graphql-scalars';

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

function parseVnd(value: unknown): bigint {
  const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : '';
  if (!/^-?\d+$/.test(text)) {
    throw new GraphQLError('An amount in VND must be a whole number of đồng.', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const amount = BigInt(text);
  if (amount > BigInt(Number.MAX_SAFE_INTEGER) || amount < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new GraphQLError('An amount in VND is too large.', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return amount;
}

/**
 * Money: whole Vietnamese đồng. Stored as bigint, carried as bigint in the server,
 * written as a JSON integer (exact up to Number.MAX_SAFE_INTEGER); never a float.
 */
export const VndScalar = new GraphQLScalarType<bigint, number>({
  name: 'VND',
  description: 'An amount of money in whole Vietnamese đồng (VND): an integer, never a fraction.',
  serialize: (value) => Number(parseVnd(typeof value === 'bigint' ? value.toString() : value)),
  parseValue: parseVnd,
  parseLiteral: (node: ValueNode) =>
    parseVnd(node.kind === Kind.INT || node.kind === Kind.STRING ? node.value : undefined),
});
