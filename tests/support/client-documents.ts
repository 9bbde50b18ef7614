import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { CLIENT_DOCUMENTS_FILE } from '../../server/src/graphql/trusted-documents.js';

/** The client's operations by id, as `npm run codegen` writes them (generated here if this checkout has not). */
export function readClientDocuments(): Map<string, string> {
  if (!existsSync(CLIENT_DOCUMENTS_FILE)) {
    execFileSync('npm', ['run', 'codegen', '--silent'], { cwd: new URL('../..', import.meta.url), stdio: 'inherit' });
  }
  return new Map(Object.entries(JSON.parse(readFileSync(CLIENT_DOCUMENTS_FILE, 'utf8')) as Record<string, string>));
}

/** The id and text of the client's operation of that name. */
export function clientOperation(documents: Map<string, string>, name: string): { id: string; text: string } {
  const found = [...documents].find(([, text]) => new RegExp(`(^| )(query|mutation) ${name}[ ({]`).test(text));
  if (!found) throw new Error(`the client has no operation ${name}`);
  return { id: found[0], text: found[1] };
}
