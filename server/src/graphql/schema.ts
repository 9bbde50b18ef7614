import 'reflect-metadata';
import { isObjectType, lexicographicSortSchema, printSchema, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ActivityResolver, HomeCareVisitResolver } from '../activities/activity.resolver.js';
import { AdminUnitChangeResolver } from '../admin-units/admin-unit-changes.resolver.js';
import { AdminUnitResolver, AdminUnitSuccessionResolver } from '../admin-units/admin-unit.resolver.js';
import { ClubPlanResolver } from '../club-plan/club-plan.resolver.js';
import { ClubResolver } from '../clubs/club.resolver.js';
import { figureResolvers } from '../figures/figure.resolver.js';
import { DataImportResolver } from '../imports/data-import.resolver.js';
import { LedgerResolver } from '../funds/ledger.resolver.js';
import { LoanResolver } from '../loans/loan.resolver.js';
import { MeetingSheetResolver } from '../meeting-sheet/meeting-sheet.resolver.js';
import { MemberResolver, memberFieldsFromRow } from '../members/member.resolver.js';
import { MonthlyReportResolver } from '../monthly-reports/monthly-report.resolver.js';
import { ProgramResolver } from '../program/program.resolver.js';
import { ReferenceFigureResolver } from '../reference-figures/reference-figure.js';
import {
  BudgetLineResolver,
  DisbursementResolver,
  SchemeResolver,
  TargetResolver,
  TargetShareResolver,
} from '../schemes/scheme.resolver.js';
import { SurveyResolver, SurveyVisitResolver } from '../surveys/survey.resolver.js';
import { TenantResolver } from '../tenants/tenant.resolver.js';
import { UserResolver } from '../users/user.resolver.js';
import { authChecker } from './auth-checker.js';
import { validateArguments } from './validation.js';

export const resolvers = [TenantResolver, AdminUnitResolver, AdminUnitSuccessionResolver, AdminUnitChangeResolver, ClubResolver, UserResolver,
  // The province workspace.
  ProgramResolver, SchemeResolver, TargetResolver, TargetShareResolver, BudgetLineResolver, DisbursementResolver,
  ClubPlanResolver, SurveyResolver, SurveyVisitResolver, ReferenceFigureResolver, MemberResolver, ActivityResolver,
  HomeCareVisitResolver, DataImportResolver, LedgerResolver, LoanResolver, MeetingSheetResolver, MonthlyReportResolver,
  // Live figures: dashboards, the national comparison, the early warning.
  ...figureResolvers] as const;

let built: Promise<GraphQLSchema> | undefined;

/** The API schema, built once per process from the resolver classes. */
export function buildApiSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [...resolvers],
    authChecker,
    authMode: 'error',
    validateFn: validateArguments,
  }).then(describeRootTypes).then(resolveFromRows);
  return built;
}

/**
 * Fields computed from their parent's row alone, resolved by plain synchronous functions instead
 * of type-graphql's resolver pipeline (arguments converted and checked, always a promise): lists
 * resolve them once per item. Their declarations (types, arguments, descriptions) stay with the
 * resolver classes; their scalars have checked the arguments already.
 */
const FIELDS_FROM_ROWS: Record<string, Record<string, GraphQLFieldResolver<never, unknown, never>>> = {
  Member: memberFieldsFromRow,
};

function resolveFromRows(schema: GraphQLSchema): GraphQLSchema {
  for (const [typeName, resolvers] of Object.entries(FIELDS_FROM_ROWS)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`${typeName} is not an object type of the schema`);
    for (const [fieldName, resolve] of Object.entries(resolvers)) {
      const field = type.getFields()[fieldName];
      if (!field) throw new Error(`${typeName}.${fieldName} is not a field of the schema`);
      field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
    }
  }
  return schema;
}

function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = 'What can be read; every field needs a signed-in account.';
  if (mutation) mutation.description = 'What can be changed. Each request is one transaction: all of it is saved, or none.';
  return schema;
}

/** The SDL checked in as schema/schema.graphql. */
export async function printApiSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildApiSchema()))}\n`;
}
