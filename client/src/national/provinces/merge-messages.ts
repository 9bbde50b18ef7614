import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { fieldProblemsOf } from '../../app/errors';
import { formatDate } from '../../app/format';
import { translateFieldMessage } from '../../app/ui/use-field-errors';

type Rule = [RegExp, (t: TFunction, match: RegExpMatchArray) => string];

/** The server's words for what it found dated on or after the merge day, and ours. */
const activities = {
  'a club founded': 'clubFounded',
  'a club status change': 'clubStatusChange',
  'a member joining': 'memberJoining',
  'a member leaving': 'memberLeaving',
  'an activity': 'activity',
  'a home-care visit': 'homeCareVisit',
  'a fund entry': 'fundEntry',
  'a loan request': 'loanRequest',
  'a loan paid out': 'loanPaidOut',
  'a loan event': 'loanEvent',
  'a repayment': 'repayment',
  'a disbursement': 'disbursement',
  'a survey visit': 'surveyVisit',
  'a monthly report': 'monthlyReport',
} as const;

function activityName(t: TFunction, what: string): string {
  const key = (activities as Record<string, (typeof activities)[keyof typeof activities]>)[what] ?? 'other';
  return t(`provinces.merge.messages.activities.${key}`);
}

/** The server words a refused merger in English (tenant-merge.service.ts); its problems are translated here. */
const rules: Rule[] = [
  [/^names a province twice/, (t) => t('provinces.merge.messages.twice')],
  [/^a merge needs at least two provinces/, (t) => t('provinces.merge.tooFew')],
  [/^cannot also be a predecessor/, (t) => t('provinces.merge.messages.successorIsPredecessor')],
  [/^must be a date/, (t) => t('provinces.merge.dateInvalid')],
  [/^must say why/, (t) => t('provinces.merge.reasonRequired')],
  [/^must be the two-digit GSO province code/, (t) => t('provinces.merge.codeInvalid')],
  [/^must be lower-case letters and digits joined by hyphens/, (t) => t('provinces.merge.slugInvalid')],
  [/^must be 1 to 200 characters/, (t) => t('provinces.merge.nameInvalid')],
  [/^is not a province (workspace|identifier)/, (t) => t('provinces.merge.messages.notProvince')],
  [/^(.+) is already retired$/, (t, match) => t('provinces.merge.messages.alreadyRetired', { name: match[1] })],
  [/^(.+) is not in use$/, (t, match) => t('provinces.merge.messages.notInUse', { name: match[1] })],
  [/^is used by another province/, (t) => t('provinces.merge.messages.taken')],
  [/^must be after (.+) began \((\d{4}-\d{2}-\d{2})\)/, (t, match) => t('provinces.merge.messages.afterBegan', { name: match[1], date: formatDate(match[2]) })],
  [
    /^must be after (.+)'s last recorded activity \((.+) on (\d{4}-\d{2}-\d{2})\)/,
    (t, match) => t('provinces.merge.messages.afterActivity', { name: match[1], what: activityName(t, match[2]), date: formatDate(match[3]) }),
  ],
];

export interface MergeProblem {
  /** The server's path without the argument's name: "effectiveOn", "successor.code", "predecessorIds[1]". */
  field: string;
  message: string;
}

export function useMergeProblems(): (error: unknown) => MergeProblem[] {
  const { t, i18n } = useTranslation();
  return (error) =>
    fieldProblemsOf(error).map((problem) => {
      const rule = rules.find(([pattern]) => pattern.test(problem.message));
      const match = rule && problem.message.match(rule[0]);
      return {
        field: problem.field.replace(/^input\./, ''),
        message: rule && match ? rule[1](t, match) : translateFieldMessage(t, i18n.resolvedLanguage, problem.message),
      };
    });
}
