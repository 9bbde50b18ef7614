import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

export const errorCodes = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
  'NETWORK',
  'UNKNOWN',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface FieldError {
  field: string;
  message: string;
}

interface ErrorEntry {
  extensions?: Record<string, unknown> | null;
}

const statusCodes: Record<number, ErrorCode> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

function isErrorCode(value: unknown): value is ErrorCode {
  return errorCodes.includes(value as ErrorCode);
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
  const codes = errorEntries(error).map((entry) => entry.extensions?.code);
  const known = codes.find(isErrorCode);
  if (known) return known;
  if (codes.some((code) => code !== undefined)) return 'UNKNOWN';
  if (ServerError.is(error)) return statusCodes[error.statusCode] ?? 'INTERNAL_SERVER_ERROR';
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
