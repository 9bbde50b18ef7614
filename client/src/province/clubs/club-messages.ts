import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { fieldProblemsOf } from '../../app/errors';
import { formatDate } from '../../app/format';
import type { ClubStatus } from '../../gql/graphql';

type Rule = [RegExp, (t: TFunction, match: RegExpMatchArray) => string];

const clubStatuses: readonly string[] = ['PLANNED', 'ACTIVE', 'SUSPENDED', 'DISSOLVED'] satisfies ClubStatus[];

function statusName(t: TFunction, lowerCase: string): string {
  const status = lowerCase.toUpperCase();
  return clubStatuses.includes(status) ? t(`clubStatus.${status as ClubStatus}`) : lowerCase;
}

/** The server words problems of clubs and monthly reports in English; the ones a province admin meets are said here. */
const rules: Rule[] = [
  [/^must be at most ([\d,]+) characters/, (t, m) => t('fieldErrors.maxLength', { max: m[1].replace(/,/g, '.') })],
  [/^(must not be empty|is required)/, (t) => t('provinceClubs.messages.required')],
  [/^must not be in the future/, (t) => t('provinceClubs.messages.future')],
  [/^must not be before (\d{4}-\d{2}-\d{2})/, (t, m) => t('provinceClubs.messages.notBefore', { date: formatDate(m[1]) })],
  [/^is not a hamlet of this commune/, (t) => t('provinceClubs.messages.notHamletOfCommune')],
  [/^is not a scheme of your province/, (t) => t('provinceClubs.messages.notScheme')],
  [/^is not a current commune, ward or town/, (t) => t('provinceClubs.messages.notCommune')],
  [/^is not an entry of your club plan/, (t) => t('provinceClubs.messages.notPlanEntry')],
  [/^already has its club/, (t) => t('provinceClubs.messages.planHasClub')],
  [/^is planned for another commune/, (t) => t('provinceClubs.messages.planOtherCommune')],
  [/^an? (\w+) club cannot become (\w+)/, (t, m) => t('provinceClubs.messages.statusMove', { from: statusName(t, m[1]), to: statusName(t, m[2]) })],
  [/^give the reason/, (t) => t('provinceClubs.messages.giveReason')],
  [/still has (\d+) loans not repaid/, (t, m) => t('provinceClubs.messages.openLoans', { count: Number(m[1]) })],
  [/the club is dissolved/, (t) => t('provinceClubs.messages.dissolved')],
  [/^only a submitted report/, (t) => t('provinceClubs.messages.onlySubmitted')],
  [/^only an approved report/, (t) => t('provinceClubs.messages.onlyApproved')],
  [/^say what the club should correct/, (t) => t('provinceClubs.messages.sayWhat')],
  [/^must be a day from 1 to 28/, (t) => t('provinceClubs.messages.dueDayRange')],
  [/^must be at (least 1|most 5)$/, (t) => t('provinceClubs.messages.loansRange')],
];

function translate(t: TFunction, language: string | undefined, message: string): string {
  for (const [pattern, render] of rules) {
    const match = message.match(pattern);
    if (match) return render(t, match);
  }
  return language === 'en' ? message : t('fieldErrors.invalid');
}

/** Field problems of a failed save, keyed by the last segment of their path ("input.comment" → "comment"). */
export function useClubProblems(): (error: unknown) => Record<string, string> {
  const { t, i18n } = useTranslation();
  return (error) => {
    const result: Record<string, string> = {};
    for (const problem of fieldProblemsOf(error)) {
      const field = problem.field.split('.').pop() ?? problem.field;
      const message = translate(t, i18n.resolvedLanguage, problem.message);
      result[field] = result[field] ? `${result[field]} ${message}` : message;
    }
    return result;
  };
}
