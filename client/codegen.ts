import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

const DOCUMENT = /^export const (\w+) = (\{.*\}) as unknown as DocumentNode<(.+)>;$/gm;
const DOCUMENT_NODE_IMPORT = /^import type \{ TypedDocumentNode as DocumentNode \} from '@graphql-typed-document-node\/core';\n/m;
const HASH_IN_DOCUMENT = /^\{"__meta__":\{"hash":"([0-9a-f]{64})"\}/;

/**
 * The id of an operation is the sha256 of its text as persisted-documents.json holds it, in hex:
 * what Apollo's persisted-query protocol sends and what the server checks a text against. (The
 * preset's own sha256 writes a `sha256:` prefix, which that protocol does not take.)
 */
function documentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Moves each operation's document out of graphql.ts into a module of its own, which graphql.ts
 * re-exports. A module goes whole into one chunk, and graphql.ts is imported by the sign-in page:
 * kept in one file, every page's queries (half a megabyte of syntax trees) rode along with it.
 */
function documentPerModule(file: string, content: string): string {
  if (path.basename(file) !== 'graphql.ts') return content;
  const folder = path.join(path.dirname(file), 'documents');
  const written = new Set<string>();
  const hashes: string[] = [];
  const split = content.replace(DOCUMENT, (_line, name: string, tree: string, types: string) => {
    // Operations have one; fragments, sent only inside an operation, have none.
    const hash = HASH_IN_DOCUMENT.exec(tree)?.[1];
    if (hash) hashes.push(`export const ${name}Hash = '${hash}';`);
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
  writeIfChanged(
    path.join(path.dirname(file), 'document-hashes.ts'),
    ['/* eslint-disable */', '/** Each operation\'s id, for a request sent without Apollo Client: a hash is all it needs of the operation. */', ...hashes, ''].join('\n'),
  );
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
        // persisted-documents.json: every operation's id → its text. The client sends only the id;
        // the server reads the file to know the operations it trusts (docs/security.md).
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: documentHash },
      },
      // Apollo Client's cache asks for __typename in every selection; with it in the documents, what
      // the server runs for an id is exactly what the client would have sent as text.
      documentTransforms: [addTypenameSelectionDocumentTransform],
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
