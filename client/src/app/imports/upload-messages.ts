import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { errorCodes, type ErrorCode } from '../errors.js';
import { ImportUploadError, type ImportKind } from './import-kinds.js';

type Rule = [field: string, pattern: RegExp, say: (t: TFunction, kind: ImportKind) => string];

/**
 * The server words what is wrong with a file in Vietnamese (missing columns, an unreadable file)
 * and what is wrong with the request in English; the latter are said here in the reader's words.
 */
const rules: Rule[] = [
  ['kind', /is not available/, (t, kind) => t('imports.errors.notAvailable', { kind: t(`imports.kinds.${kind}.noun`) })],
  ['surveyId', /name the survey/, (t) => t('imports.errors.surveyRequired')],
  ['surveyId', /is not a survey identifier/, (t) => t('imports.errors.badSurvey')],
  ['clubId', /is not a club identifier/, (t) => t('imports.errors.badClub')],
  ['file', /send the file as the body/, (t) => t('imports.errors.emptyFile')],
];

/** Whether a message is the server's Vietnamese (its English messages are plain ASCII). */
function isVietnamese(message: string): boolean {
  return /[^\u0000-\u007f]/.test(message);
}

function isErrorCode(code: string | null): code is ErrorCode {
  return errorCodes.includes(code as ErrorCode);
}

/** Why an upload was refused, one line per problem, in the reader's language. */
export function uploadErrorLines(t: TFunction, kind: ImportKind, error: unknown): string[] {
  if (!(error instanceof ImportUploadError) || error.status === 0) return [t('errors.NETWORK')];
  if (error.fields.length) {
    return error.fields.map(({ field, message }) => {
      const rule = rules.find(([name, pattern]) => name === field && pattern.test(message));
      if (rule) return rule[2](t, kind);
      return isVietnamese(message) ? message : t('imports.errors.other', { message });
    });
  }
  if (error.status === 401) return [t('errors.UNAUTHENTICATED')];
  if (error.status === 403) return [/own club/.test(error.message) ? t('imports.errors.ownClubOnly') : t('imports.errors.notAllowed')];
  if (error.status === 404) return [t('imports.errors.notFound')];
  if (error.status === 413) return [t('imports.errors.tooLarge')];
  if (isErrorCode(error.code) && error.code !== 'BAD_USER_INPUT' && error.code !== 'UNKNOWN') return [t(`errors.${error.code}`)];
  return [t('imports.errors.other', { message: error.message || error.status })];
}

export function useUploadErrorLines(kind: ImportKind): (error: unknown) => string[] {
  const { t } = useTranslation();
  return (error) => uploadErrorLines(t, kind, error);
}
