import { getMetadataStorage as validationMetadata } from 'class-validator';
import { getMetadataStorage as graphqlMetadata } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { buildApiSchema } from '../../server/src/graphql/schema.js';
import { VndScalar } from '../../server/src/graphql/scalars.js';
import { IS_VND_ENTRY } from '../../server/src/money/vnd-entry.js';

describe('every amount a client sends', () => {
  it('is checked against the ceiling of one entry: each VND field of an input carries @IsVndEntry', async () => {
    await buildApiSchema();
    const storage = graphqlMetadata();
    const inputClasses = new Set([...storage.inputTypes, ...storage.argumentTypes].map((type) => type.target));
    const amountFields = storage.fields.filter((field) => inputClasses.has(field.target) && field.getType() === VndScalar);
    expect(amountFields.length).toBeGreaterThanOrEqual(13);
    const unchecked = amountFields
      .filter((field) => {
        const rules = validationMetadata().getTargetValidationMetadatas(field.target, '', true, false);
        return !rules.some((rule) => rule.propertyName === field.name && rule.name === IS_VND_ENTRY);
      })
      .map((field) => `${field.target.name}.${field.name}`);
    expect(unchecked).toEqual([]);
    // A bare argument cannot carry the rule: amounts come in input classes.
    const bareArguments = storage.params.flatMap((param) => (param.kind === 'arg' && param.getType() === VndScalar ? [param] : []));
    expect(bareArguments.map((param) => `${param.target.name}.${param.methodName}(${param.name})`)).toEqual([]);
  });
});
