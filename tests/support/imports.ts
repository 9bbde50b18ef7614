import type { TestServer } from './api.js';

/** Uploads a file to `POST /imports/<kind><query>` with a session's token, as the client does; the answer as JSON. */
export async function uploadImport(server: TestServer, kind: string, body: string | Buffer, options: { query?: string; token: string }): Promise<{ status: number; json: any }> {
  const response = await fetch(`${server.url}/imports/${kind}${options.query ?? ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/octet-stream' },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: response.status, json: await response.json() };
}

/** `commitDataImport(id)`, as the given session. */
export function commitImport(server: TestServer, importId: string, token: string) {
  return server.gql<{ commitDataImport: { status: string } }>('mutation Commit($id: ID!) { commitDataImport(id: $id) { status } }', { id: importId }, token);
}
