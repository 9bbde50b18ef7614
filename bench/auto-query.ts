import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/**
 * A query for a root field the bench knows only by name (the national comparison and the
 * province dashboard are being written while the bench is): every field of its result that needs
 * no argument, to a bounded depth, skipping lists that paginate. Required arguments are filled by
 * name from `values`; a required argument the bench cannot fill makes the field unavailable.
 */
export type AutoQuery = { query: string; variables: Record<string, unknown> } | { unavailable: string };

export function autoQuery(
  schema: GraphQLSchema,
  fieldName: string,
  values: Record<string, unknown>,
  options: { maxDepth: number; operation?: string } = { maxDepth: 3 },
): AutoQuery {
  const field = schema.getQueryType()?.getFields()[fieldName];
  if (!field) return { unavailable: `query field \`${fieldName}\` is not in the schema yet` };
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const passed: string[] = [];
  for (const argument of field.args) {
    const value = valueFor(argument, values);
    if (value === undefined) {
      if (isNonNullType(argument.type) && argument.defaultValue === undefined) {
        return { unavailable: `\`${fieldName}\` needs argument \`${argument.name}: ${String(argument.type)}\` the bench cannot fill` };
      }
      continue;
    }
    variables[argument.name] = value;
    declarations.push(`$${argument.name}: ${String(argument.type)}`);
    passed.push(`${argument.name}: $${argument.name}`);
  }
  const selection = selectionOf(field, options.maxDepth);
  const operation = options.operation ?? `Bench_${fieldName}`;
  const query = `query ${operation}${declarations.length ? `(${declarations.join(', ')})` : ''} { ${fieldName}${passed.length ? `(${passed.join(', ')})` : ''}${selection} }`;
  return { query, variables };
}

function valueFor(argument: GraphQLArgument, values: Record<string, unknown>): unknown {
  if (argument.name in values) return values[argument.name];
  const type = getNamedType(argument.type);
  if (isInputObjectType(type)) return undefined;
  const typeName = type.name;
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith(`${typeName}:`)) return value;
  }
  return undefined;
}

function selectionOf(field: GraphQLField<unknown, unknown>, depth: number): string {
  const type = getNamedType(field.type);
  if (isScalarType(type) || isEnumType(type)) return '';
  if (!isObjectType(type)) return ' { __typename }';
  return ` { ${fieldsOf(type, depth).join(' ')} }`;
}

function fieldsOf(type: GraphQLObjectType, depth: number): string[] {
  const selected: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((argument) => isNonNullType(argument.type) && argument.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isScalarType(named) || isEnumType(named)) {
      selected.push(field.name);
      continue;
    }
    if (!isObjectType(named) || depth <= 1) continue;
    if (named.name.endsWith('Connection') || field.args.some((argument) => argument.name === 'first')) continue;
    const inner = fieldsOf(named, depth - 1);
    if (inner.length) selected.push(`${field.name} { ${inner.join(' ')} }`);
  }
  return selected.length ? selected : ['__typename'];
}
