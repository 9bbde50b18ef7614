import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { fieldErrorsOf } from '../errors';
import { CEILING_MESSAGE } from '../money';

type FieldMessageRule = [RegExp, (t: TFunction, match: RegExpMatchArray) => string];

/**
 * The server words field problems in English. Known ones are translated here; any other
 * falls back to a neutral message in Vietnamese, and to the server's own words in English.
 */
const fieldMessageRules: FieldMessageRule[] = [
  [/^must be at least (\d+) characters/, (t, match) => t('fieldErrors.minLength', { min: match[1] })],
  [/^must be at most (\d+) characters/, (t, match) => t('fieldErrors.maxLength', { max: match[1] })],
  [/^must not be the same as the login/, (t) => t('fieldErrors.sameAsLogin')],
  [/^must differ from the current password/, (t) => t('password.sameAsCurrent')],
  [/^is not your current password/, (t) => t('fieldErrors.wrongCurrentPassword')],
  [/^is already taken/, (t) => t('createUser.loginTaken')],
  [/^is not a club of your province/, (t) => t('createUser.clubNotFound')],
  [/^(must not be empty|is required)/, (t) => t('common.required')],
  [/^must be 3 to 64 characters/, (t) => t('createUser.loginHint')],
  [/^you cannot disable your own account/, (t) => t('fieldErrors.ownAccount')],
  [/^must be a whole number/, (t) => t('fieldErrors.wholeNumber')],
  [CEILING_MESSAGE, (t) => t('fieldErrors.amountCeiling')],
  [/^is too large/, (t) => t('fieldErrors.tooLarge')],
  [/^must be (\d{4}) or later/, (t, match) => t('fieldErrors.yearFrom', { year: match[1] })],
  [/^must be (\d{4}) or earlier/, (t, match) => t('fieldErrors.yearTo', { year: match[1] })],
  [/^say where the figure comes from/, (t) => t('referenceFigures.sourceRequired')],
];

export function translateFieldMessage(t: TFunction, language: string | undefined, message: string): string {
  for (const [pattern, translate] of fieldMessageRules) {
    const match = message.match(pattern);
    if (match) return translate(t, match);
  }
  return language === 'en' ? message : t('fieldErrors.invalid');
}

export function useFieldErrors(): (error: unknown) => Record<string, string> {
  const { t, i18n } = useTranslation();
  return (error) =>
    Object.fromEntries(
      Object.entries(fieldErrorsOf(error)).map(([field, message]) => [
        field,
        translateFieldMessage(t, i18n.resolvedLanguage, message),
      ]),
    );
}
