import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { fieldProblemsOf } from '../../app/errors';
import { formatVnd } from '../../app/format';
import { CEILING_MESSAGE } from '../../app/money';

export interface SchemeProblem {
  /** The server's full path, e.g. "lines[2].amount" or "totalBudget". */
  field: string;
  message: string;
}

/** The server writes "1,855,000,000 VND"; the screens write "1.855.000.000 ₫". */
function money(text: string | undefined): string {
  const match = /^(-?)([\d,]+) VND$/.exec(text ?? '');
  return match ? formatVnd(`${match[1]}${match[2].replace(/,/g, '')}`) : (text ?? '');
}

type Rule = [RegExp, (t: TFunction, match: RegExpMatchArray) => string];

/** The server words problems in English; the ones of schemes, budgets, plans and surveys are translated here. */
const rules: Rule[] = [
  [
    /^the budget lines add up to (.+?), (.+?) (more|less) than the stated total (.+)$/,
    (t, m) =>
      t('schemes.messages.linesTotal', {
        lines: money(m[1]),
        off: money(m[2]),
        stated: money(m[4]),
        direction: m[3] === 'more' ? t('schemes.messages.more') : t('schemes.messages.less'),
      }),
  ],
  [
    /^pays for (\d+) clubs but the club plan has (\d+)(?: in (\d+))?/,
    (t, m) =>
      t('schemes.messages.perClub', {
        planned: m[1],
        inPlan: m[2],
        year: m[3] ? t('schemes.messages.perClubYear', { year: m[3] }) : '',
      }),
  ],
  [/needs at least one target/, (t) => t('schemes.messages.needsTarget')],
  [/needs a budget before approval/, (t) => t('schemes.messages.needsBudget')],
  [/^say who approved/, (t) => t('schemes.messages.needsBody')],
  [/changes only through a revision/, (t) => t('schemes.messages.needsReason')],
  [/the scheme is closed/, (t) => t('schemes.messages.closedScheme')],
  [/only a draft scheme/, (t) => t('schemes.messages.onlyDraft')],
  [/only an approved scheme|only against an approved scheme/, (t) => t('schemes.messages.onlyApproved')],
  [/must not be before the first year/, (t) => t('schemes.messages.beforeFirstYear')],
  [/lasts at most 30 years/, (t) => t('schemes.messages.tooLong')],
  [/must be within the scheme’s period (\S+)/, (t, m) => t('schemes.messages.withinPeriod', { period: m[1] })],
  [/give both the amount per club/, (t) => t('schemes.messages.perClubBoth')],
  [/must be more than 0/, (t) => t('schemes.messages.positive')],
  [/must be between 1 and 100,000/, (t) => t('schemes.messages.clubsRange')],
  [/must equal the amount per club × clubs \((.+)\)/, (t, m) => t('schemes.messages.perClubProduct', { amount: money(m[1]) })],
  [CEILING_MESSAGE, (t) => t('fieldErrors.amountCeiling')],
  [/is too large/, (t) => t('schemes.messages.tooLarge')],
  [/is less than what was already paid from it \((.+)\)/, (t, m) => t('schemes.messages.lessThanPaid', { amount: money(m[1]) })],
  [/the line (\S+) has payments \((.+)\)/, (t, m) => t('schemes.messages.hasPayments', { line: m[1], amount: money(m[2]) })],
  [/more than what remains on this line \((.+)\)/, (t, m) => t('schemes.messages.moreThanRemains', { amount: money(m[1]) })],
  [/^is not a unit of your province/, (t) => t('spending.unitNotFound')],
  [/^is not a club of your province/, (t) => t('spending.clubNotFound')],
  [/is in the plan already/, (t) => t('schemes.messages.alreadyInPlan')],
  [/must be a commune, ward or town/, (t) => t('schemes.messages.notCommune')],
  [/the club was founded/, (t) => t('schemes.messages.founded')],
  [/was visited in this survey already/, (t) => t('schemes.messages.alreadyVisited')],
  [/must not be before the first day/, (t) => t('schemes.messages.endBeforeStart')],
  [/is itself a reversal/, (t) => t('schemes.messages.isReversal')],
  [/^(must not be empty|is required)/, (t) => t('common.required')],
];

function translate(t: TFunction, language: string | undefined, message: string): string {
  for (const [pattern, render] of rules) {
    const match = message.match(pattern);
    if (match) return render(t, match);
  }
  return language === 'en' ? message : t('fieldErrors.invalid');
}

export function useSchemeProblems(): (error: unknown) => SchemeProblem[] {
  const { t, i18n } = useTranslation();
  return (error) =>
    fieldProblemsOf(error).map((problem) => ({
      field: problem.field.replace(/^input\./, ''),
      message: translate(t, i18n.resolvedLanguage, problem.message),
    }));
}

/** Problems keyed by the last segment of their path, for forms without repeated rows. */
export function problemsByField(problems: SchemeProblem[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const problem of problems) {
    const field = problem.field.split('.').pop() ?? problem.field;
    result[field] = result[field] ? `${result[field]} ${problem.message}` : problem.message;
  }
  return result;
}

/**
 * A failed save split for a form: errors next to the form's own fields, and one message for
 * the rest (or the general error when the server named no field).
 */
export function formProblemsOf(
  problems: Record<string, string>,
  formFields: ReadonlySet<string>,
  generalMessage: () => string,
): { fieldErrors: Record<string, string>; formError: string | null } {
  const entries = Object.entries(problems);
  const others = entries.filter(([field]) => !formFields.has(field)).map(([, message]) => message);
  return {
    fieldErrors: Object.fromEntries(entries.filter(([field]) => formFields.has(field))),
    formError: others.length ? others.join(' ') : entries.length ? null : generalMessage(),
  };
}
