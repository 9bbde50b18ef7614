import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

const DOCUMENT = /^export const (\w+) = (\{.*\}) as unknown as DocumentNode<(.+)>;$/gm;
const DOCUMENT_NODE_IMPORT = /^import type \{ TypedDocumentNode as DocumentNode \} from '@graphql-typed-document-node\/core';\n/m;

/**
 * Moves each operation's document out of graphql.ts into a module of its own, which graphql.ts
 * re-exports. A module goes whole into one chunk, and graphql.ts is imported by the sign-in page:
 * kept in one file, every page's queries (half a megabyte of syntax trees) rode along with it.
 */
function documentPerModule(file: string, content: string): string {
  if (path.basename(file) !== 'graphql.ts') return content;
  const folder = path.join(path.dirname(file), 'documents');
  const written = new Set<string>();
  const split = content.replace(DOCUMENT, (_line, name: string, tree: string, types: string) => {
    const typeNames = types.split(', ').filter((type) => /^\w+$/.test(type) && type !== 'unknown');
    const module = [
      '/* eslint-disable */',
      "import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';",
      ...(typeNames.length > 0 ? [`import type { ${typeNames.join(', ')} } from '../graphql.js';`] : []),
      '',
      `export const ${name} = ${tree} as unknown as DocumentNode<${types}>;`,
      '',
    ].join('\n');
    writeIfChanged(path.join(folder, `${name}.ts`), module);
    written.add(`${name}.ts`);
    return `export { ${name} } from './documents/${name}.js';`;
  });
  if (existsSync(folder)) {
    for (const stale of readdirSync(folder).filter((name) => !written.has(name))) rmSync(path.join(folder, stale));
  }
  return split.replace(DOCUMENT_NODE_IMPORT, '');
}

function writeIfChanged(file: string, content: string): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['client/src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'client/src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
      },
      config: {
        scalars: {
          DateTime: 'string',
          LocalDate: 'string',
          VND: 'number | string',
          Decimal: 'string',
        },
        enumType: 'string-literal',
        useTypeImports: true,
        nonOptionalTypename: false,
        skipTypeNameForRoot: true,
      },
      hooks: {
        beforeOneFileWrite: documentPerModule,
      },
    },
  },
};

export default config;
