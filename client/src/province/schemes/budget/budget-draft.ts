// Explicit extensions: the unit tests import this file, and they are type-checked under NodeNext.
import { moneyForApi, moneyFromApi, moneyProblem, parseMoney, VND_ENTRY_CEILING, type MoneyProblem, type Vnd } from '../../../app/money.js';
import type { BudgetLineInput, BudgetPurpose, BudgetSource, ClubPlanStatus } from '../../../gql/graphql.js';

export const budgetSources: BudgetSource[] = ['PROVINCE_BUDGET', 'CENTRAL_BUDGET', 'MOBILISED', 'CLUB_CONTRIBUTIONS', 'OTHER'];
export const budgetPurposes: BudgetPurpose[] = ['SEED_CAPITAL', 'TRAINING', 'COMMUNICATION', 'MANAGEMENT', 'OTHER'];

/** A budget line as typed: money as digit strings, the year as '' for the whole period. */
export interface BudgetLineDraft {
  key: string;
  id: string | null;
  source: BudgetSource;
  purpose: BudgetPurpose;
  year: string;
  description: string;
  perClub: boolean;
  amount: string;
  perClubAmount: string;
  plannedClubs: string;
}

export interface BudgetDraft {
  statedTotal: string;
  lines: BudgetLineDraft[];
}

interface SavedLine {
  id: string;
  source: BudgetSource;
  purpose: BudgetPurpose;
  year?: number | null;
  description?: string | null;
  amount: Vnd;
  perClubAmount?: Vnd | null;
  plannedClubs?: number | null;
}

let lastKey = 0;
function newKey(): string {
  lastKey += 1;
  return `line-${lastKey}`;
}

export function draftFromSaved(totalBudget: Vnd, lines: SavedLine[]): BudgetDraft {
  return {
    statedTotal: totalBudget ? moneyFromApi(totalBudget) : '',
    lines: lines.map((line) => ({
      key: line.id,
      id: line.id,
      source: line.source,
      purpose: line.purpose,
      year: line.year ? String(line.year) : '',
      description: line.description ?? '',
      perClub: line.plannedClubs !== null && line.plannedClubs !== undefined,
      amount: moneyFromApi(line.amount),
      perClubAmount: moneyFromApi(line.perClubAmount),
      plannedClubs: line.plannedClubs ? String(line.plannedClubs) : '',
    })),
  };
}

export function emptyLine(source: BudgetSource = 'PROVINCE_BUDGET'): BudgetLineDraft {
  return {
    key: newKey(),
    id: null,
    source,
    purpose: 'OTHER',
    year: '',
    description: '',
    perClub: false,
    amount: '',
    perClubAmount: '',
    plannedClubs: '',
  };
}

/** The line's amount as typed, or per club × clubs; null while something is missing. */
export function lineAmount(line: BudgetLineDraft): bigint | null {
  if (!line.perClub) return parseMoney(line.amount);
  const perClub = parseMoney(line.perClubAmount);
  const clubs = parseMoney(line.plannedClubs);
  return perClub === null || clubs === null ? null : perClub * clubs;
}

export function linesTotal(lines: BudgetLineDraft[]): bigint {
  return lines.reduce((sum, line) => sum + (lineAmount(line) ?? 0n), 0n);
}

export interface TotalsCheck {
  linesTotal: bigint;
  statedTotal: bigint;
  /** Lines total minus stated total, as the server reports it. */
  difference: bigint;
  balanced: boolean;
}

export function checkTotals(draft: BudgetDraft): TotalsCheck {
  const total = linesTotal(draft.lines);
  const stated = parseMoney(draft.statedTotal) ?? 0n;
  return { linesTotal: total, statedTotal: stated, difference: total - stated, balanced: total === stated };
}

export interface PerClubMismatch {
  line: BudgetLineDraft;
  year: number | null;
  plannedClubs: number;
  clubsInPlan: number;
}

interface PlanEntry {
  plannedYear: number;
  status: ClubPlanStatus;
}

/** Per-club lines against the club plan (dropped communes not counted), by year when the line has one: as the server checks before approval. */
export function perClubMismatches(lines: BudgetLineDraft[], plan: PlanEntry[]): PerClubMismatch[] {
  const counted = plan.filter((entry) => entry.status !== 'DROPPED');
  return lines
    .filter((line) => line.perClub && line.plannedClubs !== '')
    .map((line) => {
      const year = line.year ? Number(line.year) : null;
      const clubsInPlan = year === null ? counted.length : counted.filter((entry) => entry.plannedYear === year).length;
      return { line, year, plannedClubs: Number(line.plannedClubs), clubsInPlan };
    })
    .filter((mismatch) => mismatch.plannedClubs !== mismatch.clubsInPlan);
}

export type LineProblem = 'amountRequired' | MoneyProblem;

/** Problems the client can see before asking the server, keyed by line key and field. */
export function draftProblems(draft: BudgetDraft): Map<string, LineProblem> {
  const problems = new Map<string, LineProblem>();
  const stated = moneyProblem(draft.statedTotal);
  if (stated) problems.set('statedTotal', stated);
  for (const line of draft.lines) {
    const field = line.perClub ? 'perClubAmount' : 'amount';
    const typed = moneyProblem(line.perClub ? line.perClubAmount : line.amount);
    const amount = lineAmount(line);
    if (typed) problems.set(`${line.key}.${field}`, typed);
    else if (line.perClub && line.perClubAmount === '') problems.set(`${line.key}.perClubAmount`, 'amountRequired');
    else if (line.perClub && line.plannedClubs === '') problems.set(`${line.key}.plannedClubs`, 'amountRequired');
    else if (amount === null) problems.set(`${line.key}.${field}`, 'amountRequired');
    // Per club × clubs is one entry of the budget too.
    else if (amount > VND_ENTRY_CEILING) problems.set(`${line.key}.${field}`, 'ceiling');
  }
  return problems;
}

/** Only call once draftProblems is empty: every amount is then present and safe to send. */
export function budgetInput(draft: BudgetDraft): { totalBudget: number; lines: BudgetLineInput[] } {
  return {
    totalBudget: moneyForApi(parseMoney(draft.statedTotal) ?? 0n) ?? 0,
    lines: draft.lines.map((line) => ({
      id: line.id,
      source: line.source,
      purpose: line.purpose,
      year: line.year ? Number(line.year) : null,
      description: line.description.trim().normalize('NFC') || null,
      ...(line.perClub
        ? {
            perClubAmount: moneyForApi(parseMoney(line.perClubAmount) ?? 0n),
            plannedClubs: Number(line.plannedClubs),
            amount: null,
          }
        : { amount: moneyForApi(parseMoney(line.amount) ?? 0n), perClubAmount: null, plannedClubs: null }),
    })),
  };
}
