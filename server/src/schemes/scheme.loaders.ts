import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { listClubPlansOfSchemes } from '../club-plan/club-plan.service.js';
import type { ClubPlanEntry } from '../club-plan/club-plan.types.js';
import { findVisitsByIds, listVisitsOfSurveys } from '../surveys/survey.service.js';
import type { SurveyVisit } from '../surveys/survey.types.js';
import { findSchemesByIds, listBudgetLinesOfSchemes, listTargetsOfSchemes } from './scheme.service.js';
import type { BudgetLine, Disbursement, Scheme, Target } from './scheme.types.js';
import { listDisbursementsOfLines } from './spending.service.js';

function grouped<T>(keys: readonly string[], items: T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const item of items) groups.get(keyOf(item))?.push(item);
  return keys.map((key) => groups.get(key) ?? []);
}

export function createSchemeLoaders(db: () => Promise<EntityManager>) {
  return {
    schemeById: new DataLoader<string, Scheme | null>(async (ids) => {
      const byId = new Map((await findSchemesByIds(await db(), ids)).map((scheme) => [scheme.id, scheme]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    targetsBySchemeId: new DataLoader<string, Target[]>(async (ids) =>
      grouped(ids, await listTargetsOfSchemes(await db(), ids), (target) => target.schemeId),
    ),
    budgetLinesBySchemeId: new DataLoader<string, BudgetLine[]>(async (ids) =>
      grouped(ids, await listBudgetLinesOfSchemes(await db(), ids), (line) => line.schemeId),
    ),
    clubPlanBySchemeId: new DataLoader<string, ClubPlanEntry[]>(async (ids) =>
      grouped(ids, await listClubPlansOfSchemes(await db(), ids), (entry) => entry.schemeId),
    ),
    disbursementsByLineId: new DataLoader<string, Disbursement[]>(async (ids) =>
      grouped(ids, await listDisbursementsOfLines(await db(), ids), (payment) => payment.budgetLineId),
    ),
    visitsBySurveyId: new DataLoader<string, SurveyVisit[]>(async (ids) =>
      grouped(ids, await listVisitsOfSurveys(await db(), ids), (visit) => visit.surveyId),
    ),
    surveyVisitById: new DataLoader<string, SurveyVisit | null>(async (ids) => {
      const byId = new Map((await findVisitsByIds(await db(), ids)).map((visit) => [visit.id, visit]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
