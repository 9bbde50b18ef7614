import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { isDatabaseUnavailable } from '../database/unavailable.js';

/** The codes a client may see in `extensions.code`. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  BAD_REQUEST = 'BAD_REQUEST',
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  /** An operation sent by an id the server does not know (Apollo's persisted-query protocol). */
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  /** In production, a caller without an account sent an operation that is not one of the client's. */
  PERSISTED_QUERY_ID_REQUIRED = 'PERSISTED_QUERY_ID_REQUIRED',
  TIMEOUT = 'TIMEOUT',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export interface FieldProblem {
  field: string;
  message: string;
}

export function unauthenticated(message = 'Please sign in.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export function forbidden(message = 'You are not allowed to do this.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function notFound(what: string): GraphQLError {
  return new GraphQLError(`${what} not found.`, { extensions: { code: ErrorCode.NOT_FOUND } });
}

export function conflict(what: string): GraphQLError {
  return new GraphQLError(`${what} was changed by someone else since you read it. Reload and try again.`, {
    extensions: { code: ErrorCode.CONFLICT },
  });
}

/** A request the API does not take as it is sent, whatever its values. */
export function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_REQUEST } });
}

export function badInput(fields: FieldProblem[]): GraphQLError {
  const message = fields.map((problem) => `${problem.field}: ${problem.message}`).join('; ');
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, fields } });
}

export function tooManyRequests(retryAfterSeconds: number): GraphQLError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new GraphQLError(`Too many failed attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`, {
    extensions: { code: ErrorCode.TOO_MANY_REQUESTS, retryAfterSeconds },
  });
}

interface DatabaseError {
  code: string;
  column?: string;
  constraint?: string;
}

function databaseErrorOf(error: unknown): DatabaseError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    const candidate = current as { code?: unknown; driverError?: unknown; originalError?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate as DatabaseError;
    current = candidate.driverError ?? candidate.originalError;
  }
  return undefined;
}

/** SQLSTATE → the error a client sees. Constraint names and SQL never leave the server. */
function fromDatabase(error: DatabaseError): { code: ErrorCode; message: string; fields?: FieldProblem[] } | undefined {
  switch (error.code) {
    case '23505':
      return { code: ErrorCode.CONFLICT, message: 'This already exists.' };
    case '23503':
      return { code: ErrorCode.BAD_USER_INPUT, message: 'This refers to something that does not exist in your workspace, or is still in use.' };
    case '23502':
    case '23514':
    case '22P02':
    case '22001':
    case '22007':
    case '22008':
      return { code: ErrorCode.BAD_USER_INPUT, message: 'Some of the values are not valid.' };
    case '42501':
      return { code: ErrorCode.FORBIDDEN, message: 'You are not allowed to do this.' };
    case '57014':
      return { code: ErrorCode.TIMEOUT, message: 'The request took too long and was cancelled. Try again, or narrow it down.' };
    case '40001':
    case '40P01':
      return { code: ErrorCode.CONFLICT, message: 'Someone else was changing the same data. Try again.' };
    default:
      return undefined;
  }
}

function validationFields(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    // Items of a list are named as the services name them: `lines[2].amount`.
    const field = /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...validationFields(error.children ?? [], field)];
  });
}

const CLIENT_CODES = new Set<string>(Object.values(ErrorCode));

/** Apollo's own codes for a request it cannot run, as this API's codes. */
const APOLLO_CODES: Partial<Record<string, ErrorCode>> = {
  // Several operations and no operationName, or an operationName the document lacks.
  OPERATION_RESOLUTION_FAILURE: ErrorCode.BAD_REQUEST,
};

/** The code a client may see for this code, if it is a client's mistake. */
function clientCodeOf(code: unknown): ErrorCode | undefined {
  if (typeof code !== 'string') return undefined;
  const mapped = APOLLO_CODES[code] ?? code;
  return CLIENT_CODES.has(mapped) && mapped !== ErrorCode.INTERNAL_SERVER_ERROR ? (mapped as ErrorCode) : undefined;
}

/**
 * The one place errors are shaped for clients: known codes pass with their message,
 * database errors are mapped by SQLSTATE, and everything else is masked.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof ArgumentValidationError) {
    const fields = validationFields(original.extensions.validationErrors);
    return {
      ...base,
      message: fields.map((problem) => `${problem.field}: ${problem.message}`).join('; ') || 'Invalid input.',
      extensions: { code: ErrorCode.BAD_USER_INPUT, fields },
    };
  }

  if (isDatabaseUnavailable(original)) {
    return { ...base, message: 'The database cannot be reached right now. Try again in a moment.', extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
  }

  const database = databaseErrorOf(original);
  if (database) {
    const mapped = fromDatabase(database);
    if (mapped) return { ...base, message: mapped.message, extensions: { code: mapped.code } };
    return { ...base, message: 'Something went wrong on our side.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  }

  const code = clientCodeOf(formatted.extensions?.code);
  if (code) {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...base, extensions: { ...extensions, code } };
  }
  return { ...base, message: 'Something went wrong on our side.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

export function isClientError(error: unknown): boolean {
  // Apollo gives its parse and validation errors their code, and keeps graphql-js's error, which
  // has none, as the original.
  if (error instanceof GraphQLError && clientCodeOf(error.extensions?.code)) return true;
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof GraphQLError) return clientCodeOf(original.extensions?.code) !== undefined;
  const database = databaseErrorOf(original);
  return database !== undefined && fromDatabase(database) !== undefined;
}
