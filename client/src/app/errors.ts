import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { errorCodeOfStatus, isErrorCode, type ErrorCode } from './error-codes.js';
import { RequestError } from './graphql-request.js';

export { errorCodes, type ErrorCode } from './error-codes.js';

export interface FieldError {
  field: string;
  message: string;
}

interface ErrorEntry {
  extensions?: Record<string, unknown> | null;
}

function bodyErrors(error: ServerError): readonly ErrorEntry[] {
  try {
    const body: unknown = JSON.parse(error.bodyText);
    const errors = (body as { errors?: unknown }).errors;
    return Array.isArray(errors) ? (errors as ErrorEntry[]) : [];
  } catch {
    return [];
  }
}

function errorEntries(error: unknown): readonly ErrorEntry[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors;
  if (ServerError.is(error)) return bodyErrors(error);
  return [];
}

export function errorCodeOf(error: unknown): ErrorCode | null {
  if (!error) return null;
  if (error instanceof RequestError) return error.code;
  const codes = errorEntries(error).map((entry) => entry.extensions?.code);
  const known = codes.find(isErrorCode);
  if (known) return known;
  if (codes.some((code) => code !== undefined)) return 'UNKNOWN';
  if (ServerError.is(error)) return errorCodeOfStatus(error.statusCode);
  if (CombinedGraphQLErrors.is(error)) return 'UNKNOWN';
  return 'NETWORK';
}

export function hasErrorCode(error: unknown, code: ErrorCode): boolean {
  return errorEntries(error).some((entry) => entry.extensions?.code === code) || errorCodeOf(error) === code;
}

function isFieldError(value: unknown): value is FieldError {
  const candidate = value as Partial<FieldError> | null;
  return typeof candidate?.field === 'string' && typeof candidate.message === 'string';
}

export function retryAfterSecondsOf(error: unknown): number | null {
  if (error instanceof RequestError) return error.retryAfterSeconds;
  for (const entry of errorEntries(error)) {
    const seconds = entry.extensions?.retryAfterSeconds;
    if (typeof seconds === 'number' && seconds > 0) return seconds;
  }
  return null;
}

/** Server field paths may be qualified by the input argument ("input.login"); forms use the last segment. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of errorEntries(error)) {
    const fields = entry.extensions?.fields;
    if (!Array.isArray(fields)) continue;
    for (const fieldError of fields.filter(isFieldError)) {
      const field = fieldError.field.split('.').pop() ?? fieldError.field;
      result[field] ??= fieldError.message;
    }
  }
  return result;
}

/** Field problems with the server's full paths ("lines[2].amount"), for forms with repeated rows. */
export function fieldProblemsOf(error: unknown): FieldError[] {
  return errorEntries(error).flatMap((entry) => {
    const fields = entry.extensions?.fields;
    return Array.isArray(fields) ? fields.filter(isFieldError) : [];
  });
}
