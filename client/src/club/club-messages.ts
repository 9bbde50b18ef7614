import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { fieldProblemsOf } from '../app/errors';
import { formatDate, formatVnd } from '../app/format';
import { CEILING_MESSAGE } from '../app/money';

export interface ClubProblem {
  /** The path inside the input, e.g. "repayments[2].principal" or "fullName". */
  field: string;
  message: string;
}

/** The server writes "1,855,000,000 VND"; the screens write "1.855.000.000 ₫". */
function money(text: string): string {
  const match = /^(-?)([\d,]+) VND$/.exec(text.trim());
  return match ? formatVnd(`${match[1]}${match[2].replace(/,/g, '')}`) : text;
}

function fundName(t: TFunction, serverName: string): string {
  return serverName.includes('income') ? t('clubArea.funds.INCOME_GENERATION') : t('clubArea.funds.ACTIVITY');
}

type Rule = [RegExp, (t: TFunction, match: RegExpMatchArray) => string];

/** The server words problems in English; those club staff meet are said here in their words. */
const rules: Rule[] = [
  [/^is more than (the .+ fund) holds \((.+?)\); asked (.+)$/, (t, m) => t('clubArea.messages.overdraw', { fund: fundName(t, m[1]), balance: money(m[2]), amount: money(m[3]) })],
  [/^is more than what is owed \((.+?)\); paid (.+)$/, (t, m) => t('clubArea.messages.overpaid', { owed: money(m[1]), paid: money(m[2]) })],
  [/^already has a loan that is not repaid; the club allows one loan per member/, (t) => t('clubArea.messages.oneLoan')],
  [/^already has (\d+) loans that are not repaid; the club allows (\d+)/, (t, m) => t('clubArea.messages.manyLoans', { count: Number(m[1]), max: m[2] })],
  [/is not a member of the club on the day of the activity/, (t) => t('clubArea.messages.notMemberOnDay')],
  [/^(\d+) of those who came were not members on that day/, (t, m) => t('clubArea.messages.attendeesNotMembers', { count: Number(m[1]) })],
  [/is not a member of the club on that day/, (t) => t('clubArea.messages.notMemberThatDay')],
  [/is not a home-care volunteer/, (t) => t('clubArea.messages.notVolunteer')],
  [/a volunteer does not visit themself/, (t) => t('clubArea.messages.visitSelf')],
  [/choose at least one kind of help/, (t) => t('clubArea.messages.chooseKind')],
  [/^must not be in the future/, (t) => t('clubArea.messages.future')],
  [/^must not be before (\d{4}-\d{2}-\d{2})/, (t, m) => t('clubArea.messages.notBefore', { date: formatDate(m[1]) })],
  [/^must be between (\d+) and (\d+)/, (t, m) => t('clubArea.messages.between', { min: m[1], max: m[2] })],
  [/^must be (\d{4}) or later/, (t, m) => t('clubArea.messages.yearFrom', { year: m[1] })],
  [/^must be (\d{4}) or earlier/, (t, m) => t('clubArea.messages.yearTo', { year: m[1] })],
  [/^must be after the year of birth/, (t) => t('clubArea.messages.afterBirth')],
  [/a household is poor or near-poor, not both/, (t) => t('clubArea.messages.poorOrNearPoor')],
  [/^is not a hamlet/, (t) => t('clubArea.messages.notHamlet')],
  [/^is already held by (.+)$/, (t, m) => t('clubArea.messages.seatTaken', { name: m[1] })],
  [/^must be before the day they left/, (t) => t('clubArea.messages.joinBeforeLeave')],
  [/^give the reason for leaving/, (t) => t('clubArea.messages.leaveReason')],
  [/^has already left the club/, (t) => t('clubArea.messages.alreadyLeft')],
  [/^must not be before the day they joined/, (t) => t('clubArea.messages.beforeJoined')],
  [/^still has a loan that is approved or not repaid/, (t) => t('clubArea.messages.leaverHasLoan')],
  [/^is not flagged as a possible duplicate/, (t) => t('clubArea.messages.notFlagged')],
  [/^must be 12 digits/, (t) => t('clubArea.messages.citizenId')],
  [/^is not a phone number/, (t) => t('clubArea.messages.phone')],
  [/loan movements are recorded on the loan/, (t) => t('clubArea.messages.directKinds')],
  [/seed capital goes to the income-generation fund/, (t) => t('clubArea.messages.seedCapitalFund')],
  [/^must be more than 0/, (t) => t('clubArea.messages.positive')],
  [/^is not a member of this club/, (t) => t('clubArea.messages.notMember')],
  [/say who contributed, or describe the contribution/, (t) => t('clubArea.messages.whoContributed')],
  [/say what the money was spent on/, (t) => t('clubArea.messages.spentOn')],
  [/give the reason for the correction/, (t) => t('clubArea.messages.correctionReason')],
  [/belongs to a loan; reverse the repayment or the loan instead/, (t) => t('clubArea.messages.belongsToLoan')],
  [/is itself a correction/, (t) => t('clubArea.messages.isCorrection')],
  [/was already reversed/, (t) => t('clubArea.messages.alreadyReversed')],
  [/^has left the club/, (t) => t('clubArea.messages.alreadyLeft')],
  [/only an active club lends/, (t) => t('clubArea.messages.activeClubLends')],
  [/give either a monthly rate/, (t) => t('clubArea.messages.rateOrFee')],
  [/must be a percent per month/, (t) => t('clubArea.messages.rateFormat')],
  [/must be at most 10 percent per month/, (t) => t('clubArea.messages.rateMax')],
  [CEILING_MESSAGE, (t) => t('fieldErrors.amountCeiling')],
  [/^must not be negative/, (t) => t('clubArea.messages.notNegative')],
  [/only a requested loan can be approved/, (t) => t('clubArea.messages.onlyRequested')],
  [/only a loan not yet paid out can be rejected/, (t) => t('clubArea.messages.onlyNotPaidOut')],
  [/give the board’s reason/, (t) => t('clubArea.messages.boardReason')],
  [/only a loan approved by the board can be paid out/, (t) => t('clubArea.messages.onlyApproved')],
  [/must be after the day it is paid out/, (t) => t('clubArea.messages.firstDueAfterPayout')],
  [/only a loan being repaid/, (t) => t('clubArea.messages.onlyRunning')],
  [/the loan was written off; its repayments stay/, (t) => t('clubArea.messages.writtenOff')],
  [/^must be after today/, (t) => t('clubArea.messages.afterToday')],
  [/^must be at (least 1|most 60) months?/, (t) => t('clubArea.messages.term')],
  [/appears twice on the sheet/, (t) => t('clubArea.messages.twiceOnSheet')],
  [/must not be a month still to come/, (t) => t('clubArea.messages.futureMonth')],
  [/the report for this month was submitted/, (t) => t('clubArea.messages.reportSubmitted')],
  [/a month is reported once it is over/, (t) => t('clubArea.messages.monthNotOver')],
  [/was already used for a different request/, (t) => t('clubArea.messages.keyReused')],
  [/the club is dissolved/, (t) => t('clubArea.messages.dissolved')],
  [/^must be at most ([\d,]+) characters/, (t, m) => t('fieldErrors.maxLength', { max: m[1].replace(/,/g, '.') })],
  [/^(must not be empty|is required)/, (t) => t('common.required')],
];

