import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PersistedQueryOptions } from '@apollo/server';
import type { Request, RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { ErrorCode } from './errors.js';

/**
 * The client's operations, written by `npm run codegen` (which `npm run build` and `npm start` run):
 * each operation's id, the sha256 of its text in hex, → that text.
 */
export const CLIENT_DOCUMENTS_FILE = fileURLToPath(new URL('../../../client/src/gql/persisted-documents.json', import.meta.url));

/** Apollo Server prefixes the keys it asks its persisted-query cache for. */
const APOLLO_CACHE_PREFIX = 'apq:';

export function documentId(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class TrustedDocumentsError extends Error {}

/**
 * The operations the server knows by id: the client's, as built. An id sent alone is answered with
 * the text kept for it, and Apollo's document cache, keyed by that id, parses and validates the
 * text once; later requests for the id skip both.
 */
export class TrustedDocuments {
  private documents: ReadonlyMap<string, string> = new Map();
  private modifiedMs = Number.NaN;

  private constructor(
    readonly file: string,
    /** Outside production codegen may rewrite the file while the server runs: an unknown id reads it again. */
    private readonly rereadOnMiss: boolean,
  ) {}

  /** Refuses a missing file when `required`: a production server without it could not even sign anyone in. */
  static load(file: string, options: { required: boolean; rereadOnMiss: boolean }): TrustedDocuments {
    const trusted = new TrustedDocuments(file, options.rereadOnMiss);
    if (!trusted.read() && options.required) {
      throw new TrustedDocumentsError(`${file} is missing: run \`npm run codegen\` (npm run build and npm start run it).`);
    }
    return trusted;
  }

  get size(): number {
    return this.documents.size;
  }

  text(id: string): string | undefined {
    const known = this.documents.get(id);
    if (known !== undefined || !this.rereadOnMiss) return known;
    try {
      this.read();
    } catch {
      // Caught half-written by codegen: the next unknown id reads it again.
    }
    return this.documents.get(id);
  }

  /** Apollo's persisted-query cache: it reads an id's text here and learns nothing new (no registration). */
  cache(): NonNullable<PersistedQueryOptions['cache']> {
    return {
      get: async (key) => this.text(key.startsWith(APOLLO_CACHE_PREFIX) ? key.slice(APOLLO_CACHE_PREFIX.length) : key),
      set: async () => undefined,
      delete: async () => false,
    };
  }

  /**
   * Checks a request that carries a text, before Apollo parses it: an id sent with it must be the
   * text's, and with `anonymousOnlyTrusted` (production) a caller without an account may send only
   * the client's operations, so that what anyone on the internet can make the server parse,
   * validate and run is that list. A signed-in caller may send any operation (scripts, integrations).
   * (An Apollo plugin cannot answer before parsing: what its first hooks throw becomes a 500.)
   */
  guard(options: { anonymousOnlyTrusted: boolean; signedIn: (request: Request) => Promise<boolean>; log: Logger }): RequestHandler {
    return async (request, response, next) => {
      const operation = operationOf(request);
      if (typeof operation?.text !== 'string') {
        next();
        return;
      }
      const id = documentId(operation.text);
      const refuse = (code: ErrorCode, message: string) => {
        options.log.info({ requestId: response.locals.requestId, status: 400, code }, 'request refused');
        response.status(400).json({ errors: [{ message, extensions: { code } }] });
      };
      if (operation.id !== undefined && operation.id !== id) {
        refuse(ErrorCode.BAD_REQUEST, 'The operation does not match its id: extensions.persistedQuery.sha256Hash must be the sha256 of `query`.');
        return;
      }
      if (options.anonymousOnlyTrusted && this.text(id) === undefined && !(await options.signedIn(request))) {
        refuse(ErrorCode.PERSISTED_QUERY_ID_REQUIRED, 'Without signing in, only the web client’s operations are taken, sent by their id (extensions.persistedQuery.sha256Hash).');
        return;
      }
      next();
    };
  }

  /** Reads the file if it changed since the last read; false if there is none. */
  private read(): boolean {
    const stat = statSync(this.file, { throwIfNoEntry: false });
    if (!stat) return false;
    if (stat.mtimeMs === this.modifiedMs) return true;
    this.documents = parseDocuments(this.file, readFileSync(this.file, 'utf8'));
    this.modifiedMs = stat.mtimeMs;
    return true;
  }
}

function parseDocuments(file: string, json: string): Map<string, string> {
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TrustedDocumentsError(`${file} is not an object of id → operation`);
  const documents = new Map<string, string>();
  for (const [id, text] of Object.entries(parsed)) {
    // An id the server would answer with another text would run what the client did not ask for.
    if (typeof text !== 'string' || documentId(text) !== id) throw new TrustedDocumentsError(`${file}: ${id} is not the sha256 of its operation`);
    documents.set(id, text);
  }
  return documents;
}

/** The text and id of a GraphQL request as Apollo reads them: from a POST's JSON body or a GET's query string. */
function operationOf(request: Request): { text: unknown; id: unknown } | null {
  if (request.method === 'POST') {
    const body: unknown = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
    const { query, extensions } = body as { query?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } };
    return { text: query, id: extensions?.persistedQuery?.sha256Hash };
  }
  if (request.method === 'GET') {
    const { query, extensions } = request.query;
    let id: unknown;
    try {
      id = typeof extensions === 'string' ? (JSON.parse(extensions) as { persistedQuery?: { sha256Hash?: unknown } }).persistedQuery?.sha256Hash : undefined;
    } catch {
      // Apollo refuses extensions that are not JSON.
    }
    return { text: query, id };
  }
  return null;
}
