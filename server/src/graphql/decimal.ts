import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const DECIMAL = /^\d{1,18}(\.\d{1,2})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : '';
  if (!DECIMAL.test(text)) {
    throw new GraphQLError('A target value must be a number of at most 18 digits and 2 decimals, e.g. "400" or "70.5".', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * Target values: counts, percentages or đồng, carried as decimal text so that none of them
 * ever passes through a float.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact non-negative decimal number written as a string, e.g. "400", "70.5" or "2000000000".',
  serialize: (value) => parseDecimal(value),
  parseValue: parseDecimal,
  parseLiteral: (node: ValueNode) =>
    parseDecimal(node.kind === Kind.STRING || node.kind === Kind.INT || node.kind === Kind.FLOAT ? node.value : undefined),
});