export function translateClubMessage(t: TFunction, language: string | undefined, message: string): string {
  for (const [pattern, render] of rules) {
    const match = message.match(pattern);
    if (match) return render(t, match);
  }
  return language === 'en' ? message : t('fieldErrors.invalid');
}

/**
 * One spelling for a field's path: the service writes "repayments[2].principal", input validation
 * "input.repayments.2.principal".
 */
export function normalisePath(field: string): string {
  return field.replace(/^input\./, '').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

export function useClubProblems(): (error: unknown) => ClubProblem[] {
  const { t, i18n } = useTranslation();
  return (error) =>
    fieldProblemsOf(error).map((problem) => ({
      field: normalisePath(problem.field),
      message: translateClubMessage(t, i18n.resolvedLanguage, problem.message),
    }));
}

/**
 * A failed save split for a simple form: messages next to the form's own fields, and one message
 * for the rest (or the general error when the server named no field).
 */
export function splitProblems(
  problems: ClubProblem[],
  formFields: ReadonlySet<string>,
  generalMessage: () => string,
  aliases: Record<string, string> = {},
): { fieldErrors: Record<string, string>; formError: string | null } {
  const fieldErrors: Record<string, string> = {};
  const others: string[] = [];
  for (const problem of problems) {
    const field = aliases[problem.field] ?? problem.field;
    if (formFields.has(field)) fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]} ${problem.message}` : problem.message;
    else others.push(problem.message);
  }
  return { fieldErrors, formError: others.length ? others.join(' ') : problems.length ? null : generalMessage() };
}
