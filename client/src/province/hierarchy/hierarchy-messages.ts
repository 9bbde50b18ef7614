import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../app/errors';
import { useFieldErrors } from '../../app/ui/use-field-errors';

type Rule = [RegExp, (t: TFunction, match: RegExpMatchArray) => string];

/**
 * The server words hierarchy problems in English (they are also read by scripts and tests);
 * the ones a province admin meets are said here in the user's language.
 */
const rules: Rule[] = [
  [/^unknown parent: no unit has code (\S+)/, (t, m) => t('hierarchy.messages.unknownParent', { code: m[1] })],
  [/^duplicate code: also on row (\d+)/, (t, m) => t('hierarchy.messages.duplicateCode', { row: m[1] })],
  [/^duplicate: the same unit without a code is also on row (\d+)/, (t, m) => t('hierarchy.messages.duplicateUncoded', { row: m[1] })],
  [/^cycle: a unit cannot be its own parent/, (t) => t('hierarchy.messages.selfParent')],
  [/^cycle: (.*)$/, (t, m) => t('hierarchy.messages.cycle', { chain: m[1] })],
  [/^"(.*)" is not a kind of unit/, (t, m) => t('hierarchy.messages.badKind', { kind: m[1] })],
  [/^"(.*)" is not a GSO code/, (t, m) => t('hierarchy.messages.badCode', { code: m[1] })],
  [/^must be 2 to 8 digits/, (t) => t('hierarchy.messages.codeFormat')],
  [/^is empty|^must not be empty/, (t) => t('hierarchy.messages.emptyName')],
  [/^is longer than/, (t) => t('hierarchy.messages.nameTooLong')],
  [/^is required \(only the province/, (t) => t('hierarchy.messages.parentRequired')],
  [/cannot be under a/, (t) => t('hierarchy.messages.levelMismatch')],
  [/^the parent .* is retired|^is retired; choose a unit in force/, (t) => t('hierarchy.messages.retiredParent')],
  [/^belongs to a retired unit/, (t) => t('hierarchy.messages.retiredUnit')],
  [/would no longer be of a lower level/, (t) => t('hierarchy.messages.strandedChildren')],
  [/^is already the code of/, (t) => t('hierarchy.messages.codeTaken')],
  [/^is not a unit of your province|are not all units of your province/, (t) => t('hierarchy.messages.notInProvince')],
  [/^cannot be the unit itself or a unit under it|is the unit itself or under it|must not be one of the merged units/, (t) => t('hierarchy.messages.insideItself')],
  [/has (\d+) clubs/, (t) => t('hierarchy.messages.hasClubs')],
  [/active units under it/, (t) => t('hierarchy.messages.hasChildren')],
  [/already retired/, (t) => t('hierarchy.messages.alreadyRetired')],
  [/^must be at least two days after/, (t) => t('hierarchy.messages.tooEarly')],
  [/retire it instead|cannot be deleted/, (t) => t('hierarchy.messages.stillInUse')],
  [/^a split needs at least two successors/, (t) => t('hierarchy.messages.twoSuccessors')],
  [/^give either an existing unit or a new one/, (t) => t('hierarchy.messages.pickOne')],
  [/^(.+) must each go to a successor/, (t, m) => t('hierarchy.messages.childrenUnassigned', { names: m[1] })],
  [/^"(.*)" is not a date/, (t, m) => t('hierarchy.messages.badDate', { value: m[1] })],
  [/^must be after valid_from/, (t) => t('hierarchy.messages.validToOrder')],
  [/^a unit in force is retired on the hierarchy screen/, (t) => t('hierarchy.messages.notRetiredByImport')],
  [/^is not the retired unit’s last day \((\d{4})-(\d{2})-(\d{2})\)/, (t, m) => t('hierarchy.messages.retiredLastDay', { date: `${m[3]}/${m[2]}/${m[1]}` })],
  [/rows have problems/, (t) => t('hierarchy.messages.rowsHaveProblems')],
  [/^the import holds \d+ rows/, (t) => t('hierarchy.messages.rowCountChanged')],
];

export function translateHierarchyMessage(t: TFunction, message: string): string | null {
  for (const [pattern, translate] of rules) {
    const match = message.match(pattern);
    if (match) return translate(t, match);
  }
  return null;
}

/** Field errors of a hierarchy mutation, keyed by the last part of the field path, in the user's language. */
export function useHierarchyFieldErrors(): (error: unknown) => Record<string, string> {
  const { t } = useTranslation();
  const generic = useFieldErrors();
  return (error) => {
    const translated = generic(error);
    for (const [field, message] of Object.entries(fieldErrorsOf(error))) {
      const own = translateHierarchyMessage(t, message);
      if (own) translated[field] = own;
    }
    return translated;
  };
}

/** A problem of an import row, in the user's language (the server's words when none fits, in English). */
export function useImportProblemText(): (message: string) => string {
  const { t } = useTranslation();
  return (message) => translateHierarchyMessage(t, message) ?? message;
}
