import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { CLIENT_DOCUMENTS_FILE } from '../server/src/graphql/trusted-documents.js';

const clientSource = fileURLToPath(new URL('../client/src', import.meta.url));
let definitions: Promise<DefinitionNode[]> | undefined;

async function allDefinitions(): Promise<DefinitionNode[]> {
  const files = (await readdir(clientSource, { recursive: true })).filter((file) => file.endsWith('.graphql'));
  const found: DefinitionNode[] = [];
  for (const file of files) found.push(...parse(await readFile(path.join(clientSource, file), 'utf8')).definitions);
  return found;
}

/**
 * A query exactly as the client sends it: the operation from client/src with every fragment it
 * spreads, so the bench measures what a screen asks for. Null when the client has no such operation.
 */
export async function clientOperation(name: string): Promise<string | null> {
  definitions ??= allDefinitions();
  const all = await definitions;
  const operation = all.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === name);
  if (!operation) return null;
  const fragments = new Map(all.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
  const needed = new Map<string, FragmentDefinitionNode>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) => {
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !needed.has(fragment.name.value)) {
          needed.set(fragment.name.value, fragment);
          collect(fragment);
        }
      },
    });
  };
  collect(operation);
  return [operation, ...needed.values()].map((definition) => print(definition)).join('\n\n');
}

/**
 * The id the client sends instead of an operation's text (Apollo's persisted-query protocol), from
 * the list `npm run codegen` writes; the server runs the text listed under it, as it does for the
 * client.
 */
export async function clientOperationId(name: string): Promise<string> {
  let listed: Record<string, string>;
  try {
    listed = JSON.parse(await readFile(CLIENT_DOCUMENTS_FILE, 'utf8')) as Record<string, string>;
  } catch {
    throw new Error(`${CLIENT_DOCUMENTS_FILE} cannot be read: run \`npm run codegen\` first.`);
  }
  const operation = new RegExp(`(^| )(query|mutation) ${name}[ ({]`);
  const found = Object.entries(listed).find(([, text]) => operation.test(text));
  if (!found) throw new Error(`the client has no operation ${name}`);
  return found[0];
}
