import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { printApiSchema } from '../../server/src/graphql/schema.js';

describe('schema/schema.graphql', () => {
  it('is the schema the code builds (run `npm run schema` after changing the API)', async () => {
    const committed = await readFile(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(await printApiSchema());
  });

  it('describes every type and field', async () => {
    const sdl = await printApiSchema();
    expect(sdl).toContain('type AdminUnit');
    const { buildSchema, isObjectType, isInputObjectType } = await import('graphql');
    const schema = buildSchema(sdl);
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(missing.filter((name) => !['Boolean', 'String', 'Int', 'ID', 'Float'].includes(name))).toEqual([]);
  });
});
